"""Markdown line structure, and the prose "reading view" of a passage that the reader sees.

Lecture notes are Markdown: numbered and bulleted lists, headings, hard-wrapped lines, lines
ended by two spaces. A QA head trained on Wikipedia prose reads a list as one run-on sentence
("Fun-facts: 1. BERT_BASE contains 110M parameters ... 2 BERT is a 2018 child of ...") and its
no-answer score fires on it. Measured on the lecture's fun-facts list, "Who created BERT?" scores
−3.2 (span − no-answer) on the list and +5.5 on the same facts written as sentences.

So the reader reads a view of each passage in which every list item, heading and hard-broken line
is a sentence of its own (markers dropped, a full stop added where the line has no closing
punctuation), while soft-wrapped lines stay one sentence. Every character of the view remembers
where it came from, so answers are still exact spans of the stored lecture text.

A list item after the first one of a list that a short line ending in a colon introduces reads
with that lead-in in front of it: "LSTMs are: Slow to train. LSTMs are: Rather unidirectional."
instead of the bare fragment "Rather unidirectional." The copied lead-in maps back to the lead-in's
own characters, and a span may not run from the copy into the item.

Line breaks follow CommonMark: a newline inside a paragraph is a *soft* break (the sentence goes
on); a blank line, a line ending in two spaces or a backslash, or a next line that opens a list
item, heading, quote, fence or table row is a block boundary.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from models.citations import URL

# A link's tracking parameters ("?msclkid=2b18…", "&utm_source=…"): where the link was clicked, not what it is.
_TRACKING = re.compile(
    r"[?&](?:utm_\w+|msclkid|fbclid|gclid|dclid|gbraid|wbraid|yclid|igshid|mc_[ce]id|_hs(?:enc|mi)|mkt_tok|ref_src)"
    r"=[^&#]*?(?=[&#]|[.,;:!?]*$)",  # within one link: up to the next parameter or its closing punctuation
    re.IGNORECASE,
)
# A line's block marker: list bullet or number, heading hashes, quote marks.
_MARKER = re.compile(r"[ \t]*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+|#{1,6}[ \t]+|(?:>[ \t]?)+)")
_OPENS_BLOCK = re.compile(r"[ \t]*(?:[-*+][ \t]|\d{1,3}[.)][ \t]|#{1,6}[ \t]|>|```|~~~|\|)")
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+\S")
CLOSING_MARKS = ".!?:;"  # what ends a sentence or a lead-in
LEAD_IN_WORDS = 12  # a longer line ending in a colon is prose, not a list's lead-in


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, ``end`` excluding its newline."""
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            out.append((pos, len(text)))
            return out
        out.append((pos, nl))
        pos = nl + 1


def is_soft_break(line: str, next_line: str) -> bool:
    """Whether the newline between two lines continues the same paragraph (CommonMark)."""
    if not line.strip() or not next_line.strip():
        return False
    if line.endswith(("  ", "\t", "\\")):
        return False
    return not (_OPENS_BLOCK.match(next_line) or re.match(r"[ \t]*#{1,6}[ \t]", line))


@dataclass(frozen=True)
class ItemList:
    """A Markdown list as a reading view holds it (view offsets)."""

    items: tuple[tuple[int, int], ...]  # each item's own first line (a copied lead-in not included)
    lead: tuple[int, int] | None = None  # its lead-in ("LSTMs are:"), copied before the items after the first


