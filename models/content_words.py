"""Content words: what a question and a text must share to be about the same thing.

Used twice: BM25 indexes passages by their content words (``knowledge.lexical``), and the reader
skips windows that share no content word with the question (``models.reader``).
"""

from __future__ import annotations

import re
from functools import cache

_WORD = re.compile(r"\w+")
# Question words carry no topic: a question's "what"/"how" should not match the lecture's.
QUESTION_WORDS = frozenset({
    "what", "which", "who", "whom", "whose", "how", "why", "when", "where", "do", "does", "did",
    "we", "you", "i", "can", "should", "would", "could", "is", "it", "its",
})  # fmt: skip
STEM_LETTERS = 5  # "parameters"/"parameter", "pretrained"/"pretraining" share their first five


@cache
def stopwords() -> frozenset[str]:
    """bm25s's English stopwords and question words (bm25s pulls in scipy: imported on first use)."""
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN) | QUESTION_WORDS


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` without stopwords and question words."""
    stop = stopwords()
    return [w for w in _WORD.findall(text.lower()) if w not in stop]


def stems(text: str) -> frozenset[str]:
    """Content words cut to their first ``STEM_LETTERS`` letters: a crude, language-agnostic stemmer."""
    return frozenset(w[:STEM_LETTERS] for w in words(text))
