"""FAISS inner-product index over normalised passage vectors, persisted atomically.

Exact search (``IndexFlatIP``) for small collections; HNSW from ``hnsw_threshold`` passages on,
which keeps a query around a millisecond at 100k passages on two cores. The file carries the store
generation it was built from; a mismatch means "rebuild from the database".

An exact search is computed with numpy on the flat index's own storage: faiss enters an OpenMP
parallel region even for one query, and right after a torch call (the question's embedding) its
threads compete with torch's for the two cores: 3.2 ms a search instead of 0.01 (numpy: 0.06).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

import faiss
import numpy as np

MAGIC = b"TUTORIDX1"


class VectorIndex:
    def __init__(self, kind: str = "auto", hnsw_threshold: int = 20_000, ef_search: int = 512) -> None:
        self.kind = kind
        self.hnsw_threshold = hnsw_threshold
        self.ef_search = ef_search
        self.generation = "empty"
        self._index: faiss.Index | None = None
        self._flat: tuple[np.ndarray, np.ndarray] | None = None  # a flat index's vectors (a view) and ids

    def __len__(self) -> int:
        return 0 if self._index is None else int(self._index.ntotal)

    def resolved_kind(self, n: int) -> str:
        if self.kind != "auto":
            return self.kind
        return "hnsw" if n >= self.hnsw_threshold else "flat"

    def build(self, ids: np.ndarray, vectors: np.ndarray, generation: str) -> None:
        if len(ids) == 0:
            self._index = None
        else:
            dim = vectors.shape[1]
            inner: faiss.Index
            if self.resolved_kind(len(ids)) == "hnsw":
                hnsw = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
                hnsw.hnsw.efConstruction = 80
                inner = hnsw
            else:
                inner = faiss.IndexFlatIP(dim)
            index = faiss.IndexIDMap2(inner)
            index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids.astype(np.int64))
            self._index = index
        self._tune()
        self.generation = generation

    def _tune(self) -> None:
        self._flat = None
        if self._index is None:
            return
        inner = faiss.downcast_index(self._index.index)  # type: ignore[attr-defined]
        if isinstance(inner, faiss.IndexHNSWFlat):
            inner.hnsw.efSearch = self.ef_search
        elif isinstance(inner, faiss.IndexFlat):
            vectors = faiss.rev_swig_ptr(inner.get_xb(), inner.ntotal * inner.d).reshape(inner.ntotal, inner.d)
            self._flat = vectors, faiss.vector_to_array(self._index.id_map)  # type: ignore[attr-defined]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if self._index is None or k <= 0:
            return []
        k = min(k, len(self))
        if self._flat is not None:
            vectors, all_ids = self._flat
            sims = vectors @ query.astype(np.float32).reshape(-1)
            top = np.argpartition(-sims, k - 1)[:k]
            top = top[np.argsort(-sims[top], kind="stable")]
            return [(int(i), float(s)) for i, s in zip(all_ids[top], sims[top], strict=True)]
        q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(q, k)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def similarities(self, query: np.ndarray, ids: list[int]) -> dict[int, float]:
        """Cosine of the query to each of these passages (stored vectors are normalised)."""
        if self._index is None or not ids:
            return {}
        vectors = np.vstack([self._index.reconstruct(int(i)) for i in ids])
        return {int(i): float(s) for i, s in zip(ids, vectors @ query.astype(np.float32), strict=True)}

    def save(self, path: Path) -> None:
        """Write to a temporary file and rename, so a crash never leaves a half-written index."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + ".tmp")
        gen = self.generation.encode()
        payload = b"" if self._index is None else faiss.serialize_index(self._index).tobytes()
        with tmp.open("wb") as fh:
            fh.write(MAGIC + struct.pack("<I", len(gen)) + gen + payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    def load(self, path: Path) -> bool:
        """Load a saved index; False if the file is missing or unreadable."""
        try:
            data = path.read_bytes()
        except OSError:
            return False
        if not data.startswith(MAGIC):
            return False
        try:
            (n,) = struct.unpack_from("<I", data, len(MAGIC))
            gen = data[len(MAGIC) + 4 : len(MAGIC) + 4 + n].decode()
            payload = data[len(MAGIC) + 4 + n :]
            self._index = faiss.deserialize_index(np.frombuffer(payload, dtype=np.uint8)) if payload else None
        except (struct.error, UnicodeDecodeError, RuntimeError):
            return False
        self._tune()
        self.generation = gen
        return True
