"""Quiz engine on the real embedder (distractors and free-text grading need real meaning)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from knowledge.config import REPO_ROOT, Settings
from knowledge.quiz.engine import QuizError
from knowledge.quiz.glossary import GlossaryError, load_glossary
from knowledge.quiz.questions import nearest_terms
from knowledge.schema import Attempt, Schedule
from knowledge.tutor import Tutor


@pytest.fixture
def tutor(settings: Settings, real_tutor: Tutor) -> Iterator[Tutor]:
    t = Tutor(settings, embedder=real_tutor.embedder, reader=real_tutor.reader)
    t.warm_up()
    yield t
    t.close()


def right_answer(tutor: Tutor, qid: str) -> str:
    q = tutor.quiz.question(qid)
    with tutor.store.session() as s:
        from knowledge.schema import QuizQuestion

        row = s.get(QuizQuestion, qid)
        assert row is not None
        return str(row.answer_index) if q.options else row.reference


def attempts(tutor: Tutor) -> int:
    with tutor.store.session() as s:
        return s.scalar(select(func.count(Attempt.id))) or 0


def test_the_glossary_is_loaded_with_the_lectures_key_terms(tutor: Tutor) -> None:
    names = {t.term for t in tutor.quiz.terms("02-language-and-bert")}
    assert {"Layer", "Weight", "Activation function", "Loss", "Batch", "Epoch", "BERT", "SQuAD"} <= names


def test_distractors_are_the_nearest_terms(tutor: Tutor) -> None:
    terms, vectors = tutor.quiz._term_vectors("02-language-and-bert")
    idx = {t.term: i for i, t in enumerate(terms)}
    near_batch = {terms[i].term for i in nearest_terms(idx["Batch"], vectors)}
    assert "Batch size" in near_batch
    near_lstm = {terms[i].term for i in nearest_terms(idx["LSTM"], vectors)}
    assert "Transformer" in near_lstm or "Bidirectional" in near_lstm
    assert "Stopwords" not in near_batch


@pytest.mark.parametrize(
    ("term", "answer", "ok"),
    [
        ("Epoch", "one complete pass through all of the training data", True),
        ("Learning rate", "how big the steps are when the weights get updated", True),
        ("Overfitting", "the model memorizes the training set and does badly on new data", True),
        ("Epoch", "the size of each weight update", False),
        ("Stopwords", "the speed at which training stops", False),
        ("BERT", "a kind of sandwich", False),
    ],
)
def test_free_text_grading_accepts_paraphrases_and_rejects_wrong_answers(
    tutor: Tutor, term: str, answer: str, ok: bool
) -> None:
    info = next(t for t in tutor.quiz.terms("02-language-and-bert") if t.term == term)
    correct, score = tutor.quiz._grade("free_text", -1, info, answer)
    assert correct is ok, score


def test_a_session_grades_cites_moves_the_schedule_and_summarises(tutor: Tutor) -> None:
    views = tutor.quiz.start("g1", "alice", "02-language-and-bert", count=3, seed=3)
    assert len(views) == 3 and all(v.kind in ("definition_to_term", "term_to_definition") for v in views)
    assert all(len(v.options) == 4 for v in views)
    first = tutor.quiz.answer(views[0].id, "g1", "alice", right_answer(tutor, views[0].id))
    assert first.correct and not first.already_answered and first.next_question is not None
    assert first.citation is not None and first.citation.lecture == "02-language-and-bert"
    wrong = str((int(right_answer(tutor, views[1].id)) + 1) % 4)
    second = tutor.quiz.answer(views[1].id, "g1", "alice", wrong)
    assert not second.correct and second.reference
    last = tutor.quiz.answer(views[2].id, "g1", "alice", right_answer(tutor, views[2].id))
    assert last.next_question is None and last.summary is not None
    assert (last.summary.total, last.summary.correct) == (3, 2)
    progress = {p.term: p for p in tutor.quiz.progress("g1", "alice")}
    assert progress[views[0].term].box == 1 and progress[views[1].term].wrong == 1


def test_due_and_weak_terms_come_back_first(tutor: Tutor) -> None:
    views = tutor.quiz.start("g1", "bob", count=2, seed=1)
    for v in views:
        tutor.quiz.answer(v.id, "g1", "bob", str((int(right_answer(tutor, v.id)) + 1) % 4))
    again = tutor.quiz.start("g1", "bob", count=4, seed=2)
    # the two missed terms are due again in 10 minutes, so new terms come first now ...
    assert {v.term for v in again[:2]}.isdisjoint({v.term for v in views})
    with tutor.store.session() as s:
        for row in s.scalars(select(Schedule)):
            row.due_at = row.due_at.replace(year=2000)
        s.commit()
    # ... and once due, they lead.
    assert {v.term for v in tutor.quiz.start("g1", "bob", count=2, seed=4)} == {v.term for v in views}


def test_every_answer_is_recorded_exactly_once(tutor: Tutor) -> None:
    views = tutor.quiz.start("g1", "carol", count=2, seed=5)
    right = right_answer(tutor, views[0].id)
    first = tutor.quiz.answer(views[0].id, "g1", "carol", right)
    again = tutor.quiz.answer(views[0].id, "g1", "carol", "3")  # double click / retried interaction
    assert again.already_answered and again.correct == first.correct and attempts(tutor) == 1
    results: list[bool] = []
    barrier = threading.Barrier(4)

    def click() -> None:
        barrier.wait()
        results.append(tutor.quiz.answer(views[1].id, "g1", "carol", "0").already_answered)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert attempts(tutor) == 2 and sorted(results) == [False, True, True, True]
    with tutor.store.session() as s:
        sched = s.scalars(select(Schedule)).all()
        assert sum(r.right + r.wrong for r in sched) == 2


def test_a_restart_in_the_middle_loses_nothing(settings: Settings, real_tutor: Tutor) -> None:
    a = Tutor(settings, embedder=real_tutor.embedder)
    a.warm_up()
    views = a.quiz.start("g1", "dave", count=2, seed=6)
    a.quiz.answer(views[0].id, "g1", "dave", "0")
    a.close()
    b = Tutor(settings, embedder=real_tutor.embedder)
    b.warm_up()
    assert b.quiz.answer(views[0].id, "g1", "dave", "1").already_answered
    done = b.quiz.answer(views[1].id, "g1", "dave", "0")
    assert done.summary is not None and done.summary.answered == 2
    b.close()


def test_bad_answers_get_clear_messages_and_record_nothing(tutor: Tutor) -> None:
    views = tutor.quiz.start("g1", "erin", count=2, seed=7)
    with pytest.raises(QuizError, match="someone else"):
        tutor.quiz.answer(views[0].id, "g1", "mallory", "0")
    with pytest.raises(QuizError, match="someone else"):
        tutor.quiz.answer(views[0].id, "other-guild", "erin", "0")
    with pytest.raises(QuizError, match="5,000 characters"):
        tutor.quiz.answer(views[0].id, "g1", "erin", "x" * 5000)
    with pytest.raises(QuizError, match="no longer exists"):
        tutor.quiz.answer("nope", "g1", "erin", "0")
    with pytest.raises(QuizError, match="options"):
        tutor.quiz.answer(views[0].id, "g1", "erin", "banana")
    with tutor.store.session() as s:
        from knowledge.schema import QuizSession

        for row in s.scalars(select(QuizSession)):
            row.expires_at = row.expires_at.replace(year=2000)
        s.commit()
    with pytest.raises(QuizError, match="expired"):
        tutor.quiz.answer(views[1].id, "g1", "erin", "0")
    assert attempts(tutor) == 0


def test_a_lecture_without_terms_is_explained(tutor: Tutor, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n\nNothing to quiz here.\n")
    tutor.ingest_path(path)
    with pytest.raises(QuizError, match="has 0 key terms"):
        tutor.quiz.start("g1", "frank", "notes")
    with pytest.raises(QuizError, match="1 to 20"):
        tutor.quiz.start("g1", "frank", count=50)


def test_instructors_can_add_terms(tutor: Tutor) -> None:
    info = tutor.quiz.add_term("02-language-and-bert", "Fine-tuning", "Training a pretrained model further on a task.")
    assert info.term in {t.term for t in tutor.quiz.terms("02-language-and-bert")}
    with pytest.raises(QuizError, match="no lecture"):
        tutor.quiz.add_term("nope", "X", "A definition of x.")
    with pytest.raises(QuizError, match="sentence"):
        tutor.quiz.add_term("02-language-and-bert", "X", "short")


def test_cloze_questions_come_from_lecture_sentences(tutor: Tutor) -> None:
    import random

    from knowledge.quiz.questions import build, cloze_correct

    terms, vectors = tutor.quiz._term_vectors("02-language-and-bert")
    text = tutor.store.lecture_text("02-language-and-bert") or ""
    sentences = [s.strip() for s in text.split("\n") if s.strip()]
    i = next(i for i, t in enumerate(terms) if t.term == "Pretraining")
    draft = build("cloze", i, terms, vectors, sentences, random.Random(0))
    assert draft.kind == "cloze" and "_____" in draft.prompt and "Pretraining" not in draft.prompt
    assert cloze_correct("pretraining", terms[i]) and cloze_correct("Pre-training", terms[i])
    assert not cloze_correct("training", terms[i])


def test_forget_me_deletes_a_students_data(tutor: Tutor) -> None:
    views = tutor.quiz.start("g1", "gina", count=1)
    tutor.quiz.answer(views[0].id, "g1", "gina", "0")
    tutor.quiz.set_leaderboard("g1", "gina", True, "Gina")
    assert tutor.forget_me("g1", "gina")
    assert attempts(tutor) == 0 and all(p.box == 0 for p in tutor.quiz.progress("g1", "gina"))
    assert tutor.quiz.leaderboard("g1") == []
    assert not tutor.forget_me("g1", "gina")


def test_leaderboard_lists_only_students_who_opted_in(tutor: Tutor) -> None:
    for user in ("hal", "ivy"):
        for v in tutor.quiz.start("g1", user, count=2, seed=8):
            tutor.quiz.answer(v.id, "g1", user, right_answer(tutor, v.id))
    tutor.quiz.set_leaderboard("g1", "ivy", True, "Ivy")
    assert [name for name, *_ in tutor.quiz.leaderboard("g1")] == ["Ivy"]


def test_glossary_files_are_checked(tmp_path: Path) -> None:
    bad = tmp_path / "x.toml"
    bad.write_text('[[term]]\nterm = "A"\n')
    with pytest.raises(GlossaryError, match="definition"):
        load_glossary(bad)
    bad.write_text('[[term]]\nterm = "A"\ndefinition = "one two three"\ncolour = "red"\n')
    with pytest.raises(GlossaryError, match="expected keys"):
        load_glossary(bad)
    assert json.dumps(
        [e.term for e in load_glossary(REPO_ROOT / "knowledge" / "glossary" / "02-language-and-bert.toml")]
    )
