"""Calibrated confidence: either detector may vouch, the threshold travels with the weights."""

import json
from pathlib import Path

from models.confidence import SENTENCE_FLOOR, Calibration, Logistic


def test_either_detector_vouches() -> None:
    cal = Calibration(Logistic((1.0, 0.0, 0.0), 0.0), Logistic((10.0,), -5.0), threshold=0.5)
    assert cal(5.0, 0.0, 0.3, 0.0) > 0.99  # the reader is sure, the sentence is unlike the question
    assert cal(0.0, 5.0, 0.3, 0.9) > 0.98  # the reader's no-answer fires, the sentence answers it
    assert cal(0.0, 5.0, 0.3, 0.0) < 0.01  # neither


def test_the_sentence_detector_vouches_only_in_a_passage_about_the_question() -> None:
    cal = Calibration(Logistic((1.0, 0.0, 0.0), 0.0), Logistic((10.0,), -5.0), threshold=0.5)
    assert cal.sentence_floor == SENTENCE_FLOOR
    assert cal(0.0, 5.0, SENTENCE_FLOOR, 0.9) > 0.98  # the passage is about the question
    assert cal(0.0, 5.0, SENTENCE_FLOOR - 0.01, 0.9) < 0.01  # "Who is the CEO of Google?" in a BERT passage
    assert cal(5.0, 0.0, 0.0, 0.0) > 0.99  # the reader's detector still may


def test_round_trip_and_unreadable_files(tmp_path: Path) -> None:
    cal = Calibration(Logistic((0.3, -0.1, 0.5), -2.0), Logistic((8.0,), -4.0), threshold=0.31)
    cal.save(tmp_path / "calibration.json", fitted_on="test")
    assert Calibration.load(tmp_path / "calibration.json") == cal
    assert json.loads((tmp_path / "calibration.json").read_text())["fitted_on"] == "test"
    assert Calibration.load(tmp_path / "missing.json") == Calibration()
    (tmp_path / "old.json").write_text(json.dumps({"margin": 0.3, "bias": -2.0}))  # an older format
    assert Calibration.load(tmp_path / "old.json") == Calibration()
    body = json.loads((tmp_path / "calibration.json").read_text())
    del body["sentence_floor"]  # written before the floor existed
    (tmp_path / "before.json").write_text(json.dumps(body))
    assert Calibration.load(tmp_path / "before.json") == cal
    (tmp_path / "broken.json").write_text("{not json")
    assert Calibration.load(tmp_path / "broken.json") == Calibration()
