"""Calibrated confidence: either detector may vouch, the threshold travels with the weights."""

import json
from pathlib import Path

from models.confidence import Calibration, Logistic


def test_either_detector_vouches() -> None:
    cal = Calibration(Logistic((1.0, 0.0, 0.0), 0.0), Logistic((10.0,), -5.0), threshold=0.5)
    assert cal(5.0, 0.0, 0.3, 0.0) > 0.99  # the reader is sure, the sentence is unlike the question
    assert cal(0.0, 5.0, 0.3, 0.9) > 0.98  # the reader's no-answer fires, the sentence answers it
    assert cal(0.0, 5.0, 0.3, 0.0) < 0.01  # neither


def test_round_trip_and_unreadable_files(tmp_path: Path) -> None:
    cal = Calibration(Logistic((0.3, -0.1, 0.5), -2.0), Logistic((8.0,), -4.0), threshold=0.31)
    cal.save(tmp_path / "calibration.json", fitted_on="test")
    assert Calibration.load(tmp_path / "calibration.json") == cal
    assert json.loads((tmp_path / "calibration.json").read_text())["fitted_on"] == "test"
    assert Calibration.load(tmp_path / "missing.json") == Calibration()
    (tmp_path / "old.json").write_text(json.dumps({"margin": 0.3, "bias": -2.0}))  # an older format
    assert Calibration.load(tmp_path / "old.json") == Calibration()
    (tmp_path / "broken.json").write_text("{not json")
    assert Calibration.load(tmp_path / "broken.json") == Calibration()
