"""Fit the answer-confidence calibration on held-out SQuAD v1.1 dev articles.

Simulates the tutor's situation: each article plays a lecture. Its own questions are asked
(retrieve top-k of its paragraphs, read, label = the span is right, F1 ≥ 0.5), and so are questions
of other articles, whose answers are absent (label 0). Two logistic regressions, the reader's
(span − no-answer margin, span score, retrieval similarity) and the sentence embedder's
(cos(question, answer sentence)), and the threshold on the larger of the two that declines 99 % of
the off-topic questions (those the reader skips, sharing no word with any window, are declined
anyway), become ``calibration.json`` (see ``models.confidence``). Held-out quality:
fitted on half of the articles, measured on the other half, both ways round.

    python -m models.training.calibrate --qa-dir ../shared/qa --per-article 25
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import numpy as np

from models.confidence import Calibration, Logistic
from models.embedder import SentenceEmbedder
from models.qa_metrics import best_over_golds
from models.reader import Reader
from models.training.qa_data import load_jsonl


def collect(qa_dir: Path, per_article: int, k: int, seed: int, window_tokens: int) -> list[dict[str, float | str]]:
    rng = random.Random(seed)
    dev = load_jsonl(qa_dir / "squad_dev_eval" / "squad_v1.1_dev.jsonl.gz")
    by_title: dict[str, list] = {}
    for ex in dev:
        by_title.setdefault(ex.title, []).append(ex)
    emb = SentenceEmbedder()
    reader = Reader(window_tokens=window_tokens)
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
            if not spans:  # no window shares a word with the question: declined without reading
                rows.append({"title": title, "positive": float(positive), "read": False, "label": 0.0, "f1": 0.0})
                continue
            best = spans[0]
            f1 = best_over_golds(best.text, ex.answers)[1] if positive else 0.0
            sentence_similarity = float(emb.embed([best.sentence])[0] @ q)
            rows.append(
                {
                    "title": title,
                    "positive": float(positive),
                    "read": True,
                    "score": best.score,
                    "null": best.null_score,
                    "similarity": float(sims[top[best.passage]]),
                    "sentence_similarity": sentence_similarity,
                    "top_similarity": float(sims[top[0]]),
                    "label": float(positive and f1 >= 0.5),
                    "f1": f1,
                    "question": ex.question,
                    "sentence": best.sentence,
                    "answer": best.text,
                }
            )
        print(f"{n + 1}/{len(titles)} {title}", flush=True)
    return rows


def _reader_x(rows: list[dict[str, Any]]) -> np.ndarray:
    return np.array([[r["score"] - r["null"], r["score"], r["similarity"]] for r in rows])


def _sentence_x(rows: list[dict[str, Any]]) -> np.ndarray:
    return np.array([[r["sentence_similarity"]] for r in rows])


def _read(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r.get("read", True)]


def _fit_detectors(rows: list[dict[str, Any]], decline: float) -> Calibration:
    """Both detectors, and the threshold that declines ``decline`` of the off-topic questions.

    The detectors are fitted on the questions the reader read. One that it did not read (no
    window shares a word with it) is declined without a span, i.e. counts with confidence 0.
    """
    from sklearn.linear_model import LogisticRegression

    read = _read(rows)
    y = np.array([r["label"] for r in read])
    detectors = []
    for x in (_reader_x(read), _sentence_x(read)):
        lr = LogisticRegression(C=1.0).fit(x, y)
        detectors.append(Logistic(tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0])))
    cal = Calibration(detectors[0], detectors[1])
    off_topic = [_confidence(cal, r) for r in rows if not r["positive"]]
    return Calibration(cal.reader, cal.sentence, float(np.quantile(off_topic, decline)))


def _confidence(cal: Calibration, r: dict[str, Any]) -> float:
    if not r.get("read", True):
        return 0.0
    return cal(r["score"], r["null"], r["similarity"], r["sentence_similarity"])


def fit(rows: list[dict[str, Any]], decline: float = 0.99) -> tuple[Calibration, dict[str, float]]:
    """Fit on all rows; report held-out quality by fitting on half the articles, testing on the other."""
    from sklearn.metrics import roc_auc_score

    titles = sorted({str(r["title"]) for r in rows})
    halves = [set(titles[::2]), set(titles[1::2])]
    report: dict[str, float] = {}
    for name, fit_half in (("a", halves[0]), ("b", halves[1])):
        held = [r for r in rows if r["title"] not in fit_half]
        cal = _fit_detectors([r for r in rows if r["title"] in fit_half], decline)
        conf = np.array([_confidence(cal, r) for r in held])
        off = np.array([not r["positive"] for r in held])
        report[f"heldout_{name}_auc"] = float(roc_auc_score([r["label"] for r in held], conf))
        report[f"heldout_{name}_declines_off_topic"] = float((conf[off] < cal.threshold).mean())
        report[f"heldout_{name}_declines_answerable"] = float((conf[~off] < cal.threshold).mean())
    for name, positive in (("off_topic", 0.0), ("answerable", 1.0)):
        group = [r for r in rows if r["positive"] == positive]
        report[f"unread_{name}"] = float(np.mean([not r.get("read", True) for r in group]))
    return _fit_detectors(rows, decline), report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa-dir", type=Path, default=Path("../shared/qa"))
    ap.add_argument("--per-article", type=int, default=25)
    ap.add_argument("--k", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--window-tokens", type=int, default=Reader().window_tokens)
    ap.add_argument("--rows", type=Path, default=Path("build/calibration_rows.jsonl"))
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "weights" / "reader" / "calibration.json"
    )
    ns = ap.parse_args()
    if ns.rows.exists():
        rows = [json.loads(line) for line in ns.rows.open()]
    else:
        rows = collect(ns.qa_dir, ns.per_article, ns.k, ns.seed, ns.window_tokens)
        ns.rows.parent.mkdir(parents=True, exist_ok=True)
        ns.rows.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cal, report = fit(rows)
    cal.save(
        ns.out,
        fitted_on=f"SQuAD v1.1 dev, {len({r['title'] for r in rows})} articles as lectures",
        window_tokens=ns.window_tokens,
        rows=len(rows),
        **report,
    )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
