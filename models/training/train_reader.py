"""Train the extractive QA reader on top of the packaged MiniLM encoder.

Reproducible (seeded), resumable (``--checkpoint``), time-budgeted: after a short measurement the
learning-rate schedule is fitted to the steps that fit in ``--budget-minutes``, so a run always ends
with a fully decayed schedule instead of being cut off mid-way. The packaged word embeddings stay
frozen, which lets the shipped artifact hold only what training changed (about 21 MB in fp16).

Run with ``tutor train-reader`` or ``python -m models.training.train_reader``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm import tqdm

from models.embedder import packaged_minilm_path
from models.qa_metrics import best_over_golds
from models.span_decoding import best_spans
from models.training.qa_data import (
    Features,
    QAExample,
    answer_removed,
    load_jsonl,
    load_nested,
    make_negatives,
    tokenize_examples,
    window_examples,
)
from models.training.teacher_encoders import build_mpnet_reader, is_mpnet

FROZEN_PREFIX = "bert.embeddings.word_embeddings."
# A teacher built on MPNet (teacher_encoders) freezes its word embeddings too; they come from its base.
FROZEN_PREFIXES = (FROZEN_PREFIX, "qa.mpnet.embeddings.word_embeddings.")


@dataclass
class TrainConfig:
    base: Path
    qa_dir: Path
    out: Path
    lr: float = 1e-4
    batch_size: int = 32
    epochs: float = 3.0
    max_length: int = 384
    stride: int = 128
    warmup: float = 0.06
    weight_decay: float = 0.01
    ema: float = 0.999
    same_article_negatives: float = 0.25
    other_article_negatives: float = 0.08
    budget_minutes: float = 60.0
    limit: int | None = None
    dev_limit: int | None = None
    seed: int = 13
    device: str = "auto"
    checkpoint: Path | None = None
    log_every: int = 200
    final_eval: bool = False
    init_from: Path | None = None  # continue from shipped reader weights (safetensors)
    window_tokens: int = 0  # > 0: also train on the sentence windows the tutor reads (see window_examples)
    window_negatives: float = 0.3  # chance that an answer-less window of the paragraph is a "no answer" example
    removed_answer_negatives: float = 0.0  # chance that a question is also paired with its paragraph less the answer
    init_seed: int | None = None  # seed of the QA head's random init (default: seed); equal heads let runs be averaged
    teachers: tuple[Path, ...] = ()  # reader weights whose averaged logits are distilled into this run
    kd_alpha: float = 0.5  # weight of the distillation loss (the rest is the gold-span loss)
    kd_temperature: float = 2.0
    teacher_base: Path | None = None  # encoder the teachers were trained on (default: base)
    tokenizer: Path | None = None  # WordPiece vocabulary of the windows (default: base, or MiniLM's for MPNet)


def pick_device(name: str) -> torch.device:
    if name != "auto":
        return torch.device(name)
    if torch.cuda.is_available():
        return torch.device("cuda")
    return torch.device("cpu")


def load_training_examples(cfg: TrainConfig, rng: random.Random) -> tuple[list[QAExample], list[QAExample]]:
    squad = load_jsonl(cfg.qa_dir / "squad_v1.1_train" / "squad_v1.1_train.jsonl.gz")
    covid = load_nested(cfg.qa_dir / "covid_qa" / "covid_qa_200423.squad.json.gz")
    if cfg.limit:
        rng.shuffle(squad)
        squad = squad[: cfg.limit]
        covid = covid[: max(1, cfg.limit // 50)]
    negatives = make_negatives(squad, rng, cfg.same_article_negatives, cfg.other_article_negatives)
    removed = answer_removed(squad, rng, cfg.removed_answer_negatives) if cfg.removed_answer_negatives else []
    return squad + negatives + removed, covid


def collate(feats: Features, idx: np.ndarray, pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(feats.input_ids[i]) for i in idx)
    ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
    tt = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        n = len(feats.input_ids[i])
        ids[row, :n] = torch.tensor(feats.input_ids[i])
        tt[row, :n] = torch.tensor(feats.token_type_ids[i])
        mask[row, :n] = 1
    return {
        "input_ids": ids,
        "token_type_ids": tt,
        "attention_mask": mask,
        "start_positions": torch.as_tensor(feats.start_positions[idx]),
        "end_positions": torch.as_tensor(feats.end_positions[idx]),
    }


def bucketed_batches(feats: Features, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Shuffle, then group similar lengths so little compute goes into padding."""
    order = rng.permutation(len(feats))
    lengths = np.array([len(feats.input_ids[i]) for i in order])
    chunk = batch_size * 50
    batches: list[np.ndarray] = []
    for c in range(0, len(order), chunk):
        part = order[c : c + chunk]
        part = part[np.argsort(lengths[c : c + chunk], kind="stable")]
        batches.extend(part[b : b + batch_size] for b in range(0, len(part), batch_size))
    rng.shuffle(batches)  # type: ignore[arg-type]
    return batches


