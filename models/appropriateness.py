"""The offensive-language model of ``alt-profanity-check``, run on its exported arrays.

The package ships a scikit-learn pipeline (TF-IDF → five calibrated linear SVMs); unpickling it
imports scikit-learn, ~65 MB resident for a few dot products. ``models.training.export_appropriateness``
writes the pipeline's numbers to ``weights/appropriateness/profanity.npz``; this module computes
what scikit-learn computes with them (same tokens, TF-IDF, l2 norm, decision functions, sigmoid
calibration and average), which a test checks against the package on many texts.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np

WEIGHTS = Path(__file__).resolve().parent / "weights" / "appropriateness" / "profanity.npz"
TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default, the one the package was fitted with
_TOKEN = re.compile(TOKEN_PATTERN)


class LinearTextModel:
    """P(offensive) of a text: TF-IDF over the package's vocabulary, then its calibrated SVMs."""

    def __init__(self, path: Path = WEIGHTS) -> None:
        with np.load(path, allow_pickle=False) as data:
            self.index = {str(w): i for i, w in enumerate(data["words"])}
            self.idf = data["idf"].astype(np.float64)
            self.coef = data["coef"].astype(np.float64)
            self.intercept = data["intercept"]
            self.sigmoid = data["sigmoid"]

    def probability(self, text: str) -> float:
        counts = Counter(i for w in _TOKEN.findall(text.lower()) if (i := self.index.get(w)) is not None)
        if counts:
            cols = np.fromiter(counts, dtype=np.int64)
            vals = np.fromiter(counts.values(), dtype=np.float64) * self.idf[cols]
            decisions = self.coef[:, cols] @ (vals / np.linalg.norm(vals)) + self.intercept
        else:  # no known word: the all-zero row
            decisions = self.intercept.copy()
        a, b = self.sigmoid[:, 0], self.sigmoid[:, 1]
        return float(np.mean(1.0 / (1.0 + np.exp(a * decisions + b))))
