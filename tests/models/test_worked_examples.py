"""A text and the row of numbers that encodes it, looked up from the question either way."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.reading_view import reading_view
from models.worked_examples import example_asked, may_ask_about_an_example, worked_examples

NOTES = """## Tokens to numbers

Let us make a representation:

I love dogs and dogs love snacks.
[1 2 3 4 3 2 5]

A second one, with commas:

Cats chase mice

(6, 7, 8)

Networks work on representations. BERT_BASE contains 110M parameters and 12 layers.
"""


def answer(question: str) -> str | None:
    view = reading_view(NOTES)
    found = example_asked(question, view)
    return None if found is None else view.text[slice(*found.answer)]


def test_every_text_and_its_numbers_are_found_and_nothing_else() -> None:
    view = reading_view(NOTES)
    pairs = [(view.text[slice(*e.text)], view.text[slice(*e.code)]) for e in worked_examples(view)]
    assert pairs == [("I love dogs and dogs love snacks", "[1 2 3 4 3 2 5]"), ("Cats chase mice", "(6, 7, 8)")]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How is the sentence 'I love dogs and dogs love snacks' represented?", "[1 2 3 4 3 2 5]"),
        ("What sequence represents the dogs sentence?", "[1 2 3 4 3 2 5]"),
        ("Which vector encodes 'cats chase mice'?", "(6, 7, 8)"),
        ("What does the sequence [1 2 3 4 3 2 5] stand for?", "I love dogs and dogs love snacks"),
        ("Which sentence becomes 6, 7, 8?", "Cats chase mice"),
    ],
)
def test_a_question_about_an_example_gets_the_other_half(question: str, expected: str) -> None:
    assert may_ask_about_an_example(question)
    assert answer(question) == expected


@pytest.mark.parametrize(
    "question",
    [
        "How are words represented?",  # asks for a representation, of no example's text
        "What do networks work on?",  # no encoding asked
        "What does [9 9 9] stand for?",  # numbers the notes do not have
        "How many parameters does BERT_BASE contain?",
    ],
)
def test_other_questions_are_left_to_the_reader(question: str) -> None:
    assert answer(question) is None


def test_numbers_inside_prose_are_no_example() -> None:
    view = reading_view("BERT_BASE has 12 layers, 768 hidden units and 12 heads.\nIt has 110M parameters.")
    assert worked_examples(view) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=200))
def test_any_question_and_notes_give_an_answer_inside_the_notes_or_none(question: str, notes: str) -> None:
    view = reading_view(notes)
    found = example_asked(question, view)
    if found is not None:
        start, end = found.answer
        assert 0 <= start < end <= len(view.text)
