"""Resident memory of a tutor answering questions: after warm-up, then every 50 questions.

One tutor with the configured embedder and reader (the default course loaded). Questions are
SQuAD v1.1 dev questions when ``--qa-dir`` holds them (varied words and lengths, so the reader
meets many input shapes), else the project's own lecture questions, repeated. The question is
whether memory settles or keeps growing, and where it settles.

    python bench/bench_memory.py [--qa-dir ../shared/qa] [--questions 400]
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from pathlib import Path

import psutil

from bot.runtime import quiet_libraries
from knowledge.config import REPO_ROOT, load_settings
from knowledge.tutor import Tutor


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def questions(qa_dir: Path, n: int) -> list[str]:
    squad = qa_dir / "squad_dev_eval" / "squad_v1.1_dev.jsonl.gz"
    if squad.exists():
        from models.training.qa_data import load_jsonl

        return [ex.question for ex in random.Random(0).sample(load_jsonl(squad), n)]
    own = REPO_ROOT / "tests" / "data" / "lecture_questions.jsonl"
    pool = [json.loads(line)["question"] for line in own.read_text().splitlines() if line.strip()]
    return [pool[i % len(pool)] for i in range(n)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--qa-dir", type=Path, default=REPO_ROOT.parent / "shared" / "qa")
    ap.add_argument("--questions", type=int, default=400)
    ns = ap.parse_args()
    quiet_libraries()
    env = {"TUTOR__PATHS__DATA_DIR": json.dumps(tempfile.mkdtemp())}
    tutor = Tutor(load_settings(REPO_ROOT / "config.toml", env=env))
    tutor.warm_up(reader=True)
    print(f"{'questions asked':>16} {'resident MB':>12}")
    print(f"{0:>16} {rss_mb():>12.0f}")
    for i, q in enumerate(questions(ns.qa_dir, ns.questions), start=1):
        tutor.ask(q)
        if i % 50 == 0:
            print(f"{i:>16} {rss_mb():>12.0f}", flush=True)
    tutor.close()


if __name__ == "__main__":
    main()
