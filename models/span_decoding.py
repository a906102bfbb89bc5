"""Turn start/end logits of an extractive QA head into ranked character spans.

Scores are raw logit sums (start + end), not per-window softmaxes, so spans from different
passages and windows are directly comparable; the [CLS] sum is the "no answer" score.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class SpanCandidate:
    feature: int
    start_token: int
    end_token: int
    score: float


def best_spans(
    start_logits: torch.Tensor,
    end_logits: torch.Tensor,
    context_mask: torch.Tensor,
    max_answer_tokens: int,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Best valid span of every feature, vectorised.

    Args:
        start_logits, end_logits: ``(features, length)``.
        context_mask: ``(features, length)`` bool, true on tokens of the passage (not question,
            special tokens or padding).
        max_answer_tokens: longest span allowed, in tokens.

    Returns:
        ``(start, end, span_score, null_score)``, each of shape ``(features,)``. A feature with
        no valid span gets score ``-inf``.
    """
    start = start_logits.float()
    end = end_logits.float()
    neg = torch.finfo(torch.float32).min / 4
    start = start.masked_fill(~context_mask, neg)
    end = end.masked_fill(~context_mask, neg)
    length = start.shape[1]
    idx = torch.arange(length, device=start.device)
    # band[i, j] is true where j >= i and j - i < max_answer_tokens.
    diff = idx[None, :] - idx[:, None]
    band = (diff >= 0) & (diff < max_answer_tokens)
    scores = start[:, :, None] + end[:, None, :]
    scores = scores.masked_fill(~band[None], neg)
    flat = scores.view(scores.shape[0], -1)
    best, arg = flat.max(dim=1)
    s_idx = torch.div(arg, length, rounding_mode="floor")
    e_idx = arg % length
    valid = context_mask.any(dim=1)
    best = torch.where(valid & (best > neg / 2), best, torch.full_like(best, float("-inf")))
    null = start_logits[:, 0].float() + end_logits[:, 0].float()
    return s_idx, e_idx, best, null


def top_spans(
    start_logits: torch.Tensor,
    end_logits: torch.Tensor,
    context_mask: torch.Tensor,
    max_answer_tokens: int,
    k: int,
) -> list[SpanCandidate]:
    """The ``k`` best spans over all features together (for ranking alternatives)."""
    start = start_logits.float().masked_fill(~context_mask, float("-inf"))
    end = end_logits.float().masked_fill(~context_mask, float("-inf"))
    length = start.shape[1]
    idx = torch.arange(length, device=start.device)
    diff = idx[None, :] - idx[:, None]
    band = (diff >= 0) & (diff < max_answer_tokens)
    scores = (start[:, :, None] + end[:, None, :]).masked_fill(~band[None], float("-inf"))
    flat = scores.reshape(-1)
    k = min(k, flat.numel())
    values, args = flat.topk(k)
    out: list[SpanCandidate] = []
    for value, arg in zip(values.tolist(), args.tolist(), strict=True):
        if value == float("-inf"):
            break
        feature, rest = divmod(arg, length * length)
        s, e = divmod(rest, length)
        out.append(SpanCandidate(feature, s, e, value))
    return out
