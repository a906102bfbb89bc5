"""Training data for the reader: the sentence-window examples and the answer-removed negatives."""

import random

import pytest

from models.training.qa_data import QAExample, answer_removed, window_examples


class WordTokenizer:
    """One token per whitespace-separated word: enough to size windows."""

    def __call__(self, texts: list[str], add_special_tokens: bool = False) -> dict[str, list[list[int]]]:
        return {"input_ids": [[0] * len(t.split()) for t in texts]}


CONTEXT = (
    "The tutor bot answers questions. It was written in Tallinn by a small team. "
    "It reads lectures in windows. Windows share one sentence with their neighbours. "
    "Nothing else happens here."
)


def example(answer: str) -> QAExample:
    return QAExample("q1", "t", CONTEXT, "Where was it written?", (answer,), (CONTEXT.index(answer),))


def test_the_window_holding_the_answer_becomes_an_example_with_its_offset() -> None:
    out = window_examples([example("Tallinn")], WordTokenizer(), 12, random.Random(0), negatives=0.0)
    assert len(out) == 1
    (ex,) = out
    assert ex.answers == ("Tallinn",) and ex.context != CONTEXT and "Tallinn" in ex.context
    assert ex.context[ex.answer_starts[0] : ex.answer_starts[0] + len("Tallinn")] == "Tallinn"


@pytest.mark.parametrize("negatives", [0.0, 1.0])
def test_other_windows_become_no_answer_examples_at_the_given_rate(negatives: float) -> None:
    out = window_examples([example("Tallinn")], WordTokenizer(), 12, random.Random(0), negatives)
    nos = [ex for ex in out if not ex.answers]
    assert all("Tallinn" not in ex.context and ex.answer_starts == () for ex in nos)
    assert (len(nos) > 0) == (negatives == 1.0)


def test_unanswerable_examples_and_answers_the_view_moves_are_skipped() -> None:
    none = QAExample("q2", "t", CONTEXT, "Why?", (), ())
    moved = QAExample("q3", "t", CONTEXT, "Why?", ("Tallinn",), (0,))  # the offset does not point at the answer
    assert window_examples([none, moved], WordTokenizer(), 12, random.Random(0), 1.0) == []


def test_a_question_is_paired_with_its_paragraph_less_every_sentence_holding_the_answer() -> None:
    (removed,) = answer_removed([example("Tallinn")], random.Random(0), rate=1.0)
    assert removed.context == (
        "The tutor bot answers questions. It reads lectures in windows. "
        "Windows share one sentence with their neighbours. Nothing else happens here."
    )
    assert not removed.answerable and removed.question == "Where was it written?"
    assert answer_removed([example("Tallinn")], random.Random(0), rate=0.0) == []
    # An answer in every sentence leaves too little to ask about.
    assert answer_removed([example("e")], random.Random(0), rate=1.0) == []
