"""Sentences that describe the opposite case of the one asked about."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.opposites import opposite_sentences, says_the_opposite

HIGH = "A learning rate that is too high can cause updates to overshoot."
LOW = "A learning rate that is too low can make training appear stagnant."


def test_too_high_is_the_opposite_case_of_a_low_or_small_one() -> None:
    for question in ("What does a low learning rate cause?", "What can a learning rate that is too low cause?"):
        assert says_the_opposite(question, HIGH) and not says_the_opposite(question, LOW)
    assert says_the_opposite("What happens with a tiny learning rate?", HIGH)
    assert says_the_opposite("Why does a big learning rate hurt?", LOW)
    assert says_the_opposite("Why is training fast?", "Training is too slow on a CPU.")


def test_only_the_too_form_and_only_without_the_asked_qualifier_counts() -> None:
    # A bare opposite is a comparison: a lower level than the countries that have higher mobility.
    mobility = "The economy affords a lower level of mobility than the continental European countries."
    assert not says_the_opposite("Which countries have higher mobility?", mobility)
    both = "Neither too high nor too low: a learning rate in between works."
    assert not says_the_opposite("What does a low learning rate cause?", both)
    assert not says_the_opposite("What does a learning rate cause?", HIGH)  # no qualifier asked
    assert not says_the_opposite("Is a high or a low learning rate better?", HIGH)  # both asked


def test_the_opposite_sentences_of_a_text() -> None:
    text = f"{HIGH} {LOW}"
    sentences = ((0, len(HIGH)), (len(HIGH) + 1, len(text)))
    assert opposite_sentences("What does a small learning rate cause?", text, sentences) == [0]
    assert opposite_sentences("What does a large learning rate cause?", text, sentences) == [1]
    assert opposite_sentences("Who created BERT?", text, sentences) == []


@given(st.text(max_size=60), st.text(max_size=120))
@settings(max_examples=200, deadline=None)
def test_any_text_is_judged_without_error(question: str, sentence: str) -> None:
    assert says_the_opposite(question, sentence) in (True, False)
    assert opposite_sentences(question, sentence, ((0, len(sentence)),)) in ([], [0])
