from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.cleaning import clean_text
from knowledge.passages import split_passages
from tests.conftest import LECTURE
from tests.fakes import HashingEmbedder

count = HashingEmbedder().count_tokens


def lecture_text() -> str:
    return clean_text(LECTURE.read_text(encoding="utf-8"))


def test_passages_follow_sections_and_point_at_their_text() -> None:
    text = lecture_text()
    passages = split_passages(text, count, 200, 1)
    assert {p.section for p in passages} >= {"General rules", "BERT", "How do we deal with words"}
    for p in passages:
        assert text[p.start : p.end] == p.text
        assert count(p.text) <= 200


def test_small_limit_splits_with_one_sentence_overlap() -> None:
    text = lecture_text()
    passages = split_passages(text, count, 40, 1)
    assert len(passages) > 10
    same_section = [(a, b) for a, b in pairwise(passages) if a.section == b.section]
    assert same_section and any(b.start < a.end for a, b in same_section)
    assert all(count(p.text) <= 40 for p in passages)


def test_an_overlong_sentence_is_cut_at_words() -> None:
    text = "# Long\n\n" + " ".join(f"word{i}" for i in range(500)) + ".\n"
    passages = split_passages(text, count, 50, 0)
    assert len(passages) >= 10
    assert all(text[p.start : p.end] == p.text and count(p.text) <= 50 for p in passages)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=2000), st.integers(8, 120))
def test_offsets_always_hold(raw: str, limit: int) -> None:
    text = clean_text(raw)
    for p in split_passages(text, count, limit, 1):
        assert text[p.start : p.end] == p.text
        assert p.text.strip()
