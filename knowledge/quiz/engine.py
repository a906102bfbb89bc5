"""Quiz sessions over the store: pick due terms, build questions, grade, record exactly once.

Every question lives in the database before it is shown, and ``attempts.question_id`` is unique, so a
double-clicked button, a retried interaction, two concurrent answers or a restart in the middle can
neither lose nor duplicate an answer: the second one gets the first one's result back.
"""

from __future__ import annotations

import json
import random
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from knowledge.passages import sentence_spans
from knowledge.quiz.glossary import load_glossary
from knowledge.quiz.questions import KINDS, TermInfo, build, cloze_correct, term_pattern
from knowledge.quiz.scheduler import ScheduleState, mastery, next_state, order_terms
from knowledge.results import Citation
from knowledge.schema import Attempt, QuizQuestion, QuizSession, Schedule, Student, Term, utcnow
from knowledge.store import Store
from models.embedder import Embedder
from models.errors import UserError

MAX_FREE_TEXT = 1000


class QuizError(UserError):
    """A quiz problem worded for the student."""


@dataclass(frozen=True)
class QuestionView:
    id: str
    session_id: str
    ordinal: int
    total: int
    kind: str
    prompt: str
    options: list[str]
    term: str


@dataclass(frozen=True)
class Summary:
    session_id: str
    lecture: str
    total: int
    answered: int
    correct: int
    right_terms: list[str]
    wrong_terms: list[str]


@dataclass(frozen=True)
class Graded:
    question_id: str
    correct: bool
    already_answered: bool
    score: float
    response: str
    reference: str
    explanation: str
    citation: Citation | None
    next_question: QuestionView | None
    summary: Summary | None


@dataclass(frozen=True)
class TermProgress:
    term: str
    lecture: str
    box: int
    mastery: float
    right: int
    wrong: int
    due_at: datetime | None


def _info(row: Term) -> TermInfo:
    return TermInfo(row.id, row.lecture, row.term, row.definition, tuple(json.loads(row.aliases)))


