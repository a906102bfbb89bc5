"""BM25 over the passages, fused with the embedding search by reciprocal rank.

A passage embedding is the mean of everything in the passage, so one sentence that answers a
detail question ("We need to find the sweet spot in training.") can sink below passages that are
merely about the same topic. Word overlap finds it. Reciprocal-rank fusion (Cormack et al. 2009)
combines the two rankings without having to put BM25 scores and cosines on one scale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from models.citations import link_words
from models.content_words import words

if TYPE_CHECKING:
    import bm25s

RRF_K = 60  # the constant of reciprocal-rank fusion: 1 / (RRF_K + rank)


class LexicalIndex:
    """In-memory BM25 over passage texts, rebuilt from the store with the vector index."""

    def __init__(self) -> None:
        self.generation = "empty"
        self._ids = np.zeros(0, dtype=np.int64)
        self._bm25: bm25s.BM25 | None = None

    def build(self, ids: np.ndarray, texts: list[str], generation: str) -> None:
        self._ids = ids.astype(np.int64)
        self._bm25 = None
        if len(ids):
            import bm25s

            self._bm25 = bm25s.BM25()
            # An empty token list would make bm25s drop the document: keep a placeholder.
            # A link counts as the words a student calls it ("paper", "title"): ``link_words``.
            self._bm25.index([words(f"{t} {link_words(t)}") or ["\0"] for t in texts], show_progress=False)
        self.generation = generation

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Top ``k`` passages with a positive BM25 score, best first."""
        terms = words(query)
        if self._bm25 is None or not terms or k <= 0:
            return []
        scores = self._bm25.get_scores(terms)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self._ids[i]), float(scores[i])) for i in top if scores[i] > 0]


def fuse(*rankings: list[int], k: int) -> list[int]:
    """Reciprocal-rank fusion of best-first id lists; ties keep the first ranking's order."""
    score: dict[int, float] = {}
    for ranking in rankings:
        for rank, pid in enumerate(ranking):
            score[pid] = score.get(pid, 0.0) + 1.0 / (RRF_K + rank)
    order = list(dict.fromkeys(pid for ranking in rankings for pid in ranking))
    return sorted(order, key=lambda pid: -score[pid])[:k]