@dataclass(frozen=True)
class ReadingView:
    """Prose rendering of a Markdown passage with a map back to the source characters."""

    text: str
    origin: tuple[int, ...]  # origin[i]: index in the source of view character i
    sentences: tuple[tuple[int, int], ...] = ()  # (start, end) of each sentence of ``text``
    copies: tuple[tuple[int, int], ...] = ()  # (start, end) of each lead-in copied before a list item
    line_starts: tuple[int, ...] = ()  # view offsets where a new block or hard-broken line begins
    item_lists: tuple[ItemList, ...] = ()  # every list of two or more items

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the view span ``[start, end)``."""
        if end <= start:
            at = self.origin[start] if start < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """View span of the sentence(s) that hold the view span ``[start, end)``."""
        first = next((s for s, e in self.sentences if s <= start < e), start)
        last = next((e for s, e in self.sentences if s < end <= e), end)
        return min(first, start), max(last, end)

    def answer_sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence to show around view span ``[start, end)``, paired as the notes pair them.

        Notes often ask and answer on one line ("What is a model? It's a problem representation."):
        the answer alone is a riddle to a student and, to the confidence model, unlike the
        student's question; the question alone says nothing. So a sentence after a question is
        shown with it, and a question with the sentence after it. Only the same line counts: a
        list of questions ("3. What is a neural network?") is not answered by the next list's
        first item. Answers and declines both show what this returns.
        """
        s_start, s_end = self.sentence_around(start, end)
        first, last = self.sentence_of(s_start), self.sentence_of(max(s_end - 1, s_start))
        if first > 0 and self._asks(first - 1) and self._same_line(self.sentences[first - 1][0], s_start):
            s_start = self.sentences[first - 1][0]
        if 0 <= last < len(self.sentences) - 1 and self._asks(last):
            n_start, n_end = self.sentences[last + 1]
            if self._same_line(s_start, n_start):
                s_end = n_end
        return s_start, s_end

    @cached_property
    def lists(self) -> tuple[tuple[int, ...], ...]:
        """Of each list with a lead-in, where its items' sentences start: at the lead-in or its copy."""
        return tuple(
            (lst.lead[0], *(s - (lst.lead[1] - lst.lead[0] + 1) for s, _ in lst.items[1:]))
            for lst in self.item_lists
            if lst.lead is not None
        )

    def whole_question(self, start: int, end: int) -> tuple[int, int]:
        """View span ``[start, end)`` grown to the list item it is in, if that item is a question.

        Notes list questions as examples ("What types of problems do we solve: 1. Where in the
        text can i find an answer to that question?"); such a question answers whole, or not at
        all: "What kinds of problems do we solve with language?" read "Where in the text". The
        item's line only, without the lead-in read before it. A question in prose is left alone:
        on SQuAD, "2000" answers from "Is there a route of at most 2000 kilometres …?".
        """
        for lst in self.item_lists:
            for s, e in lst.items:
                if s <= start < e and end <= e and self.text[s:e].endswith("?"):
                    return s, e
        return start, end

    def other_items(self, start: int, end: int) -> list[str]:
        """The other items of the list (one with a lead-in) whose item holds view span ``[start, end)``.

        Each read as the reader reads it, lead-in first; empty where the span is in no such list.
        """
        first = self.sentences[self.sentence_of(start)][0]
        for starts in self.lists:
            if first in starts:
                return [self.text[slice(*self.sentences[self.sentence_of(s)])] for s in starts if s != first]
        return []

    def _asks(self, i: int) -> bool:
        start, end = self.sentences[i]
        return self.text[start:end].rstrip().endswith("?")

    def _same_line(self, start: int, end: int) -> bool:
        """Whether no block or hard-broken line begins after view offset ``start`` up to ``end``."""
        return not any(start < b <= end for b in self.line_starts)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence that holds view offset ``offset`` (answers stay inside one)."""
        return bisect.bisect_right(self._starts, offset) - 1

    def segment_of(self, offset: int) -> int:
        """Like ``sentence_of``, but a copied lead-in is a segment of its own (answers stay in one)."""
        return int(self.segments_of(np.array([offset]))[0])

    def segments_of(self, offsets: np.ndarray) -> np.ndarray:
        """``segment_of`` of every view offset in ``offsets`` at once (a question's ~600 tokens)."""
        sentence = np.searchsorted(self._starts, offsets, side="right") - 1
        return 2 * sentence + in_spans(offsets, self.copies)

    @cached_property
    def read_text(self) -> str:
        """``text`` as the reader's tokenizer gets it: links' tracking parameters blanked out.

        "?msclkid=2b188d20c6c111ec90a8707c579811f9" is forty word pieces of hex to a reader trained
        on Wikipedia prose, and it unsettles the sentences around it: on the lecture's fun-facts
        line after the SQuAD link, "How many parameters does BERT_LARGE have?" read "110M" (0.93),
        and reads "340M" with the tracker blanked. Blanked with spaces, which yield no tokens, so
        every offset still points into ``text`` and an answer in a link still becomes the whole
        link, tracker and all (``models.span_bounds.snap_to_words``). Only trackers: blanking every
        query string too ("watch?v=TLPmlVeEf1k") moved two notebook questions to a video link.
        Windows are still cut by ``text``'s token counts: re-cut, they moved answers both ways.
        """

        def blank(link: re.Match[str]) -> str:
            return _TRACKING.sub(lambda q: " " * len(q.group()), link.group())

        return URL.sub(blank, self.text)

    @cached_property
    def _starts(self) -> list[int]:
        return [s for s, _ in self.sentences]


def in_spans(offsets: np.ndarray, spans: tuple[tuple[int, int], ...]) -> np.ndarray:
    """Whether each offset lies in one of ``spans`` (sorted, not overlapping): 0 or 1 per offset."""
    if not spans:
        return np.zeros(len(offsets), dtype=np.int64)
    starts = np.array([s for s, _ in spans], dtype=np.int64)
    ends = np.array([e for _, e in spans], dtype=np.int64)
    i = np.searchsorted(starts, offsets, side="right") - 1
    return ((i >= 0) & (offsets < ends[np.maximum(i, 0)])).astype(np.int64)


def reading_view(text: str) -> ReadingView:
    """Each block of ``text`` as a sentence: markers dropped, closing full stop added if missing."""
    chars: list[str] = []
    origin: list[int] = []
    copies: list[tuple[int, int]] = []
    line_starts: list[int] = []
    item_lists: list[tuple[list[int], tuple[int, int] | None]] = []  # item starts, lead-in
    lead: tuple[int, int] | None = None  # view span of the lead-in of the current list
    items = 0  # items of that list so far
    block: int | None = None  # view offset where the current prose block began
    soft = False  # whether the previous line ran on into this one
    lines = _lines(text)
    for i, (start, end) in enumerate(lines):
        line = text[start:end]
        marker = _MARKER.match(line)
        c_start = start + (marker.end() if marker else 0)
        while c_start < end and text[c_start].isspace():
            c_start += 1
        c_end = end
        while c_end > c_start and text[c_end - 1].isspace():
            c_end -= 1
        if c_end > c_start:
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(c_start - 1)
            if chars and not soft:
                line_starts.append(len(chars))
            if _LIST_ITEM.match(line):
                if not items:
                    item_lists.append(([], lead))
                if lead is not None and items:
                    copies.append((len(chars), len(chars) + lead[1] - lead[0]))
                    chars.extend(chars[lead[0] : lead[1]])
                    origin.extend(origin[lead[0] : lead[1]])
                    chars.append(" ")
                    origin.append(c_start - 1)
                item_lists[-1][0].append(len(chars))
                items += 1
                block = None
            elif not soft and not (items and line[:1].isspace()):  # a new block, not an item's next line
                lead, items, block = None, 0, len(chars)
            chars.extend(text[c_start:c_end])
            origin.extend(range(c_start, c_end))
        if i + 1 == len(lines):
            break
        n_start, n_end = lines[i + 1]
        soft = is_soft_break(line, text[n_start:n_end])
        if soft:
            continue
        if block is not None and len(chars) > block and chars[-1] == ":" and not marker:
            if len("".join(chars[block:]).split()) <= LEAD_IN_WORDS:
                lead, items = (block, len(chars)), 0
            block = None
        if chars and chars[-1] not in CLOSING_MARKS and chars[-1] != " ":
            chars.append(".")
            origin.append(end)  # the newline: trimmed away if an answer ends here
    view = "".join(chars)
    return ReadingView(
        view,
        tuple(origin),
        tuple(view_sentences(view)),
        tuple(copies),
        tuple(line_starts),
        tuple(ItemList(_item_lines(view, starts, line_starts), lead) for starts, lead in item_lists if len(starts) > 1),
    )


def _item_lines(view: str, starts: list[int], line_starts: list[int]) -> tuple[tuple[int, int], ...]:
    """Each item's first line: from its start to the next hard break or block (soft-wrapped lines joined)."""
    out = []
    for s in starts:
        k = bisect.bisect_right(line_starts, s)
        end = line_starts[k] if k < len(line_starts) else len(view)
        while end > s and view[end - 1].isspace():
            end -= 1
        out.append((s, end))
    return tuple(out)


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+")


def view_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the sentences of a reading view (whose blocks all end in punctuation)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text.rstrip())))
    return spans


