from datetime import datetime, timedelta

from knowledge.quiz.scheduler import INTERVALS, ScheduleState, next_state, order_terms

NOW = datetime(2026, 11, 26, 12, 0)


def test_right_answers_climb_the_boxes_and_wrong_ones_drop_to_one() -> None:
    s = next_state(None, True, NOW)
    assert (s.box, s.due_at) == (1, NOW + INTERVALS[1])
    s = next_state(s, True, NOW)
    assert (s.box, s.due_at) == (2, NOW + timedelta(days=1))
    s = next_state(s, True, NOW)
    assert s.box == 3 and s.due_at == NOW + timedelta(days=3)
    for _ in range(5):
        s = next_state(s, True, NOW)
    assert s.box == 5 and s.due_at == NOW + timedelta(days=21)
    s = next_state(s, False, NOW)
    assert (s.box, s.due_at) == (1, NOW + timedelta(minutes=10))
    assert next_state(None, False, NOW).box == 1


def test_due_and_weak_terms_come_first_then_new_then_later() -> None:
    states = {
        1: ScheduleState(4, NOW - timedelta(days=1)),  # due, strong
        2: ScheduleState(1, NOW - timedelta(minutes=1)),  # due, weak
        3: ScheduleState(5, NOW + timedelta(days=10)),  # not due
        4: ScheduleState(2, NOW + timedelta(hours=1)),  # not due, sooner
    }
    assert order_terms([1, 2, 3, 4, 5], states, NOW) == [2, 1, 5, 4, 3]
