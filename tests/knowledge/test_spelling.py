"""Typo correction of questions towards the course's words."""

from __future__ import annotations

import pytest

from knowledge.spelling import Speller

VOCAB = ["the", "large", "created", "crested", "batches", "model", "training", "parameters"]


@pytest.fixture(scope="module")
def speller() -> Speller:
    s = Speller()
    s.set_course(["Larger batches produce gradients. BERT is a 2018 child of Google Researchers."])
    s.warm_up(VOCAB)
    return s


def test_a_misspelt_word_becomes_the_word_one_edit_away(speller: Speller) -> None:
    assert speller.correct("Who creted BERT?") == "Who created BERT?"  # "created" before "crested": rank
    assert speller.correct("What do larger btaches produce?") == "What do larger batches produce?"  # swap
    assert speller.correct("Trainig tips?") == "Training tips?"  # keeps the capital


def test_the_courses_words_come_first(speller: Speller) -> None:
    assert speller.correct("largr batches") == "larger batches"  # "large" ranks first in the vocabulary


def test_real_words_names_and_short_words_are_left_alone(speller: Speller) -> None:
    for text in ["How do I bake sourdough bread?", "Which idiom is used?", "How many epochs?", "LSTMs vs BERT_LARGE",
                 "Is GPT-3 a modl?", "Rajpurkar et al.", "What is a tpye?", ""]:  # fmt: skip
        assert speller.correct(text) == text.replace("modl", "model")  # "modl" is the only typo
    assert speller.suggest("zzzzqx") is None  # nothing one edit away
