"""Distilling an ensemble of readers into one, and averaging readers' weights."""

from pathlib import Path
from types import SimpleNamespace

import pytest
import torch
from safetensors.torch import save_file

from models.training.combine_readers import average_weights, save_reader, scores
from models.training.qa_data import QAExample
from models.training.train_reader import distillation_loss, ensemble_logits

MASK = torch.tensor([[1, 1, 1, 1, 0, 0]])


def logits(*values: float) -> torch.Tensor:
    return torch.tensor([values], dtype=torch.float32)


def test_a_student_that_agrees_with_its_teacher_has_no_distillation_loss() -> None:
    same = (logits(1, 4, 2, 0, 0, 0), logits(0, 1, 5, 2, 0, 0))
    assert distillation_loss(same, same, MASK, 2.0).item() == pytest.approx(0.0, abs=1e-6)


def test_the_loss_grows_as_the_student_puts_its_answer_elsewhere() -> None:
    teacher = (logits(0, 6, 0, 0, 0, 0), logits(0, 6, 0, 0, 0, 0))
    near = (logits(0, 4, 2, 0, 0, 0), logits(0, 4, 2, 0, 0, 0))
    far = (logits(0, 0, 0, 6, 0, 0), logits(0, 0, 0, 6, 0, 0))
    assert 0 < distillation_loss(near, teacher, MASK, 2.0) < distillation_loss(far, teacher, MASK, 2.0)


def test_padding_positions_do_not_count() -> None:
    teacher = (logits(0, 6, 0, 0, 0, 0), logits(0, 6, 0, 0, 0, 0))
    student = (logits(0, 5, 1, 0, 0, 0), logits(0, 5, 1, 0, 0, 0))
    noisy_padding = (logits(0, 5, 1, 0, 9, -9), logits(0, 5, 1, 0, -9, 9))
    assert distillation_loss(student, teacher, MASK, 2.0) == pytest.approx(
        distillation_loss(noisy_padding, teacher, MASK, 2.0).item()
    )


def test_the_loss_is_differentiable_for_the_student() -> None:
    start = logits(0, 1, 2, 0, 0, 0).requires_grad_()
    end = logits(0, 2, 1, 0, 0, 0).requires_grad_()
    teacher = (logits(0, 6, 0, 0, 0, 0), logits(0, 0, 6, 0, 0, 0))
    distillation_loss((start, end), teacher, MASK, 2.0).backward()
    assert start.grad is not None and start.grad[0, 1] < 0  # raise the teacher's start
    assert end.grad is not None and end.grad[0, 2] < 0


class FixedReader:
    def __init__(self, start: torch.Tensor, end: torch.Tensor) -> None:
        self.out = SimpleNamespace(start_logits=start, end_logits=end)

    def __call__(self, **inputs: torch.Tensor) -> SimpleNamespace:
        return self.out


def test_an_ensemble_reads_the_mean_of_its_members_logits() -> None:
    a = FixedReader(logits(0, 4, 0), logits(2, 0, 0))
    b = FixedReader(logits(0, 0, 4), logits(0, 0, 2))
    start, end = ensemble_logits([a, b], {})
    assert start.tolist() == [[0, 2, 2]] and end.tolist() == [[1, 0, 1]]
    alone = ensemble_logits(a, {})
    assert alone[0].tolist() == [[0, 4, 0]]


def test_averaged_weights_are_the_mean_and_save_as_a_reader(tmp_path: Path) -> None:
    for name, value in (("a", 1.0), ("b", 3.0)):
        save_file({"w": torch.full((2, 2), value, dtype=torch.float16)}, str(tmp_path / f"{name}.safetensors"))
    mean = average_weights([tmp_path / "a.safetensors", tmp_path / "b.safetensors"])
    assert torch.equal(mean["w"], torch.full((2, 2), 2.0))
    saved = save_reader(mean, tmp_path / "soup")
    assert saved.name == "reader.safetensors" and average_weights([saved])["w"].tolist() == [[2.0, 2.0], [2.0, 2.0]]


def test_readers_holding_different_tensors_cannot_be_averaged(tmp_path: Path) -> None:
    save_file({"w": torch.zeros(2)}, str(tmp_path / "a.safetensors"))
    save_file({"v": torch.zeros(2)}, str(tmp_path / "b.safetensors"))
    with pytest.raises(SystemExit, match="other tensors"):
        average_weights([tmp_path / "a.safetensors", tmp_path / "b.safetensors"])


def test_scores_split_the_sample_from_the_rest() -> None:
    dev = [QAExample(f"q{i}", "t", "Paris is big.", "Where?", ("Paris",), (0,)) for i in range(4)]
    preds = [{"text": "Paris"}, {"text": "Paris"}, {"text": "Rome"}, {"text": "Rome"}]
    result = scores(preds, dev, {"q0", "q1"}, full=True)
    assert result["sample"]["f1"] == 100 and result["rest"]["f1"] == 0 and result["all"]["f1"] == 50
    assert set(scores(preds, dev, {"q0"}, full=False)) == {"sample"}