def ensemble_logits(models: Any, inputs: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """Start and end logits (fp32) of one model, or the mean over several: an ensemble is read as one reader."""
    members = models if isinstance(models, list | tuple) else [models]
    outs = [m(**inputs) for m in members]
    start = torch.stack([o.start_logits.float() for o in outs]).mean(0)
    end = torch.stack([o.end_logits.float() for o in outs]).mean(0)
    return start, end


def distillation_loss(
    student: tuple[torch.Tensor, torch.Tensor],
    teacher: tuple[torch.Tensor, torch.Tensor],
    attention_mask: torch.Tensor,
    temperature: float,
) -> torch.Tensor:
    """KL(teacher || student) over start and end positions at ``temperature`` (Hinton et al.), padding excluded."""
    pad = attention_mask == 0
    total = torch.zeros((), device=attention_mask.device)
    for s, t in zip(student, teacher, strict=True):
        s_log = torch.log_softmax(s.float().masked_fill(pad, -1e4) / temperature, dim=-1)
        t_log = torch.log_softmax(t.float().masked_fill(pad, -1e4) / temperature, dim=-1)
        total = total + torch.nn.functional.kl_div(s_log, t_log, log_target=True, reduction="batchmean")
    return total / 2 * temperature**2


@torch.no_grad()
def predict(
    model: Any,
    tokenizer: Any,
    examples: list[QAExample],
    device: torch.device,
    max_length: int = 384,
    stride: int = 128,
    max_answer_tokens: int = 30,
    batch_size: int = 128,
) -> list[dict[str, Any]]:
    """Best span, its score and the no-answer score for every example (over all its windows).

    ``model`` may be a list of readers: their logits are averaged (an ensemble).
    """
    members = model if isinstance(model, list | tuple) else [model]
    for m in members:
        m.eval()
    feats = tokenize_examples(tokenizer, examples, max_length, stride)
    best: list[dict[str, Any]] = [{"text": "", "score": float("-inf"), "null": float("inf")} for _ in examples]
    order = np.argsort([len(x) for x in feats.input_ids])
    autocast = device.type == "cuda"
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        batch = collate(feats, idx, tokenizer.pad_token_id)
        inputs = {k: v.to(device) for k, v in batch.items() if not k.endswith("_positions")}
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
            start, end = ensemble_logits(members, inputs)
        width = inputs["input_ids"].shape[1]
        ctx_mask = torch.zeros((len(idx), width), dtype=torch.bool)
        for row, i in enumerate(idx):
            for k, o in enumerate(feats.offsets[i]):
                if o is not None:
                    ctx_mask[row, k] = True
        s, e, score, null = best_spans(start, end, ctx_mask.to(device), max_answer_tokens)
        for row, i in enumerate(idx):
            ex_i = int(feats.example_index[i])
            rec = best[ex_i]
            rec["null"] = min(rec["null"], float(null[row]))
            sc = float(score[row])
            if sc > rec["score"]:
                so = feats.offsets[i][int(s[row])]
                eo = feats.offsets[i][int(e[row])]
                assert so is not None and eo is not None
                rec["score"] = sc
                rec["text"] = examples[ex_i].context[so[0] : eo[1]]
    for m in members:
        m.train()
    return best


def evaluate(preds: list[dict[str, Any]], examples: list[QAExample]) -> dict[str, float]:
    em = f1 = 0.0
    n = 0
    for p, ex in zip(preds, examples, strict=True):
        if not ex.answerable:
            continue
        e, f = best_over_golds(p["text"], ex.answers)
        em += e
        f1 += f
        n += 1
    return {"em": 100 * em / max(n, 1), "f1": 100 * f1 / max(n, 1), "n": n}


def trainable_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    return {k: v for k, v in model.state_dict().items() if not k.startswith(FROZEN_PREFIXES)}


def build_model(base: Path, device: torch.device) -> Any:
    from transformers import AutoConfig, BertForQuestionAnswering

    config = AutoConfig.from_pretrained(base)
    config.attention_probs_dropout_prob = 0.0
    if config.model_type == "mpnet":
        return build_mpnet_reader(base, config).to(device)
    model = BertForQuestionAnswering.from_pretrained(base, config=config, dtype=torch.float32)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    return model.to(device)  # type: ignore[arg-type]


def load_weights(model: Any, weights: Path) -> Any:
    """Put a trained reader's weights (what training changed) on top of the packaged encoder."""
    from safetensors.torch import load_file

    state = {k: v.float() for k, v in load_file(str(weights)).items()}
    _, unexpected = model.load_state_dict(state, strict=False)
    if unexpected:
        raise SystemExit(f"{weights} does not fit the reader: {unexpected[:3]}")
    return model


def load_reader(base: Path, weights: Path, device: torch.device) -> Any:
    return load_weights(build_model(base, device), weights)


def window_tokenizer(cfg: TrainConfig) -> Any:
    """The BERT WordPiece tokenizer that cuts every window: an MPNet base reads BERT ids through a map."""
    from transformers import AutoTokenizer

    path = cfg.tokenizer
    if path is None:
        path = packaged_minilm_path() if is_mpnet(cfg.base) else cfg.base
    return AutoTokenizer.from_pretrained(path)


def save_reader(state: dict[str, torch.Tensor], out: Path) -> Path:
    """Write what training changed as ``out/reader.safetensors`` (fp16), the shipped reader's format."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    path = out / "reader.safetensors"
    fp16 = {k: v.to(torch.float16).contiguous().cpu() for k, v in state.items()}
    save_file(fp16, str(path), metadata={"format": "pt", "frozen": ",".join(FROZEN_PREFIXES)})
    return path


def train(cfg: TrainConfig) -> dict[str, Any]:
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)
    rng = random.Random(cfg.seed)
    device = pick_device(cfg.device)
    t0 = time.time()
    tokenizer = window_tokenizer(cfg)
    squad, covid = load_training_examples(cfg, rng)
    if cfg.window_tokens > 0:
        squad += window_examples(squad, tokenizer, cfg.window_tokens, rng, cfg.window_negatives)
    feats_squad = tokenize_examples(tokenizer, squad, cfg.max_length, cfg.stride)
    feats_covid = tokenize_examples(tokenizer, covid, cfg.max_length, cfg.stride, max_negative_windows=1, seed=cfg.seed)
    feats = Features(
        input_ids=feats_squad.input_ids + feats_covid.input_ids,
        token_type_ids=feats_squad.token_type_ids + feats_covid.token_type_ids,
        start_positions=np.concatenate([feats_squad.start_positions, feats_covid.start_positions]),
        end_positions=np.concatenate([feats_squad.end_positions, feats_covid.end_positions]),
        example_index=np.concatenate([feats_squad.example_index, feats_covid.example_index]),
        offsets=feats_squad.offsets + feats_covid.offsets,
    )
    prep_s = time.time() - t0
    print(f"examples={len(squad) + len(covid)} features={len(feats)} prep={prep_s:.0f}s device={device}", flush=True)

    dev = load_jsonl(cfg.qa_dir / "squad_dev_eval" / "squad_v1.1_dev.jsonl.gz")
    dev_sample = random.Random(0).sample(dev, min(len(dev), cfg.dev_limit or 1000))

    if cfg.init_seed is not None:
        torch.manual_seed(cfg.init_seed)
    model = build_model(cfg.base, device)
    if cfg.init_seed is not None:
        torch.manual_seed(cfg.seed)
    if cfg.init_from is not None:
        load_weights(model, cfg.init_from)
        print(f"initialised from {cfg.init_from}", flush=True)
    teachers = [load_reader(cfg.teacher_base or cfg.base, t, device).eval().requires_grad_(False) for t in cfg.teachers]
    params = [p for p in model.parameters() if p.requires_grad]
    decay = [p for p in params if p.ndim >= 2]
    no_decay = [p for p in params if p.ndim < 2]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr,
        fused=device.type == "cuda",
    )
    ema = [p.detach().clone() for p in params]
    np_rng = np.random.default_rng(cfg.seed)
    steps_per_epoch = math.ceil(len(feats) / cfg.batch_size)
    planned = int(steps_per_epoch * cfg.epochs)
    step = 0
    curve: list[dict[str, float]] = []
    if cfg.checkpoint and cfg.checkpoint.exists():
        ck = torch.load(cfg.checkpoint, map_location=device, weights_only=False)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        ema = [t.to(device) for t in ck["ema"]]
        step, planned, curve = ck["step"], ck["planned"], ck["curve"]
        np_rng = np.random.default_rng(cfg.seed + step)
        print(f"resumed at step {step}/{planned}", flush=True)

    def lr_at(s: int) -> float:
        warm = max(1, int(cfg.warmup * planned))
        if s < warm:
            return cfg.lr * (s + 1) / warm
        return cfg.lr * max(0.0, (planned - s) / max(1, planned - warm))

    model.train()
    autocast = device.type in ("cuda", "cpu")
    t_train = time.time()
    budget_s = cfg.budget_minutes * 60 - prep_s
    t_rate, rate_step = time.time(), step
    asked = planned
    bar = tqdm(total=planned, initial=step, desc="train-reader", mininterval=5)
    last_ck = time.time()
    while step < planned:
        for batch_idx in bucketed_batches(feats, cfg.batch_size, np_rng):
            if step >= planned:
                break
            batch = {
                k: v.to(device, non_blocking=True) for k, v in collate(feats, batch_idx, tokenizer.pad_token_id).items()
            }
            for g in opt.param_groups:
                g["lr"] = lr_at(step)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=autocast):
                out = model(**batch)
                loss = out.loss
                if teachers:
                    inputs = {k: v for k, v in batch.items() if not k.endswith("_positions")}
                    with torch.no_grad():
                        taught = ensemble_logits(teachers, inputs)
                    kd = distillation_loss(
                        (out.start_logits, out.end_logits), taught, batch["attention_mask"], cfg.kd_temperature
                    )
                    loss = (1 - cfg.kd_alpha) * loss + cfg.kd_alpha * kd
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            opt.zero_grad(set_to_none=True)
            with torch.no_grad():
                torch._foreach_mul_(ema, cfg.ema)
                torch._foreach_add_(ema, [p.detach() for p in params], alpha=1 - cfg.ema)
            step += 1
            bar.update(1)
            if step == 30:
                t_rate, rate_step = time.time(), step
            if step >= 130 and step - rate_step >= 100:
                # Re-fitted every 100 steps (after warm-up steps, which are slower): the rate moves when
                # other runs share the GPU or the CPU, and a run killed past its budget saves nothing.
                # It may also grow back (never past the epochs asked for): the first steps run slowly.
                rate = (step - rate_step) / (time.time() - t_rate)
                fit = min(asked, step + int(rate * (budget_s - (time.time() - t_train)) * 0.95))
                if abs(fit - planned) > 0.01 * planned:
                    print(f"budget: {rate:.1f} steps/s, schedule {planned} -> {fit} steps", flush=True)
                    planned = max(step, fit)
                    bar.total = planned
                t_rate, rate_step = time.time(), step
            if step % cfg.log_every == 0:
                print(f"step {step}/{planned} loss {loss.item():.3f} lr {lr_at(step):.2e}", flush=True)
            if step % max(1, planned // 5) == 0 or step == planned:
                m = evaluate(predict(model, tokenizer, dev_sample, device), dev_sample)
                m.update({"step": step, "minutes": (time.time() - t_train) / 60, "features": step * cfg.batch_size})
                curve.append(m)
                print(json.dumps(m), flush=True)
            if cfg.checkpoint and time.time() - last_ck > 600:
                torch.save(
                    {
                        "model": model.state_dict(),
                        "opt": opt.state_dict(),
                        "ema": ema,
                        "step": step,
                        "planned": planned,
                        "curve": curve,
                    },
                    cfg.checkpoint,
                )
                last_ck = time.time()
    bar.close()
    train_minutes = (time.time() - t_train) / 60

    raw_state = {k: v.detach().clone() for k, v in trainable_state(model).items()}
    raw_dev = evaluate(predict(model, tokenizer, dev_sample, device), dev_sample)
    with torch.no_grad():
        for p, e in zip(params, ema, strict=True):
            p.copy_(e)
    ema_dev = evaluate(predict(model, tokenizer, dev_sample, device), dev_sample)
    use_ema = ema_dev["f1"] >= raw_dev["f1"]
    if not use_ema:
        model.load_state_dict(raw_state, strict=False)
    save_reader(trainable_state(model), cfg.out)
    summary = {
        "config": {k: _jsonable(v) for k, v in cfg.__dict__.items()},
        "features": len(feats),
        "steps": step,
        "train_minutes": train_minutes,
        "device": str(device),
        "dev_sample_raw": raw_dev,
        "dev_sample_ema": ema_dev,
        "weights": "ema" if use_ema else "raw",
        "curve": curve,
    }
    if cfg.final_eval:
        summary["squad_v1_dev_full"] = evaluate(predict(model, tokenizer, dev, device), dev)
        v2 = load_jsonl(cfg.qa_dir / "squad_dev_eval" / "squad_v2.0_dev.jsonl.gz")
        with (cfg.out / "v2_dev_scores.jsonl").open("w") as fh:
            for p, ex in zip(predict(model, tokenizer, v2, device), v2, strict=True):
                _, f1 = best_over_golds(p["text"], ex.answers)
                fh.write(
                    json.dumps(
                        {
                            "id": ex.id,
                            "title": ex.title,
                            "answerable": ex.answerable,
                            "score": p["score"],
                            "null": p["null"],
                            "f1": f1,
                            "text": p["text"],
                        }
                    )
                    + "\n"
                )
    (cfg.out / "train_summary.json").write_text(json.dumps(summary, indent=2))
    return summary


def _jsonable(value: Any) -> Any:
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value


def parse_args(argv: list[str] | None = None) -> TrainConfig:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--base", type=Path, default=None, help="encoder directory (default: packaged MiniLM)")
    ap.add_argument("--qa-dir", type=Path, default=Path("../shared/qa"))
    ap.add_argument("--out", type=Path, default=Path("build/reader"))
    for name, typ in (
        ("lr", float),
        ("batch-size", int),
        ("epochs", float),
        ("budget-minutes", float),
        ("limit", int),
        ("dev-limit", int),
        ("seed", int),
        ("ema", float),
    ):
        ap.add_argument(f"--{name}", type=typ, default=None)
    ap.add_argument("--device", default="auto")
    ap.add_argument("--checkpoint", type=Path, default=None)
    ap.add_argument("--final-eval", action="store_true", help="full SQuAD v1.1 dev + v2.0 dev scores")
    ap.add_argument("--init-from", type=Path, default=None, help="start from these reader weights")
    ap.add_argument("--same-article-negatives", type=float, default=None)
    ap.add_argument("--other-article-negatives", type=float, default=None)
    ap.add_argument("--window-tokens", type=int, default=0, help="also train on sentence windows this long")
    ap.add_argument("--window-negatives", type=float, default=0.3)
    ap.add_argument(
        "--removed-answer-negatives", type=float, default=0.0, help="pair a question with its paragraph less the answer"
    )
    ap.add_argument("--init-seed", type=int, default=None, help="seed of the QA head's init (default: --seed)")
    ap.add_argument(
        "--teachers", type=Path, nargs="*", default=(), help="reader weights whose mean logits are distilled"
    )
    ap.add_argument("--kd-alpha", type=float, default=0.5, help="weight of the distillation loss")
    ap.add_argument("--kd-temperature", type=float, default=2.0)
    ap.add_argument("--teacher-base", type=Path, default=None, help="encoder the teachers were trained on")
    ap.add_argument("--tokenizer", type=Path, default=None, help="WordPiece vocabulary (default: MiniLM's)")
    ns = ap.parse_args(argv)
    base = ns.base
    if base is None:
        base = packaged_minilm_path()
    cfg = TrainConfig(
        base=base,
        qa_dir=ns.qa_dir,
        out=ns.out,
        device=ns.device,
        checkpoint=ns.checkpoint,
        final_eval=ns.final_eval,
        init_from=ns.init_from,
        window_tokens=ns.window_tokens,
        window_negatives=ns.window_negatives,
        removed_answer_negatives=ns.removed_answer_negatives,
        init_seed=ns.init_seed,
        teachers=tuple(ns.teachers),
        kd_alpha=ns.kd_alpha,
        kd_temperature=ns.kd_temperature,
        teacher_base=ns.teacher_base,
        tokenizer=ns.tokenizer,
    )
    if ns.same_article_negatives is not None:
        cfg.same_article_negatives = ns.same_article_negatives
    if ns.other_article_negatives is not None:
        cfg.other_article_negatives = ns.other_article_negatives
    for key in ("lr", "batch_size", "epochs", "budget_minutes", "limit", "dev_limit", "seed", "ema"):
        val = getattr(ns, key)
        if val is not None:
            setattr(cfg, key, val)
    return cfg


if __name__ == "__main__":
    print(json.dumps(train(parse_args()), indent=2)[:2000])
