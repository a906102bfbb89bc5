"""Sentences about the opposite case: "too high" when the question asks about a low learning rate.

Lecture notes teach by contrast, one case per line: "A learning rate that is too high can cause
updates to overshoot. / A learning rate that is too low can make training appear stagnant." Asked
"What does a low learning rate cause?", the reader matched "cause" and answered "updates to
overshoot" (0.73), the other case's answer; "What can a learning rate that is too low cause?" read
the same (0.90). A sentence that describes the opposite case with "too" ("too high", "too slow")
and never the question's own qualifier is therefore not read for that question. Only the "too"
form counts: bare opposites also describe comparisons ("a lower level of mobility than the
European countries" answers "Which countries have higher mobility?"), and on SQuAD v1.1 dev,
read as the tutor reads it, a rule without "too" rejected 4 right answers for 2 wrong ones; with
it, none of the 10,570 answers is affected.
"""

from __future__ import annotations

import re

_SCALES: tuple[tuple[frozenset[str], frozenset[str]], ...] = (
    (
        frozenset({"high", "higher", "highest", "large", "larger", "largest", "big", "bigger", "biggest", "huge"}),
        frozenset({"low", "lower", "lowest", "small", "smaller", "smallest", "tiny"}),
    ),
    (
        frozenset({"fast", "faster", "fastest", "quick", "quickly"}),
        frozenset({"slow", "slower", "slowest", "slowly"}),
    ),
)
_WORD = re.compile(r"[a-z]+")
_TOO = re.compile(r"\btoo\s+([a-z]+)")


def opposite_sentences(question: str, text: str, sentences: tuple[tuple[int, int], ...]) -> list[int]:
    """Indices of the ``(start, end)`` sentences of ``text`` that ``says_the_opposite`` of the question."""
    asked = set(_WORD.findall(question.lower()))
    if not any(asked & word for scale in _SCALES for word in scale):
        return []
    return [i for i, (start, end) in enumerate(sentences) if _opposes(asked, text[start:end])]


def says_the_opposite(question: str, sentence: str) -> bool:
    """Whether ``sentence`` describes the case opposite to the one ``question`` asks about ("too high" vs "low")."""
    return _opposes(set(_WORD.findall(question.lower())), sentence)


def _opposes(asked: set[str], sentence: str) -> bool:
    lowered = sentence.lower()
    too = {m.group(1) for m in _TOO.finditer(lowered)}
    if not too:
        return False
    said = set(_WORD.findall(lowered))
    for one, other in _SCALES:
        for own, opposite in ((one, other), (other, one)):
            if asked & own and not asked & opposite and too & opposite and not said & own:
                return True
    return False