def runs(n: int, fits: Callable[[int, int], bool], overlap: int) -> list[tuple[int, int]]:
    """Cut ``n`` consecutive items into runs ``[i, j)``, each as long as ``fits(i, j)`` allows.

    Neighbouring runs share ``overlap`` items, so nothing is read only at a run's edge. A first
    item that does not fit alone is still a run of its own (the caller cuts it further). Used for
    passages (``knowledge.passages``) and for the reader's windows.
    """
    out: list[tuple[int, int]] = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and fits(i, j + 1):
            j += 1
        out.append((i, j))
        if j >= n:
            break
        i = max(i + 1, j - overlap)
    return out


def pack(lengths: list[int], limit: int, overlap: int) -> list[tuple[int, int]]:
    """Runs of consecutive items whose lengths add up to at most ``limit`` (see ``runs``)."""
    starts = [0, *itertools.accumulate(lengths)]
    return runs(len(lengths), lambda i, j: starts[j] - starts[i] <= limit, overlap)


def sentence_windows(views: list[ReadingView], tokenizer: Any, limit: int) -> list[tuple[int, int, int]]:
    """``(view, start, end)`` windows of whole sentences of each view, as the reader reads them.

    Each window holds at most ``limit`` word pieces of ``tokenizer`` (a Hugging Face tokenizer; a
    longer sentence is a window of its own, which the reader's stride then cuts) and shares a
    sentence with its neighbour. ``limit`` ≤ 0: each view whole.
    """
    if limit <= 0:
        return [(p, 0, len(v.text)) for p, v in enumerate(views)]
    flat = [v.text[s:e] for v in views for s, e in v.sentences]
    counts = iter(len(ids) for ids in tokenizer(flat, add_special_tokens=False)["input_ids"]) if flat else iter(())
    windows: list[tuple[int, int, int]] = []
    for p, view in enumerate(views):
        lengths = [next(counts) for _ in view.sentences]
        ss = view.sentences
        windows.extend((p, ss[i][0], ss[j - 1][1]) for i, j in pack(lengths, limit, overlap=1))
    return windows
