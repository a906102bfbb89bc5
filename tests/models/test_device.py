import pytest
import torch

from models import device
from models.device import choose_device


@pytest.fixture(autouse=True)
def fresh_cache():
    choose_device.cache_clear()
    yield
    choose_device.cache_clear()


def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(device.torch.cuda, "is_available", lambda: True)
    assert choose_device("auto") == device.DeviceChoice("cuda", half=True)
    choose_device.cache_clear()
    monkeypatch.setattr(device.torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device.torch.backends.mps, "is_available", lambda: True)
    assert choose_device("auto").device == "mps"
    choose_device.cache_clear()
    monkeypatch.setattr(device.torch.backends.mps, "is_available", lambda: False)
    assert choose_device("auto") == device.DeviceChoice("cpu", half=False)


def test_an_absent_device_falls_back_to_the_cpu_loudly(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(device.torch.cuda, "is_available", lambda: False)
    assert choose_device("cuda").device == "cpu"
    assert "not available" in caplog.text


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")
def test_the_reader_runs_in_half_precision_on_cuda() -> None:
    from models.reader import Reader

    reader = Reader(device="cuda")
    spans = reader.run("How many parameters does BERT_BASE contain?", ["BERT_BASE contains 110M parameters."])
    assert reader.active_precision == "fp16" and reader._fast is not None
    assert reader._fast.position.dtype == torch.float16 and reader._fast.position.is_cuda
    assert spans[0].text == "110M"


def test_precision_follows_the_hardware(monkeypatch: pytest.MonkeyPatch) -> None:
    from models.device import DeviceChoice, resolve_precision

    cpu = DeviceChoice("cpu", half=False)
    assert resolve_precision("auto", cpu) == ("bf16" if device.cpu_runs_bf16_fast() else "int8")
    assert resolve_precision("auto", DeviceChoice("cuda", half=True)) == "fp16"
    monkeypatch.setattr(device, "cpu_runs_bf16_fast", lambda: True)
    assert resolve_precision("auto", cpu) == "bf16"
    monkeypatch.setattr(device, "cpu_runs_bf16_fast", lambda: False)
    assert resolve_precision("auto", cpu) == "int8"
    assert resolve_precision("fp32", cpu) == "fp32"
