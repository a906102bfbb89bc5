"""Ingest speed and search latency of the knowledge base.

Prints a table: ingest passages/s with the real packaged embedder, and index search latency
(p50/p95 over 300 queries) at 1k, 10k and 100k passages for exact search (the baseline) and for
HNSW, with HNSW's recall@3 against exact search, BM25 (the word half of the hybrid search), plus
end-to-end ``Tutor.search`` latency (embedding + BM25 + fusion + store) and the
process's peak memory. Large sizes use synthetic vectors (clustered, like real embeddings).

    python bench/bench_search.py [--sizes 1000 10000 100000]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time

import numpy as np

from bot.runtime import quiet_libraries
from knowledge.index import VectorIndex


def synthetic(n: int, dim: int, rng: np.random.Generator) -> np.ndarray:
    centers = rng.standard_normal((max(8, n // 50), dim)).astype(np.float32)
    x = centers[rng.integers(0, len(centers), n)] + 0.6 * rng.standard_normal((n, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(xs, q))


def bench_index(n: int, rng: np.random.Generator, queries: int = 300) -> list[tuple[str, ...]]:
    vecs = synthetic(n, 384, rng)
    ids = np.arange(n, dtype=np.int64)
    qs = vecs[rng.integers(0, n, queries)] + 0.3 * rng.standard_normal((queries, 384)).astype(np.float32)
    qs /= np.linalg.norm(qs, axis=1, keepdims=True)
    rows: list[tuple[str, ...]] = []
    truth: list[set[int]] = []
    for kind in ("flat", "hnsw"):
        idx = VectorIndex(kind)
        t0 = time.perf_counter()
        idx.build(ids, vecs, "bench")
        build_s = time.perf_counter() - t0
        lat = []
        found = []
        for q in qs:
            t = time.perf_counter()
            hits = idx.search(q, 3)
            lat.append((time.perf_counter() - t) * 1e3)
            found.append({h for h, _ in hits})
        if kind == "flat":
            truth = found
            recall = 1.0
        else:
            recall = float(np.mean([len(a & b) / 3 for a, b in zip(found, truth, strict=True)]))
        rows.append((f"{n:,}", kind, f"{build_s:.2f}", f"{pct(lat, 50):.3f}", f"{pct(lat, 95):.3f}", f"{recall:.3f}"))
    return rows


def bench_lexical(n: int, rng: np.random.Generator, queries: int = 300) -> tuple[str, ...]:
    """BM25 (the hybrid search's word half) over ``n`` synthetic passages of ~120 Zipf-drawn words."""
    from knowledge.lexical import LexicalIndex

    vocab = np.array([f"w{i}" for i in range(30_000)])
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    texts = [" ".join(rng.choice(vocab, 120, p=weights)) for _ in range(n)]
    index = LexicalIndex()
    t0 = time.perf_counter()
    index.build(np.arange(n, dtype=np.int64), texts, "bench")
    build = time.perf_counter() - t0
    lat = []
    for _ in range(queries):
        q = " ".join(rng.choice(vocab, 6, p=weights))
        t = time.perf_counter()
        index.search(q, 20)
        lat.append((time.perf_counter() - t) * 1e3)
    return (f"{n:,}", "bm25", f"{build:.2f}", f"{pct(lat, 50):.2f}", f"{pct(lat, 95):.2f}", "-")


def bench_ingest() -> tuple[float, int, float, float]:
    from knowledge.config import REPO_ROOT, load_settings
    from knowledge.tutor import Tutor

    tmp = tempfile.mkdtemp()
    settings = load_settings(REPO_ROOT / "config.toml", env={"TUTOR__PATHS__DATA_DIR": f'"{tmp}"'})
    tutor = Tutor(settings)
    tutor.warm_up(load_defaults=False)
    lecture = (REPO_ROOT / "knowledge" / "lectures" / "02-language-and-bert.md").read_text(encoding="utf-8")
    sentences = [s.strip() for s in lecture.replace("\n", " ").split(". ") if len(s.split()) > 4]
    rng = np.random.default_rng(0)
    parts = []
    for i in range(150):
        parts.append(f"# Section {i}\n\n" + ". ".join(rng.choice(sentences, 12)) + ".\n")
    data = "\n".join(parts).encode()
    t0 = time.perf_counter()
    report = tutor.ingest_bytes("synthetic-course.md", data)
    secs = time.perf_counter() - t0
    lat = []
    for q in ["What does a low learning rate do?", "What is BERT?", "Which parameters should I tune?"] * 30:
        t = time.perf_counter()
        tutor.search(q)
        lat.append((time.perf_counter() - t) * 1e3)
    tutor.close()
    return report.passages / secs, report.passages, pct(lat, 50), pct(lat, 95)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ns = ap.parse_args()
    quiet_libraries()
    rng = np.random.default_rng(42)
    rate, n, p50, p95 = bench_ingest()
    print(f"ingest (real embedder, {n} passages): {rate:.1f} passages/s")
    print(f"Tutor.search end to end (embed + index + BM25 + store), {n} passages: p50 {p50:.2f} ms, p95 {p95:.2f} ms\n")
    header = ("passages", "index", "build s", "p50 ms", "p95 ms", "recall@3")
    print(" | ".join(f"{h:>9}" for h in header))
    print("-" * 70)
    for size in ns.sizes:
        for row in [*bench_index(size, rng), bench_lexical(size, rng)]:
            print(" | ".join(f"{c:>9}" for c in row))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak:.0f} MB")


if __name__ == "__main__":
    main()
