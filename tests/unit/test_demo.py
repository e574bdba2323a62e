"""The demo company (l10tui.demo): deterministic, believable, and enough for every screen."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from l10tui.demo import DemoError, build_demo
from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import quarter_of, week_monday, weeks_back
from l10tui.domain.models import Meeting
from l10tui.domain.records import to_dict
from l10tui.domain.rules import meeting_times, needs_comment, not_done_twice, on_track, rating_average, week_values
from l10tui.store import L10Store, StoreError, open_store

TODAY = date(2026, 11, 23)


def build(path: Path, *, seed: int = 7, today: date = TODAY, tz: ZoneInfo | None = None) -> L10Store:
    db = open_store(path, FakeClock())
    build_demo(db, seed=seed, today=today, tz=tz)
    return db


def names(db: L10Store) -> dict[str, str]:
    out = {t.id: t.name for t in db.teams.all()}
    out.update({p.id: p.name for p in db.people.all()})
    return out


# -- deterministic ----------------------------------------------------------------------------------------------------


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    a = build(tmp_path / "a.json")
    b = build(tmp_path / "b.json")
    assert a.path.read_bytes() == b.path.read_bytes()
    assert a.commits == 1  # one transaction: the whole company is written once


def test_same_seed_today_and_zone_give_the_same_bytes_whatever_the_store_clock(tmp_path: Path) -> None:
    """Determinism on another day and zone too (a quarter's second day: last quarter's rocks are in the meetings; a
    zone with summer time), whatever clock the store was opened with. Pins the byte-identical split of demo.py."""
    a = build(tmp_path / "a.json", seed=3, today=date(2026, 4, 2), tz=ZoneInfo("Europe/Berlin"))
    db = open_store(tmp_path / "b.json", FakeClock(wall=datetime(2031, 5, 5, 17, 3, tzinfo=UTC)))
    build_demo(db, seed=3, today=date(2026, 4, 2), tz=ZoneInfo("Europe/Berlin"))
    assert a.path.read_bytes() == db.path.read_bytes()


def test_another_seed_moves_the_numbers_not_the_story(tmp_path: Path) -> None:
    a = build(tmp_path / "a.json", seed=7)
    b = build(tmp_path / "b.json", seed=8)
    assert a.path.read_bytes() != b.path.read_bytes()
    assert sorted(i.title for i in a.issues.all()) == sorted(i.title for i in b.issues.all())
    assert [s.value for s in a.scores.all()] != [s.value for s in b.scores.all()]


def test_the_store_clock_is_put_back(tmp_path: Path) -> None:
    clock = FakeClock(wall=datetime(2030, 1, 1, tzinfo=UTC))
    db = open_store(tmp_path / "l10.json", clock)
    build_demo(db, seed=1, today=TODAY)
    assert db.clock is clock
    issue = db.issues.add("After the demo", team=db.teams.lookup("Sales").id)
    assert issue.created_at == datetime(2030, 1, 1, tzinfo=UTC)


def test_only_into_an_empty_store(db: L10Store) -> None:
    db.teams.add("Ops")
    before = db.path.read_bytes()
    with pytest.raises(DemoError, match="not empty"):
        build_demo(db, today=TODAY)
    assert isinstance(DemoError("x"), StoreError)  # the CLI shows it as one line
    assert db.path.read_bytes() == before
    assert [t.name for t in db.teams.all()] == ["Ops"]


def test_it_loads_cleanly_from_the_file(demo_db: L10Store, clock: FakeClock) -> None:
    again = open_store(demo_db.path, clock)
    for repo in ("teams", "people", "measurables", "scores", "rocks", "headlines", "todos", "issues", "meetings"):
        assert [to_dict(r) for r in getattr(again, repo).all()] == [to_dict(r) for r in getattr(demo_db, repo).all()]
    assert again.setting("company") == "Brightline Software"


# -- the company ------------------------------------------------------------------------------------------------------


def test_teams_and_people(demo_db: L10Store) -> None:
    teams = {t.name: t for t in demo_db.teams.all()}
    assert set(teams) == {"Sales", "Marketing", "Leadership"}
    assert all(t.meeting_rule == "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0" for t in teams.values())
    people = demo_db.people.all()
    assert 6 <= len(people) <= 8
    assert sum(len(p.teams) > 1 for p in people) >= 2
    for team in teams.values():
        assert demo_db.people.members(team.id)


def test_measurables(demo_db: L10Store) -> None:
    ms = {m.name: m for m in demo_db.measurables.all()}
    assert 10 <= len(ms) <= 12
    teams = {t.id: t.name for t in demo_db.teams.all()}
    assert {teams[t] for t in ms["Revenue booked"].teams} == {"Sales", "Marketing"}
    conv = ms["MQL->SQL conversion"]
    assert conv.formula is not None and conv.formula.percent
    assert (conv.formula.numerator, conv.formula.denominator) == (ms["SQLs"].id, ms["MQLs"].id)
    assert conv.shared and conv.unit == "%"
    for sla in ("Leads contacted within 24h %", "Leads returned to Marketing"):
        assert ms[sla].shared
    assert {m.op for m in ms.values()} == {">=", "<=", "==", "range"}
    people = {p.id for p in demo_db.people.all()}
    assert all(m.owner in people and m.teams for m in ms.values())


def test_scores_thirteen_weeks_with_red_and_gaps(demo_db: L10Store) -> None:
    weeks = weeks_back(TODAY, 14)
    past, this_week = weeks[:-1], weeks[-1]
    grid = demo_db.scores.grid(weeks)
    entered = [m for m in demo_db.measurables.all() if not m.derived]
    cells = [(m, w) for m in entered for w in past]
    filled = [(m, w) for m, w in cells if (m.id, w) in grid]
    assert len(filled) >= len(cells) - 3  # a couple of numbers nobody entered
    assert len(filled) < len(cells)
    assert sum((m.id, this_week) in grid for m in entered) <= 3  # this week's are mostly still to come
    status = Counter(on_track(week_values(m, grid, w), m.goal, m.op) for m in demo_db.measurables.all() for w in past)
    assert status["off"] >= 15 and status["on"] > status["off"]
    conv = demo_db.measurables.lookup("MQL->SQL conversion")
    conv_track = [on_track(week_values(conv, grid, w), conv.goal, conv.op) for w in past]
    assert "off" in conv_track and "on" in conv_track
    assert all(s.week.weekday() == 0 for s in demo_db.scores.all())


def test_rocks_of_this_quarter(demo_db: L10Store) -> None:
    rocks = demo_db.rocks.for_quarter(quarter_of(TODAY))
    assert 3 <= len(rocks) <= 7
    assert sum(r.final == "done" for r in rocks) == 1
    statuses = {h.status for r in rocks for h in r.history}
    assert statuses == {"on", "off"}
    assert any(r.status == "off" for r in rocks if r.final is None)
    # A rock's status is recorded against the week the meeting reports (the engine's scorecard week): the quarter's
    # first meeting reports the week that ended inside the quarter, though it began in the last one.
    weeks = {h.week for r in rocks for h in r.history}
    assert all(w.weekday() == 0 and quarter_of(w + timedelta(days=6)) == quarter_of(TODAY) for w in weeks)
    older = [r for r in demo_db.rocks.all() if r.quarter != quarter_of(TODAY)]
    assert older and all(r.final in ("done", "not-done") for r in older)


def test_issues_both_ways(demo_db: L10Store) -> None:
    n = names(demo_db)
    issues = demo_db.issues.all()
    by_title = {i.title: i for i in issues}
    junk = by_title["Leads from webinar are junk"]
    assert (n[junk.raised_by_team or ""], n[junk.team], junk.status) == ("Sales", "Marketing", "open")
    ignored = by_title["Sales ignores MQLs for 3 days"]
    assert (n[ignored.raised_by_team or ""], n[ignored.team], ignored.status) == ("Marketing", "Sales", "open")
    assert ignored.source is not None and ignored.source.kind == "measurable"
    open_ = [i for i in issues if i.status == "open"]
    assert {n[i.team] for i in open_} == {"Sales", "Marketing", "Leadership"}
    pairs = Counter((n[i.raised_by_team or ""], n[i.team]) for i in open_)
    assert pairs[("Sales", "Marketing")] >= 2 and pairs[("Marketing", "Sales")] >= 2
    assert any(n[i.team] == "Leadership" and n[i.raised_by_team or ""] != "Leadership" for i in open_)
    statuses = Counter(i.status for i in issues)
    assert statuses["long-term"] >= 1 and statuses["solved"] >= 3 and statuses["dropped"] >= 1
    assert statuses["merged"] >= 1
    for team in demo_db.teams.all():
        ranks = [i.rank for i in demo_db.issues.open_for(team.id)]
        assert ranks == list(range(1, len(ranks) + 1))


def test_ended_issues_ended_in_a_meeting(demo_db: L10Store) -> None:
    meetings = {m.id: m for m in demo_db.meetings.all()}
    for issue in demo_db.issues.all():
        if issue.status not in ("solved", "dropped", "merged"):
            continue
        assert issue.ended_at is not None and issue.meetings
        m = meetings[issue.meetings[-1]]
        assert m.actual_start is not None and m.actual_end is not None
        assert m.actual_start <= issue.ended_at <= m.actual_end
        assert issue.id in [d.issue for d in m.issues_discussed if d.outcome]
        if issue.status == "solved":
            assert issue.solution and issue.todos
            for tid in issue.todos:
                todo = demo_db.todos.get(tid)
                assert todo.source_issue == issue.id and todo.created_in_meeting == m.id


def test_todos(demo_db: L10Store) -> None:
    todos = demo_db.todos.all()
    status = Counter(t.status for t in todos)
    assert status["open"] >= 3 and status["done"] >= 10
    stuck = [t for t in todos if not_done_twice(t)]
    assert len(stuck) >= 2
    assert all(t.done_at is not None for t in todos if t.status == "done")
    assert all(t.due is not None for t in todos)
    for t in todos:
        if t.created_in_meeting is not None:
            m = demo_db.meetings.get(t.created_in_meeting)
            assert t.id in m.todos_created
            assert t.due == m.actual_start.date() + timedelta(days=7)  # type: ignore[union-attr]


def test_headlines(demo_db: L10Store) -> None:
    headlines = demo_db.headlines.all()
    assert {h.kind for h in headlines} == {"customer", "employee"}
    assert any(h.meeting is None for h in headlines)  # news waiting for the next meeting
    assert sum(h.meeting is not None for h in headlines) >= 8


def finished(db: L10Store) -> list[Meeting]:
    return sorted(db.meetings.finished(), key=lambda m: m.planned_start or m.created_at)


def test_past_meetings(demo_db: L10Store) -> None:
    meetings = finished(demo_db)
    assert len(meetings) >= 8 and demo_db.meetings.in_progress() is None
    starts = [m.planned_start for m in meetings]
    assert all(s is not None and s.weekday() == 0 and (s.hour, s.minute) == (9, 0) for s in starts)
    assert all(b - a == timedelta(weeks=1) for a, b in pairwise(starts))  # type: ignore[operator]
    assert week_monday(starts[-1].date()) < week_monday(TODAY)  # type: ignore[union-attr]
    times = [meeting_times(m) for m in meetings]
    assert any(t.late_s and t.late_s > 60 for t in times)
    assert any(t.late_s is not None and t.late_s < 60 for t in times)
    assert any(t.over_s and t.over_s > 60 for t in times)
    assert any(t.over_s is not None and t.over_s < 0 for t in times)
    people = {p.id for p in demo_db.people.all()}
    assert any(not all(m.attendance.values()) for m in meetings)
    for m in meetings:
        assert set(m.attendance) == people
        assert [s.name for s in m.segments[:1]] == ["Segue"] and len(m.segments) == 7
        assert all(s.planned_s > 0 and s.actual_s > 0 for s in m.segments)
        assert m.issues_discussed and all(d.seconds > 0 for d in m.issues_discussed)
        assert sum(d.seconds for d in m.issues_discussed) <= m.segments[5].actual_s
        assert m.todos_created and m.cascading_messages and m.headlines and m.items_reviewed
        assert {r.person for r in m.ratings} == people
        for r in m.ratings:
            assert r.absent == (not m.attendance[r.person])
            assert r.absent or (r.score is not None and 6 <= r.score <= 10)
            assert not needs_comment(r) or r.comment
        avg = rating_average(m.ratings)
        assert avg is not None and 6 <= avg <= 10
    assert any(r.score is not None and r.score < 8 for m in meetings for r in m.ratings)
    assert len({rating_average(m.ratings) for m in meetings}) > 3


def test_everything_happened_before_the_morning_of_today(demo_db: L10Store) -> None:
    morning = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
    raw = demo_db.raw()
    stamps = [
        doc[key]
        for table, docs in raw.items()
        if table != "_meta"
        for doc in docs.values()
        for key in ("created_at", "updated_at")
    ]
    assert stamps and all(datetime.fromisoformat(s) <= morning for s in stamps)


# -- other days and time zones ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today",
    [
        date(2026, 10, 1),  # the first day of a quarter (a Thursday): this quarter's rocks are brand new
        date(2027, 1, 4),  # the Monday after New Year
        date(2026, 12, 27),  # a Sunday
        date(2028, 2, 29),  # a leap day
        date(2026, 11, 25),  # a Wednesday: this Monday's meeting has happened
    ],
)
def test_any_today(tmp_path: Path, today: date) -> None:
    db = build(tmp_path / "l10.json", today=today)
    meetings = finished(db)
    assert len(meetings) == 10
    last = meetings[-1].planned_start
    assert last is not None and last.date() < today and today - last.date() <= timedelta(days=7)
    assert db.rocks.for_quarter(quarter_of(today))
    reopened = open_store(db.path, FakeClock())
    assert reopened.issues.count() == db.issues.count()
    morning = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=8)
    assert all(r.created_at <= morning for r in db.issues.all() + db.todos.all())  # type: ignore[operator]


def test_meetings_at_nine_local_across_a_dst_change(tmp_path: Path) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    db = build(tmp_path / "l10.json", tz=berlin)
    starts = [m.planned_start for m in finished(db)]
    assert all(s is not None and s.astimezone(berlin).hour == 9 for s in starts)
    assert {s.astimezone(UTC).hour for s in starts if s is not None} == {7, 8}  # summer and winter time


def test_issue_19_a_range_goal_trailing_columns_a_noted_number_and_a_rating_the_record_disagrees_with(
    demo_db: L10Store,
) -> None:
    """The demo company uses what issue 19 adds: a range goal, trailing columns (a chosen one and the defaults), a
    note on a number kept in a meeting's snapshot, and a meeting whose record score differs from its rating."""
    from l10tui.domain.record_score import record_score
    from l10tui.domain.rules import rating_average
    from l10tui.domain.trailing import trailing_choice

    ms = {m.name: m for m in demo_db.measurables.all()}
    demos = ms["Demos booked"]
    assert (demos.op, demos.goal, demos.goal_high) == ("range", 10.0, 16.0)
    assert trailing_choice(ms["Website visitors"]) == "avg4"  # chosen
    assert trailing_choice(ms["MQL->SQL conversion"]) == "avg4"  # a rate: the default average
    assert trailing_choice(ms["MQLs"]) == "total13"  # a count: the default total
    noted = [s for s in demo_db.scores.all() if s.note]
    assert [(s.measurable, s.note) for s in noted] == [(ms["MQLs"].id, "webinar week")]
    week = noted[0].week.isoformat()
    rows = [
        row
        for m in demo_db.meetings.all()
        if m.snapshot.get("week") == week
        for row in m.snapshot.get("measurables", [])
        if row["id"] == ms["MQLs"].id
    ]
    assert rows and rows[0]["note"] == "webinar week" and rows[0]["trailing"]["kind"] == "total"
    gaps = []
    for m in demo_db.meetings.all():
        rating, score = rating_average(m.ratings), record_score(m).score
        if rating is not None and score is not None and abs(rating - score) >= 3:
            gaps.append(m.id)
    assert gaps  # e.g. the room rated 9, the record says 4: late, top issues not solved, to-dos not done
