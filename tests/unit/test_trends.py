"""Trends over past meetings, on hand-made meetings whose answers are known."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from l10tui.domain.models import (
    Formula,
    Issue,
    IssueDiscussion,
    Measurable,
    Meeting,
    Rating,
    SegmentTime,
    Todo,
    TodoReview,
)
from l10tui.domain.trends import (
    in_window,
    line_weeks,
    measurable_line,
    meeting_point,
    meeting_points,
    summarize,
    window_start,
)

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # a Monday
TODAY = date(2026, 11, 23)


def meeting(n: int, start: datetime, *, late_min: float, length_min: float, ratings: list[int | None]) -> Meeting:
    return Meeting(
        id=f"MT-{n}",
        created_at=start,
        updated_at=start,
        teams=["TM-1"],
        planned_start=start,
        actual_start=start + timedelta(minutes=late_min),
        actual_end=start + timedelta(minutes=late_min + length_min),
        segments=[SegmentTime("IDS", 90 * 60)],
        ratings=[Rating(f"P-{i}", score=s, absent=s is None) for i, s in enumerate(ratings)],
        state="finished",
    )


def issue(n: int, status: str, ended: datetime | None, meetings: list[str]) -> Issue:
    return Issue(
        id=f"I-{n}",
        created_at=T0 - timedelta(days=30),
        updated_at=T0,
        title=f"issue {n}",
        team="TM-1",
        status=status,
        ended_at=ended,
        meetings=meetings,  # type: ignore[arg-type]
    )


@pytest.fixture
def history() -> tuple[list[Meeting], list[Todo], list[Issue]]:
    m1 = meeting(1, T0, late_min=0, length_min=90, ratings=[8, 9, None])  # on time both ends, 8.5
    m2 = meeting(2, T0 + timedelta(weeks=1), late_min=5, length_min=100, ratings=[6, 7])  # late, over, 6.5
    m2.issues_discussed = [IssueDiscussion("I-1", 300, outcome="solved"), IssueDiscussion("I-2", 60, outcome="")]
    m2.issues_added = ["I-3", "I-4"]
    open_m = meeting(3, T0 + timedelta(weeks=2), late_min=0, length_min=10, ratings=[10])
    open_m.state = "in-progress"
    issues = [
        issue(1, "solved", m2.actual_start, ["MT-2"]),
        # ended during m2 with no outcome written: counted from the issue itself
        issue(2, "dropped", (m2.actual_start or T0) + timedelta(minutes=20), ["MT-2"]),
        issue(3, "open", None, []),
    ]
    todos = [
        Todo(
            id="T-1",
            created_at=T0,
            updated_at=T0,
            title="a",
            owner="P-0",
            reviews=[TodoReview("MT-1", True), TodoReview("MT-2", False)],
        ),
        Todo(id="T-2", created_at=T0, updated_at=T0, title="b", owner="P-1", reviews=[TodoReview("MT-1", True)]),
    ]
    return [open_m, m2, m1], todos, issues


def test_meeting_points(history: tuple[list[Meeting], list[Todo], list[Issue]]) -> None:
    meetings, todos, issues = history
    p1, p2 = meeting_points(meetings, todos, issues)  # the unfinished one is left out; oldest first
    assert (p1.meeting, p2.meeting) == ("MT-1", "MT-2")
    assert p1.rating == 8.5 and p2.rating == 6.5
    assert p1.todo_completion == 1.0 and p2.todo_completion == 0.0
    assert (p1.issues_solved, p1.issues_dropped, p1.issues_added) == (0, 0, 0)
    assert (p2.issues_solved, p2.issues_dropped, p2.issues_added) == (1, 1, 2)
    assert p1.started_on_time and p1.ended_on_time
    assert p2.late_s == 300 and not p2.started_on_time
    assert p2.over_s == 600 and not p2.ended_on_time


def test_summary(history: tuple[list[Meeting], list[Todo], list[Issue]]) -> None:
    points = meeting_points(*history)
    s = summarize(points)
    assert s.meetings == 2
    assert s.rating == pytest.approx(7.5)
    assert s.todo_completion == pytest.approx(0.5)
    assert s.solved_per_meeting == pytest.approx(0.5)
    assert s.on_time_start == 0.5 and s.on_time_end == 0.5
    empty = summarize([])
    assert empty.meetings == 0 and empty.rating is None and empty.on_time_start is None


def test_windows(history: tuple[list[Meeting], list[Todo], list[Issue]]) -> None:
    points = meeting_points(*history)
    assert window_start(TODAY, 1) == date(2026, 11, 23)
    assert window_start(TODAY, 3) == date(2026, 11, 9)
    assert window_start(TODAY, None) is None
    assert [p.meeting for p in in_window(points, TODAY, 3)] == ["MT-2"]
    assert [p.meeting for p in in_window(points, TODAY, 13)] == ["MT-1", "MT-2"]
    assert [p.meeting for p in in_window(points, TODAY, None)] == ["MT-1", "MT-2"]
    with pytest.raises(ValueError):
        window_start(TODAY, 0)


def test_measurable_line() -> None:
    weeks = [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    mql = Measurable(id="M-1", created_at=T0, updated_at=T0, name="MQLs", goal=40, op=">=")
    conv = Measurable(
        id="M-3", created_at=T0, updated_at=T0, name="conv", goal=30, op=">=", formula=Formula("M-2", "M-1")
    )
    scores = {("M-1", weeks[0]): 50.0, ("M-1", weeks[1]): 30.0, ("M-1", weeks[2]): 40.0}
    scores |= {("M-2", weeks[0]): 10.0, ("M-2", weeks[1]): 12.0, ("M-2", weeks[2]): 10.0}
    line = measurable_line(mql, scores, weeks)
    assert line.values == (50.0, 30.0, 40.0, None)
    assert line.entered == 3 and line.on_goal == pytest.approx(2 / 3) and line.latest == 40.0 and line.trend == 1
    derived = measurable_line(conv, scores, weeks)
    assert (
        derived.values == (20.0, 40.0, 25.0, None) and derived.trend == -1 and derived.on_goal == pytest.approx(1 / 3)
    )
    lower = Measurable(id="M-1", created_at=T0, updated_at=T0, name="churn", goal=45, op="<=")
    assert measurable_line(lower, scores, weeks).trend == -1  # 30 -> 40 with "at most": worse
    assert measurable_line(mql, {}, weeks).on_goal is None


def test_line_weeks() -> None:
    assert line_weeks(TODAY, 2, None) == [date(2026, 11, 16), date(2026, 11, 23)]
    assert line_weeks(TODAY, None, date(2026, 11, 11)) == [date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert len(line_weeks(TODAY, None, None)) == 13


def test_indexed_points_match_one_by_one(history: tuple[list[Meeting], list[Todo], list[Issue]]) -> None:
    meetings, todos, issues = history
    by_id = {i.id: i for i in issues}
    one_by_one = [meeting_point(m, todos, by_id) for m in sorted(meetings[1:], key=lambda m: m.id)]
    assert meeting_points(meetings, todos, issues) == one_by_one
