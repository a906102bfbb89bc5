"""Typo correction for students' questions, towards the course's own words.

A misspelt lecture word costs the answer: "What do netwroks work on?" was declined (0.18),
"What do networks work on?" is answered "representations" (0.76). A word that is no English word
(symspellpy's 82k-word frequency list, the reader's vocabulary and the course's words all count as
known) is read as the course's word one edit away (Damerau: a letter dropped, added, changed, or
two swapped) with the same first letter, the course's most frequent first. Only the course's words
are targets: with the reader's vocabulary as targets too, more typos were fixed ("creted" →
"created"), but an NLP class's own jargon became English words ("relu" → "rely", "logit" →
"logic", "backprop" → "backdrop"). Acronyms and mixed case ("LSTMs", "BERT"), a capitalised word
inside a sentence (a name: "Ratner" is not "Rather"), words of under four letters, links and code
are left alone. Of SQuAD v1.1 dev's 10,570 questions, 8 are changed, all real typos ("betwen",
"seperating", "Whwn"), two to a near but not the meant word ("stong" → "stone", "generaly" →
"general"); before names were left alone, 14, five of them names ("Ratner" → "Rather").
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from models.citations import URL

_WORD = re.compile(r"[A-Za-z]+")
_VERBATIM = re.compile(f"({URL.pattern}|`[^`]*`)")
MIN_LETTERS = 4  # shorter words have too many neighbours one edit away


def _key(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "little", signed=True)


class Speller:
    """Reads a non-word as the course's word one edit away."""

    def __init__(self) -> None:
        # Known words (English + the reader's whole words) as sorted 8-byte hashes: 0.9 MB, not a 16 MB set.
        self._known = np.zeros(0, dtype=np.int64)
        self._course: Counter[str] = Counter()
        self._buckets: dict[tuple[str, int], list[str]] = {}

    @property
    def ready(self) -> bool:
        return len(self._known) > 0

    def warm_up(self, vocabulary: Iterable[str]) -> None:
        """Load the English word list and the reader's whole-word vocabulary."""
        if self.ready:
            return
        # Only symspellpy's word list is used: found without importing the package (~2 MB).
        spec = importlib.util.find_spec("symspellpy")
        if spec is None or not spec.submodule_search_locations:
            raise ModuleNotFoundError("symspellpy is not installed")
        path = Path(spec.submodule_search_locations[0]) / "frequency_dictionary_en_82_765.txt"
        with path.open(encoding="utf-8") as fh:
            english = np.fromiter((_key(line.split(" ", 1)[0]) for line in fh), dtype=np.int64)
        vocab = np.fromiter((_key(w) for w in vocabulary if w.isalpha()), dtype=np.int64)
        self._known = np.unique(np.concatenate([english, vocab]))

    def set_course(self, texts: Iterable[str]) -> None:
        """The course's words (all lectures): what a misspelt word may be read as."""
        self._course = Counter(w for text in texts for w in _WORD.findall(text.lower()) if len(w) >= MIN_LETTERS)
        buckets: dict[tuple[str, int], list[str]] = {}
        for w in self._course:
            buckets.setdefault((w[0], len(w)), []).append(w)
        self._buckets = buckets

    def is_known(self, word: str) -> bool:
        if word in self._course:
            return True
        key = _key(word)
        i = int(np.searchsorted(self._known, key))
        return i < len(self._known) and int(self._known[i]) == key

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
        return min(near, key=lambda w: (-self._course[w], w))

    def correct(self, text: str) -> str:
        """``text`` with its misspelt words corrected; everything else kept as typed."""

        def fix(m: re.Match[str]) -> str:
            word = m.group(0)
            if not (word.islower() or (word[0].isupper() and word[1:].islower())):
                return word  # acronyms and mixed case ("LSTMs", "BERT") are names, not typos
            before = m.string[: m.start()].rstrip()
            if word[0].isupper() and before and before[-1] not in ".!?":
                return word  # capitalised inside a sentence: a name ("Ratner", "Herve"), not a typo
            better = self.suggest(word.lower())
            if better is None:
                return word
            return better.capitalize() if word[0].isupper() else better

        # A link or an inline code span is quoted exactly: its words are not the student's prose.
        parts = _VERBATIM.split(text)
        return "".join(part if i % 2 else _WORD.sub(fix, part) for i, part in enumerate(parts))
