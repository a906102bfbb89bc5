"""Content words shared by questions and texts."""

from models.content_words import stems, words


def test_words_drop_question_words_and_stopwords() -> None:
    assert words("What do we need to find in training?") == ["need", "find", "training"]


def test_stems_match_word_forms_and_ignore_case() -> None:
    assert stems("How many PARAMETERS?") & stems("BERT_LARGE contains 340M parameters")
    assert stems("What is BERT pretrained on?") & stems("BERT pretraining uses unlabeled text")
    assert not stems("What is the capital of France?") & stems("Larger batches produce stable updates.")
    assert stems("What is it?") == frozenset()  # nothing but question words and stopwords
