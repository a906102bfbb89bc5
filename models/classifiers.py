"""Humor and appropriateness classifiers for the /classify demo."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from models.appropriateness import LinearTextModel
from models.embedder import Embedder, embed_in_small_batches

HUMOR_WEIGHTS = Path(__file__).resolve().parent / "weights" / "humor" / "humor.json"


@dataclass(frozen=True)
class Classification:
    kind: str  # "humor" | "appropriateness"
    label: str
    probability: float  # of the positive class: funny / inappropriate
    hint: str = ""  # humor: the nearest known joke
    hint_similarity: float = 0.0


class HumorClassifier:
    """Logistic regression on sentence embeddings (trained by ``models.training.train_humor``)."""

    def __init__(self, embedder: Embedder, weights: Path = HUMOR_WEIGHTS) -> None:
        self.embedder = embedder
        self.weights = weights
        self._coef: np.ndarray | None = None
        self._bias = 0.0
        self._jokes: list[str] = []
        self._joke_vecs: np.ndarray | None = None
        self.metrics: dict[str, float] = {}

    def warm_up(self) -> None:
        if self._coef is not None:
            return
        import pyjokes

        data = json.loads(self.weights.read_text())
        self._coef = np.asarray(data["coef"], dtype=np.float32)
        self._bias = float(data["intercept"])
        self.metrics = data.get("metrics", {})
        self._jokes = list(pyjokes.get_jokes(language="en", category="all"))
        self._joke_vecs = embed_in_small_batches(self.embedder, self._jokes)

    def run(self, text: str) -> Classification:
        self.warm_up()
        assert self._coef is not None and self._joke_vecs is not None
        vec = self.embedder.embed([text])[0]
        z = float(vec @ self._coef + self._bias)
        p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
        sims = self._joke_vecs @ vec
        best = int(np.argmax(sims))
        label = "funny" if p >= 0.5 else "not funny"
        return Classification("humor", label, p, self._jokes[best], float(sims[best]))


class AppropriatenessClassifier:
    """The offensive-language model of ``alt-profanity-check`` (linear SVMs on TF-IDF words).

    Run on its exported arrays (``models.appropriateness``): the same probabilities as the
    package, without the ~65 MB of scikit-learn that unpickling the package's model imports.
    """

    def __init__(self) -> None:
        self._model: LinearTextModel | None = None

    def warm_up(self) -> None:
        if self._model is None:
            self._model = LinearTextModel()

    def run(self, text: str) -> Classification:
        self.warm_up()
        assert self._model is not None
        p = self._model.probability(text)
        return Classification("appropriateness", "inappropriate" if p >= 0.5 else "appropriate", p)
