"""A "which N" question names the N: the count before the noun is not its answer."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from models.named_not_counted import asked_plural, counts_of_the_asked

FLUENT = "Not to brag, but I'm fluent in 10 languages. English and Binary."


def test_the_count_before_the_asked_plural_is_found() -> None:
    assert asked_plural("What languages is the speaker fluent in?") == "languages"
    assert counts_of_the_asked("Which languages does the speaker know?", FLUENT) == ((31, 33),)
    assert FLUENT[31:33] == "10"
    series = "the first two series, then three series"
    assert [series[a:b] for a, b in counts_of_the_asked("Which series were featured?", series)] == ["two", "three"]


def test_ordinals_years_identifiers_times_and_verbs_stay() -> None:
    assert counts_of_the_asked("What centuries were these?", "the 19th centuries") == ()
    assert counts_of_the_asked("Which series is the best?", "the 2010 series and CF-18 series") == ()
    assert counts_of_the_asked("What years did it run?", "for 26 years") == ()  # "What years" asks for numbers
    assert asked_plural("What supports 13,053 characters?") == ""  # a verb: no auxiliary after it
    assert asked_plural("How many languages does he speak?") == ""


@given(st.text(max_size=60), st.text(max_size=200))
def test_any_text_is_read_without_error(question: str, text: str) -> None:
    for start, end in counts_of_the_asked(question, text):
        assert 0 <= start < end <= len(text)
