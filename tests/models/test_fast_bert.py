"""The fused BERT forward computes what the Hugging Face model computes, on the same weights."""

from __future__ import annotations

from typing import Any

import pytest
import torch
from transformers import BertConfig, BertModel

from knowledge.tutor import Tutor
from models.batching import pack_rows, packed_batch
from models.embedder import packaged_minilm_path
from models.fast_bert import Dense, FastBert, PackedDense, packed, supports, supports_config
from models.reader import WEIGHTS_DIR


def tiny_bert(**overrides: Any) -> Any:
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64, **overrides
    )
    return BertModel(config).eval()


@pytest.mark.parametrize("fuse_qkv", [True, False])
def test_padded_rows_match_the_model(fuse_qkv: bool) -> None:
    bert = tiny_bert()
    ids = torch.randint(1, 100, (3, 9))
    types = torch.randint(0, 2, (3, 9))
    mask = torch.ones(3, 9, dtype=torch.long)
    mask[1, 5:] = 0  # padding
    mask[2, 2:] = 0
    with torch.inference_mode():
        want = bert(input_ids=ids, token_type_ids=types, attention_mask=mask).last_hidden_state
        got = FastBert(bert, fuse_qkv)(ids, types, attention_mask=mask)
    real = mask.bool()
    torch.testing.assert_close(got[real], want[real], atol=1e-5, rtol=1e-5)


def test_packed_rows_match_the_model_and_each_feature_read_alone() -> None:
    bert = tiny_bert()
    features = [{"input_ids": torch.randint(1, 100, (n,)).tolist(), "token_type_ids": [0] * n} for n in (7, 4, 5)]
    rows = pack_rows([7, 4, 5], 12)
    batch = packed_batch(features, rows, 12)
    fast = FastBert(bert)
    with torch.inference_mode():
        want = bert(**batch).last_hidden_state
        got = fast(**batch)
        alone = fast(torch.tensor([features[1]["input_ids"]]))
    real = batch["input_ids"] != 0  # the rows' padding: computed by nobody, returned as zeros
    assert (~real).any() and not got[~real].any()
    torch.testing.assert_close(got[real], want[real], atol=1e-5, rtol=1e-5)
    r = next(r for r, row in enumerate(rows) if 1 in row)
    at = sum(len(features[f]["input_ids"]) for f in rows[r][: rows[r].index(1)])
    torch.testing.assert_close(got[r, at : at + 4], alone[0], atol=1e-5, rtol=1e-5)


def test_only_real_tokens_are_computed_in_counts_of_a_few_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    import models.fast_bert as fast_bert

    bert = tiny_bert()
    features = [{"input_ids": torch.randint(1, 100, (n,)).tolist(), "token_type_ids": [0] * n} for n in (7, 4, 5)]
    batch = packed_batch(features, pack_rows([7, 4, 5], 12), 12)  # 16 tokens in 24 positions
    with torch.inference_mode():
        want = bert(**batch).last_hidden_state
    rows: list[int] = []
    linear = torch.nn.functional.linear

    def counted(x: torch.Tensor, *args: Any) -> torch.Tensor:
        rows.append(x.shape[0])
        return linear(x, *args)

    monkeypatch.setattr(fast_bert.F, "linear", counted)
    with torch.inference_mode():
        got = FastBert(bert, step=5)(**batch)  # oneDNN builds kernels per shape: counts go in steps
    assert set(rows) == {20}
    real = batch["input_ids"] != 0
    torch.testing.assert_close(got[real], want[real], atol=1e-5, rtol=1e-5)


def test_the_model_keeps_working_on_the_fused_weights_without_a_copy() -> None:
    bert = tiny_bert()
    ids = torch.randint(1, 100, (2, 6))
    with torch.inference_mode():
        before = bert(input_ids=ids).last_hidden_state
    fast = FastBert(bert)
    fused = fast.layers[0].qkv[0].weight  # type: ignore[attr-defined]
    query = bert.encoder.layer[0].attention.self.query.weight
    assert query.untyped_storage().data_ptr() == fused.untyped_storage().data_ptr()
    with torch.inference_mode():
        torch.testing.assert_close(bert(input_ids=ids).last_hidden_state, before)


def test_only_models_it_computes_exactly_are_taken() -> None:
    assert supports(tiny_bert())
    assert not supports(tiny_bert().train())  # dropout is not applied here
    assert not supports(tiny_bert(hidden_act="relu"))
    assert not supports(tiny_bert(position_embedding_type="relative_key"))
    quantized = torch.ao.quantization.quantize_dynamic(tiny_bert(), {torch.nn.Linear}, dtype=torch.qint8)
    assert not supports(quantized)
    assert not supports(torch.nn.Linear(2, 2))


