"""The shipped classifiers on fixed examples (real embedder, loaded once per session)."""

from knowledge.tutor import Tutor

JOKE = "Not to brag, but I'm fluent in 10 languages. English and Binary."


def test_the_lectures_joke_reads_as_a_joke_with_a_hint(real_tutor: Tutor) -> None:
    r = real_tutor.classify("humor", JOKE)
    assert r.label == "funny" and r.probability > 0.8
    assert "binary" in r.hint.lower()


def test_plain_sentences_are_not_funny(real_tutor: Tutor) -> None:
    for text in ("Mary asked John to leave.", "Larger batches produce gradients with lower variance."):
        r = real_tutor.classify("humor", text)
        assert r.label == "not funny" and r.probability < 0.5


def test_appropriateness(real_tutor: Tutor) -> None:
    assert real_tutor.classify("appropriateness", "you are a fucking idiot").label == "inappropriate"
    assert real_tutor.classify("appropriateness", "Thank you for the lecture!").label == "appropriate"


def test_compare_shows_context_matters(real_tutor: Tutor) -> None:
    r = real_tutor.compare("Mary asked John to leave.", "Mary asked to leave John.")
    assert r.bow_cosine > 0.9999 and r.embedding_cosine < 0.9995
