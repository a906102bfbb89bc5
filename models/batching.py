"""How the reader's features (question + window token lists) become forward passes.

Measured on the 2-core CPU with the bf16 MiniLM reader: a forward call costs ~6 ms before its
first token (1 x 8 tokens: 6.2 ms; 1 x 64: 9.4 ms; 8 x 128: 36 ms), and oneDNN builds kernels once
per input shape (an unseen shape costs ~15 ms more). A question's ~8 windows hold ~630 tokens, of
very different lengths (a passage's last window is often short), so padding them all to the
longest one computes ~1,000 positions.

* ``pack_rows`` (BERT-style models with absolute positions): several features share a row of a
  fixed width; each attends only to itself (a block-diagonal mask) and counts its positions from
  0, so the model computes exactly what it would for the feature alone, with ~25 % fewer positions.
* ``shape_buckets`` (any other model): features batched by padded length.
"""

from __future__ import annotations

import math

import torch

ROW_WIDTH = 128  # tokens per packed row, unless a feature is longer
MAX_ROWS = 32  # rows per forward call: bounds the memory of a question over many long passages
WIDTH_STEP = 32  # widths are rounded up to this: few shapes, kernels reused from question to question


def round_width(length: int, step: int = WIDTH_STEP) -> int:
    return -(-length // step) * step


def shape_buckets(lengths: list[int], step: int = WIDTH_STEP, call_cost: int = 256) -> list[tuple[list[int], int]]:
    """Batches of a few fixed shapes for features of these lengths: ``(indices, width)``.

    Widths are rounded up to ``step`` tokens so shapes repeat from question to question. Within
    that, the features (by length) are cut into the batches that cost the fewest padded tokens,
    counting ``call_cost`` tokens for each extra forward call (a call's ~6 ms is about as much as
    200-250 more padded tokens).
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    widths = [round_width(lengths[i], step) for i in order]
    n = len(order)
    best = [0] + [math.inf] * n  # best[j]: cost of batching the j shortest features
    cut = [0] * (n + 1)
    for j in range(1, n + 1):
        for i in range(j):
            cost = best[i] + (j - i) * widths[j - 1] + call_cost
            if cost < best[j]:
                best[j], cut[j] = cost, i
    batches: list[tuple[list[int], int]] = []
    j = n
    while j > 0:
        batches.append((order[cut[j] : j], widths[j - 1]))
        j = cut[j]
    return batches[::-1]


def pack_rows(lengths: list[int], width: int) -> list[list[int]]:
    """Features (indices) in rows of at most ``width`` tokens, first fit by decreasing length."""
    if any(length > width for length in lengths):
        raise ValueError("a feature is longer than the row")
    rows: list[list[int]] = []
    room: list[int] = []
    for i in sorted(range(len(lengths)), key=lambda i: (-lengths[i], i)):
        r = next((r for r, free in enumerate(room) if lengths[i] <= free), len(rows))
        if r == len(rows):
            rows.append([])
            room.append(width)
        rows[r].append(i)
        room[r] -= lengths[i]
    return rows


def packed_batch(features: list[dict[str, list[int]]], rows: list[list[int]], width: int) -> dict[str, torch.Tensor]:
    """Model inputs for features packed in ``rows``: ids, token types, positions and a 4-D mask.

    ``attention_mask[r, 0, i, j]`` is true where positions ``i`` and ``j`` of row ``r`` belong to
    the same feature; a padding position attends to itself only (a row of a mask with no true
    entry would give NaN).
    """
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    types = torch.zeros_like(ids)
    positions = torch.zeros_like(ids)
    owner = torch.full((len(rows), width), -1, dtype=torch.long)
    for r, row in enumerate(rows):
        at = 0
        for f in row:
            n = len(features[f]["input_ids"])
            ids[r, at : at + n] = torch.tensor(features[f]["input_ids"])
            if "token_type_ids" in features[f]:
                types[r, at : at + n] = torch.tensor(features[f]["token_type_ids"])
            positions[r, at : at + n] = torch.arange(n)
            owner[r, at : at + n] = f
            at += n
    same = (owner[:, :, None] == owner[:, None, :]) & (owner[:, :, None] >= 0)
    mask = same | torch.eye(width, dtype=torch.bool)[None]
    return {"input_ids": ids, "token_type_ids": types, "position_ids": positions, "attention_mask": mask[:, None]}


def padded_batch(features: list[dict[str, list[int]]], group: list[int], width: int) -> dict[str, torch.Tensor]:
    """Model inputs for one feature per row, padded to ``width``."""
    names: list[str] = [k for k in ("input_ids", "token_type_ids", "attention_mask") if k in features[group[0]]]
    batch = {k: torch.zeros((len(group), width), dtype=torch.long) for k in names}
    for r, f in enumerate(group):
        for k in names:
            batch[k][r, : len(features[f][k])] = torch.tensor(features[f][k])
    return batch
