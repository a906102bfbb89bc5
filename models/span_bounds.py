"""Where an answer span starts and ends: whole words, whole links, whole phrases.

The reader's start and end tokens are SQuAD's habits; these helpers move them to what a student
reading lecture notes expects. Each was checked on SQuAD v1.1 dev as the tutor reads it (see the
model card): they fire on forms Wikipedia prose rarely has, so the reader's accuracy there holds.
"""

from __future__ import annotations

import re

from models.answer_types import AUXILIARY
from models.citations import URL
from models.content_words import stems
from models.reading_view import CLOSING_MARKS

_TRAILING = ",;:"
_LEADING = "-–—,;:"

_NEXT_WORD = re.compile(r"[ \t]+([\w-]+)")


def grown_by_kind(text: str, end: int, kind: tuple[str, ...]) -> int:
    """``end`` moved past the words right after it that name the kind asked (``kind_asked``).

    Asked "From what kind of text is BERT pretrained?", the reader answers "unlabeled": SQuAD's
    annotators name the kind alone, a student expects "unlabeled text", the phrase as the notes
    say it. Only the asked words, in the question's order, right after the span, in its sentence.
    """
    for asked in kind:
        if (end and text[end - 1] in CLOSING_MARKS) or not (m := _NEXT_WORD.match(text, end)):
            break
        if stems(m.group(1)) != {asked}:
            break
        end = m.end()
    return end


_HALF_COMPARISON = re.compile(r"\bas\s+[\w-]+$", re.IGNORECASE)
_COMPARISON_CLOSED = re.compile(r"[ \t]+as[ \t]+(?:possible|can be|ever)\b", re.IGNORECASE)


def completed_comparison(text: str, start: int, end: int) -> int:
    """``end`` moved past the "as possible" that completes a span ending in "as efficient".

    "as efficient" is half a phrase: the reader stops there in "We create representations to be
    as efficient as possible" ("How efficient should representations be?"). No SQuAD v1.1 answer,
    gold or read, ends in either form, so nothing there changes.
    """
    if _HALF_COMPARISON.search(text, start, end) and (m := _COMPARISON_CLOSED.match(text, end)):
        return m.end()
    return end


_CLAUSE_DASH = re.compile(r"[ \t]-[ \t]")


def before_a_clause_dash(text: str, start: int, end: int) -> int:
    """``end`` cut back to a spaced hyphen inside the span: notes join clauses with " - ".

    "Pretraining is a KEY element of BERT - we are separating understanding language from a given
    task": asked "What is pretraining?", the reader ran on past the dash. (An en dash joins ranges,
    "1856 – 1943", and stays.) On SQuAD v1.1 dev, read as the tutor reads, one answer changes:
    "a carboxysome - an icosahedral structure" becomes the gold "a carboxysome".
    """
    return _cut_before(_CLAUSE_DASH, text, start, end)


# "… as efficient as possible it means - take the least space …": words that announce what follows.
_LEAD_IN = re.compile(r"[\s,;]+(?:(?:it|this|that|which)\s+means|that\s+is|namely|i\.e\.?)$", re.IGNORECASE)


def before_a_lead_in(text: str, start: int, end: int) -> int:
    """``end`` cut back before a lead-in the span ends with ("it means", "that is", "i.e.").

    "We create representations to be as efficient as possible it means - take the least space and
    leave the most meaning": asked "What is the goal when creating representations?", the reader
    answered "as efficient as possible it means". Such words introduce the next clause and never
    end an answer: read as the tutor reads it, no span of SQuAD v1.1 dev ends with one.
    """
    return _cut_before(_LEAD_IN, text, start, end)


def _cut_before(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """``end`` cut back to where ``pattern`` first matches inside the span, unless nothing would be left."""
    if m := pattern.search(text, start, end):
        return m.start() if m.start() > start else end
    return end


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words and trim whitespace and dangling punctuation.

    A URL counts as one word: a span in one ("books/deep-learning-with-python", a query
    parameter) becomes the whole link, which a student can open.
    """
    for m in URL.finditer(text):
        if m.start() < end and start < m.end():
            url_end = m.end()
            while url_end > m.start() and text[url_end - 1] in ".,;:!?":
                url_end -= 1
            start, end = min(start, m.start()), max(end, url_end)
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    # A dash or comma before the answer's first word is not part of it ("- take the least space"; "-5" is).
    while start < end and (
        text[start].isspace() or (text[start] in _LEADING and text[start + 1 : start + 2].isspace())
    ):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    # A sentence's closing period is not part of the answer ("e.g." and "3.5" keep theirs).
    if end - start > 1 and text[end - 1] == "." and "." not in text[start : end - 1]:
        end -= 1
    return start, end


# "both left and " right before the span; the first half holds no verb ("Both models are big and slow").
_PAIR_OPENED = re.compile(
    rf"\b(?:both|either|neither)\s+"
    rf"(?P<first>(?:(?!{AUXILIARY}|be\b|been\b)[\w'-]+[ \t\n]+){{1,4}}?)(?:and|or|nor)[ \t\n]+$",
    re.IGNORECASE,
)


def completed_pair(text: str, start: int, question: str) -> int:
    """``start`` moved back to the "both" of a "both A and B" whose second half is the span.

    "both" asks for the pair: "by jointly conditioning on both left and right context", asked
    "What does BERT condition on?", the reader answered "right" (and "right context"), half of it.
    Where the question names the first half itself ("… terminate proceedings with BSkyB?" for "both
    BSkyB and Virgin Media"), the span is the other half and stays. On SQuAD v1.1 dev, read as the
    tutor reads it, that is the one answer that follows such a pair: nothing there changes.
    """
    m = _PAIR_OPENED.search(text, max(0, start - 120), start)
    if m is None or m.end() != start:
        return start
    first = stems(m.group("first"))
    return m.start() if first and not first <= stems(question) else start


_JOINED = re.compile(r"\b([a-z]+)\s+(?:and|or)\s+([a-z]+)\b", re.IGNORECASE)


def completed_verb_pair(text: str, start: int, question: str) -> int:
    """``start`` moved back to the first object when the question joins two words the span's sentence
    joins the same way: asked "What should a representation take and leave?", "take the least space
    and leave the most meaning" was answered "the most meaning", the half after "leave".

    The question's "A and B" must stand in the text as "A <up to eight words> and B <span>". Read as
    the tutor reads it, no answer of SQuAD v1.1 dev changes.
    """
    before = text[max(0, start - 160) : start]
    for m in _JOINED.finditer(question):
        first, second = (re.escape(w) for w in m.groups())
        pair = re.search(
            rf"\b{first}\w*\s+((?:[^\s.;:!?]+\s+){{0,7}}?[^\s.;:!?]+)\s+(?:and|or)\s+{second}\w*\s+$", before, re.I
        )
        if pair:
            return start - (len(before) - pair.start(1))
    return start
