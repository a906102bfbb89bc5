"""Calibrated answer confidence: two detectors of a right answer, either of which may vouch for it.

- The *reader* detector: a logistic regression on (span − no-answer margin, span score,
  cos(question, passage)).
- The *sentence* detector: a logistic regression on cos(question, the sentence that holds the
  span), from the sentence embedder, which was trained on question–answer pairs.

Confidence is the larger of the two probabilities, and the sentence detector vouches only inside a
passage that is about the question (``SENTENCE_FLOOR``). The reader's no-answer score is a small model's
judgement that shifts on text unlike its Wikipedia training paragraphs (slides, terse list items,
paraphrase: "In what year was BERT born?" against "BERT is a 2018 child of Google Researchers"),
while the embedder misses terse answers ("Slow to train") that the reader finds. They fail in
different places, so either one may vouch; the threshold on the larger one is fitted so that off-topic
questions are still declined (see ``models.training.calibrate``, which fits both on held-out SQuAD
dev articles used as lectures and writes ``calibration.json`` next to the reader).
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# cos(question, passage) under which the sentence detector does not vouch. It sees one sentence, and
# a question about something else that shares a name or a word with it scores like a paraphrase:
# "Who is the CEO of Google?" against "BERT is a 2018 child of Google Researchers." (0.45, so 0.41,
# over the threshold, while the reader's own detector said 0.00), "What are the rules of chess?"
# against the heading "General rules". Their passages are not about the question (cosine 0.06,
# 0.07). On the held-out SQuAD articles used as lectures (``models.training.calibrate``) no right
# answer that the sentence detector alone carried had a passage under 0.15 (20 of 20 kept), and 2
# of the 20 off-topic questions it carried had; on our lecture questions the lowest right one is
# 0.18 ("Where can I find the SQuAD dataset?"). The reader's detector has the similarity as an input.
SENTENCE_FLOOR = 0.15


@dataclass(frozen=True)
class Logistic:
    weights: tuple[float, ...]
    bias: float

    def __call__(self, *x: float) -> float:
        z = sum(w * v for w, v in zip(self.weights, x, strict=True)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_dict(self) -> dict[str, Any]:
        return {"weights": list(self.weights), "bias": self.bias}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Logistic:
        return cls(tuple(float(w) for w in data["weights"]), float(data["bias"]))


@dataclass(frozen=True)
class Calibration:
    # Fallbacks for a reader without its own calibration.json: a margin-only reader detector and
    # the sentence detector fitted for the packaged embedder.
    reader: Logistic = field(default_factory=lambda: Logistic((0.136, 0.0, 0.0), -2.376))
    sentence: Logistic = field(default_factory=lambda: Logistic((7.0,), -3.9))
    threshold: float = 0.3  # below this confidence the tutor declines
    sentence_floor: float = SENTENCE_FLOOR

    def __call__(self, span_score: float, null_score: float, similarity: float, sentence_similarity: float) -> float:
        sentence = self.sentence_vote(similarity, sentence_similarity)
        return max(self.reader(span_score - null_score, span_score, similarity), sentence)

    def sentence_vote(self, similarity: float, sentence_similarity: float) -> float:
        """The sentence detector's probability alone: for an answer that the reader did not read."""
        return self.sentence(sentence_similarity) if similarity >= self.sentence_floor else 0.0

    @classmethod
    def load(cls, path: Path) -> Calibration:
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text())
            return cls(
                Logistic.from_dict(data["reader"]),
                Logistic.from_dict(data["sentence"]),
                float(data["threshold"]),
                float(data.get("sentence_floor", SENTENCE_FLOOR)),
            )
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("%s is not a calibration this version reads (%s); using the defaults", path, exc)
            return cls()

    def save(self, path: Path, **extra: object) -> None:
        body = {
            "reader": self.reader.to_dict(),
            "sentence": self.sentence.to_dict(),
            "threshold": self.threshold,
            "sentence_floor": self.sentence_floor,
        }
        path.write_text(json.dumps({**body, **extra}, indent=2) + "\n")
