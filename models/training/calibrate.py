"""Fit the answer-confidence calibration on held-out SQuAD v1.1 dev articles.

Simulates the tutor's situation: each article plays a lecture. Its own questions are asked
(retrieve top-k of its paragraphs, read, label = the span is right, F1 ≥ 0.5), and so are questions
of other articles, whose answers are absent (label 0). A logistic regression on
(span − no-answer margin, span score, retrieval similarity) becomes ``calibration.json``.
Articles are split in two: one half fits, the other half reports held-out quality.

    python -m models.training.calibrate --qa-dir ../shared/qa --per-article 25
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from models.confidence import Calibration
from models.embedder import SentenceEmbedder
from models.qa_metrics import best_over_golds
from models.reader import Reader
from models.training.qa_data import load_jsonl


def collect(qa_dir: Path, per_article: int, k: int, seed: int) -> list[dict[str, float | str]]:
    rng = random.Random(seed)
    dev = load_jsonl(qa_dir / "squad_dev_eval" / "squad_v1.1_dev.jsonl.gz")
    by_title: dict[str, list] = {}
    for ex in dev:
        by_title.setdefault(ex.title, []).append(ex)
    emb = SentenceEmbedder()
    reader = Reader()
    titles = sorted(by_title)
    rows: list[dict[str, float | str]] = []
    for n, title in enumerate(titles):
        exs = by_title[title]
        paras = sorted({ex.context for ex in exs})
        pvec = emb.embed(paras)
        own = rng.sample(exs, min(per_article, len(exs)))
        others = [rng.choice(by_title[rng.choice([t for t in titles if t != title])]) for _ in own]
        for ex, positive in [(e, True) for e in own] + [(e, False) for e in others]:
            q = emb.embed([ex.question])[0]
            sims = pvec @ q
            top = np.argsort(-sims)[:k]
            spans = reader.run(ex.question, [paras[i] for i in top])
            if not spans:
                continue
            best = spans[0]
            f1 = best_over_golds(best.text, ex.answers)[1] if positive else 0.0
            rows.append(
                {
                    "title": title,
                    "positive": float(positive),
                    "score": best.score,
                    "null": best.null_score,
                    "similarity": float(sims[top[best.passage]]),
                    "top_similarity": float(sims[top[0]]),
                    "label": float(positive and f1 >= 0.5),
                    "f1": f1,
                }
            )
        print(f"{n + 1}/{len(titles)} {title}", flush=True)
    return rows


def fit(rows: list[dict[str, float | str]]) -> tuple[Calibration, dict[str, float]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    def xy(rs: list[dict]) -> tuple[np.ndarray, np.ndarray]:
        x = np.array([[r["score"] - r["null"], r["score"], r["similarity"]] for r in rs])
        return x, np.array([r["label"] for r in rs])

    titles = sorted({str(r["title"]) for r in rows})
    half = set(titles[::2])
    a = [r for r in rows if r["title"] in half]
    b = [r for r in rows if r["title"] not in half]
    xa, ya = xy(a)
    xb, yb = xy(b)
    held = LogisticRegression(C=1.0).fit(xa, ya)
    pb = held.predict_proba(xb)[:, 1]
    report = {"heldout_auc": float(roc_auc_score(yb, pb)), "heldout_n": len(b)}
    for th in (0.3, 0.4, 0.5):
        pos = np.array([r["positive"] for r in b]) > 0
        report[f"heldout_decline_offtopic@{th}"] = float((pb[~pos] < th).mean())
        report[f"heldout_false_decline@{th}"] = float((pb[pos] < th).mean())
    x, y = xy(rows)
    full = LogisticRegression(C=1.0).fit(x, y)
    w = full.coef_[0]
    return Calibration(float(w[0]), float(w[1]), float(w[2]), float(full.intercept_[0])), report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa-dir", type=Path, default=Path("../shared/qa"))
    ap.add_argument("--per-article", type=int, default=25)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--rows", type=Path, default=Path("build/calibration_rows.jsonl"))
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "weights" / "reader" / "calibration.json"
    )
    ns = ap.parse_args()
    if ns.rows.exists():
        rows = [json.loads(line) for line in ns.rows.open()]
    else:
        rows = collect(ns.qa_dir, ns.per_article, ns.k, ns.seed)
        ns.rows.parent.mkdir(parents=True, exist_ok=True)
        ns.rows.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cal, report = fit(rows)
    cal.save(ns.out, fitted_on="SQuAD v1.1 dev, 48 articles as lectures", rows=len(rows), **report)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
