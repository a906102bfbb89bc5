"""Whether a span can answer "What is X?": never X's sibling in a list or an "A and B", X again, or about X.

Notes list things side by side, each item read with the list's lead-in in front ("This typically
involves: The learning rate. This typically involves: The batch size."), and to a reader trained on
Wikipedia every such item looks like a definition. These checks decline, they never pick: the
tutor declines the question when its best span fails one (the notes only list X).
"""

from __future__ import annotations

import os
import re

from models.answer_types import defined_term
from models.content_words import stems
from models.reader import ReaderSpan

_AND_BEFORE = re.compile(r",?\s+and\s+(?:(?:the|a|an)\s+)?$", re.IGNORECASE)
_AND_AFTER = re.compile(r"^,?\s+and\s+(?:(?:the|a|an)\s+)?", re.IGNORECASE)
_WORD = re.compile(r"[\w-]+")
_OF = re.compile(r"\s+(?:of|in|for|on|at|from|used)\s+", re.IGNORECASE)
_COMPARED = re.compile(r"^differences?\s+between\s+(?P<terms>.+)$", re.IGNORECASE)
_ABOUT = re.compile(r"^\s+(?:on|about|of|for|in)\s+(?:(?:the|a|an)\s+)?", re.IGNORECASE)


def defines_what_was_asked(question: str, span: ReaderSpan) -> bool:
    """Whether ``span`` can be what "What is X?" asks (any span can answer another question).

    These answers are never a definition of X (read without what it is of or used for: "the
    learning rate of BERT" and "the learning rate used to train BERT" are learning rates; cutting at
    "that"/"which" too would have rejected 6 more right SQuAD answers and no wrong one):
    - one that names X again ("What is a batch size?" → "The batch size", 0.94; "What is a
      test?" → "experimentation - one parameter change per one test"; "What is Google?" → "BERT
      is a 2018 child of Google Researchers"). 4 of SQuAD v1.1 dev's 1,755 "What is X?"
      questions have only such gold answers ("What is a stromule?" → "stroma-containing tubule");
    - another item of the list, where that item names X and the answer's does not ("What is a
      learning rate?" → "The batch size", 0.79; "What is an optimizer?" → "The initialization
      of model weights", 0.73);
    - the list's lead-in, where X is the item ("What is unidirectional?" → "LSTMs", 0.81, from
      "LSTMs are: Rather unidirectional.");
    - what "and" joins to X in its sentence ("What is the learning rate of BERT?" → "batch size",
      0.68, from "tune the learning rate and the batch size"). Of SQuAD v1.1 dev's 1,755 "What
      is X?" questions this rejects the gold answer of 2 (0.1 %); a comma would have rejected 48,
      nearly all appositions that define X ("a statocyst, a balance sensor");
    - X's neighbour in a series "A, B and C" (``listed_beside``: "What is language inference?" →
      "question answering", 0.70);
    - asked for "the difference between A and B", A or B alone ("What is the difference between a
      batch and an epoch?" → "Epoch", 0.69, from the list of terms to repeat). None of SQuAD
      v1.1's 6 such questions (train and dev) has a gold answer like that;
    - a thing about X, followed by "on/about/of/for/in X" ("What is NLP?" → "VERY good Stanford
      Lecture", 0.58, from "… Lecture on NLP and pretrained models"). No gold answer of those
      1,755 questions is; two wrong answers of the tutor's were.
    """
    term = defined_term(question)
    compared = _COMPARED.match(term)
    if compared:  # "the difference between a batch and an epoch" is not "Epoch"
        return not stems(span.text) <= stems(compared.group("terms"))
    asked = stems(_OF.split(term)[0])
    if not asked:
        return True
    if asked <= stems(span.text):  # X named again is no definition of X
        return False
    if (
        joined_by_and(span.sentence, *span.answer_in_sentence, asked)
        or listed_beside(span.sentence, *span.answer_in_sentence, asked)
        or _about(span.sentence, span.answer_in_sentence[1], asked)
    ):
        return False
    if not span.other_items:
        return True
    lead = lead_in_end(span)
    if span.answer_in_sentence[1] <= lead:  # the answer is the lead-in
        return not asked <= stems(span.sentence[lead:])
    if asked <= stems(span.sentence):
        return True
    return not any(asked <= stems(item) for item in span.other_items)


def lead_in_end(span: ReaderSpan) -> int:
    """Where the lead-in its list's items are read with ends in ``span.sentence`` (0 outside such a list)."""
    if not span.other_items:
        return 0
    return len(os.path.commonprefix([span.sentence, *span.other_items]).rpartition(":")[0])  # noqa: RUF071 (text)


def _about(sentence: str, end: int, head: frozenset[str]) -> bool:
    """Whether the span that ends at ``end`` is followed by "on/about/of/for/in X": a thing about X."""
    after = _ABOUT.match(sentence[end:])
    return bool(after and head <= stems(" ".join(_WORD.findall(sentence[end + after.end() :])[: len(head) + 1])))


def joined_by_and(sentence: str, start: int, end: int, head: frozenset[str]) -> bool:
    """Whether "and" joins ``sentence[start:end]`` to words that hold ``head`` (X and the span, or the span and X)."""
    n = len(head) + 2
    before = _AND_BEFORE.search(sentence[:start])
    if before and head <= stems(" ".join(_WORD.findall(sentence[: before.start()])[-n:])):
        return True
    after = _AND_AFTER.match(sentence[end:])
    return bool(after and head <= stems(" ".join(_WORD.findall(sentence[end + after.end() :])[:n])))


# "question answering, language inference and translation": the span, then X, then "and"/"or".
_SERIES_AFTER = re.compile(r"^,\s+(?!(?:the|a|an)\s)(?P<item>[^,.;:()]+?)\s+(?:and|or)\s", re.IGNORECASE)
_SERIES_BEFORE = re.compile(r"(?:^|,)\s*(?P<item>[^,.;:()]+?),\s+$")


def listed_beside(sentence: str, start: int, end: int, head: frozenset[str]) -> bool:
    """Whether the span and an item that holds ``head`` stand side by side in a series "A, B and C".

    "What is language inference?" read "question answering" (0.70) from "tasks, such as question
    answering, language inference and translation". The item must be followed by "and"/"or" (the
    span, X and …; X at most one word longer than asked) or the span must be, and be short (X, the
    span and …): an apposition ("Radio France, France's public radio broadcaster, and …") is neither. No gold
    answer of SQuAD v1.1's 15,837 "What is X?" questions (train and dev) is such a sibling, and no
    answer the tutor gives to SQuAD v1.1 dev's is.
    """
    limit = len(head) + 1
    after = _SERIES_AFTER.match(sentence[end:])
    if after and len(_WORD.findall(after["item"])) <= limit and head <= stems(after["item"]):
        return True
    before = _SERIES_BEFORE.search(sentence[:start])
    if before is None or not re.match(r"\s+(?:and|or)\s", sentence[end:], re.IGNORECASE):
        return False
    if len(_WORD.findall(sentence[start:end])) > limit + 1:  # "X, <a definition of X> and …": an apposition
        return False
    return head <= stems(" ".join(_WORD.findall(before["item"])[-limit:]))  # "such as X, the span and …"
