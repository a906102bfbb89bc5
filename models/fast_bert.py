"""A BERT encoder's inference forward in a few fused torch calls, on the model's own weights.

Both of the tutor's models are 6-layer, 384-wide BERTs, and at their sizes (a 12-token question;
~5 rows of 128 tokens) the Hugging Face module stack costs as much as the arithmetic: per layer a
dozen modules, separate query/key/value projections, mask conversion, dropout no-ops. This forward
does per layer one fused QKV projection, one ``scaled_dot_product_attention``, two LayerNorms and
the feed-forward. Measured on the 2-core CPU: the question's embedding 5.5 → under 4 ms (fp32), the
reader's packed rows 20.7 → 16.5 ms (bf16 median over the benchmark's questions).

With ``fuse_qkv`` the query, key and value weights are concatenated once and the model's own
weights become views of the result, so the Hugging Face model still works (training, export, any
path this one does not cover) on the same memory. The reader fuses (bf16 weights it converted
itself: the old ones are freed; 18.8 → 16.8 ms median unfused vs fused); the embedder does not
(its fp32 weights are mapped from the package's file, whose pages stay resident: +12 MB for a
0.3 ms gain). Anything other than an eval-mode BERT with absolute positions, GELU and plain
``nn.Linear`` layers (e.g. after dynamic int8 quantisation) is not taken: ``supports``.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F


def supports(bert: Any) -> bool:
    """Whether ``bert`` (a ``BertModel``) is one this forward computes exactly."""
    config = getattr(bert, "config", None)
    if config is None or getattr(config, "model_type", "") != "bert":
        return False
    if getattr(config, "position_embedding_type", "absolute") != "absolute" or config.hidden_act != "gelu":
        return False
    if getattr(config, "is_decoder", False) or bert.training:
        return False
    linears = [m for layer in bert.encoder.layer for m in layer.modules() if "Linear" in type(m).__name__]
    return all(type(m) is torch.nn.Linear for m in linears)


class FastBert:
    """``bert``'s last hidden states, computed with fused calls (see the module docstring)."""

    def __init__(self, bert: Any, fuse_qkv: bool = True, step: int = 64) -> None:
        config = bert.config
        self.fuse_qkv = fuse_qkv
        self.heads = int(config.num_attention_heads)
        self.width = int(config.hidden_size)
        self.eps = float(config.layer_norm_eps)
        self.pad_id = int(config.pad_token_id or 0)
        self.step = step
        self.embeddings = bert.embeddings
        self.layers = [self._fuse(layer) for layer in bert.encoder.layer]

    def _fuse(self, layer: Any) -> tuple[tuple[torch.Tensor, ...], tuple[torch.Tensor, ...]]:
        """The layer's (query-key-value weights and biases, the other weights)."""
        attn = layer.attention.self
        projections = (attn.query, attn.key, attn.value)
        if self.fuse_qkv:
            with torch.no_grad():
                weight = torch.cat([p.weight for p in projections]).contiguous()
                bias = torch.cat([p.bias for p in projections]).contiguous()
                rows = weight.shape[0] // 3
                for i, p in enumerate(projections):  # the module's weights now live in the fused ones
                    p.weight = torch.nn.Parameter(weight[i * rows : (i + 1) * rows], requires_grad=False)
                    p.bias = torch.nn.Parameter(bias[i * rows : (i + 1) * rows], requires_grad=False)
            qkv: tuple[torch.Tensor, ...] = (weight, bias)
        else:
            qkv = tuple(t for p in projections for t in (p.weight, p.bias))
        out, ffn_in, ffn_out = layer.attention.output, layer.intermediate.dense, layer.output
        return qkv, (
            out.dense.weight,
            out.dense.bias,
            out.LayerNorm.weight,
            out.LayerNorm.bias,
            ffn_in.weight,
            ffn_in.bias,
            ffn_out.dense.weight,
            ffn_out.dense.bias,
            ffn_out.LayerNorm.weight,
            ffn_out.LayerNorm.bias,
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
        output is dropped). Reader's packed call 22.4 → 20.4 ms on the lecture questions. The
        count is rounded up to ``step`` positions with padding ones: oneDNN builds and keeps
        kernels for each new shape, and with exact counts nearly every new question was one (1,000
        SQuAD dev questions, one paragraph each: 19.5 → 23.0 s; resident memory after 400 varied
        questions 650 → 949 MB). Steps of 64: 18.1 s and 654 MB (32: 18.3 s, 675 MB; 128: slower
        than no flattening on our lecture questions).
        """
        batch, length = input_ids.shape
        emb = self.embeddings
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
        if real is not None and not bool(real.all()):
            flags = real.reshape(-1).clone()
            extra = -int(flags.sum()) % self.step  # a few padding positions too: token counts in steps
            flags[(~flags).nonzero().squeeze(1)[:extra]] = True
            keep = flags.nonzero().squeeze(1)
            gather = (flags.cumsum(0) - 1).clamp_(min=0)

        def tokens(t: torch.Tensor) -> torch.Tensor:
            t = t.reshape(batch * length, *t.shape[2:])
            return t if keep is None else t.index_select(0, keep)

        x = (
            emb.word_embeddings(tokens(input_ids))
            + emb.position_embeddings(tokens(position_ids))
            + emb.token_type_embeddings(tokens(token_type_ids))
        )
        x = F.layer_norm(x, (self.width,), emb.LayerNorm.weight, emb.LayerNorm.bias, emb.LayerNorm.eps)

        def rows(t: torch.Tensor) -> torch.Tensor:
            return (t if gather is None else t.index_select(0, gather)).view(batch, length, -1)

        head = self.width // self.heads
        for qkv, (o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b) in self.layers:
            if len(qkv) == 2:
                q, k, v = rows(F.linear(x, *qkv)).view(batch, length, 3, self.heads, head).permute(2, 0, 3, 1, 4)
            else:
                q, k, v = (
                    rows(F.linear(x, qkv[i], qkv[i + 1])).view(batch, length, self.heads, head).transpose(1, 2)
                    for i in (0, 2, 4)
                )
            h = tokens(F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2))
            x = F.layer_norm(F.linear(h.reshape(len(x), -1), o_w, o_b) + x, (self.width,), ln1_w, ln1_b, self.eps)
            x = F.layer_norm(
                F.linear(F.gelu(F.linear(x, i_w, i_b)), f_w, f_b) + x, (self.width,), ln2_w, ln2_b, self.eps
            )
        out = rows(x)
        return out if real is None or keep is None else out.masked_fill(~real[..., None], 0.0)
