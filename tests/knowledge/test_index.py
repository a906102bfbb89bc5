"""The vector index: exact search in numpy on the flat index's storage, HNSW through faiss."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np
import pytest

from knowledge.index import VectorIndex


def unit_rows(n: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).standard_normal((n, 32)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


@pytest.mark.parametrize("n", [1, 7, 500])
def test_exact_search_returns_what_faiss_returns(n: int) -> None:
    vectors, ids = unit_rows(n), np.arange(100, 100 + n, dtype=np.int64)
    index = VectorIndex("flat")
    index.build(ids, vectors, "g1")
    assert index._flat is not None  # searched in numpy
    reference = faiss.IndexIDMap2(faiss.IndexFlatIP(32))
    reference.add_with_ids(vectors, ids)
    for query in unit_rows(5, seed=1):
        for k in (1, 3, 50):
            got = index.search(query, k)
            scores, want = reference.search(query.reshape(1, -1), min(k, n))
            assert [i for i, _ in got] == want[0].tolist()
            np.testing.assert_allclose([s for _, s in got], scores[0], rtol=1e-5, atol=1e-6)


def test_a_saved_index_searches_the_same_after_loading(tmp_path: Path) -> None:
    vectors, ids = unit_rows(50), np.arange(50, dtype=np.int64) * 3
    index = VectorIndex("flat")
    index.build(ids, vectors, "g1")
    index.save(tmp_path / "index.bin")
    loaded = VectorIndex("flat")
    assert loaded.load(tmp_path / "index.bin") and loaded.generation == "g1"
    assert loaded.search(vectors[7], 3) == index.search(vectors[7], 3)
    assert loaded.search(vectors[7], 1)[0][0] == 21


def test_hnsw_is_searched_through_faiss() -> None:
    vectors, ids = unit_rows(300), np.arange(300, dtype=np.int64)
    index = VectorIndex("hnsw")
    index.build(ids, vectors, "g1")
    assert index._flat is None
    assert index.search(vectors[42], 1)[0][0] == 42
    empty = VectorIndex("flat")
    empty.build(np.zeros(0, dtype=np.int64), np.zeros((0, 32), dtype=np.float32), "g0")
    assert empty.search(vectors[0], 3) == [] and len(empty) == 0
