"""A "which N" question asks to name the N, not to count them.

"What languages is the speaker fluent in?" over "I'm fluent in 10 languages. English and Binary."
was answered "10" (0.65) by the distilled reader: the count sits right before the noun the
question names. For a question that begins "What/Which <plural noun> <auxiliary>", a cardinal
written directly before that noun ("10 languages", "two series") is not read as an answer, so the
reader takes the names instead. Ordinals, years and identifiers stay ("the 19th century", "the
2010 series", "CF-18 squadrons"), and so do singular nouns and times ("What year/years …?" asks
for a number). Of SQuAD v1.1's 1,117 questions of this shape (train and dev), 23 have such a
count in their paragraph and 2 gold answers hold it ("the first two series", "first six
rounds"); read as the tutor reads it, no answer of SQuAD v1.1 dev changes.
"""

from __future__ import annotations

import re

from models.answer_types import AUXILIARY

_ASKED = re.compile(
    rf"^\W*(?:(?:in|on|at|for|from|to|by|with|of|during|under)\s+)?(?:what|which)\s+([a-z][a-z-]*[a-rt-z]s)\s+{AUXILIARY}",
    re.IGNORECASE,
)  # a plural then an auxiliary: "What languages is …" (not "What supports 13,053 characters?")
_TIMES = frozenset({"years", "decades", "centuries", "months", "weeks", "days", "hours", "minutes", "seconds", "times"})
_CARDINAL = (
    r"(?<![\w:.,-])(?:(?!1\d\d\d\b|20\d\d\b)\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|dozens?)"
)


def asked_plural(question: str) -> str:
    """The plural noun a "What/Which N …?" question asks to name ("languages"), or ""."""
    m = _ASKED.match(question)
    if m is None or m.group(1).lower() in _TIMES:  # "What years …?" asks for numbers
        return ""
    return m.group(1).lower()


def counts_of_the_asked(question: str, text: str) -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each cardinal in ``text`` written directly before the noun the question
    asks to name: "10" in "fluent in 10 languages" for "What languages …?"."""
    noun = asked_plural(question)
    if not noun:
        return ()
    pattern = re.compile(rf"\b{_CARDINAL}(?=\s+{re.escape(noun)}\b)", re.IGNORECASE)
    return tuple(m.span() for m in pattern.finditer(text))
