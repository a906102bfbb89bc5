"""Compare trained readers alone, averaged into one reader (a uniform "model soup") and as an ensemble.

Runs that start from the same encoder and the same QA-head init (``train-reader --init-seed``) and
differ only in data order and dropout usually stay in one basin, so the mean of their weights is a
reader of its own that costs nothing extra at question time. The ensemble (mean logits) is the
upper bound a distilled student (``train-reader --teachers``) can approach.

    python -m models.training.combine_readers --readers build/s13/reader.safetensors build/s14/... \\
        --soup-out build/soup --full

Prints one JSON object: for every reader, the soup and the ensemble, EM/F1 on the fixed
1,000-question SQuAD v1.1 dev sample that training reports, and with ``--full`` on all 10,570
questions and on the 9,570 outside that sample (an unbiased figure when the sample chose a reader).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path
from typing import Any

import torch

from models.embedder import packaged_minilm_path
from models.training.qa_data import QAExample, load_jsonl
from models.training.train_reader import build_model, evaluate, load_reader, pick_device, predict, save_reader


def average_weights(paths: list[Path]) -> dict[str, torch.Tensor]:
    """The element-wise mean (fp32) of several readers' saved weights; they must hold the same tensors."""
    from safetensors.torch import load_file

    total: dict[str, torch.Tensor] = {}
    for path in paths:
        state = load_file(str(path))
        if total and set(state) != set(total):
            raise SystemExit(f"{path} holds other tensors than {paths[0]}")
        for key, value in state.items():
            total[key] = total.get(key, torch.zeros(value.shape)) + value.float()
    return {key: value / len(paths) for key, value in total.items()}


def scores(preds: list[dict[str, Any]], dev: list[QAExample], sample_ids: set[str], full: bool) -> dict[str, Any]:
    sample = [i for i, ex in enumerate(dev) if ex.id in sample_ids]
    result: dict[str, Any] = {"sample": evaluate([preds[i] for i in sample], [dev[i] for i in sample])}
    if full:
        rest = [i for i, ex in enumerate(dev) if ex.id not in sample_ids]
        result["rest"] = evaluate([preds[i] for i in rest], [dev[i] for i in rest])
        result["all"] = evaluate(preds, dev)
    return result


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--readers", type=Path, nargs="+", required=True, help="reader.safetensors files")
    ap.add_argument("--base", type=Path, default=None, help="encoder directory (default: packaged MiniLM)")
    ap.add_argument("--qa-dir", type=Path, default=Path("../shared/qa"))
    ap.add_argument("--soup-out", type=Path, default=None, help="save the averaged reader here")
    ap.add_argument("--dev-limit", type=int, default=1000)
    ap.add_argument("--full", action="store_true", help="also score all of SQuAD v1.1 dev")
    ap.add_argument("--device", default="auto")
    ns = ap.parse_args(argv)
    base = ns.base or packaged_minilm_path()
    device = pick_device(ns.device)
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(base)
    dev = load_jsonl(ns.qa_dir / "squad_dev_eval" / "squad_v1.1_dev.jsonl.gz")
    sample = random.Random(0).sample(dev, min(len(dev), ns.dev_limit))  # the sample train-reader reports
    sample_ids = {ex.id for ex in sample}
    questions = dev if ns.full else sample

    def score(model: Any) -> dict[str, Any]:
        return scores(predict(model, tokenizer, questions, device), questions, sample_ids, ns.full)

    result: dict[str, Any] = {}
    members = []
    for path in ns.readers:
        model = load_reader(base, path, device)
        result[str(path)] = score(model)
        members.append(model)
        print(json.dumps({str(path): result[str(path)]}), flush=True)
    if len(ns.readers) > 1:
        averaged = average_weights(ns.readers)
        if ns.soup_out is not None:
            save_reader(averaged, ns.soup_out)
        soup = build_model(base, device)
        soup.load_state_dict(averaged, strict=False)
        result["soup"] = score(soup)
        print(json.dumps({"soup": result["soup"]}), flush=True)
        result["ensemble"] = score(members)
        print(json.dumps({"ensemble": result["ensemble"]}), flush=True)
    return result


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
