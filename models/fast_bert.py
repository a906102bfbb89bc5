"""A BERT encoder's inference forward in a few fused torch calls, on the model's own weights.

Both of the tutor's models are 6-layer, 384-wide BERTs, and at their sizes (a 12-token question;
~5 rows of 128 tokens) the Hugging Face module stack costs as much as the arithmetic: per layer a
dozen modules, separate query/key/value projections, mask conversion, dropout no-ops. This forward
does per layer one fused QKV projection, one ``scaled_dot_product_attention``, two LayerNorms and
the feed-forward. Measured on the 2-core CPU: the question's embedding 5.5 → under 4 ms (fp32), the
reader's packed rows 20.7 → 16.5 ms (bf16 median over the benchmark's questions).

The tutor builds both from their weight files (``FastBert.from_weights``): the Hugging Face model
classes are then never imported, ~90 MB resident saved (``bench/bench_memory.py``); the reader in
int8 gets dynamically quantised projections there. ``FastBert(bert)`` runs over a loaded
``BertModel`` instead (a QA checkpoint named in the configuration): with ``fuse_qkv`` the query,
key and value weights are concatenated once and the model's own weights become views of the
result, so the model still works on the same memory. Anything other than an eval-mode BERT with
absolute positions, GELU and plain ``nn.Linear`` layers is not taken: ``supports``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import torch
import torch.nn.functional as F

Projection = Callable[[torch.Tensor], torch.Tensor]


class Dense:
    """``x @ weight.T + bias`` on tensors held elsewhere (a model's, or a weights file's)."""

    __slots__ = ("bias", "weight")

    def __init__(self, weight: torch.Tensor, bias: torch.Tensor | None) -> None:
        self.weight = weight
        self.bias = bias

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return F.linear(x, self.weight, self.bias)


def int8(dense: Dense) -> Projection:
    """``dense`` as a dynamically quantised int8 layer: what ``quantize_dynamic`` makes of an ``nn.Linear``."""
    out_features, in_features = dense.weight.shape
    linear = torch.nn.Linear(in_features, out_features, bias=dense.bias is not None)
    with torch.no_grad():
        linear.weight.copy_(dense.weight)
        if dense.bias is not None:
            linear.bias.copy_(dense.bias)
    quantized = torch.ao.quantization.quantize_dynamic(torch.nn.Sequential(linear), {torch.nn.Linear}, torch.qint8)
    return quantized[0]  # type: ignore[no-any-return]


class Lookup:
    """Rows of an embedding table, handed on in ``dtype`` where the table is kept in another."""

    __slots__ = ("dtype", "table")

    def __init__(self, table: torch.Tensor, dtype: torch.dtype | None = None) -> None:
        self.table = table
        self.dtype = dtype

    def __call__(self, ids: torch.Tensor) -> torch.Tensor:
        rows = F.embedding(ids, self.table)
        return rows if self.dtype is None else rows.to(self.dtype)


class PackedDense:
    """A bf16 projection whose weights oneDNN packed once for this CPU (what ``torch.compile`` does
    to linear layers on the CPU when it freezes a model), instead of re-laying them out every call.

    Measured on the 2-core CPU (AMD EPYC with AVX512-BF16, no AMX), a 384 → 1,536 projection at
    320 tokens 1.14 → 0.88 ms, at 14 tokens 0.12 → 0.06 ms, with bit-identical results; the
    reader's read 37.0 → 32.5 ms at p50 (tutors alternating in one process), resident memory
    unchanged. The fp32 embedder is not packed: its question 9.1 → 4.4 ms, but its weights are
    mapped from the package's file and the packed copy is another 35–45 MB resident (24 MB
    more with the file read into memory instead), against the 600 MB target.
    """

    __slots__ = ("bias", "weight")

    def __init__(self, dense: Dense) -> None:
        self.weight = torch.ops.mkldnn._reorder_linear_weight(dense.weight, 64)
        self.bias = dense.bias

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        return torch.ops.mkldnn._linear_pointwise(x, self.weight, self.bias, "none", [], "")


def packed(dense: Dense) -> Projection:
    """A bf16 ``dense`` with oneDNN-packed weights where this torch and CPU have them, else ``dense``.

    The packing ops are torch's own (its compiler's), not a public API: a torch without them,
    or one whose packed projection does not give ``dense``'s result on a probe, keeps ``dense``.
    """
    weight = dense.weight
    if weight.device.type != "cpu" or weight.dtype != torch.bfloat16:
        return dense
    if not torch.backends.mkldnn.is_available() or dense.bias is None:
        return dense
    try:
        fast = PackedDense(dense)
        probe = torch.linspace(-1, 1, 3 * weight.shape[1], dtype=weight.dtype).view(3, -1)
        with torch.inference_mode():
            same = torch.allclose(fast(probe).float(), dense(probe).float(), rtol=1e-2, atol=1e-2)
    except (RuntimeError, AttributeError, TypeError):
        return dense
    return fast if same else dense


class Layer(NamedTuple):
    """One encoder layer: query-key-value (one fused projection, or three), then the rest."""

    qkv: tuple[Projection, ...]
    out: Projection
    norm1: tuple[torch.Tensor, torch.Tensor]
    ffn_in: Projection
    ffn_out: Projection
    norm2: tuple[torch.Tensor, torch.Tensor]


def supports(bert: Any) -> bool:
    """Whether ``bert`` (a ``BertModel``) is one this forward computes exactly."""
    config = getattr(bert, "config", None)
    if config is None or not supports_config(config.to_dict()) or bert.training:
        return False
    linears = [m for layer in bert.encoder.layer for m in layer.modules() if "Linear" in type(m).__name__]
    return all(type(m) is torch.nn.Linear for m in linears)


def supports_config(config: Mapping[str, Any]) -> bool:
    """Whether a BERT of this ``config.json`` is one this forward computes exactly."""
    return (
        config.get("model_type") == "bert"
        and config.get("position_embedding_type", "absolute") == "absolute"
        and config.get("hidden_act") == "gelu"
        and not config.get("is_decoder", False)
    )


class FastBert:
    """A BERT's last hidden states, computed with fused calls (see the module docstring).

    Built from a Hugging Face ``BertModel`` (``FastBert(bert)``) or straight from a weights file's
    tensors (``FastBert.from_weights``), which spares the process the Hugging Face model classes.
    """

    def __init__(self, bert: Any, fuse_qkv: bool = True, step: int = 64) -> None:
        params = dict(bert.named_parameters())
        with torch.no_grad():
            self._build(bert.config.to_dict(), params.__getitem__, bert.embeddings.word_embeddings, fuse_qkv, step)
        if fuse_qkv:  # the module's weights now live in the fused ones: one copy, and the model still works
            for layer, module in zip(self.layers, bert.encoder.layer, strict=True):
                fused = layer.qkv[0]
                assert isinstance(fused, Dense) and fused.bias is not None
                rows = fused.weight.shape[0] // 3
                attn = module.attention.self
                for i, p in enumerate((attn.query, attn.key, attn.value)):
                    p.weight = torch.nn.Parameter(fused.weight[i * rows : (i + 1) * rows], requires_grad=False)
                    p.bias = torch.nn.Parameter(fused.bias[i * rows : (i + 1) * rows], requires_grad=False)

    @classmethod
    def from_weights(
        cls,
        weights: Mapping[str, torch.Tensor],
        config: Mapping[str, Any],
        word: Projection | None = None,
        prefix: str = "",
        quantize: bool = False,
        step: int = 64,
    ) -> FastBert:
        """The encoder in ``weights`` (a ``BertModel``'s tensor names after ``prefix``).

        ``word``: the word-embedding lookup, where the table is held elsewhere (else the one in
        ``weights``). ``quantize``: every projection in dynamic int8, as ``quantize_dynamic``
        would make it of the Hugging Face model (query, key and value apart, each its own scale).
        Dynamic int8 scales each call's activations by their range over the whole call, padding
        included, so an int8 encoder computes every position, as the modules do: without the
        padding the ranges moved and so did the answers (16 of 481 lecture questions; dev F1
        0.882 → 0.833, where computing them gives 0.879). Otherwise, on the CPU, each projection's
        weights are packed for oneDNN once (``packed``).
        """
        self = cls.__new__(cls)
        speedy = int8 if quantize else packed
        self._build(config, lambda name: weights[prefix + name], word, not quantize, step, speedy)
        self.skips_padding = not quantize
        return self

    def _build(
        self,
        config: Mapping[str, Any],
        get: Callable[[str], torch.Tensor],
        word: Projection | None,
        fuse_qkv: bool,
        step: int,
        speedy: Callable[[Dense], Projection] = lambda dense: dense,
    ) -> None:
        """The encoder from ``get`` (a ``BertModel``'s tensor by name), each projection made ``speedy``."""
        self.heads = int(config["num_attention_heads"])
        self.width = int(config["hidden_size"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.pad_id = int(config.get("pad_token_id") or 0)
        self.step = step
        self.skips_padding = True
        self.fuse_qkv = fuse_qkv

        def dense(name: str) -> Projection:
            return speedy(Dense(get(f"{name}.weight"), get(f"{name}.bias")))

        def norm(name: str) -> tuple[torch.Tensor, torch.Tensor]:
            return get(f"{name}.LayerNorm.weight"), get(f"{name}.LayerNorm.bias")

        self.word = word or Lookup(get("embeddings.word_embeddings.weight"))
        self.position = get("embeddings.position_embeddings.weight")
        self.token_type = get("embeddings.token_type_embeddings.weight")
        self.norm = norm("embeddings")
        self.layers: list[Layer] = []
        for i in range(int(config["num_hidden_layers"])):
            at = f"encoder.layer.{i}."
            names = [f"{at}attention.self.{p}" for p in ("query", "key", "value")]
            qkv: tuple[Projection, ...]
            if fuse_qkv:
                weight = torch.cat([get(f"{n}.weight") for n in names]).contiguous()
                qkv = (speedy(Dense(weight, torch.cat([get(f"{n}.bias") for n in names]).contiguous())),)
            else:
                qkv = tuple(dense(n) for n in names)
            self.layers.append(
                Layer(
                    qkv,
                    dense(f"{at}attention.output.dense"),
                    norm(f"{at}attention.output"),
                    dense(f"{at}intermediate.dense"),
                    dense(f"{at}output.dense"),
                    norm(f"{at}output"),
                )
            )

    def __call__(
        self,
        input_ids: torch.Tensor,
        token_type_ids: torch.Tensor | None = None,
        position_ids: torch.Tensor | None = None,
        attention_mask: torch.Tensor | None = None,
    ) -> torch.Tensor:
        """Hidden states ``(batch, length, width)``; zeros at padding positions.

        ``attention_mask``: ``(batch, length)`` with 1 for real tokens, or a boolean
        ``(batch, 1, length, length)`` of the positions each position may attend to (packed rows,
        whose padding is ``pad_token_id``).

        Only real tokens go through the projections, LayerNorms and feed-forward: the reader's
        packed rows are ~25 % padding (~620 positions for ~470 tokens a question). Attention
        alone needs the rows; each layer gathers them from the real tokens, a padding position
        reading any real token's row (it attends only to itself, or is nobody's key, and its
        output is dropped; an int8 encoder computes every position, see ``from_weights``).
        Reader's packed call 22.4 → 20.4 ms on the lecture questions. The
        count is rounded up to ``step`` positions with padding ones: oneDNN builds and keeps
        kernels for each new shape, and with exact counts nearly every new question was one (1,000
        SQuAD dev questions, one paragraph each: 19.5 → 23.0 s; resident memory after 400 varied
        questions 650 → 949 MB). Steps of 64: 18.1 s and 654 MB (32: 18.3 s, 675 MB; 128: slower
        than no flattening on our lecture questions).
        """
        batch, length = input_ids.shape
        if position_ids is None:
            position_ids = torch.arange(length, device=input_ids.device).expand(batch, length)
        if token_type_ids is None:
            token_type_ids = torch.zeros_like(input_ids)
        mask = real = None
        if attention_mask is not None:
            if attention_mask.dim() == 4:
                mask, real = attention_mask.bool(), input_ids != self.pad_id
            else:
                real = attention_mask.bool()
                mask = real[:, None, None, :]
        keep = gather = None  # positions computed; for each row position, the index of a computed one
        if real is not None and self.skips_padding and not bool(real.all()):
            flags = real.reshape(-1).clone()
            extra = -int(flags.sum()) % self.step  # a few padding positions too: token counts in steps
            flags[(~flags).nonzero().squeeze(1)[:extra]] = True
            keep = flags.nonzero().squeeze(1)
            gather = (flags.cumsum(0) - 1).clamp_(min=0)

        def tokens(t: torch.Tensor) -> torch.Tensor:
            t = t.reshape(batch * length, *t.shape[2:])
            return t if keep is None else t.index_select(0, keep)

        x = (
            self.word(tokens(input_ids))
            + F.embedding(tokens(position_ids), self.position)
            + F.embedding(tokens(token_type_ids), self.token_type)
        )
        x = F.layer_norm(x, (self.width,), *self.norm, self.eps)

        def rows(t: torch.Tensor) -> torch.Tensor:
            return (t if gather is None else t.index_select(0, gather)).view(batch, length, -1)

        head = self.width // self.heads
        for layer in self.layers:
            if len(layer.qkv) == 1:
                q, k, v = rows(layer.qkv[0](x)).view(batch, length, 3, self.heads, head).permute(2, 0, 3, 1, 4)
            else:
                q, k, v = (rows(p(x)).view(batch, length, self.heads, head).transpose(1, 2) for p in layer.qkv)
            h = tokens(F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2))
            x = F.layer_norm(layer.out(h.reshape(len(x), -1)) + x, (self.width,), *layer.norm1, self.eps)
            x = F.layer_norm(layer.ffn_out(F.gelu(layer.ffn_in(x))) + x, (self.width,), *layer.norm2, self.eps)
        out = rows(x)
        return out if real is None or keep is None else out.masked_fill(~real[..., None], 0.0)
