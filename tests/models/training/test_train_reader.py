"""``tutor train-reader`` end to end on tiny models: a reader, an MPNet teacher, a student distilled from it."""

import gzip
import json
import shutil
from pathlib import Path

import pytest
import torch
from transformers import BertConfig, BertModel, MPNetConfig, MPNetForMaskedLM

from models.embedder import packaged_minilm_path
from models.training.train_reader import TrainConfig, load_reader, train

FACTS = [
    ("Paris", "The capital of France is Paris. It lies on the Seine.", "What is the capital of France?", "Paris"),
    ("Paris", "Paris has many museums. The Louvre is the largest one.", "Which museum is the largest?", "The Louvre"),
    ("Rome", "Rome was founded in 753 BC. It is the capital of Italy.", "When was Rome founded?", "753 BC"),
    ("Rome", "The Tiber flows through Rome. It is a long river.", "Which river flows through Rome?", "The Tiber"),
]
TOKENIZER_FILES = ("vocab.txt", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")


def rows(split: str) -> list[dict]:
    out = []
    for n, (title, context, question, answer) in enumerate(FACTS):
        start = context.index(answer)
        out.append(
            {
                "id": f"{split}{n}",
                "title": title,
                "context": context,
                "question": question,
                "answers": {"text": [answer], "answer_start": [start]},
            }
        )
    return out


def nested(row: dict) -> dict:
    """One question as an article of SQuAD's nested JSON (COVID-QA's format)."""
    answer = {"text": row["answers"]["text"][0], "answer_start": row["answers"]["answer_start"][0]}
    qa = {"id": row["id"], "question": row["question"], "answers": [answer]}
    return {"title": row["title"], "paragraphs": [{"context": row["context"], "qas": [qa]}]}


@pytest.fixture(scope="module")
def qa_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("qa")
    for folder, name, split in (
        ("squad_v1.1_train", "squad_v1.1_train.jsonl.gz", "t"),
        ("squad_dev_eval", "squad_v1.1_dev.jsonl.gz", "d"),
    ):
        (root / folder).mkdir()
        with gzip.open(root / folder / name, "wt", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in rows(split))
    covid = {"data": [nested(r) for r in rows("c")]}
    (root / "covid_qa").mkdir()
    with gzip.open(root / "covid_qa" / "covid_qa_200423.squad.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(covid, fh)
    return root


@pytest.fixture(scope="module")
def encoders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """A tiny BERT and a tiny MPNet (random weights), and the packaged MiniLM's WordPiece tokenizer."""
    vocab = packaged_minilm_path()
    bert, mpnet = tmp_path_factory.mktemp("bert"), tmp_path_factory.mktemp("mpnet")
    torch.manual_seed(0)
    small = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64}
    BertModel(BertConfig(vocab_size=30522, **small)).save_pretrained(bert)  # type: ignore[arg-type]
    MPNetForMaskedLM(MPNetConfig(vocab_size=30527, **small)).save_pretrained(mpnet)  # type: ignore[arg-type]
    for name in TOKENIZER_FILES:
        shutil.copy(vocab / name, bert / name)
    return bert, mpnet, vocab


def config(base: Path, qa_dir: Path, out: Path, **extra: object) -> TrainConfig:
    small = TrainConfig(base=base, qa_dir=qa_dir, out=out, epochs=2, batch_size=4, dev_limit=4, device="cpu")
    small.max_length, small.stride, small.lr = 64, 32, 1e-3
    for key, value in extra.items():
        setattr(small, key, value)
    return small


def test_a_teacher_on_mpnet_is_trained_then_distilled_into_a_reader(
    qa_dir: Path, encoders: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    bert, mpnet, vocab = encoders
    teacher = train(config(mpnet, qa_dir, tmp_path / "teacher", tokenizer=vocab))
    assert teacher["steps"] > 0 and (tmp_path / "teacher" / "reader.safetensors").exists()
    taught = tmp_path / "teacher" / "reader.safetensors"
    student = train(config(bert, qa_dir, tmp_path / "student", teachers=(taught,), teacher_base=mpnet, kd_alpha=0.8))
    assert student["steps"] > 0 and student["config"]["teachers"] == [str(taught)]
    summary = json.loads((tmp_path / "student" / "train_summary.json").read_text())
    assert summary["dev_sample_ema"]["n"] == 4
    reader = load_reader(bert, tmp_path / "student" / "reader.safetensors", torch.device("cpu"))
    frozen = reader.bert.embeddings.word_embeddings.weight
    assert not frozen.requires_grad  # the packaged embeddings stay frozen
