"""The reader's prose view of Markdown: blocks become sentences, and every character maps back."""

from hypothesis import given
from hypothesis import strategies as st

from models.reading_view import is_soft_break, pack, reading_view, view_sentences

FACTS = "Fun-facts:\n1. BERT_BASE contains 110M\n2. BERT is a 2018 child of Google Researchers\n3. Pretraining is key"


def test_list_items_become_sentences() -> None:
    view = reading_view(FACTS)
    assert view.text == (
        "Fun-facts: BERT_BASE contains 110M. BERT is a 2018 child of Google Researchers. Pretraining is key"
    )


def test_soft_wraps_stay_one_sentence_and_hard_breaks_end_one() -> None:
    text = (
        "BERT is designed to pretrain on both\nleft and right context.\n"
        "Let us make a representation:  \n[1 2 3]  \nDone"
    )
    view = reading_view(text)
    assert "on both left and right context." in view.text
    assert "representation: [1 2 3]. Done" in view.text
    assert is_soft_break("pretrain on both", "left and right")
    assert not is_soft_break("two trailing spaces  ", "next")
    assert not is_soft_break("Some terms:", "- Layer")
    assert not is_soft_break("# Heading", "text")


def test_headings_and_bullets_lose_their_markers() -> None:
    view = reading_view("# BERT\n\n- Modify the learning rate.  \n  A rate that is too low stalls.\n> quoted")
    assert view.text == "BERT. Modify the learning rate. A rate that is too low stalls. quoted"


def test_view_spans_map_back_to_the_exact_source() -> None:
    view = reading_view(FACTS)
    i = view.text.index("Google Researchers")
    s, e = view.to_source(i, i + len("Google Researchers"))
    assert FACTS[s:e] == "Google Researchers"
    s, e = view.to_source(*view.sentence_around(i, i + 6))
    assert FACTS[s:e].strip() == "BERT is a 2018 child of Google Researchers"


def test_sentences_number_the_list_items() -> None:
    view = reading_view(FACTS)
    first, second = view.text.index("110M"), view.text.index("2018")
    assert view.sentence_of(first) != view.sentence_of(second)
    assert view.sentence_of(second) == view.sentence_of(view.text.index("Google"))
    assert [view.text[s:e] for s, e in view.sentences][-1] == "Pretraining is key"


@given(st.text(alphabet=st.sampled_from(list("ab .:-#>1\n ")), max_size=80))
def test_every_view_character_comes_from_the_source(text: str) -> None:
    view = reading_view(text)
    assert len(view.origin) == len(view.text)
    for ch, at in zip(view.text, view.origin, strict=True):
        assert 0 <= at <= len(text)
        assert ch in " ." or text[at] == ch
    for s, e in view_sentences(view.text):
        src_s, src_e = view.to_source(s, e)
        assert 0 <= src_s <= src_e <= len(text) + 1


def test_pack_groups_items_with_one_shared() -> None:
    assert pack([10, 10, 10, 10], limit=25, overlap=1) == [(0, 2), (1, 3), (2, 4)]
    assert pack([30, 5], limit=20, overlap=1) == [(0, 1), (1, 2)]  # too long: a run of its own
    assert pack([], limit=20, overlap=1) == []
