"""Answers that name the kind of thing asked for, or its neighbour, instead of giving one."""

import pytest

from models.asked_kind import asked_kind, names_another_kind
from models.reader import ReaderSpan

TUNE = "It is usually sufficient to tune the learning rate and the batch size while keeping the rest constant."
LEAD = "This typically involves: "
ITEMS = ["The choice of optimizer.", "The initialization of model weights.", "The learning rate.", "The batch size."]


def span(text: str, sentence: str, other_items: tuple[str, ...] = ()) -> ReaderSpan:
    at = sentence.index(text)
    return ReaderSpan(0, at, at + len(text), text, 9.0, 0.0, sentence, (at, at + len(text)), other_items)


def item(text: str) -> ReaderSpan:
    """``text`` as one item of the list above, read with its lead-in beside the others."""
    own = next(i for i in ITEMS if text in i)
    return span(text, LEAD + own, tuple(LEAD + i for i in ITEMS if i != own))


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What learning rate should I use to fine-tune BERT?", "learning rate"),
        ("Which optimizer is best?", "optimizer"),
        ("What is a good batch size?", "batch size"),
        ("What's the best learning rate for BERT?", "learning rate"),
        ("What is the learning rate?", ""),  # what it is, not a value of it
        ("What should you change per test?", ""),
        ("What kind of representation is it?", ""),
        ("Who created BERT?", ""),
        ("What should the learning rate be?", "learning rate"),
        ("What would the output be for a member of the language?", "output"),
        ("What should I be doing?", ""),
        ("How do I pick the learning rate?", "learning rate"),
        ("How should we choose a batch size for BERT?", "batch size"),
        ("How do I choose the initialization of model weights?", "initialization of model weights"),
        ("How should the learning rate be chosen?", "learning rate"),
        ("How do you determine the acceleration of a rope when two people pull it?", "acceleration of a rope"),
        ("How does BERT pick up context?", ""),  # not a choice of something
        ("How are parameters chosen?", ""),  # the auxiliary and "be" both: none of the forms
    ],
)
def test_the_kind_asked_for(question: str, kind: str) -> None:
    assert asked_kind(question) == kind


def test_the_kind_itself_or_its_neighbour_is_no_answer() -> None:
    assert names_another_kind("What batch size should I use?", item("The batch size"))
    assert names_another_kind("What learning rate should I use?", span("batch size", TUNE))  # joined by "and"
    assert names_another_kind("What is a good batch size?", item("The learning rate"))  # another item
    assert names_another_kind("Which optimizer should I use?", item("The initialization of model weights"))
    assert names_another_kind("What size should a batch be?", item("The batch size"))  # the kind, worded apart
    assert names_another_kind("What weight initialization should I use?", item("model weights"))  # a part of it


def test_a_value_of_the_kind_or_an_answer_beside_nothing_is_an_answer() -> None:
    high = "A learning rate that is too high can cause updates to overshoot."
    assert not names_another_kind(
        "What learning rate can cause overshoot?", span("A learning rate that is too high", high)
    )
    assert not names_another_kind("What learning rate should I use?", span("3e-5", "Use a learning rate of 3e-5."))
    assert not names_another_kind("What city is the capital?", span("Melbourne", "The city of Melbourne and Sydney."))
    tasks = "BERT can create models for a wide range of tasks, such as question answering and translation."
    assert not names_another_kind("What tasks can BERT be used for?", span("question answering and translation", tasks))
    assert not names_another_kind("Who created BERT?", span("Google", "BERT is a child of Google."))


def test_an_item_that_uses_the_kinds_word_is_no_name_of_it() -> None:
    lead = "And more broadly: "
    questions = ("How can i answer this question?", "What is the meaning of that sentence?", "Was that funny?")
    funny = span("Was that funny?", lead + questions[2], tuple(lead + q for q in questions[:2]))
    assert not names_another_kind("Which broader question is about humor?", funny)


def test_asked_how_to_choose_one_a_neighbour_is_no_answer_but_a_way_to_set_it_is() -> None:
    assert names_another_kind("How do I pick the learning rate?", item("The batch size"))
    assert names_another_kind("How should I choose an optimizer?", item("The initialization of model weights"))
    assert names_another_kind("How do I pick a batch size?", item("The batch size"))  # the kind itself
    increase = span("Increase the batch size", "Increase the batch size.")
    assert not names_another_kind("How should I choose the batch size?", increase)
    assert names_another_kind("What batch size should I use?", increase)  # asked for a value: no value
    assert not names_another_kind("How do I tune the learning rate?", span("keeping the rest constant", TUNE))
