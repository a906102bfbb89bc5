"""Questions that ask for a list's item by its place: "What is the second fun fact?"

Notes are lists, and students ask for "the third example" or "the last drawback of LSTMs". The
reader cannot count items: of 28 such questions about the lecture's lists it answered two right
(it read "No task separation", the fourth item, for the first drawback of LSTMs at 0.74, and
declined the sixth quick term). So such a question is read twice. Without its place ("What is
the fun fact?") it finds the list, since its answer is one of the items; the list then gives
the item at the asked place. That answer must begin an item (or one of its sentences): a span
inside one ("right context" for "What is the layer of BERT?", "create state-of-the-art models"
for "What is the task BERT can do?") means the question is about what an item says, not about
the list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.content_words import stems
from models.definitions import lead_in_end
from models.reader import ReaderSpan
from models.reading_view import ItemList, ReadingView

PLACES = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "last": -1,
    "final": -1,
}
# "the third example", "BERT's second fun fact", "its 2nd item"; not "for the first time".
_ORDINAL = re.compile(
    rf"(?:\b(?:the|its|their|his|her|our|your|my)\s+|['’]s\s+)(?P<place>{'|'.join(PLACES)}|\d{{1,2}}(?:st|nd|rd|th))\b"
    r"(?!\s+times?\b)",
    re.IGNORECASE,
)
_NUMBERED = re.compile(r"\s+(?:number|no\.|#)\s*(?P<place>\d{1,2})\b", re.IGNORECASE)  # "fun fact number 2"


@dataclass(frozen=True)
class ItemAsked:
    """Which item a question asks for, and the question without its place."""

    place: int  # counted from 1; -1 is the last
    topic: str  # "What is the fun fact?": what the list's items answer


def item_asked(question: str) -> ItemAsked | None:
    """The place a question asks for ("the third", "the last", "number 2"), or None."""
    m = _ORDINAL.search(question) or _NUMBERED.search(question)
    if m is None:
        return None
    word = m.group("place").lower()
    place = PLACES[word] if word in PLACES else int(re.sub(r"\D", "", word))
    if place == 0:
        return None
    start, end = m.span("place") if m.re is _ORDINAL else m.span()
    topic = " ".join(f"{question[:start]} {question[end:]}".split())
    return ItemAsked(place, topic.replace(" ?", "?"))


def list_answered(view: ReadingView, start: int) -> ItemList | None:
    """The list with an item that source offset ``start`` begins, or a sentence of one; None if none does.

    ("English and Binary" begins the second sentence of "Not to brag, but I'm fluent in 10
    languages. English and Binary.": it is that example.)
    """
    for lst in view.item_lists:
        for s, e in lst.items:
            src_start, src_end = view.to_source(s, e)
            if src_start <= start < src_end:
                before = view.text[s : next(i for i in range(s, e) if view.origin[i] >= start)].strip()
                return lst if not before or before.endswith((".", "!", "?")) else None
    return None


def item_in(lst: ItemList, place: int) -> tuple[int, int] | None:
    """The view span of the item at ``place`` (from 1; -1 the last), if the list has one."""
    return lst.items[place - 1 if place > 0 else place] if 0 < abs(place) <= len(lst.items) else None


# "List the quick terms.", "Enumerate the drawbacks of LSTMs", "What are all the fun facts?", "Name all …"
_WHOLE_LIST = re.compile(
    r"^\W*(?:(?:please|can\s+you|could\s+you)\s+)?(?:list|enumerate)\b"
    r"|\b(?:name|what\s+are|which\s+are|give\s+(?:me|us))\s+all\b",
    re.IGNORECASE,
)


def asks_for_the_list(question: str) -> bool:
    """Whether ``question`` asks for a whole list ("List the quick terms."), not for one of its items.

    The reader answers with one span, so "List the quick terms" read "Weight" (0.77), one of six.
    Only a request that says so counts: "What are the drawbacks of LSTMs?" is answered by any one
    of them as well (the shared dev set's gold answers for such a question are the items, each).
    """
    return bool(_WHOLE_LIST.search(question))


def list_block(view: ReadingView, lst: ItemList) -> tuple[str, str, tuple[int, int]]:
    """A list as one answer: its items joined ("Layer; Weight; …"), and the line to show it in.

    The line is the list's lead-in, where it has one ("Some quick terms to repeat: Layer; …"), with
    the position of the items in it.
    """
    items = "; ".join(view.text[s:e].strip().rstrip(".") for s, e in lst.items)
    lead = view.text[slice(*lst.lead)].strip().rstrip(".") if lst.lead is not None else ""
    shown = f"{lead} {items}" if lead else items
    return items, shown, (len(shown) - len(items), len(shown))


def asks_what_the_notes_ask(question: str, span: ReaderSpan) -> bool:
    """Whether ``question`` is one the notes themselves list as a question, in the list ``span`` is from.

    Notes open with questions ("So lets start with: … 2. So one from me, what did we talk about last
    time? 3. And, what actually is a neural network?") and list the questions a field asks ("What
    types of problems do we solve: … 3. How can i summarize this text?"). Asked one of them, the
    reader answered from the list: the next question ("What did we talk about last time?" → "And,
    what actually is a neural network?", 0.40) or the lead-in ("How can I summarize this text?" →
    "What types of problems do we solve", 0.80). The notes ask those questions; they do not answer
    them there. A listed question holds every word of the student's (after its lead-in). Only
    spans in a list with a lead-in (SQuAD's paragraphs have none).
    """
    if not span.other_items:
        return False
    asked = stems(question)
    lead = lead_in_end(span)
    if len(asked) < 2:  # "Why?" is no question of the notes'
        return False
    items = (span.sentence, *span.other_items)
    return any(item.rstrip().endswith("?") and asked <= stems(item[lead:]) for item in items)
