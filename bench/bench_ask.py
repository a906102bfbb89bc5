"""Warm ``Tutor.ask`` latency against a naive reader loop, in one process on the same inputs.

Naive baselines: the same shipped reader in fp32 through the Hugging Face modules, unbatched,
reading every window of the retrieved passages one at a time (the text units the tutor reads), and
reading each whole passage at a time (with the tokenizer's stride where it is longer than the
model's input); the question embedded through the modules too. The tutor packs the windows that
share a word with the question into one forward call of the fused forward (``models.fast_bert``),
in the precision the configuration picks (``auto``: bf16 on CPUs with bf16 units, else int8). Also
timed: the tutor reading every window (what the word filter saves), through the modules (what the
fused forward saves) and int8 (for CPUs without bf16 units). Prints
p50/p95 for each, the speed-ups over both baselines, and resident memory with every model loaded.

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


def tutor_for(precision: str, skip_unrelated: bool = True, fused: bool = True) -> Tutor:
    env = {
        "TUTOR__PATHS__DATA_DIR": json.dumps(tempfile.mkdtemp()),
        "TUTOR__MODELS__READER_PRECISION": precision,
        "TUTOR__READER__SKIP_UNRELATED_WINDOWS": json.dumps(skip_unrelated),
        "TUTOR__MODELS__FUSED_FORWARD": json.dumps(fused),
    }
    tutor = Tutor(load_settings(REPO_ROOT / "config.toml", env=env))
    tutor.warm_up(reader=True)
    return tutor


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--questions", type=Path, default=None)
    ap.add_argument("--rounds", type=int, default=3)
    ns = ap.parse_args()
    quiet_libraries()
    questions = DEFAULT_QUESTIONS
    if ns.questions:
        questions = [json.loads(line)["question"] for line in ns.questions.read_text().splitlines() if line.strip()]
    tutor = tutor_for("auto")
    rss = psutil.Process().memory_info().rss / 2**20
    others = {
        "every": tutor_for("auto", skip_unrelated=False),
        "modules": tutor_for("auto", fused=False),
        "int8": tutor_for("int8"),
    }
    naive = Reader(
        tutor.settings.models.reader, "cpu", precision="fp32", window_tokens=0, skip_unrelated=False, fast_forward=False
    )
    naive_embedder = others["modules"].embedder  # the Hugging Face modules' forward, as the naive reader's
    naive.warm_up()
    inputs = {q: [h.passage.text for h in tutor.search(q).hits] for q in questions}
    tutors = {"auto": tutor, **others}
    for q in questions:  # first calls per input shape build kernels: warm every path
        for t in tutors.values():
            t.ask(q)
    times: dict[str, list[float]] = {"naive": [], "naive_passages": [], **{name: [] for name in tutors}}
    for _ in range(ns.rounds):
        for q in questions:
            for name, t in tutors.items():
                start = time.perf_counter()
                t.ask(q)
                times[name].append((time.perf_counter() - start) * 1e3)
            start = time.perf_counter()
            naive_embedder.embed([q])
            for window in tutor.reader.windows(inputs[q]):
                naive.run(q, [window])
            times["naive"].append((time.perf_counter() - start) * 1e3)
            start = time.perf_counter()
            naive_embedder.embed([q])
            for passage in inputs[q]:
                naive.run(q, [passage])
            times["naive_passages"].append((time.perf_counter() - start) * 1e3)
    base, base_passages = pct(times["naive"], 50), pct(times["naive_passages"], 50)
    print(f"{'path':<56} {'p50 ms':>8} {'p95 ms':>8} {'vs naive':>9} {'vs passages':>12}")
    precision = tutor.reader.active_precision
    rows = [
        ("naive", "naive: fp32, every window one at a time"),
        ("naive_passages", "naive: fp32, one whole passage at a time"),
        ("auto", f"Tutor.ask: {precision}, packed, related windows (config)"),
        ("every", f"Tutor.ask: {precision}, packed, every window"),
        ("modules", f"Tutor.ask: {precision}, packed, related, HF modules"),
        ("int8", "Tutor.ask: int8, packed, related windows"),
    ]
    for key, label in rows:
        p50 = pct(times[key], 50)
        print(f"{label:<56} {p50:8.1f} {pct(times[key], 95):8.1f} {base / p50:8.2f}x {base_passages / p50:11.2f}x")
    print(f"({len(times['auto'])} asks each; the tutor's times include search and the confidence check)")
    print(f"resident memory with embedder + reader loaded: {rss:.0f} MB")


if __name__ == "__main__":
    main()
