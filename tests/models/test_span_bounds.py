"""Span edges that are pure text rules (the reader's own use of them is in test_reader)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from models.span_bounds import before_a_lead_in, completed_pair, completed_verb_pair

SENTENCE = "BERT is pretrained by jointly conditioning on both\nleft and right context in all layers."


def test_half_of_a_both_and_pair_becomes_the_pair() -> None:
    start = SENTENCE.index("right")
    grown = completed_pair(SENTENCE, start, "What context does BERT condition on?")
    assert SENTENCE[grown : SENTENCE.index(" context")] == "both\nleft and right"
    text = "You can pay either in cash or by card."
    assert text[completed_pair(text, text.index("by card"), "How can I pay?") :] == "either in cash or by card."


def test_the_other_half_stays_when_the_question_names_the_first() -> None:
    start = SENTENCE.index("right")
    assert completed_pair(SENTENCE, start, "Besides the left context, what does BERT condition on?") == start
    squad = "Sky agreed with both BSkyB and Virgin Media to end the case."
    at = squad.index("Virgin")
    assert completed_pair(squad, at, "Who agreed to end proceedings with BSkyB?") == at


def test_spans_not_right_after_a_pair_stay() -> None:
    text = "Both models are big and slow."
    at = text.index("slow")
    assert completed_pair(text, at, "What are the models?") == at  # "both" begins a clause, not a pair
    assert completed_pair(text, 0, "What?") == 0
    assert completed_pair(SENTENCE, SENTENCE.index("left"), "What?") == SENTENCE.index("left")


@given(st.text(max_size=80), st.text(max_size=40), st.data())
@settings(max_examples=200, deadline=None)
def test_a_pair_only_moves_the_start_back_to_its_opening_word(text: str, question: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    grown = completed_pair(text, start, question)
    assert 0 <= grown <= start
    if grown < start:
        assert text[grown:start].split()[0].lower() in {"both", "either", "neither"}


REPRESENT = (
    "We create representations to be as efficient as possible it means - "
    "take the least space and leave the most meaning."
)


def test_the_half_after_the_second_of_two_asked_verbs_becomes_both_objects() -> None:
    start = REPRESENT.index("the most")
    grown = completed_verb_pair(REPRESENT, start, "What should a good representation take and leave?")
    assert REPRESENT[grown:-1] == "the least space and leave the most meaning"
    assert completed_verb_pair(REPRESENT, start, "What should a representation leave?") == start
    assert completed_verb_pair(REPRESENT, start, "What do we create and leave?") == start  # not "A … and B" there


def test_a_lead_in_does_not_end_an_answer() -> None:
    start, end = REPRESENT.index("as efficient"), REPRESENT.index(" - take")
    assert REPRESENT[start : before_a_lead_in(REPRESENT, start, end)] == "as efficient as possible"
    text = "The answer, i.e."
    assert before_a_lead_in(text, 0, len(text)) == len("The answer")
    assert before_a_lead_in("it means", 0, 8) == 8  # nothing would be left
    assert before_a_lead_in("the meaning", 0, 11) == 11  # a word, not a lead-in
