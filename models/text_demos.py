"""Language demos from the lecture: WordPiece tokens, a vocabulary-index representation, n-grams,
and bag-of-words similarity (which cannot tell "Mary asked John to leave." from "Mary asked to
leave John.")."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from models.errors import UserError

MAX_DEMO_CHARS = 2000
BERT_LIMIT = 512
_WORD = re.compile(r"[\w']+", re.UNICODE)
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")


class DemoError(UserError):
    """Bad demo input, worded for the user."""


def prepare(text: object, limit: int = MAX_DEMO_CHARS) -> tuple[str, bool]:
    """Normalise demo input; returns (text, truncated). Refuses empty text."""
    if not isinstance(text, str):
        raise DemoError("the text must be a string")
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).strip()
    if not text:
        raise DemoError("the text is empty: type a sentence")
    truncated = len(text) > limit
    return (text[:limit], truncated)


@cache
def stopwords() -> frozenset[str]:
    """scikit-learn's English stopword list (the Glasgow IR group's), read from its own file.

    The list is one module of plain words; importing it through ``sklearn`` would load
    scikit-learn itself (~65 MB resident), which nothing else in a running tutor needs.
    """
    import importlib.util
    import runpy

    spec = importlib.util.find_spec("sklearn")  # finds the package without importing it
    folders = list(spec.submodule_search_locations or []) if spec else []
    found = [Path(f) / "feature_extraction" / "_stop_words.py" for f in folders]
    if found and found[0].is_file():
        return frozenset(runpy.run_path(str(found[0]))["ENGLISH_STOP_WORDS"])
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS  # a layout we don't know: the import

    return frozenset(ENGLISH_STOP_WORDS)


def words(text: str, drop_stopwords: bool = False) -> list[str]:
    toks = [w.lower() for w in _WORD.findall(text)]
    return [w for w in toks if w not in stopwords()] if drop_stopwords else toks


@dataclass(frozen=True)
class TokenPiece:
    token: str
    id: int
    start: int  # character span in the input ([CLS]/[SEP]: -1)
    end: int


@dataclass(frozen=True)
class TokenizeResult:
    text: str
    truncated: bool
    pieces: list[TokenPiece]
    vocabulary: dict[str, int]  # the lecture's word → index (first seen = 1)
    indices: list[int]
    dropped_stopwords: bool

    @property
    def count(self) -> int:
        return len(self.pieces)

    @property
    def fits_bert(self) -> bool:
        return self.count <= BERT_LIMIT


@cache
def wordpiece_tokenizer() -> Any:
    from transformers import BertTokenizer

    from models.embedder import packaged_minilm_path

    # BertTokenizer(vocab_file=...) would silently build a 5-token vocabulary; load the folder.
    return BertTokenizer.from_pretrained(str(packaged_minilm_path()))


def tokenize(text: str, drop_stopwords: bool = False) -> TokenizeResult:
    text, truncated = prepare(text)
    tok = wordpiece_tokenizer()
    enc = tok(text, return_offsets_mapping=True, add_special_tokens=True, truncation=False)
    ids = enc["input_ids"]
    pieces = [
        TokenPiece(t, i, s if (s, e) != (0, 0) else -1, e if (s, e) != (0, 0) else -1)
        for t, i, (s, e) in zip(tok.convert_ids_to_tokens(ids), ids, enc["offset_mapping"], strict=True)
    ]
    vocab: dict[str, int] = {}
    indices = []
    for w in words(text, drop_stopwords):
        vocab.setdefault(w, len(vocab) + 1)
        indices.append(vocab[w])
    return TokenizeResult(text, truncated, pieces, vocab, indices, drop_stopwords)


@dataclass(frozen=True)
class NgramResult:
    n: int
    unit: str  # "word" | "char"
    counts: list[tuple[str, int]]
    total: int
    truncated: bool


def ngrams(
    text: str, n: int = 2, drop_stopwords: bool = False, chars: bool = False, top: int = 20, limit: int = MAX_DEMO_CHARS
) -> NgramResult:
    if not isinstance(n, int) or not 1 <= n <= 5:
        raise DemoError("n must be a whole number from 1 to 5")
    text, truncated = prepare(text, limit)
    if chars:
        seq = list(" ".join(words(text, drop_stopwords)))
        grams = ["".join(seq[i : i + n]) for i in range(len(seq) - n + 1)]
    else:
        toks = words(text, drop_stopwords)
        grams = [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1)]
    counts = Counter(grams)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], grams.index(kv[0])))
    return NgramResult(n, "char" if chars else "word", ranked[:top], len(grams), truncated)


@dataclass(frozen=True)
class CompareResult:
    a: str
    b: str
    vocabulary: list[str]
    counts_a: list[int]
    counts_b: list[int]
    bow_cosine: float
    embedding_cosine: float


def bag_of_words(a: str, b: str) -> tuple[list[str], list[int], list[int], float]:
    wa, wb = words(a), words(b)
    vocab = list(dict.fromkeys(wa + wb))
    ca = [wa.count(w) for w in vocab]
    cb = [wb.count(w) for w in vocab]
    va, vb = np.array(ca, dtype=float), np.array(cb, dtype=float)
    denom = float(np.linalg.norm(va) * np.linalg.norm(vb))
    return vocab, ca, cb, float(va @ vb / denom) if denom else 0.0
