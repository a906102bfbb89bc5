"""Typo correction of questions towards the course's words."""

from __future__ import annotations

import pytest

from knowledge.spelling import Speller

COURSE = "Larger batches produce gradients. Lets remember that networks work on representations. Train."
VOCAB = ["the", "large", "created", "relu", "model"]  # the reader's vocabulary: known words, never targets


@pytest.fixture(scope="module")
def speller() -> Speller:
    s = Speller()
    s.set_course([COURSE])
    s.warm_up(VOCAB)
    return s


def test_a_misspelt_course_word_is_read_as_that_word(speller: Speller) -> None:
    assert speller.correct("What do netwroks work on?") == "What do networks work on?"  # two letters swapped
    assert speller.correct("What do larger btaches produce?") == "What do larger batches produce?"
    assert speller.correct("largr batches") == "larger batches"  # a letter dropped
    assert speller.correct("Representatons?") == "Representations?"  # the capital is kept
    assert speller.correct("Trian") == "Train"


def test_only_the_courses_words_are_targets(speller: Speller) -> None:
    assert speller.correct("Who creted BERT?") == "Who creted BERT?"  # "created" is not a course word
    assert speller.correct("Is relux a relu?") == "Is relux a relu?"  # jargon is never made English


def test_real_words_names_and_short_words_are_left_alone(speller: Speller) -> None:
    for text in ["How do I bake sourdough bread?", "Which idiom?", "How many epochs?", "LSTMs vs BERT_LARGE",
                 "Is GPT-3 a modl?", "Rajpurkar et al.", "Did Netwroks say so?", ""]:  # fmt: skip
        assert speller.correct(text) == text
    assert speller.suggest("zzzzqx") is None  # nothing one edit away


def test_links_and_code_are_quoted_exactly(speller: Speller) -> None:
    text = "Is https://example.org/netwroks the page for `netwroks` netwroks?"
    assert speller.correct(text) == "Is https://example.org/netwroks the page for `netwroks` networks?"