def test_the_shipped_reader_and_embedder_use_it_and_agree_with_the_model(real_tutor: Tutor) -> None:
    from models.training.train_reader import load_reader

    reader = real_tutor.reader
    assert reader._fast is not None and real_tutor.embedder._fast is not None  # type: ignore[attr-defined]
    assert reader._model is None  # read from its tensors: no Hugging Face model built
    tok = reader._tokenizer
    enc = tok(["Who created BERT?"] * 2, ["BERT is a 2018 child of Google Researchers.", "Dogs like parks."])
    features = [{k: enc[k][i] for k in ("input_ids", "token_type_ids")} for i in range(2)]
    lengths = [len(f["input_ids"]) for f in features]
    batch = packed_batch(features, pack_rows(lengths, 128), 128)
    cpu = torch.device("cpu")
    # The same weights in the Hugging Face modules.
    model = load_reader(packaged_minilm_path(), WEIGHTS_DIR / "reader.safetensors", cpu).eval()
    with torch.inference_mode():
        start, end = reader._logits(batch)
        out = model(**batch)
    n = sum(lengths)  # both features share one row; compare where tokens are
    torch.testing.assert_close(start[0, :n], out.start_logits.float()[0, :n], atol=0.25, rtol=0.02)  # bf16 rounding
    torch.testing.assert_close(end[0, :n], out.end_logits.float()[0, :n], atol=0.25, rtol=0.02)


def test_weights_read_from_a_state_dict_match_the_model() -> None:
    bert = tiny_bert()
    ids = torch.randint(1, 100, (2, 7))
    mask = torch.ones(2, 7, dtype=torch.long)
    mask[1, 4:] = 0
    state = {f"bert.{k}": v.clone() for k, v in bert.state_dict().items()}
    fast = FastBert.from_weights(state, bert.config.to_dict(), prefix="bert.")
    with torch.inference_mode():
        want = bert(input_ids=ids, attention_mask=mask).last_hidden_state
        got = fast(ids, attention_mask=mask)
    torch.testing.assert_close(got[mask.bool()], want[mask.bool()], atol=1e-5, rtol=1e-5)


def test_int8_weights_compute_what_the_quantized_model_computes() -> None:
    bert = tiny_bert()
    ids = torch.randint(1, 100, (2, 7))
    quantized = torch.ao.quantization.quantize_dynamic(tiny_bert(), {torch.nn.Linear}, dtype=torch.qint8)
    fast = FastBert.from_weights(bert.state_dict(), bert.config.to_dict(), quantize=True)
    assert len(fast.layers[0].qkv) == 3  # query, key and value each with its own scale, as the modules
    with torch.inference_mode():
        want = quantized(input_ids=ids).last_hidden_state
        got = fast(ids)
    torch.testing.assert_close(got, want, atol=1e-4, rtol=1e-4)


def test_configs_it_cannot_compute_are_refused() -> None:
    config = tiny_bert().config.to_dict()
    assert supports_config(config)
    assert not supports_config(config | {"hidden_act": "relu"})
    assert not supports_config(config | {"position_embedding_type": "relative_key"})
    assert not supports_config(config | {"model_type": "roberta"})


@pytest.mark.parametrize("dtype", [torch.float32, torch.bfloat16])
def test_it_runs_in_the_models_precision(dtype: torch.dtype) -> None:
    bert = tiny_bert().to(dtype)
    with torch.inference_mode():
        out = FastBert(bert)(torch.randint(1, 100, (1, 5)))
    assert out.dtype == dtype and torch.isfinite(out.float()).all()


def test_bf16_projections_are_packed_once_and_compute_the_same() -> None:
    torch.manual_seed(0)
    dense = Dense(torch.randn(48, 32).bfloat16(), torch.randn(48).bfloat16())
    fast = packed(dense)
    x = torch.randn(10, 32).bfloat16()
    if torch.backends.mkldnn.is_available():
        assert isinstance(fast, PackedDense)
    with torch.inference_mode():
        torch.testing.assert_close(fast(x), dense(x), atol=0.05, rtol=0.02)
    fp32 = Dense(torch.randn(48, 32), torch.randn(48))
    assert packed(fp32) is fp32  # the embedder's mapped fp32 weights stay as they are


def test_a_torch_without_the_packing_ops_keeps_the_plain_projection(monkeypatch: pytest.MonkeyPatch) -> None:
    import models.fast_bert as fast_bert

    def missing(*args: Any) -> torch.Tensor:
        raise RuntimeError("no such op")

    monkeypatch.setattr(fast_bert.PackedDense, "__init__", missing)
    dense = Dense(torch.randn(8, 4).bfloat16(), torch.randn(8).bfloat16())
    assert packed(dense) is dense
