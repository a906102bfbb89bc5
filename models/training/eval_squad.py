"""EM/F1 of the shipped reader *as the tutor runs it* on SQuAD v1.1 dev paragraphs.

The model card's headline numbers come from reading whole paragraphs (``train_reader.predict``,
the standard protocol). The tutor reads sentence windows of a prose view instead; this measures
what that costs on Wikipedia prose, where windows cannot help.

    python -m models.training.eval_squad --qa-dir ../shared/qa --limit 1000 --window-tokens 96
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from tqdm import tqdm

from models.qa_metrics import best_over_golds
from models.reader import Reader
from models.training.qa_data import load_jsonl


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--qa-dir", type=Path, default=Path("../shared/qa"))
    ap.add_argument("--limit", type=int, default=1000, help="questions, sampled with seed 0 (0: all)")
    ap.add_argument("--window-tokens", type=int, default=Reader().window_tokens)
    ap.add_argument("--precision", default="auto")
    ap.add_argument("--read-every-window", action="store_true", help="also windows sharing no word with the question")
    ns = ap.parse_args()
    dev = load_jsonl(ns.qa_dir / "squad_dev_eval" / "squad_v1.1_dev.jsonl.gz")
    if ns.limit:
        dev = random.Random(0).sample(dev, min(ns.limit, len(dev)))
    reader = Reader(precision=ns.precision, window_tokens=ns.window_tokens, skip_unrelated=not ns.read_every_window)
    reader.warm_up()
    ems, f1s = [], []
    start = time.perf_counter()
    for ex in tqdm(dev, desc="squad-dev", mininterval=5):
        spans = reader.run(ex.question, [ex.context])
        em, f1 = best_over_golds(spans[0].text if spans else "", list(ex.answers))
        ems.append(em)
        f1s.append(f1)
    report = {
        "em": 100 * sum(ems) / len(ems),
        "f1": 100 * sum(f1s) / len(f1s),
        "n": len(dev),
        "window_tokens": ns.window_tokens,
        "skip_unrelated": reader.skip_unrelated,
        "precision": reader.active_precision,
        "seconds": round(time.perf_counter() - start, 1),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
