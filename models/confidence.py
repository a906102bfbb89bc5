"""Calibrated answer confidence from the reader's scores and the retriever's similarity.

``p(correct) = sigmoid(margin·(span − no_answer) + score·span + similarity·cosine + bias)``,
a logistic regression fitted by ``python -m models.training.calibrate`` on held-out SQuAD dev
articles (questions asked of their own article, and of another article's passages, where the
answer is absent). Its weights ship next to the reader as ``calibration.json``.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Calibration:
    margin: float = 0.136
    score: float = 0.0
    similarity: float = 0.0
    bias: float = -2.376

    def __call__(self, span_score: float, null_score: float, similarity: float) -> float:
        z = self.margin * (span_score - null_score) + self.score * span_score + self.similarity * similarity + self.bias
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    @classmethod
    def load(cls, path: Path) -> Calibration:
        if not path.exists():
            return cls()
        data = json.loads(path.read_text())
        return cls(**{k: float(data[k]) for k in ("margin", "score", "similarity", "bias") if k in data})

    def save(self, path: Path, **extra: object) -> None:
        path.write_text(json.dumps({**asdict(self), **extra}, indent=2) + "\n")
