"""Packing and bucketing the reader's features into forward passes."""

import pytest
import torch

from models.batching import pack_rows, packed_batch, shape_buckets


def test_shape_buckets_cover_every_feature_once_with_fixed_widths() -> None:
    lengths = [40, 45, 50, 70, 90, 100, 120, 130, 60, 33]
    buckets = shape_buckets(lengths)
    seen = sorted(i for idx, _ in buckets for i in idx)
    assert seen == list(range(len(lengths)))
    for idx, width in buckets:
        assert width % 32 == 0
        assert all(lengths[i] <= width for i in idx)
    assert shape_buckets([]) == []
    assert len(shape_buckets([200, 210, 190])) == 1  # similar lengths: one forward pass


def test_shape_buckets_weigh_padding_against_the_cost_of_another_forward_call() -> None:
    # A question's windows of similar length: padding a few is cheaper than a second call.
    assert len(shape_buckets([60, 96, 110, 112, 115, 120, 121, 98])) == 1
    # Many short windows and one long one: padding ten windows to 384 tokens costs more.
    buckets = shape_buckets([40] * 10 + [380])
    assert [(len(idx), width) for idx, width in buckets] == [(10, 64), (1, 384)]


def test_packed_rows_hold_every_feature_once_within_the_width() -> None:
    lengths = [111, 17, 60, 111, 40, 88, 128, 5]
    rows = pack_rows(lengths, 128)
    assert sorted(f for row in rows for f in row) == list(range(len(lengths)))
    assert all(sum(lengths[f] for f in row) <= 128 for row in rows)
    assert len(rows) == 5  # 561 tokens: first fit by decreasing length wastes less than one row
    with pytest.raises(ValueError):
        pack_rows([129], 128)


def test_a_packed_feature_reads_exactly_as_it_would_alone() -> None:
    """Block-diagonal attention and positions from 0: packing changes no logit."""
    from transformers import BertConfig, BertForQuestionAnswering

    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64
    )
    model = BertForQuestionAnswering(config).eval()
    features = [
        {"input_ids": ids, "token_type_ids": [0] * 3 + [1] * (len(ids) - 3)}
        for ids in ([2, 5, 3, 7, 8, 9, 3], [2, 6, 3, 11, 12, 3], [2, 5, 3, 40, 41, 42, 43, 44, 3])
    ]
    rows = pack_rows([len(f["input_ids"]) for f in features], 16)
    assert len(rows) == 2
    with torch.inference_mode():
        packed = model(**packed_batch(features, rows, 16)).start_logits
        for r, row in enumerate(rows):
            at = 0
            for f in row:
                alone = model(**{k: torch.tensor([v]) for k, v in features[f].items()}).start_logits[0]
                n = len(features[f]["input_ids"])
                torch.testing.assert_close(packed[r, at : at + n], alone, atol=1e-5, rtol=1e-5)
                at += n
