"""Resident memory of a tutor: each model as it loads, then every 50 questions with all of them loaded.

One tutor with the configured embedder and reader (the default course loaded). The first rows are
the stages a Discord bot goes through (modules imported, embedder and reader warmed, a first
question, the humor and appropriateness classifiers of ``/classify``), each with its growth over
the modules alone, the run's baseline. Questions are SQuAD v1.1 dev questions when ``--qa-dir``
holds them (varied words and lengths, so the reader meets many input shapes), else the project's
own lecture questions, repeated; every tenth is also classified. The question is whether memory
settles or keeps growing, and where it settles.

The file-backed column is the part of resident memory that is pages of files (the libraries'
code, the embedder's mapped weights): how many of those a process holds depends on the page
cache's state, not only on the process. Right after ``pip install`` wrote them it is up to
~60 MB more than on a machine that has been running a while, so compare runs made back to back.

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


def rss_mb() -> tuple[float, float]:
    """Resident MB, and of it the file-backed part (library code, mapped weights; Linux)."""
    info = psutil.Process().memory_info()
    return info.rss / 2**20, getattr(info, "shared", 0) / 2**20


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
    base = rss_mb()[0]
    print(f"{'stage':<44} {'resident MB':>12} {'vs modules':>11} {'file-backed':>12}")

    def row(stage: str) -> None:
        now, files = rss_mb()
        print(f"{stage:<44} {now:>12.0f} {now - base:>+11.0f} {files:>12.0f}", flush=True)

    row("modules imported (baseline)")
    tutor.warm_up(reader=True)
    row("embedder + reader warmed")
    tutor.ask("Who created BERT?")
    row("+ a first question")
    tutor.classify("humor", "Not to brag, but I'm fluent in 10 languages. English and Binary.")
    tutor.classify("appropriateness", "Mary asked John to leave.")
    row("+ /classify's two classifiers: every model")
    for i, q in enumerate(questions(ns.qa_dir, ns.questions), start=1):
        tutor.ask(q)
        if i % 10 == 0:
            tutor.classify("humor", q)
        if i % 50 == 0:
            row(f"after {i} questions")
    tutor.close()


if __name__ == "__main__":
    main()
