"""Questions that ask for a list's item by its place ("What is the second fun fact?")."""

import pytest

from models.list_items import asks_for_the_list, item_asked, item_in, list_answered, list_block
from models.reading_view import reading_view


@pytest.mark.parametrize(
    ("question", "place", "topic"),
    [
        ("What is the second fun fact?", 2, "What is the fun fact?"),
        ("what's the 3rd example", 3, "what's the example"),
        ("What is the last drawback of LSTMs?", -1, "What is the drawback of LSTMs?"),
        ("What is BERT's final fun fact?", -1, "What is BERT's fun fact?"),
        ("What is fun fact number 2?", 2, "What is fun fact?"),
        ("Which is the TENTH term?", 10, "Which is the term?"),
    ],
)
def test_the_place_asked_for_and_the_question_without_it(question: str, place: int, topic: str) -> None:
    asked = item_asked(question)
    assert asked is not None and (asked.place, asked.topic) == (place, topic)


@pytest.mark.parametrize(
    "question",
    [
        "What should be tuned first?",  # an adverb, not a place in a list
        "When did BERT beat humans for the first time?",
        "What is the 0th item?",
        "What is a fun fact?",
        "Who came second?",
    ],
)
def test_questions_without_a_place_in_a_list(question: str) -> None:
    assert item_asked(question) is None


NOTES = (
    "Let us look at these examples:\n1. Not to brag. English and Binary.\n2. Mary asked John to leave.\n"
    "3. Killed two birds with one stone.\n\nProse ends it."
)


def test_the_list_is_found_by_an_answer_that_begins_an_item_or_one_of_its_sentences() -> None:
    view = reading_view(NOTES)
    examples = view.item_lists[0]
    for begins in ("Not to brag", "English and Binary", "Mary asked", "Killed two"):
        assert list_answered(view, NOTES.index(begins)) == examples
    for inside in ("Binary", "John", "stone", "Prose", "look at"):  # inside an item, after it, or its lead-in
        assert list_answered(view, NOTES.index(inside)) is None


def test_the_item_at_a_place_counts_from_one_and_from_the_end() -> None:
    view = reading_view(NOTES)
    examples = view.item_lists[0]
    text = [view.text[slice(*item_in(examples, place) or (0, 0))] for place in (1, 2, 3, -1)]
    assert text[0] == "Not to brag. English and Binary."
    last = "Killed two birds with one stone."
    assert text[1:] == ["Mary asked John to leave.", last, last]
    assert item_in(examples, 4) is None and item_in(examples, -4) is None and item_in(examples, 0) is None


def test_a_request_for_the_whole_list_and_the_list_as_one_answer() -> None:
    requests = ("List the quick terms.", "please list the drawbacks", "What are all the fun facts?", "Name all of them")
    for question in requests:
        assert asks_for_the_list(question), question
    for question in ("What are the quick terms?", "Name a drawback of LSTMs.", "Which list is longest?", "A listener?"):
        assert not asks_for_the_list(question), question
    view = reading_view(NOTES)
    text, shown, (start, end) = list_block(view, view.item_lists[0])
    assert text == "Not to brag. English and Binary; Mary asked John to leave; Killed two birds with one stone"
    assert shown == f"Let us look at these examples: {text}" and shown[start:end] == text


def test_a_question_the_notes_list_is_not_answered_from_that_list() -> None:
    from models.list_items import asks_what_the_notes_ask
    from models.reader import ReaderSpan

    lead = "So lets start with: "
    items = ["Any questions from our last lecture?", "So one from me, what did we talk about last time?"]
    nxt = lead + "And, what actually is a neural network?"
    span = ReaderSpan(0, 0, 0, nxt[len(lead) :], 9.0, 0.0, nxt, (len(lead), len(nxt)), tuple(lead + i for i in items))
    assert asks_what_the_notes_ask("What did we talk about last time?", span)  # the next listed question
    assert not asks_what_the_notes_ask("What did we talk about in the lecture on BERT?", span)  # more than listed
    assert not asks_what_the_notes_ask("What did we?", span)  # too few words to be one
    alone = ReaderSpan(0, 0, 0, "x", 9.0, 0.0, "What did we talk about last time? x", (34, 35))
    assert not asks_what_the_notes_ask("What did we talk about last time?", alone)  # no list: prose may answer
