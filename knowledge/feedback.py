"""The question log, feedback votes and instructors' statistics."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, select

from knowledge.results import Answer
from knowledge.schema import QuestionLog, Vote
from knowledge.store import Store


@dataclass(frozen=True)
class Stats:
    questions: int
    declined_share: float
    thumbs_up: int
    thumbs_down: int
    lowest_confidence: list[tuple[str, float]]
    most_frequent: list[tuple[str, int]]


class Feedback:
    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, answer: Answer, guild_id: str = "", user_id: str = "") -> int:
        with self.store.session() as s, s.begin():
            row = QuestionLog(
                guild_id=guild_id,
                user_id=user_id,
                question=answer.question,
                answer=answer.text,
                abstained=answer.abstained,
                confidence=answer.confidence,
            )
            s.add(row)
            s.flush()
            return row.id

    def vote(self, question_id: int, user_id: str, value: int) -> bool:
        """Store a vote (+1/−1); a repeat click by the same user replaces theirs. False if unknown."""
        if value not in (1, -1):
            raise ValueError("a vote is +1 or -1")
        with self.store.session() as s, s.begin():
            if s.get(QuestionLog, question_id) is None:
                return False
            existing = s.scalar(select(Vote).where(Vote.question_id == question_id, Vote.user_id == user_id))
            if existing is None:
                s.add(Vote(question_id=question_id, user_id=user_id, value=value))
            else:
                existing.value = value
            return True

    def forget(self, guild_id: str, user_id: str) -> int:
        """Delete a user's logged questions (and votes on them) and the votes they cast."""
        with self.store.session() as s, s.begin():
            s.execute(delete(Vote).where(Vote.user_id == user_id))
            ids = list(
                s.scalars(
                    select(QuestionLog.id).where(QuestionLog.guild_id == guild_id, QuestionLog.user_id == user_id)
                )
            )
            if ids:
                s.execute(delete(Vote).where(Vote.question_id.in_(ids)))
                s.execute(delete(QuestionLog).where(QuestionLog.id.in_(ids)))
            return len(ids)

    def question(self, question_id: int) -> str | None:
        with self.store.session() as s:
            row = s.get(QuestionLog, question_id)
            return None if row is None else row.question

    def stats(self, guild_id: str | None = None, top: int = 5) -> Stats:
        with self.store.session() as s:
            q = select(QuestionLog)
            if guild_id is not None:
                q = q.where(QuestionLog.guild_id == guild_id)
            rows = list(s.scalars(q))
            ids = [r.id for r in rows]
            votes = (
                Counter(v for (v,) in s.execute(select(Vote.value).where(Vote.question_id.in_(ids))).all())
                if ids
                else Counter()
            )
        n = len(rows)
        declined = sum(r.abstained for r in rows)
        lowest = sorted(rows, key=lambda r: r.confidence)[:top]
        freq = Counter(" ".join(r.question.lower().split()) for r in rows).most_common(top)
        return Stats(
            questions=n,
            declined_share=declined / n if n else 0.0,
            thumbs_up=votes.get(1, 0),
            thumbs_down=votes.get(-1, 0),
            lowest_confidence=[(r.question, r.confidence) for r in lowest],
            most_frequent=freq,
        )
