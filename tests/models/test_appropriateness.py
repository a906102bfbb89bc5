"""The exported offensive-language model gives ``alt-profanity-check``'s own probabilities."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyjokes
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.config import REPO_ROOT
from models.appropriateness import WEIGHTS, LinearTextModel
from models.training.export_appropriateness import export

package = pytest.importorskip("profanity_check")


@pytest.fixture(scope="module")
def model() -> LinearTextModel:
    return LinearTextModel()


def test_the_lecture_and_the_jokes_score_as_the_package_scores_them(model: LinearTextModel) -> None:
    lecture = (REPO_ROOT / "knowledge" / "lectures" / "02-language-and-bert.md").read_text(encoding="utf-8")
    texts = [line for line in lecture.splitlines() if line.strip()] + list(pyjokes.get_jokes())
    texts += ["you are a fucking idiot", "Shit happens", "", "   ", "!!!", "the and of", "ÉCOLE İstanbul ǅ", "a" * 5000]
    want = package.predict_prob(texts)
    got = np.array([model.probability(t) for t in texts])
    assert (want > 0.5).any() and (want < 0.5).any()  # both sides of the line are in the sample
    np.testing.assert_allclose(got, want, atol=1e-6)


PIECES = [*"abdeilmnorstu fkh!?'É0ß\n", "damn", "shit", " idiot", "ſ"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_any_text_scores_as_the_package_scores_it(model: LinearTextModel, text: str) -> None:
    assert model.probability(text) == pytest.approx(float(package.predict_prob([text])[0]), abs=1e-6)


def test_the_shipped_arrays_are_what_the_export_writes(tmp_path: Path) -> None:
    out = tmp_path / "profanity.npz"
    export(out)
    with np.load(out) as fresh, np.load(WEIGHTS) as shipped:
        assert sorted(fresh.files) == sorted(shipped.files)
        for name in fresh.files:
            np.testing.assert_array_equal(fresh[name], shipped[name])
