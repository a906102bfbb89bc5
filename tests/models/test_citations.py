"""What the notes' links are to a student: the words the notes never write beside them."""

from __future__ import annotations

from models.citations import link_words

SOURCE = "Source: https://aclanthology.org/N19-1423.pdf [BERT: Pre-training of Deep Bidirectional Transformers]"


def test_a_link_is_called_by_its_kind_and_a_bracket_after_it_is_its_title() -> None:
    assert link_words(SOURCE) == "link paper title"
    assert link_words("More techy: https://www.youtube.com/watch?v=TLPmlVeEf1k") == "link video"
    assert link_words("See https://github.com/x/A_Visual_Notebook.ipynb?msclkid=1") == "link notebook"
    assert link_words("Source: https://www.manning.com/books/deep-learning-with-python") == "link book"
    assert link_words("On SQuAD: https://rajpurkar.github.io/SQuAD-explorer/") == "link"
    assert link_words("No link here [a bracket].") == ""
    assert link_words(f"{SOURCE} and {SOURCE}") == "link paper title"  # each word once
