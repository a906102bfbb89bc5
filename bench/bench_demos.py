"""Latency of each language demo on the CPU (warm), p50/p95 over repeated calls.

python bench/bench_demos.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable

import numpy as np

from bot.runtime import quiet_libraries
from bot.ui.token_image import render_tokens
from knowledge.config import REPO_ROOT, load_settings
from knowledge.tutor import Tutor

SENTENCE = "Not to brag, but I'm fluent in 10 languages. English and Binary."


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    fn()
    xs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        xs.append((time.perf_counter() - t) * 1e3)
    return float(np.percentile(xs, 50)), float(np.percentile(xs, 95))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    ns = ap.parse_args()
    quiet_libraries()
    settings = load_settings(REPO_ROOT / "config.toml", env={"TUTOR__PATHS__DATA_DIR": json.dumps(tempfile.mkdtemp())})
    tutor = Tutor(settings)
    tutor.warm_up()
    paragraph = " ".join([SENTENCE] * 20)
    rows = {
        "tokenize (text)": lambda: tutor.tokenize(SENTENCE),
        "tokenize picture (PNG)": lambda: render_tokens(tutor.tokenize(SENTENCE)),
        "ngrams n=2 (paragraph)": lambda: tutor.ngrams(paragraph, 2),
        "ngrams n=3 (whole lecture)": lambda: tutor.ngrams(None, 3, lecture="02-language-and-bert"),
        "compare": lambda: tutor.compare("Mary asked John to leave.", "Mary asked to leave John."),
        "classify humor": lambda: tutor.classify("humor", SENTENCE),
        "classify appropriateness": lambda: tutor.classify("appropriateness", SENTENCE),
    }
    print(f"{'demo':<30} {'p50 ms':>8} {'p95 ms':>8}")
    for name, fn in rows.items():
        p50, p95 = timed(fn, ns.repeat)
        print(f"{name:<30} {p50:8.2f} {p95:8.2f}")


if __name__ == "__main__":
    main()
