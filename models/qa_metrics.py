"""SQuAD answer normalisation, exact match and F1 (the official v1.1/v2.0 definitions).

One addition: both texts are first repaired as lectures are on ingestion (ftfy: mojibake,
curly quotes), so a gold answer copied from a raw lecture file ("Iâ€™m fluent") matches the
repaired lecture the tutor answers from ("I'm fluent"); SQuAD's own golds and spans come from
the same paragraph and are repaired alike.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterable

import ftfy

_ARTICLES = re.compile(r"\b(a|an|the)\b", re.UNICODE)
_PUNCT = set(string.punctuation)


def normalize_answer(text: str) -> str:
    """Repair, lower-case, strip punctuation and articles, collapse whitespace."""
    text = ftfy.fix_text(text).lower()
    text = "".join(ch for ch in text if ch not in _PUNCT)
    text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def exact_match(prediction: str, gold: str) -> float:
    return float(normalize_answer(prediction) == normalize_answer(gold))


def f1_score(prediction: str, gold: str) -> float:
    pred_tokens = normalize_answer(prediction).split()
    gold_tokens = normalize_answer(gold).split()
    if not pred_tokens or not gold_tokens:
        return float(pred_tokens == gold_tokens)
    common = Counter(pred_tokens) & Counter(gold_tokens)
    same = sum(common.values())
    if same == 0:
        return 0.0
    precision = same / len(pred_tokens)
    recall = same / len(gold_tokens)
    return 2 * precision * recall / (precision + recall)


def best_over_golds(prediction: str, golds: Iterable[str]) -> tuple[float, float]:
    """(EM, F1) of a prediction against the best-matching gold answer."""
    golds = list(golds)
    if not golds:
        return (0.0, 0.0)
    return (
        max(exact_match(prediction, g) for g in golds),
        max(f1_score(prediction, g) for g in golds),
    )


def contains_answer(text: str, golds: Iterable[str]) -> bool:
    """Whether a normalised gold answer occurs inside a normalised text."""
    norm = f" {normalize_answer(text)} "
    return any(f" {normalize_answer(g)} " in norm for g in golds if normalize_answer(g))
