"""Content words: what a question and a text must share to be about the same thing.

Used twice: BM25 indexes passages by their content words (``knowledge.lexical``), and the reader
skips windows that share no content word with the question (``models.reader``).

Words are Snowball-stemmed (PyStemmer, the stemmer bm25s is built for), so "tuned" meets "tune",
"tasks" meets "task" and "words" meets "word". A cut to the first five letters alone, as before,
missed every inflection of a word shorter than that: "What should be tuned first?" read no window
of the passage that says "it is usually sufficient to tune the learning rate".
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

_WORD = re.compile(r"\w+")
# Question words carry no topic: a question's "what"/"how" should not match the lecture's.
QUESTION_WORDS = frozenset({
    "what", "which", "who", "whom", "whose", "how", "why", "when", "where", "do", "does", "did",
    "we", "you", "i", "can", "should", "would", "could", "is", "it", "its",
})  # fmt: skip
STEM_LETTERS = 5  # stems cut further, for the reader's window filter: "pretrained"/"pretraining"


@cache
def stopwords() -> frozenset[str]:
    """bm25s's English stopwords and question words (bm25s pulls in scipy: imported on first use)."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | QUESTION_WORDS


@cache
def _stemmer() -> Any:
    import Stemmer

    return Stemmer.Stemmer("english")


# An acronym's plural: "LSTMs", "RNNs", "GPUs" (as typed, or lower-cased with no vowel before the "s").
_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Z0-9]+)s\b")
_NO_VOWEL_PLURAL = re.compile(r"^[b-df-hj-np-tv-xz0-9]{2,}s$")


def singular_acronyms(text: str) -> str:
    """``text`` with each acronym's plural made singular: "LSTMs" → "LSTM", "GPUs" → "GPU"."""
    return _ACRONYM_PLURAL.sub(r"\1", text)


def words(text: str) -> list[str]:
    """Stems of the lower-cased words of ``text``, without stopwords and question words.

    Snowball keeps the "s" of a plural with no vowel before it: "LSTMs" stemmed to "lstms" and
    never met "LSTM" ("LSTM downsides" read no window of "LSTMs are: …"). Such plurals lose it.
    """
    stop = stopwords()
    found = _WORD.findall(singular_acronyms(text).lower())
    kept = [w[:-1] if _NO_VOWEL_PLURAL.match(w) else w for w in found if w not in stop]
    return list(_stemmer().stemWords(kept))


def stems(text: str) -> frozenset[str]:
    """Content-word stems cut to their first ``STEM_LETTERS`` letters: a window-sized topic match.

    The cut joins what Snowball keeps apart but a question and its answer's sentence often share:
    "represented" stems to "repres", "representation" to "represent".
    """
    return frozenset(w[:STEM_LETTERS] for w in words(text))
