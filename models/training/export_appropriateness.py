"""Export ``alt-profanity-check``'s model to plain arrays, so the tutor runs it without scikit-learn.

The package's model is a scikit-learn pipeline: a TF-IDF vectorizer (English words, l2-normalised)
and five linear SVMs, each with a sigmoid calibration, whose probabilities are averaged. Loading
its pickles imports scikit-learn, ~65 MB resident in a tutor that uses nothing else of it
(``bench/bench_memory.py``). The same arithmetic on the exported arrays is
``models.appropriateness.LinearTextModel``; ``tests/models/test_appropriateness.py`` checks that it
gives the package's probabilities. Writes ``models/weights/appropriateness/profanity.npz``.

    python -m models.training.export_appropriateness
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from models.appropriateness import TOKEN_PATTERN, WEIGHTS


def export(out: Path = WEIGHTS) -> dict[str, int]:
    from profanity_check import profanity_check as package  # loads the pickles (imports scikit-learn)

    vectorizer, model = package.vectorizer, package.model
    if vectorizer.token_pattern != TOKEN_PATTERN or not vectorizer.lowercase or vectorizer.norm != "l2":
        raise SystemExit(f"the package's vectorizer changed: {vectorizer.get_params()}")
    if list(model.classes_) != [0, 1] or model.method != "sigmoid" or vectorizer.ngram_range != (1, 1):
        raise SystemExit(f"the package's model changed: {model.get_params()}")
    words = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__)
    svms = [c.estimator for c in model.calibrated_classifiers_]
    calibrations = [c.calibrators[0] for c in model.calibrated_classifiers_]
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        words=np.array(words),
        idf=vectorizer.idf_.astype(np.float32),
        coef=np.stack([svm.coef_[0] for svm in svms]).astype(np.float32),
        intercept=np.array([svm.intercept_[0] for svm in svms], dtype=np.float64),
        sigmoid=np.array([(c.a_, c.b_) for c in calibrations], dtype=np.float64),
    )
    return {"words": len(words), "models": len(svms), "bytes": out.stat().st_size}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=WEIGHTS)
    print(export(ap.parse_args().out))


if __name__ == "__main__":
    main()
