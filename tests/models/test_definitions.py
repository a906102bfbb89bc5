"""What can answer "What is X?": never X's sibling in a list or in an "A and B", nor X named again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.content_words import stems
from models.definitions import defines_what_was_asked, listed_beside
from models.reader import ReaderSpan

if TYPE_CHECKING:
    from knowledge.tutor import Tutor


def test_definitions_are_judged_by_the_list_the_answer_comes_from() -> None:
    items = ("This typically involves: The learning rate.", "This typically involves: The batch size.")
    batch = ReaderSpan(0, 0, 0, "The batch size", 9.0, 0.0, items[1], (25, 39), (items[0],))
    assert not defines_what_was_asked("What is a learning rate?", batch)  # its neighbour names it
    assert not defines_what_was_asked("What is the learning rate of BERT?", batch)  # a learning rate, of BERT
    assert not defines_what_was_asked("What is the batch size?", batch)  # X named again defines nothing
    own = ("This typically involves: The learning rate.", "This typically involves: The batch size, often 32.")
    often = ReaderSpan(0, 0, 0, "32", 9.0, 0.0, own[1], (47, 49), own[:1])
    assert defines_what_was_asked("What is the batch size?", often)  # from its own item
    assert defines_what_was_asked("What is momentum?", batch)  # no item names it: the reader decides
    assert defines_what_was_asked("Which parameters are tuned?", batch)  # not a "What is X?" question
    lstm = ("LSTMs are: Slow to train.", "LSTMs are: Rather unidirectional.")
    lead = ReaderSpan(0, 0, 0, "LSTMs", 9.0, 0.0, lstm[1], (0, 5), (lstm[0],))
    assert not defines_what_was_asked("What is unidirectional?", lead)  # X is the item, the answer its lead-in
    assert not defines_what_was_asked("What are LSTMs?", lead)  # "LSTMs" names X again
    slow = ReaderSpan(0, 0, 0, "Slow to train", 9.0, 0.0, lstm[0], (11, 24), (lstm[1],))
    assert defines_what_was_asked("What are LSTMs?", slow)  # an item of the list its lead-in names
    assert defines_what_was_asked("What is a learning rate?", ReaderSpan(0, 0, 0, "x", 1.0, 0.0, "x", (0, 1)))
    joined = "it is usually sufficient to tune the learning rate and the batch size while keeping the rest"
    at = joined.index("batch size")
    size = ReaderSpan(0, 0, 0, "batch size", 9.0, 0.0, joined, (at, at + 10))
    assert not defines_what_was_asked("What is the learning rate of BERT?", size)  # "X and the span"
    assert not defines_what_was_asked("What is the learning rate used to train BERT?", size)  # X, used for …
    terms = "Some quick terms to repeat: Batch."
    batch_term = ReaderSpan(0, 0, 0, "Batch", 9.0, 0.0, terms, (28, 33))
    assert not defines_what_was_asked("What is the difference between a batch and an epoch?", batch_term)
    assert not defines_what_was_asked("What's the difference between batches and epochs?", batch_term)
    assert defines_what_was_asked("What is the difference between a batch and an epoch?", size)  # says more
    assert not defines_what_was_asked("What is the batch size?", size)  # the answer is X itself
    assert not defines_what_was_asked("What is a test?", ReaderSpan(0, 0, 0, "one change per one test", 9.0, 0.0))
    statocyst = "Its main component is a statocyst, a balance sensor."
    at = statocyst.index("a balance")
    assert defines_what_was_asked("What is a statocyst?", ReaderSpan(0, 0, 0, "", 9.0, 0.0, statocyst, (at, at + 16)))


def test_a_thing_about_x_is_no_definition_of_x(real_tutor: Tutor) -> None:
    """ "What is NLP?" read "VERY good Stanford Lecture" (0.58) from "… Lecture on NLP and pretrained models".

    No gold answer of SQuAD v1.1 dev's 1,755 "What is X?" questions is followed by "on/about/of/for/in X".
    """
    line = "VERY good Stanford Lecture on NLP and pretrained models: https://www.youtube.com/watch?v=knTc-NQSjKA"
    lecture = ReaderSpan(0, 0, 0, "VERY good Stanford Lecture", 9.0, 0.0, line, (0, 26))
    assert not defines_what_was_asked("What is NLP?", lecture)
    assert defines_what_was_asked("What is recommended?", lecture)  # X is not what it is about
    book = "Deep Learning with Python, a book on deep learning for programmers"
    at = book.index("a book")
    assert not defines_what_was_asked("What is deep learning?", ReaderSpan(0, 0, 0, "", 9.0, 0.0, book, (at, at + 6)))
    assert defines_what_was_asked(
        "What is Deep Learning with Python?", ReaderSpan(0, 0, 0, "", 9.0, 0.0, book, (at, at + 6))
    )
    assert real_tutor.ask("What is NLP?").abstained


def test_a_neighbour_in_a_series_is_no_definition() -> None:
    tasks = "BERT can create models for tasks, such as question answering, language inference and translation."
    at = tasks.index("question answering")
    qa = ReaderSpan(0, 0, 0, "question answering", 9.0, 0.0, tasks, (at, at + 18))
    assert not defines_what_was_asked("What is language inference?", qa)  # the span, X and …
    assert defines_what_was_asked("What is translation?", qa)  # not beside it
    inference = (tasks.index("language inference"), tasks.index(" and translation"))
    assert listed_beside(tasks, *inference, stems("question answering"))  # such as X, the span and …
    radio = "Radio France, France's public radio broadcaster, and others are based there."
    end = radio.index(", and")
    assert not listed_beside(radio, 0, len("Radio France"), stems("public radio broadcaster"))  # an apposition
    assert not listed_beside(radio, radio.index("France's"), end, stems("Radio France"))
