"""The MPNet teacher reads the MiniLM reader's windows: id map, model building, saving and loading."""

from pathlib import Path

import pytest
import torch
from transformers import MPNetConfig, MPNetForMaskedLM

from models.training.teacher_encoders import MPNetOnBertIds, bert_ids_to_mpnet
from models.training.train_reader import build_model, load_reader, trainable_state

CPU = torch.device("cpu")


def test_wordpieces_shift_by_four_and_special_tokens_become_mpnets() -> None:
    bert = torch.tensor([[101, 7592, 2088, 102, 2054, 102, 0, 0]])  # [CLS] hello world [SEP] what [SEP] pad pad
    assert bert_ids_to_mpnet(bert).tolist() == [[0, 7596, 2092, 2, 2058, 2, 1, 1]]


def test_unknown_words_keep_their_place_in_the_shifted_vocabulary() -> None:
    assert bert_ids_to_mpnet(torch.tensor([100])).tolist() == [104]  # [UNK] is 104 in MPNet's vocab.txt


@pytest.fixture(scope="module")
def tiny_mpnet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mpnet")
    config = MPNetConfig(
        vocab_size=30527, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64
    )
    torch.manual_seed(0)
    MPNetForMaskedLM(config).save_pretrained(path)
    return path


def windows() -> dict[str, torch.Tensor]:
    ids = torch.tensor([[101, 2054, 102, 7592, 2088, 102], [101, 2054, 102, 7592, 102, 0]])
    return {"input_ids": ids, "attention_mask": (ids != 0).long(), "token_type_ids": torch.zeros_like(ids)}


def test_an_mpnet_base_builds_a_reader_with_the_bert_call_signature(tiny_mpnet: Path) -> None:
    model = build_model(tiny_mpnet, CPU)
    assert isinstance(model, MPNetOnBertIds)
    out = model(**windows(), start_positions=torch.tensor([3, 0]), end_positions=torch.tensor([4, 0]))
    assert out.start_logits.shape == (2, 6) and out.end_logits.shape == (2, 6)
    assert out.loss.item() > 0


def test_its_word_embeddings_stay_frozen_and_out_of_the_saved_weights(tiny_mpnet: Path) -> None:
    model = build_model(tiny_mpnet, CPU)
    assert not model.qa.mpnet.embeddings.word_embeddings.weight.requires_grad
    saved = trainable_state(model)
    assert "qa.qa_outputs.weight" in saved
    assert not any("word_embeddings" in k for k in saved)


def test_a_trained_teacher_loads_back_as_it_was_saved(tiny_mpnet: Path, tmp_path: Path) -> None:
    from safetensors.torch import save_file

    torch.manual_seed(1)
    model = build_model(tiny_mpnet, CPU).eval()
    with torch.no_grad():
        model.qa.qa_outputs.weight.add_(1.0)  # what training changed
        expected = model(**windows()).start_logits
    save_file({k: v.contiguous() for k, v in trainable_state(model).items()}, str(tmp_path / "teacher.safetensors"))
    torch.manual_seed(2)
    loaded = load_reader(tiny_mpnet, tmp_path / "teacher.safetensors", CPU).eval()
    with torch.no_grad():
        assert torch.allclose(loaded(**windows()).start_logits, expected, atol=1e-5)
