"""Fast, deterministic stand-ins for the neural models (Haystack-style fake components)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")


class HashingEmbedder:
    """Bag-of-words hashed into a normalised vector: same words, same direction."""

    dimension = 64
    max_tokens = 256

    def __init__(self) -> None:
        self.calls = 0

    def warm_up(self) -> None:
        pass

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                h = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
                out[row, h % self.dimension] += 1.0
            norm = np.linalg.norm(out[row])
            out[row] = out[row] / norm if norm else out[row]
        return out

    def count_tokens(self, text: str) -> int:
        return len(_WORD.findall(text.lower())) + 2


class FailingEmbedder(HashingEmbedder):
    """Fails on the n-th call, to simulate a crash in the middle of an ingest."""

    def __init__(self, fail_on_call: int) -> None:
        super().__init__()
        self.fail_on_call = fail_on_call

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.calls + 1 == self.fail_on_call:
            self.calls += 1
            raise RuntimeError("simulated crash during embedding")
        return super().embed(texts)
