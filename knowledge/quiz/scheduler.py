"""Leitner-box spaced repetition.

A term starts in box 0 (never seen). A right answer moves it up one box, a wrong one back to box 1.
The box sets when the term is due again; due terms come first, weakest (lowest box) first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

INTERVALS = {
    0: timedelta(0),
    1: timedelta(minutes=10),
    2: timedelta(days=1),
    3: timedelta(days=3),
    4: timedelta(days=7),
    5: timedelta(days=21),
}
TOP_BOX = max(INTERVALS)


@dataclass(frozen=True)
class ScheduleState:
    box: int
    due_at: datetime


def next_state(state: ScheduleState | None, correct: bool, now: datetime) -> ScheduleState:
    box = 0 if state is None else state.box
    box = min(box + 1, TOP_BOX) if correct else 1
    return ScheduleState(box, now + INTERVALS[box])


def order_terms(term_ids: list[int], states: dict[int, ScheduleState], now: datetime) -> list[int]:
    """Due terms first (lowest box, then longest overdue), then new ones, then the rest by due date."""

    def key(tid: int) -> tuple[int, int, datetime, int]:
        st = states.get(tid)
        if st is None:
            return (1, 0, now, tid)
        if st.due_at <= now:
            return (0, st.box, st.due_at, tid)
        return (2, st.box, st.due_at, tid)

    return sorted(term_ids, key=key)


def mastery(box: int) -> float:
    """A 0..1 mastery figure for charts: the share of the way to the top box."""
    return max(0, min(box, TOP_BOX)) / TOP_BOX
