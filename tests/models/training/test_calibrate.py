"""Fitting the calibration: the detectors and the off-topic threshold, on rows as ``collect`` writes them."""

import random
from typing import Any

from models.training.calibrate import _chosen, fit


def candidate(margin: float, sentence_similarity: float, f1: float) -> dict[str, Any]:
    return {"score": margin, "null": 0.0, "similarity": 0.4, "sentence_similarity": sentence_similarity, "f1": f1}


def synthetic_rows(n_titles: int = 6, per_title: int = 20, seed: int = 0) -> list[dict[str, Any]]:
    """Answerable questions, mostly answered right with a clear margin and a matching sentence;
    off-topic questions whose spans are weak on both counts, a third of them unread."""
    rng = random.Random(seed)
    rows: list[dict[str, Any]] = []
    for t in range(n_titles):
        for i in range(per_title):
            right = i % 5 != 0
            best = candidate(rng.uniform(4, 10), rng.uniform(0.5, 0.9), 1.0 if right else 0.0)
            other = candidate(best["score"] - 1, rng.uniform(0.1, 0.4), 0.0 if right else 1.0)
            rows.append({"title": f"t{t}", "positive": True, "question": f"q{t}-{i}", "candidates": [best, other]})
            weak = [candidate(rng.uniform(-4, 3), rng.uniform(0.0, 0.35), 0.0)] if i % 3 else []
            rows.append({"title": f"t{t}", "positive": False, "question": f"o{t}-{i}", "candidates": weak})
    return rows


def test_the_answer_is_the_readers_first_span_and_unread_questions_are_declined() -> None:
    rows = synthetic_rows()
    chosen = _chosen(rows)
    for row, c in zip(rows, chosen, strict=True):
        if row["candidates"]:
            assert c["read"] and c["score"] == row["candidates"][0]["score"]
            assert c["label"] == float(row["candidates"][0]["f1"] >= 0.5)
        else:
            assert not c["read"] and c["label"] == 0.0


def test_the_threshold_declines_the_off_topic_questions_held_out() -> None:
    cal, report = fit(synthetic_rows())
    assert report["heldout_a_declines_off_topic"] >= 0.9 and report["heldout_b_declines_off_topic"] >= 0.9
    assert report["heldout_a_declines_answerable"] < 0.5 and report["heldout_b_declines_answerable"] < 0.5
    assert report["heldout_a_auc"] > 0.8
    assert 0.2 < report["unread_off_topic"] < 0.5 and report["unread_answerable"] == 0.0
    assert report["answerable_f1"] == 0.8
    assert cal(9.0, 0.0, 0.4, 0.8) > cal.threshold > cal(-3.0, 0.0, 0.4, 0.1)
