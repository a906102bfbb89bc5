"""What kind of thing "What learning rate should I use?" asks for, and answers that name another kind.

A lecture lists its terms side by side ("the learning rate and the batch size"; "This typically
involves: The choice of optimizer / The learning rate / The batch size"). Asked for a value of one of
them that the lecture never gives, the reader answered with its neighbour at high confidence: "What
learning rate should I use?" → "The batch size" (0.65), "Which optimizer should I use?" → "The
initialization of model weights" (0.49), "What is a good learning rate?" → "batch size" (0.65),
"What should the learning rate be?" → "The batch size" (0.59). Such an answer, or the asked kind
itself ("What batch size should I use?" → "The batch size", 0.88), is no answer. The neighbours
are found as for "What is X?" (``models.definitions``), except that a neighbouring item must name
the kind ("The learning rate"), not merely use its word (the lecture's "broader questions" are
listed beside "How can i answer this question?").

Asked how to choose one ("How do I pick the learning rate?" → "The batch size", 0.73; "How should I
choose an optimizer?" → "The initialization of model weights", 0.75), the neighbour is no answer
either; an item that names the kind is, there: "Increase the batch size" tells how to set it.
"""

from __future__ import annotations

import re

from models.answer_types import AUXILIARY
from models.content_words import stems
from models.definitions import joined_by_and, lead_in_end
from models.reader import ReaderSpan

# "What learning rate should I use?", "Which optimizer is best?": the words between "what" and the verb.
_DETERMINED = re.compile(
    rf"^\W*(?:what|which)\s+(?!{AUXILIARY}|kind\b|sort\b|type\b)(?P<kind>(?:[\w-]+\s+){{0,2}}?[\w-]+)\s+{AUXILIARY}",
    re.IGNORECASE,
)
# "What is a good learning rate?", "What's the best batch size for BERT?"
_RECOMMENDED = re.compile(
    r"^\W*what(?:'s|\s+is|\s+are|\s+would\s+be)\s+(?:a|an|the)\s+"
    r"(?:good|best|right|ideal|recommended|optimal|typical)\s+"
    r"(?P<kind>(?:[\w-]+\s+){0,2}?[\w-]+?)\s*(?:\?|$|\s+(?:to|for)\b)",
    re.IGNORECASE,
)
# "What should the learning rate be?": a value of it.
_TO_BE = re.compile(
    r"^\W*what\s+(?:should|would|will|must|can|could|might)\s+(?:the|a|an|my|our|your)\s+"
    r"(?P<kind>(?:[\w-]+\s+){0,2}?[\w-]+)\s+be\s*(?:\?|$|\s+(?:for|to|in|when|with|if)\b)",
    re.IGNORECASE,
)

# "How do I pick the learning rate?", "How should the batch size be chosen?": how to choose one.
_CHOOSE = r"(?:choose|pick|select|set|determine|decide\s+on|find|tune|adjust)"
_HOW_TO_CHOOSE = re.compile(
    rf"^\W*how\s+{AUXILIARY}\s+(?:(?:i|we|you|one|they|people|students)\s+)?(?:best\s+)?{_CHOOSE}\s+"
    r"(?:the\s+|a\s+|an\s+|my\s+|our\s+|your\s+)?(?P<kind>(?:[\w-]+\s+){0,3}?[\w-]+)\s*(?:\?|$|\s+(?:for|to|in|when|with)\b)",
    re.IGNORECASE,
)
_HOW_CHOSEN = re.compile(
    rf"^\W*how\s+{AUXILIARY}\s+(?:the\s+|a\s+|an\s+)?(?P<kind>(?:[\w-]+\s+){{0,3}}?[\w-]+)\s+be\s+"
    r"(?:chosen|picked|selected|set|determined|decided|found|tuned|adjusted)\b",
    re.IGNORECASE,
)


def asked_kind(question: str) -> str:
    """The kind of thing asked for ("learning rate"), or "" where the question does not name one."""
    m = _DETERMINED.match(question) or _RECOMMENDED.match(question) or _TO_BE.match(question)
    m = m or _how_to_choose(question)
    return m.group("kind") if m else ""


def _how_to_choose(question: str) -> re.Match[str] | None:
    return _HOW_TO_CHOOSE.match(question) or _HOW_CHOSEN.match(question)


def names_another_kind(question: str, span: ReaderSpan) -> bool:
    """Whether ``span`` names the kind asked for, or a neighbour of it, instead of giving one.

    So is a part of the kind's name, the item it stands in ("model weights" in "The initialization
    of model weights" for "What weight initialization should I use?"). An answer that holds the
    kind and more is one of it ("A learning rate that is too high" for
    "What learning rate can cause updates to overshoot?"). On SQuAD v1.1 dev, as the tutor reads
    it, the neighbour test fires on 2 of the 1,223 questions that name a kind (one answer right,
    one wrong): Wikipedia prose rarely joins a question's kind to another by "and".
    """
    asked, said = stems(asked_kind(question)), stems(span.text)
    if not asked or not said:
        return False
    lead = lead_in_end(span)
    own = stems(span.sentence[lead:])
    if said <= asked:  # the kind itself: "The batch size" for "What batch size should I use?"
        return True
    if _names(own, asked):  # its name: right for "What …?", a way to choose it ("Increase the batch size") for "How …?"
        return _how_to_choose(question) is None
    if asked & said:
        return False
    if joined_by_and(span.sentence, *span.answer_in_sentence, asked):
        return True
    return not asked <= own and any(_names(stems(other[lead:]), asked) for other in span.other_items)


def _names(words: frozenset[str], kind: frozenset[str]) -> bool:
    """Whether a sentence or list item of these words is a name of the kind ("The choice of optimizer")."""
    return kind <= words and len(words - kind) <= 1
