"""SQuAD's answer normalisation, EM and F1, as the official script computes them, plus text repair."""

import pytest

from models.qa_metrics import best_over_golds, contains_answer, exact_match, f1_score, normalize_answer


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("The Learning  Rate.", "learning rate"),
        ("an apple, a pear", "apple pear"),
        ("[1 2 3 4 3 2 5]", "1 2 3 4 3 2 5"),
        ("", ""),
    ],
)
def test_official_normalisation(text: str, normal: str) -> None:
    assert normalize_answer(text) == normal


def test_exact_match_and_f1() -> None:
    assert exact_match("the batch size", "Batch size") == 1.0
    assert exact_match("batch", "batch size") == 0.0
    assert f1_score("gradients", "gradients with lower variance") == pytest.approx(0.4)  # P 1, R 1/4
    assert f1_score("Google", "BERT") == 0.0
    assert f1_score("", "") == 1.0 and f1_score("the", "Google") == 0.0  # only articles: empty
    assert best_over_golds("Google", ["Google Researchers", "Google"]) == (1.0, 1.0)
    assert best_over_golds("Google", []) == (0.0, 0.0)


def test_a_gold_copied_from_a_raw_lecture_matches_the_repaired_text() -> None:
    """The lecture file has mojibake ("Iâ€™m"); the tutor answers from the repaired text ("I'm")."""
    assert exact_match("Not to brag, but I'm fluent", "Not to brag, but Iâ€™m fluent") == 1.0
    assert exact_match("I'm fluent", "I’m fluent") == 1.0  # a curly apostrophe typed in a gold file


def test_contains_answer_matches_whole_words_only() -> None:
    assert contains_answer("Larger batches produce gradients with lower variance.", ["gradients with lower variance"])
    assert not contains_answer("Larger batches produce gradients.", ["grad"])
    assert not contains_answer("anything", ["", "the"])  # nothing left to find
