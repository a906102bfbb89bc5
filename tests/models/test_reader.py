"""The real shipped reader (loaded once per session) and a local-checkpoint reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.tutor import Tutor
from models.embedder import SentenceEmbedder
from models.reader import Reader


@pytest.fixture(scope="session")
def reader(real_tutor: Tutor) -> Reader:
    return real_tutor.reader


def test_answers_from_the_right_passage(reader: Reader) -> None:
    passages = [
        "Dogs are loyal pets that like to play fetch in the park.",
        "BERT_BASE contains 110M parameters and BERT_LARGE contains 340M parameters.",
    ]
    spans = reader.run("How many parameters does BERT_LARGE contain?", passages)
    assert spans[0].passage == 1 and spans[0].text == "340M"
    assert passages[1][spans[0].start : spans[0].end] == "340M"


def test_long_passages_are_read_with_a_stride(reader: Reader) -> None:
    filler = " ".join(f"Sentence number {i} talks about nothing in particular." for i in range(120))
    passage = filler + " The tutor bot was written in the city of Tallinn. " + filler
    spans = reader.run("In which city was the tutor bot written?", [passage])
    assert spans and spans[0].text == "Tallinn"


def test_answer_length_is_limited(real_tutor: Tutor) -> None:
    short = Reader(max_answer_tokens=2)
    short._model, short._tokenizer, short._device = real_tutor.reader._model, real_tutor.reader._tokenizer, "cpu"
    spans = short.run(
        "What do larger batches produce?",
        ["Larger batches produce gradients with lower variance and more stable updates."],
    )
    assert spans and len(spans[0].text.split()) <= 2


def test_empty_inputs(reader: Reader) -> None:
    assert reader.run("question?", []) == []
    assert reader.run("   ", ["text"]) == []


def test_any_local_hugging_face_checkpoint_can_be_the_reader(tmp_path: Path) -> None:
    from transformers import AutoTokenizer, BertConfig, BertForQuestionAnswering

    from models.embedder import packaged_minilm_path

    config = BertConfig(
        vocab_size=30522, hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=64
    )
    BertForQuestionAnswering(config).save_pretrained(tmp_path)
    AutoTokenizer.from_pretrained(packaged_minilm_path()).save_pretrained(tmp_path)
    reader = Reader(model=str(tmp_path), device="cpu", precision="fp32")
    spans = reader.run("What is tiny?", ["This checkpoint is tiny and random."])
    assert reader.calibration_path == tmp_path / "calibration.json"
    assert spans and spans[0].text in "This checkpoint is tiny and random."


def test_markdown_lists_are_read_item_by_item(reader: Reader) -> None:
    passage = "Fun facts:\n1. The tutor bot was written in Tallinn\n2. It answers questions\n3. It started in 2026"
    spans = reader.run("In which city was the tutor bot written?", [passage])
    assert spans and spans[0].text == "Tallinn"
    assert spans[0].sentence == "Fun facts: The tutor bot was written in Tallinn."  # the next item is not in it
    s, e = spans[0].answer_in_sentence
    assert spans[0].sentence[s:e] == "Tallinn" == passage[spans[0].start : spans[0].end]
    assert spans[0].score > spans[0].null_score  # the no-answer score does not fire on a list


def test_cpu_precision_keeps_the_embedder_in_fp32(real_tutor: Tutor) -> None:
    import torch

    reader = real_tutor.reader
    if reader._device != "cpu":
        pytest.skip("CPU precision only")
    assert reader.active_precision in {"bf16", "int8"}  # auto on the CPU
    assert isinstance(real_tutor.embedder, SentenceEmbedder)
    assert real_tutor.embedder.word_embeddings().dtype == torch.float32
