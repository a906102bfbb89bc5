"""Warm ``Tutor.ask`` latency against a naive reader loop, in one process on the same inputs.

Naive baseline: the same shipped reader in fp32 (not quantised), reading the retrieved passages one
at a time, unbatched. Prints p50/p95 for both, the speed-up, and resident memory with every model
loaded.

    python bench/bench_ask.py [--questions FILE.jsonl] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import psutil

from bot.runtime import quiet_libraries
from knowledge.config import REPO_ROOT, load_settings
from knowledge.tutor import Tutor
from models.reader import Reader

DEFAULT_QUESTIONS = [
    "How many parameters does BERT_LARGE contain?",
    "What can make training appear stagnant?",
    "What should be tuned first?",
    "What does a learning rate that is too high cause?",
    "What are LSTMs slow at?",
    "What is BERT designed to pretrain?",
    "What do we create representations for?",
    "What is the capital of Peru?",
]


def pct(xs: list[float], q: float) -> float:
    return float(np.percentile(xs, q))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ns = ap.parse_args()
    quiet_libraries()
    questions = DEFAULT_QUESTIONS
    if ns.questions:
        questions = [json.loads(line)["question"] for line in ns.questions.read_text().splitlines() if line.strip()]
    settings = load_settings(REPO_ROOT / "config.toml", env={"TUTOR__PATHS__DATA_DIR": json.dumps(tempfile.mkdtemp())})
    tutor = Tutor(settings)
    tutor.warm_up(reader=True)
    naive = Reader(settings.models.reader, "cpu", quantize=False)
    naive.warm_up()
    rss = psutil.Process().memory_info().rss / 2**20
    for q in questions[:2]:  # warm both paths
        tutor.ask(q)
        naive.run(q, ["warm up passage."])
    fast, slow = [], []
    for _ in range(ns.rounds):
        for q in questions:
            t = time.perf_counter()
            tutor.ask(q)
            fast.append((time.perf_counter() - t) * 1e3)
            passages = [h.passage.text for h in tutor.search(q).hits]
            t = time.perf_counter()
            tutor.embedder.embed([q])
            for p in passages:
                naive.run(q, [p])
            slow.append((time.perf_counter() - t) * 1e3)
    print(f"{'path':<40} {'p50 ms':>8} {'p95 ms':>8}")
    print(f"{'naive: fp32, one passage at a time':<40} {pct(slow, 50):8.1f} {pct(slow, 95):8.1f}")
    print(f"{'Tutor.ask: int8, one batched pass':<40} {pct(fast, 50):8.1f} {pct(fast, 95):8.1f}")
    print(f"speed-up at p50: {pct(slow, 50) / pct(fast, 50):.2f}x   ({len(fast)} asks each)")
    print(f"resident memory with embedder + reader loaded (before the naive copy): {rss:.0f} MB")
    print(f"resident memory now (naive fp32 reader too): {psutil.Process().memory_info().rss / 2**20:.0f} MB")


if __name__ == "__main__":
    main()
