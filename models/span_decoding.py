"""Turn start/end logits of an extractive QA head into ranked character spans.

Scores are raw logit sums (start + end), not per-window softmaxes; the [CLS] sum is the "no
answer" score. A raw sum is comparable within one window; across windows the reader compares each
span's margin over its own window's [CLS] sum (``models.reader.ReaderSpan.margin``).
"""

from __future__ import annotations

import torch


def best_spans(
    start_logits: torch.Tensor,
    end_logits: torch.Tensor,
    context_mask: torch.Tensor,
    max_answer_tokens: int,
    segments: torch.Tensor | None = None,
    must_contain: torch.Tensor | None = None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """Best valid span of every feature, vectorised.

    Args:
        start_logits, end_logits: ``(features, length)``.
        context_mask: ``(features, length)`` bool, true on tokens of the passage (not question,
            special tokens or padding).
        max_answer_tokens: longest span allowed, in tokens.
        segments: optional ``(features, length)`` ints; a span may not start and end in
            different segments (a list item's answer does not run into the next item).
        must_contain: optional ``(features, length)`` bool; a span must hold at least one of
            these tokens (a "how many" answer holds a number).

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
    allowed = band[None]
    if segments is not None:
        allowed = allowed & (segments[:, :, None] == segments[:, None, :])
    if must_contain is not None:
        # Marked tokens up to and including j, minus those before i: how many the span i..j holds.
        upto = must_contain.long().cumsum(dim=1)
        before = upto - must_contain.long()
        allowed = allowed & (upto[:, None, :] - before[:, :, None] > 0)
    scores = scores.masked_fill(~allowed, neg)
    flat = scores.view(scores.shape[0], -1)
    best, arg = flat.max(dim=1)
    s_idx = torch.div(arg, length, rounding_mode="floor")
    e_idx = arg % length
    valid = context_mask.any(dim=1)
    best = torch.where(valid & (best > neg / 2), best, torch.full_like(best, float("-inf")))
    null = start_logits[:, 0].float() + end_logits[:, 0].float()
    return s_idx, e_idx, best, null
