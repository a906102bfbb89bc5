"""The vetoes on a reader's span, with a stand-in for the embedder (no model loaded)."""

from __future__ import annotations

import numpy as np

from knowledge.answer_checks import AnswerChecks
from models.reader import ReaderSpan

FACTS = "BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters"


def span(text: str, sentence: str) -> ReaderSpan:
    at = sentence.index(text)
    return ReaderSpan(0, at, at + len(text), text, 9.0, 0.0, sentence, (at, at + len(text)))


def unlike(texts: list[str]) -> np.ndarray:
    """Every text its own direction: no two words are alike."""
    return np.eye(len(texts), dtype=np.float32)


def alike(texts: list[str]) -> np.ndarray:
    return np.ones((len(texts), 4), dtype=np.float32) / 2.0


def test_a_count_of_another_unit_is_vetoed_unless_the_embedder_finds_the_units_alike() -> None:
    large = span("340M", FACTS)
    assert not AnswerChecks(unlike).can_answer("How many layers does BERT_LARGE have?", large)
    assert AnswerChecks(unlike).can_answer("How many parameters does BERT_LARGE have?", large)
    assert AnswerChecks(alike).can_answer("How many weights does BERT_LARGE have?", large)  # alike to the embedder
    assert not AnswerChecks(unlike).can_answer("How many weights does BERT_LARGE have?", large)


def test_definitions_expansions_and_neighbours_are_vetoed_too() -> None:
    checks = AnswerChecks(unlike)
    tune = "It is usually sufficient to tune the learning rate and the batch size."
    assert not checks.can_answer("What learning rate should I use?", span("batch size", tune))
    assert not checks.can_answer("What does LSTM stand for?", span("No task separation", "No task separation."))
    assert checks.can_answer("Who created BERT?", span("Google Researchers", "BERT is a child of Google Researchers."))


def test_how_long_is_answered_by_a_length_not_a_manner() -> None:
    checks = AnswerChecks(unlike)
    lstm = "LSTMs are: Slow to train."
    assert not checks.can_answer("How long does it take to train BERT?", span("Slow", lstm))
    assert not checks.can_answer("For how long are LSTMs trained?", span("Slow to train", lstm))
    assert checks.can_answer("Are LSTMs fast to train?", span("Slow to train", lstm))  # not a "how long"
    term = "Members serve a four-year term."
    assert checks.can_answer("How long do members serve?", span("four-year term", term))