class QuizEngine:
    def __init__(
        self,
        store: Store,
        embedder: Embedder,
        free_text_threshold: float = 0.5,
        session_minutes: int = 60,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.free_text_threshold = free_text_threshold
        self.session_minutes = session_minutes
        self._vectors: dict[str, tuple[list[TermInfo], np.ndarray]] = {}
        self._lock = threading.Lock()

    # -- glossary ---------------------------------------------------------------------------
    def sync_glossary(self, folder: Path) -> int:
        """Upsert the glossary files' terms (instructor-added terms are left alone)."""
        n = 0
        for path in sorted(folder.glob("*.toml")):
            lecture = path.stem
            entries = load_glossary(path)
            with self.store.session() as s, s.begin():
                existing = {t.term.lower(): t for t in s.scalars(select(Term).where(Term.lecture == lecture))}
                for e in entries:
                    row = existing.get(e.term.lower())
                    if row is None:
                        s.add(
                            Term(
                                lecture=lecture,
                                term=e.term,
                                definition=e.definition,
                                aliases=json.dumps(e.aliases),
                                source="file",
                            )
                        )
                    elif row.source == "file":
                        row.definition, row.aliases = e.definition, json.dumps(e.aliases)
                    n += 1
            self._vectors.pop(lecture, None)
        return n

    def add_term(self, lecture: str, term: str, definition: str, aliases: list[str] | None = None) -> TermInfo:
        term, definition = " ".join(term.split()), " ".join(definition.split())
        if not term or len(term) > 200:
            raise QuizError("a term needs 1 to 200 characters")
        if len(definition.split()) < 3 or len(definition) > 1000:
            raise QuizError("a definition needs a sentence of at most 1,000 characters")
        if self.store.lecture_text(lecture) is None:
            raise QuizError(f"no lecture named {lecture!r}")
        with self.store.session() as s, s.begin():
            row = s.scalar(select(Term).where(Term.lecture == lecture, func.lower(Term.term) == term.lower()))
            if row is None:
                row = Term(
                    lecture=lecture,
                    term=term,
                    definition=definition,
                    aliases=json.dumps(aliases or []),
                    source="instructor",
                )
                s.add(row)
            else:
                row.definition, row.source = definition, "instructor"
            s.flush()
            info = _info(row)
        self._vectors.pop(lecture, None)
        return info

    def terms(self, lecture: str) -> list[TermInfo]:
        with self.store.session() as s:
            rows = s.scalars(select(Term).where(Term.lecture == lecture).order_by(Term.id)).all()
            return [_info(t) for t in rows]

    def lectures_with_terms(self) -> list[str]:
        with self.store.session() as s:
            return list(s.scalars(select(Term.lecture).distinct().order_by(Term.lecture)))

    def _term_vectors(self, lecture: str) -> tuple[list[TermInfo], np.ndarray]:
        with self._lock:
            if lecture not in self._vectors:
                terms = self.terms(lecture)
                vecs = self.embedder.embed([f"{t.term}: {t.definition}" for t in terms]) if terms else np.zeros((0, 1))
                self._vectors[lecture] = (terms, vecs)
            return self._vectors[lecture]

    def citation(self, info: TermInfo) -> Citation | None:
        pat = term_pattern(info)
        for p in self.store.lecture_passages(info.lecture):
            if pat.search(p.text):
                return Citation.of(p)
        return None

    # -- students ---------------------------------------------------------------------------
    @staticmethod
    def _student(s: Session, guild: str, user: str, name: str = "") -> Student:
        row = s.scalar(select(Student).where(Student.guild_id == guild, Student.user_id == user))
        if row is None:
            row = Student(guild_id=guild, user_id=user, display_name=name[:100])
            s.add(row)
            s.flush()
        elif name and row.display_name != name[:100]:
            row.display_name = name[:100]
        return row

    # -- sessions ---------------------------------------------------------------------------
    def start(
        self, guild: str, user: str, lecture: str | None = None, count: int = 5, name: str = "", seed: int | None = None
    ) -> list[QuestionView]:
        if not 1 <= count <= 20:
            raise QuizError("a quiz has 1 to 20 questions")
        lectures = self.lectures_with_terms()
        if lecture is None:
            if not lectures:
                raise QuizError("no lecture has key terms yet")
            lecture = lectures[-1]
        terms, vectors = self._term_vectors(lecture)
        if len(terms) < 4:
            known = ", ".join(lectures) or "none"
            raise QuizError(
                f"lecture {lecture!r} has {len(terms)} key terms; a quiz needs 4 (lectures with terms: {known})"
            )
        text = self.store.lecture_text(lecture) or ""
        sentences = [text[sp.start : sp.end] for sp in sentence_spans(text, 0, len(text))]
        rng = random.Random(seed)
        now = utcnow()
        with self.store.session() as s, s.begin():
            student = self._student(s, guild, user, name)
            states = {
                row.term_id: ScheduleState(row.box, row.due_at)
                for row in s.scalars(select(Schedule).where(Schedule.student_id == student.id))
            }
            order = order_terms([t.id for t in terms], states, now)[:count]
            index_of = {t.id: i for i, t in enumerate(terms)}
            session = QuizSession(
                id=uuid.uuid4().hex,
                student_id=student.id,
                lecture=lecture,
                expires_at=now + timedelta(minutes=self.session_minutes),
            )
            s.add(session)
            s.flush()
            views = []
            for ordinal, tid in enumerate(order):
                box = states[tid].box if tid in states else 0
                # New and weak terms get recognition questions; known ones get recall questions.
                kinds = KINDS[:2] if box <= 1 else KINDS[2:] if box >= 3 else KINDS
                draft = build(rng.choice(kinds), index_of[tid], terms, vectors, sentences, rng)
                q = QuizQuestion(
                    id=uuid.uuid4().hex,
                    session_id=session.id,
                    ordinal=ordinal,
                    kind=draft.kind,
                    term_id=tid,
                    prompt=draft.prompt,
                    options=json.dumps(draft.options),
                    answer_index=draft.answer_index,
                    reference=draft.reference,
                )
                s.add(q)
                views.append(
                    QuestionView(
                        q.id,
                        session.id,
                        ordinal,
                        len(order),
                        q.kind,
                        q.prompt,
                        draft.options,
                        terms[index_of[tid]].term,
                    )
                )
        return views

    def question(self, question_id: str) -> QuestionView:
        with self.store.session() as s:
            q = s.get(QuizQuestion, question_id)
            if q is None:
                raise QuizError("this quiz question no longer exists")
            total = s.scalar(select(func.count()).where(QuizQuestion.session_id == q.session_id)) or 0
            term = s.get(Term, q.term_id)
            return QuestionView(
                q.id, q.session_id, q.ordinal, total, q.kind, q.prompt, json.loads(q.options), term.term if term else ""
            )

    def answer(self, question_id: str, guild: str, user: str, response: str) -> Graded:
        if not isinstance(response, str):
            raise QuizError("the answer must be text")
        response = response.strip()
        if len(response) > MAX_FREE_TEXT:
            raise QuizError(f"your answer is {len(response):,} characters long; please keep it under {MAX_FREE_TEXT:,}")
        with self.store.session() as s:
            q = s.get(QuizQuestion, question_id)
            if q is None:
                raise QuizError("this quiz question no longer exists")
            session = s.get(QuizSession, q.session_id)
            student = s.get(Student, session.student_id) if session else None
            if session is None or student is None or (student.guild_id, student.user_id) != (guild, user):
                raise QuizError("this quiz belongs to someone else: start your own with /quiz")
            existing = s.scalar(select(Attempt).where(Attempt.question_id == question_id))
            if existing is None and session.expires_at < utcnow():
                raise QuizError("this quiz has expired: start a new one with /quiz")
            term = s.get(Term, q.term_id)
            assert term is not None
            info = _info(term)
            kind, answer_index, student_id = q.kind, q.answer_index, student.id
        if existing is not None:
            return self._graded(question_id, existing.correct, True, existing.score, existing.response, info)
        if not response:
            raise QuizError("the answer is empty")
        correct, score = self._grade(kind, answer_index, info, response)
        now = utcnow()
        try:
            with self.store.session() as s, s.begin():
                s.add(
                    Attempt(
                        question_id=question_id,
                        student_id=student_id,
                        term_id=info.id,
                        correct=correct,
                        score=score,
                        response=response,
                        answered_at=now,
                    )
                )
                s.flush()  # the unique question_id makes a second recording fail here
                row = s.get(Schedule, (student_id, info.id))
                state = None if row is None else ScheduleState(row.box, row.due_at)
                new = next_state(state, correct, now)
                if row is None:
                    s.add(
                        Schedule(
                            student_id=student_id,
                            term_id=info.id,
                            box=new.box,
                            due_at=new.due_at,
                            right=int(correct),
                            wrong=int(not correct),
                        )
                    )
                else:
                    row.box, row.due_at = new.box, new.due_at
                    row.right += int(correct)
                    row.wrong += int(not correct)
        except IntegrityError:
            with self.store.session() as s:
                first = s.scalar(select(Attempt).where(Attempt.question_id == question_id))
            assert first is not None
            return self._graded(question_id, first.correct, True, first.score, first.response, info)
        return self._graded(question_id, correct, False, score, response, info)

    def _grade(self, kind: str, answer_index: int, info: TermInfo, response: str) -> tuple[bool, float]:
        if kind in ("definition_to_term", "term_to_definition"):
            try:
                chosen = int(response)
            except ValueError:
                raise QuizError("choose one of the options") from None
            return chosen == answer_index, float(chosen == answer_index)
        if kind == "cloze":
            ok = cloze_correct(response, info)
            return ok, float(ok)
        if len(response.split()) < 2:
            return False, 0.0
        a, b = self.embedder.embed([response, info.definition])
        score = float(a @ b)
        return score >= self.free_text_threshold, score

    def _graded(self, qid: str, correct: bool, again: bool, score: float, response: str, info: TermInfo) -> Graded:
        with self.store.session() as s:
            q = s.get(QuizQuestion, qid)
            assert q is not None
            reference = q.reference
            later = s.scalars(
                select(QuizQuestion)
                .where(QuizQuestion.session_id == q.session_id, QuizQuestion.ordinal > q.ordinal)
                .order_by(QuizQuestion.ordinal)
            ).all()
            answered = set(
                s.scalars(select(Attempt.question_id).join(QuizQuestion).where(QuizQuestion.session_id == q.session_id))
            )
            nxt = next((x for x in later if x.id not in answered), None)
            session_id = q.session_id
        next_view = self.question(nxt.id) if nxt is not None else None
        summary = self.summary(session_id) if next_view is None else None
        return Graded(
            qid, correct, again, score, response, reference, info.definition, self.citation(info), next_view, summary
        )

    def summary(self, session_id: str) -> Summary:
        with self.store.session() as s:
            session = s.get(QuizSession, session_id)
            if session is None:
                raise QuizError("this quiz no longer exists")
            rows = s.execute(
                select(QuizQuestion.id, Term.term, Attempt.correct)
                .join(Term, Term.id == QuizQuestion.term_id)
                .outerjoin(Attempt, Attempt.question_id == QuizQuestion.id)
                .where(QuizQuestion.session_id == session_id)
                .order_by(QuizQuestion.ordinal)
            ).all()
        right = [t for _, t, c in rows if c is True]
        wrong = [t for _, t, c in rows if c is False]
        return Summary(session_id, session.lecture, len(rows), len(right) + len(wrong), len(right), right, wrong)

    # -- progress, leaderboard, privacy -----------------------------------------------------
    def progress(self, guild: str, user: str, lecture: str | None = None) -> list[TermProgress]:
        with self.store.session() as s:
            student = s.scalar(select(Student).where(Student.guild_id == guild, Student.user_id == user))
            q = select(Term, Schedule).outerjoin(
                Schedule, (Schedule.term_id == Term.id) & (Schedule.student_id == (student.id if student else -1))
            )
            if lecture:
                q = q.where(Term.lecture == lecture)
            rows = s.execute(q.order_by(Term.lecture, Term.id)).all()
        return [
            TermProgress(
                t.term,
                t.lecture,
                sc.box if sc else 0,
                mastery(sc.box if sc else 0),
                sc.right if sc else 0,
                sc.wrong if sc else 0,
                sc.due_at if sc else None,
            )
            for t, sc in rows
        ]

    def set_leaderboard(self, guild: str, user: str, opt_in: bool, name: str = "") -> None:
        with self.store.session() as s, s.begin():
            self._student(s, guild, user, name).leaderboard = opt_in

    def leaderboard(self, guild: str, top: int = 10) -> list[tuple[str, int, float]]:
        """(name, terms mastered in box ≥ 3, mean mastery) of opted-in students, best first."""
        with self.store.session() as s:
            students = s.scalars(select(Student).where(Student.guild_id == guild, Student.leaderboard.is_(True))).all()
            out = []
            n_terms = s.scalar(select(func.count(Term.id))) or 1
            for st in students:
                boxes = list(s.scalars(select(Schedule.box).where(Schedule.student_id == st.id)))
                out.append(
                    (st.display_name or "student", sum(b >= 3 for b in boxes), sum(mastery(b) for b in boxes) / n_terms)
                )
        return sorted(out, key=lambda r: (-r[1], -r[2], r[0]))[:top]

    def forget(self, guild: str, user: str) -> bool:
        """Delete everything stored about one student (sessions, attempts, schedules)."""
        with self.store.session() as s, s.begin():
            st = s.scalar(select(Student).where(Student.guild_id == guild, Student.user_id == user))
            if st is None:
                return False
            sessions = [x for (x,) in s.execute(select(QuizSession.id).where(QuizSession.student_id == st.id))]
            s.execute(delete(Attempt).where(Attempt.student_id == st.id))
            s.execute(delete(Schedule).where(Schedule.student_id == st.id))
            if sessions:
                s.execute(delete(QuizQuestion).where(QuizQuestion.session_id.in_(sessions)))
            s.execute(delete(QuizSession).where(QuizSession.student_id == st.id))
            s.delete(st)
            return True

    def purge(self, retention_days: int) -> int:
        """Drop quiz sessions (and their attempts) older than the retention period; 0 keeps all."""
        if retention_days <= 0:
            return 0
        cutoff = utcnow() - timedelta(days=retention_days)
        with self.store.session() as s, s.begin():
            old = [x for (x,) in s.execute(select(QuizSession.id).where(QuizSession.created_at < cutoff))]
            if not old:
                return 0
            qids = [x for (x,) in s.execute(select(QuizQuestion.id).where(QuizQuestion.session_id.in_(old)))]
            if qids:
                s.execute(delete(Attempt).where(Attempt.question_id.in_(qids)))
            s.execute(delete(QuizQuestion).where(QuizQuestion.session_id.in_(old)))
            s.execute(delete(QuizSession).where(QuizSession.id.in_(old)))
            return len(old)
