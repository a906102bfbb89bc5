"""Split a cleaned lecture into passages that follow its sections and sentences.

Each passage stays under the embedder's token limit, overlaps its neighbour by a sentence, and
remembers its section heading and its character span in the lecture text, so that an answer can be
shown inside its sentence and cited.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from models.reading_view import runs

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)
# A sentence ends at . ! ? followed by space/newline, or at a line break (lists, slides).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")

TokenCounter = Callable[[str], int]


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class PassageDraft:
    ordinal: int
    section: str
    start: int
    end: int
    text: str


def sections(text: str) -> list[tuple[str, int, int]]:
    """(heading, start, end) of every section; text before the first heading has heading ''."""
    out: list[tuple[str, int, int]] = []
    matches = list(_HEADING.finditer(text))
    starts = [0] + [m.start() for m in matches]
    heads = [""] + [m.group(2).strip() for m in matches]
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        if text[start:end].strip():
            out.append((heads[i], start, end))
    return out


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """Character spans of the sentences (or list lines) between ``start`` and ``end``."""
    spans: list[Span] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        _add_trimmed(text, pos, m.start(), spans)
        pos = m.end()
    _add_trimmed(text, pos, end, spans)
    return spans


def _add_trimmed(text: str, s: int, e: int, out: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and any(ch.isalnum() for ch in text[s:e]):
        out.append(Span(s, e))


def _split_long(text: str, span: Span, count: TokenCounter, limit: int) -> list[Span]:
    """Cut a sentence longer than the limit at word boundaries."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[span.start : span.end])]
    out: list[Span] = []
    cur: list[tuple[int, int]] = []
    for w in words:
        trial = [*cur, w]
        if cur and count(text[span.start + trial[0][0] : span.start + trial[-1][1]]) > limit:
            out.append(Span(span.start + cur[0][0], span.start + cur[-1][1]))
            cur = [w]
        else:
            cur = trial
    if cur:
        out.append(Span(span.start + cur[0][0], span.start + cur[-1][1]))
    return out


def _fits(text: str, sents: list[Span], count: TokenCounter, budget: int) -> Callable[[int, int], bool]:
    """Whether sentences ``[i, j)`` together stay within the token budget."""
    return lambda i, j: count(text[sents[i].start : sents[j - 1].end]) <= budget


def split_passages(text: str, count: TokenCounter, max_tokens: int, overlap: int) -> list[PassageDraft]:
    """Pack sentences of each section into passages of at most ``max_tokens`` tokens.

    The section heading is counted into the budget, because it is embedded with the passage.
    """
    drafts: list[PassageDraft] = []
    for heading, s_start, s_end in sections(text):
        budget = max(8, max_tokens - count(heading))
        sents: list[Span] = []
        for sp in sentence_spans(text, s_start, s_end):
            if count(text[sp.start : sp.end]) > budget:
                sents.extend(_split_long(text, sp, count, budget))
            else:
                sents.append(sp)
        for i, j in runs(len(sents), _fits(text, sents, count, budget), overlap):
            start, end = sents[i].start, sents[j - 1].end
            drafts.append(PassageDraft(len(drafts), heading, start, end, text[start:end]))
    return drafts
