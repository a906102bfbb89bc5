"""Typo correction for students' questions, towards the course's own words.

A misspelt content word costs the whole answer: WordPiece cuts "creted" into pieces the reader
never saw in a question, and "Who creted BERT?" was answered "eager heads". Over our 88 lecture
questions with one typo put into each (a dropped, added, swapped or changed letter in one content
word), F1 fell 0.767 → 0.558; corrected as here, 0.741.

Only a word that is no English word at all is corrected (the known words are symspellpy's English
frequency list, the reader's vocabulary and the course's words), and only to a word one edit away
(Damerau: a letter dropped, added, changed or two swapped) with the same first letter: the course's
words first, most frequent in the course first, then the reader's vocabulary. Capitalised or short
words, acronyms ("LSTMs") and anything with digits are left alone.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

_WORD = re.compile(r"[A-Za-z]+")
MIN_LETTERS = 4  # shorter words have too many neighbours one edit away


def _key(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little", signed=True)


class Speller:
    """Corrects non-words to the course's words (or the reader's vocabulary) one edit away."""

    def __init__(self) -> None:
        self._english = np.zeros(0, dtype=np.int64)  # sorted hashes: 82k words in 0.7 MB, not a 14 MB set
        self._vocab: dict[str, int] = {}  # the reader's whole words -> rank (WordPiece ids run by frequency)
        self._course: Counter[str] = Counter()
        self._buckets: dict[tuple[str, int], list[str]] = {}

    @property
    def ready(self) -> bool:
        return len(self._english) > 0

    def warm_up(self, vocabulary: Iterable[str]) -> None:
        """Load the English word list and the reader's whole-word vocabulary (in id order)."""
        if self.ready:
            return
        # Only symspellpy's word list is used: found without importing the package (~2 MB).
        spec = importlib.util.find_spec("symspellpy")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("symspellpy is not installed")
        path = Path(spec.submodule_search_locations[0]) / "frequency_dictionary_en_82_765.txt"
        with path.open(encoding="utf-8") as fh:
            self._english = np.unique(np.fromiter((_key(line.split(" ", 1)[0]) for line in fh), dtype=np.int64))
        words = (w for w in vocabulary if w.isascii() and w.isalpha() and w.islower() and len(w) >= MIN_LETTERS)
        self._vocab = {w: rank for rank, w in enumerate(words)}
        self._rebucket()

    def set_course(self, texts: Iterable[str]) -> None:
        """The course's words (all lectures), preferred as corrections."""
        self._course = Counter(w for text in texts for w in _WORD.findall(text.lower()) if len(w) >= MIN_LETTERS)
        self._rebucket()

    def _rebucket(self) -> None:
        buckets: dict[tuple[str, int], list[str]] = {}
        for w in {*self._vocab, *self._course}:
            buckets.setdefault((w[0], len(w)), []).append(w)
        self._buckets = buckets

    def is_known(self, word: str) -> bool:
        if word in self._course or word in self._vocab:
            return True
        key = _key(word)
        i = int(np.searchsorted(self._english, key))
        return i < len(self._english) and int(self._english[i]) == key

    def suggest(self, word: str) -> str | None:
        """The correction of a lower-case word, or None where it is known or has none."""
        if len(word) < MIN_LETTERS or self.is_known(word):
            return None
        from editdistpy import damerau_osa

        near = [
            w
            for n in (len(word) - 1, len(word), len(word) + 1)
            for w in self._buckets.get((word[0], n), ())
            if damerau_osa.distance(word, w, 1) == 1
        ]
        if not near:
            return None
        return min(near, key=lambda w: (-self._course[w], self._vocab.get(w, len(self._vocab)), w))

    def correct(self, text: str) -> str:
        """``text`` with its misspelt words corrected; everything else kept as typed."""

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            if not (word.islower() or (word[0].isupper() and word[1:].islower())):
                return word  # acronyms and mixed case ("LSTMs", "BERT") are names, not typos
            better = self.suggest(word.lower())
            if better is None:
                return word
            return better.capitalize() if word[0].isupper() else better

        return _WORD.sub(fix, text)
