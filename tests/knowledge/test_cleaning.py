import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.cleaning import LectureFileError, clean_text, decode_bytes
from tests.conftest import LECTURE


def test_mojibake_in_the_bundled_lecture_is_repaired() -> None:
    raw = LECTURE.read_text(encoding="utf-8")
    assert "Iâ€™m" in raw
    text = clean_text(raw)
    assert "Iâ€™m" not in text and "I'm fluent in 10 languages" in text


def test_image_markup_goes_and_the_text_around_it_stays() -> None:
    text = clean_text("Before the picture.\n\n![Overfitting curve](img/overfit.jpg)\nAfter it.")
    assert "img/overfit.jpg" not in text and "![" not in text
    assert "Before the picture." in text and "Overfitting curve" in text and "After it." in text


def test_headings_are_kept() -> None:
    assert "# BERT" in clean_text(LECTURE.read_text(encoding="utf-8"))


def test_binary_and_empty_files_are_refused() -> None:
    for data in (b"", b"   \n", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", bytes(range(256)) * 10):
        try:
            decode_bytes(data, "x.md")
        except LectureFileError as exc:
            assert "x.md" in str(exc)
        else:
            raise AssertionError(f"accepted {data[:10]!r}")


def test_cp1252_text_is_decoded() -> None:
    assert decode_bytes("café".encode("cp1252"), "x.txt") == "café"


@given(st.text())
def test_cleaning_never_crashes_and_is_idempotent(text: str) -> None:
    once = clean_text(text)
    assert clean_text(once) == once


def test_a_markdown_hard_break_survives_cleaning_and_ends_a_sentence() -> None:
    from models.reading_view import reading_view

    text = clean_text("I love dogs and dogs love snacks.   \n[1 2 3 4 3 2 5]  \nLets remember this. \nSoft\nwrap.")
    assert text == "I love dogs and dogs love snacks.  \n[1 2 3 4 3 2 5]  \nLets remember this.\nSoft\nwrap.\n"
    view = reading_view(text)
    sentences = [view.text[s:e] for s, e in view.sentences]
    assert sentences == ["I love dogs and dogs love snacks.", "[1 2 3 4 3 2 5].", "Lets remember this.", "Soft wrap."]


def test_blank_lines_lose_their_spaces() -> None:
    assert clean_text("one\n   \n\t\ntwo  \n  \nthree") == "one\n\ntwo  \n\nthree\n"


def test_a_question_is_folded_to_the_forms_the_models_read() -> None:
    from knowledge.cleaning import clean_question

    assert clean_question("Ｗｈｏ ｃｒｅａｔｅｄ ＢＥＲＴ？") == "Who created BERT?"
    assert clean_question("What\u200b does Iâ€™m mean?") == "What does I'm mean?"
    assert clean_question("What is ﬁne-tuning?") == "What is fine-tuning?"  # the "ﬁ" ligature


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("**What** is a _model_?", "What is a model?"),
        ("What does ***__BERT__*** stand for?", "What does BERT stand for?"),
        ("How many parameters does `BERT_BASE` have?", "How many parameters does BERT_BASE have?"),
        ("> What is an ~~epoch~~ ||batch||?", "What is an epoch batch?"),
        ("# Who created BERT?", "Who created BERT?"),
        ("BERT_BASE and BERT_LARGE", "BERT_BASE and BERT_LARGE"),  # underscores inside words stay
        ("What is 2*3*4?", "What is 2*3*4?"),
        ("What is * or _?", "What is * or _?"),
    ],
)
def test_discord_markdown_is_taken_off_a_question(typed: str, read: str) -> None:
    from knowledge.cleaning import clean_question

    assert clean_question(typed) == read
