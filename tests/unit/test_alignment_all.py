"""The all-time Sales-Marketing report from yearly summaries equals the report over every record (issue 14), on a
small hand-made history with what generated histories lack: a meeting with a snapshot (its due to-dos counted
from it), a record in two places (the newest copy wins), an owner gone, someone in every team.

Fails on the code before: ``l10tui.domain.alignment_all`` did not exist."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from l10tui.domain.alignment import alignment_report
from l10tui.domain.alignment_all import alignment_all_time, all_time_weeks, first_day
from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.models import Formula, Issue, Measurable, Meeting, Person, Rating, Score, Team, Todo, TodoReview
from l10tui.domain.snapshot import build_snapshot
from l10tui.domain.summary import year_summary

TODAY = date(2026, 11, 25)
T0 = datetime(2024, 1, 1, tzinfo=UTC)
S, M = "TM-1", "TM-2"
CAL = CompanyCalendar.named("Europe/Berlin")


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def issue(
    iid: str, owner: str, raised: str | None, by: str | None, created: date, ended: date | None, status: str
) -> Issue:
    return Issue(
        id=iid,
        created_at=at(created),
        updated_at=at(ended or created),
        title=iid,
        team=owner,
        raised_by_team=raised,
        raised_by=by,
        status=status,  # type: ignore[arg-type]
        ended_at=at(ended, 23) if ended else None,  # 23:00 UTC is the next day in Berlin
    )


def meeting(mid: str, day: date, teams: list[str], ratings: list[Rating]) -> Meeting:
    start = at(day)
    return Meeting(
        id=mid,
        created_at=start,
        updated_at=start,
        teams=teams,
        state="finished",
        planned_start=start,
        actual_start=start,
        actual_end=start + timedelta(minutes=90),
        ratings=ratings,
    )


def todo(tid: str, owner: str, team: str | None, *reviews: tuple[str, bool]) -> Todo:
    return Todo(
        id=tid,
        created_at=T0,
        updated_at=T0,
        title=tid,
        owner=owner,
        team=team,
        reviews=[TodoReview(mid, done) for mid, done in reviews],
    )


TEAMS = [Team(id=S, created_at=T0, updated_at=T0, name="Sales"), Team(id=M, created_at=T0, updated_at=T0, name="Mkt")]
PEOPLE = [
    Person(id="P-1", created_at=T0, updated_at=T0, name="Ana", teams=[S]),
    Person(id="P-2", created_at=T0, updated_at=T0, name="Cleo", teams=[M]),
    Person(id="P-3", created_at=T0, updated_at=T0, name="Boss", teams=[S, M]),  # in every team
]
MEASURABLES = [
    Measurable(id="M-1", created_at=T0, updated_at=T0, name="MQLs", owner="P-2", goal=40, teams=[M]),
    Measurable(id="M-2", created_at=T0, updated_at=T0, name="SQLs", owner="P-1", goal=10, teams=[S, M]),
    Measurable(
        id="M-3",
        created_at=T0,
        updated_at=T0,
        name="rate",
        owner="P-1",
        goal=20,
        teams=[S],
        formula=Formula("M-2", "M-1"),
    ),
]


def snapped(mid: str, day: date, due: list[Todo]) -> Meeting:
    m = meeting(mid, day, [S, M], [Rating("P-1", 7), Rating("P-2", None, absent=True), Rating("P-3", 9)])
    m.snapshot = build_snapshot(
        meeting=m,
        week=day,
        teams={S: "Sales", M: "Mkt"},
        people={p.id: p.name for p in PEOPLE},
        measurables=[],
        grid={},
        rocks=[],
        todos_due=due,
        headlines=[],
        issues={},
        todos={t.id: t for t in due},
    )
    return m


def years() -> tuple[dict[str, list], dict[str, list], dict[str, list]]:  # type: ignore[type-arg]
    """The records of 2024, of 2025 (as archived) and of the live file."""
    y2024 = {
        "issues": [
            issue("I-1", S, M, "P-2", date(2024, 2, 5), date(2024, 2, 9), "solved"),
            issue("I-2", M, S, "P-3", date(2024, 3, 4), date(2024, 3, 5), "solved"),  # the boss: all teams
            issue("I-3", M, S, "P-1", date(2024, 3, 4), date(2024, 3, 6), "dropped"),
            issue("I-4", S, M, "P-2", date(2024, 4, 1), date(2024, 4, 20), "solved"),  # re-opened: live copy wins
        ],
        "meetings": [meeting("MT-1", date(2024, 2, 5), [S], [Rating("P-1", 6), Rating("P-3", 10)])],
        "todos": [todo("T-1", "P-1", S, ("MT-1", True)), todo("T-2", "P-9", M, ("MT-1", False))],  # P-9: gone
        "scores": [Score(id="S-1", created_at=T0, updated_at=T0, measurable="M-1", week=date(2024, 2, 5), value=50)],
    }
    due = [todo("T-3", "P-2", M, ("MT-2", True)), todo("T-4", "P-1", S)]
    y2025 = {
        "issues": [
            issue("I-5", S, None, None, date(2025, 6, 2), date(2025, 6, 2), "solved"),
            issue("I-6", S, M, "P-2", date(2025, 9, 1), date(2025, 9, 30), "merged"),
        ],
        "meetings": [
            snapped("MT-2", date(2025, 6, 2), due),
            meeting("MT-3", date(2025, 9, 1), [M], [Rating("P-2", 8)]),
        ],
        "todos": [*due, todo("T-5", "P-2", M, ("MT-3", True), ("MT-1", False))],
        "scores": [
            Score(id="S-2", created_at=T0, updated_at=T0, measurable="M-2", week=date(2025, 6, 2), value=12),
            Score(id="S-3", created_at=T0, updated_at=T0, measurable="M-1", week=date(2025, 6, 2), value=30),
        ],
    }
    live = {
        "issues": [
            issue("I-4", S, M, "P-2", date(2024, 4, 1), None, "open"),
            issue("I-7", M, S, "P-1", date(2026, 11, 24), None, "open"),
            issue("I-8", S, M, "P-2", date(2026, 10, 5), date(2026, 10, 9), "solved"),
        ],
        "meetings": [meeting("MT-4", date(2026, 11, 23), [S, M], [Rating("P-1", 9), Rating("P-2", 5)])],
        "todos": [todo("T-6", "P-3", None, ("MT-4", True))],
        "scores": [Score(id="S-4", created_at=T0, updated_at=T0, measurable="M-2", week=date(2026, 11, 23), value=3)],
    }
    return y2024, y2025, live


def summaries_of(*years: dict[str, list]) -> list[dict]:  # type: ignore[type-arg]
    return [year_summary(y["meetings"], y["todos"], y["issues"], y["scores"], CAL) for y in years]


def test_all_time_from_summaries_equals_the_report_over_every_record() -> None:
    y2024, y2025, live = years()
    summaries = summaries_of(y2025, y2024)  # newest first
    every = {k: _newest(live[k], y2025[k], y2024[k]) for k in live}
    weeks = all_time_weeks(first_day(every["meetings"], every["issues"], every["scores"], CAL), TODAY)
    full = alignment_report(
        teams=TEAMS, people=PEOPLE, measurables=MEASURABLES, today=TODAY, weeks=weeks, calendar=CAL, **every
    )
    found = alignment_all_time(
        summaries, teams=TEAMS, people=PEOPLE, measurables=MEASURABLES, today=TODAY, calendar=CAL, **live
    )
    for name in type(full).__dataclass_fields__:
        assert getattr(found, name) == getattr(full, name), name
    # the figures worked out by hand
    assert found.window.start == date(2024, 2, 5)
    assert found.matrix == {M: {S: 3}, "*": {M: 1}, "?": {S: 1}, S: {M: 1}}  # I-1, I-4 (live), I-8; boss; I-5; I-7
    assert found.dropped == {S: {M: 1}, M: {S: 1}}  # I-3 dropped, I-6 merged
    assert found.solving[S].open_now == 1 and found.solving[S].solved == 3  # I-4 open again; I-1, I-5, I-8
    # M: T-2 (owner gone: its team), T-5 twice, T-3 (MT-2 from its snapshot), T-6 (the boss); S: T-1, T-4 (snapshot), T-6
    assert found.todos[M].reviewed == 5 and found.todos[S].reviewed == 3
    assert found.ratings[S].count == 5  # Ana x3 (6, 7, 9), the boss x2 (10, 9); absent Cleo not counted


def _newest(*copies: list) -> list:  # type: ignore[type-arg]
    seen: set[str] = set()
    out = []
    for records in copies:
        for r in records:
            if r.id not in seen:
                seen.add(r.id)
                out.append(r)
    return out


def test_a_summary_without_its_figures_is_refused() -> None:
    import pytest

    y2024, y2025, live = years()
    summaries = summaries_of(y2025, y2024)
    del summaries[0]["alignment"]
    with pytest.raises(ValueError, match="Sales-Marketing"):
        alignment_all_time(summaries, teams=TEAMS, people=PEOPLE, measurables=MEASURABLES, today=TODAY, **live)
