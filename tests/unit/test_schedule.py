"""The week a meeting reports, the next meeting, moved and skipped weeks, the routine kept, late starts.

Five zones, both DST weekends and around midnight; the clock is injected, never the date the tests run on.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from l10tui.cli import main
from l10tui.domain.calendar import SETTING, CompanyCalendar
from l10tui.domain.clock import FakeClock
from l10tui.domain.schedule import (
    WeekChange,
    next_meeting_status,
    reported_week,
    reported_week_label,
    weeks_in_a_row,
)
from l10tui.meeting import MeetingRun, OffSlot
from l10tui.store import L10Store, open_store, schedule

ZONES = ("America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "America/Adak", "Europe/London")
MONDAY_9 = "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"
# Mondays right after each DST weekend, and an ordinary one
MONDAYS = (date(2026, 3, 9), date(2026, 3, 30), date(2026, 10, 26), date(2026, 11, 2), date(2026, 11, 30))


def at_local(zone: str, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.fixture(autouse=True)
def machine_on_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# -- the reported week -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("monday", MONDAYS)
def test_reported_week_of_a_monday_meeting_is_last_week(zone: str, monday: date) -> None:
    cal = CompanyCalendar.named(zone)
    for hm in ((0, 10), (9, 0), (23, 50)):
        day = cal.day(at_local(zone, monday, *hm))
        assert reported_week(day) == monday - timedelta(weeks=1)
        assert reported_week(day, "own") == monday
    friday = monday + timedelta(days=4)
    assert reported_week(cal.day(at_local(zone, friday, 23, 50)), "own") == monday
    assert reported_week_label(monday - timedelta(weeks=1), monday) == f"Wk {(monday - timedelta(weeks=1)).day} " + (
        monday - timedelta(weeks=1)
    ).strftime("%b")
    assert reported_week_label(monday, friday) == "This wk"


class Cli:
    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path, self.mp, self.runner = path, monkeypatch, CliRunner()

    def __call__(self, now: datetime, *args: str, code: int = 0) -> str:
        self.mp.setenv("L10_NOW", now.isoformat())
        result = self.runner.invoke(main, ["--db", str(self.path), *args], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result.output


@pytest.fixture
def cli(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.delenv("L10_TODAY", raising=False)
    return Cli(db_path, monkeypatch)


@pytest.mark.parametrize("zone", ZONES)
def test_score_set_and_csv_import_default_to_the_reported_week(zone: str, cli: Cli, tmp_path: Path) -> None:
    """Tuesday 00:10 local (still Monday in UTC west of Greenwich, Tuesday east): last week, per the team."""
    tuesday = date(2026, 12, 1)
    now = at_local(zone, tuesday, 0, 10)
    cli(now, "team", "zone", zone)
    cli(now, "team", "add", "Sales")
    cli(now, "team", "add", "Ops", "--day", "friday", "--time", "16:00", "--reports", "own")
    cli(now, "person", "add", "Ana", "--team", "Sales")
    cli(now, "person", "add", "Oli", "--team", "Ops")
    cli(now, "measurable", "add", "Leads", "--owner", "Ana", "--goal", "10", "--team", "Sales")
    cli(now, "measurable", "add", "Tickets", "--owner", "Oli", "--goal", "10", "--team", "Ops")
    saved = json.loads(cli(now, "score", "set", "Leads", "7", "--json"))
    assert saved["week"] == "2026-11-23"  # the week a meeting today reports: the one that ended Sunday
    own = json.loads(cli(now, "score", "set", "Tickets", "3", "--json"))
    assert own["week"] == "2026-11-30"  # Ops reports its meeting's own week
    csv = tmp_path / "n.csv"
    csv.write_text("Leads,9\nTickets,4\nLeads,2026-11-16,5\n", encoding="utf-8")
    cli(now, "score", "import", str(csv))
    db = open_store(cli.path)
    got = {(db.measurables.get(s.measurable).name, s.week.isoformat()): s.value for s in db.scores.all()}
    assert got == {
        ("Leads", "2026-11-23"): 9.0,
        ("Tickets", "2026-11-30"): 4.0,
        ("Leads", "2026-11-16"): 5.0,
    }


def test_engine_meeting_scorecard_reports_last_week_in_every_zone(db: L10Store, clock: FakeClock) -> None:
    team = db.teams.add("Sales").id
    ana = db.people.add("Ana", [team]).id
    leads = db.measurables.add("Leads", owner=ana, goal=10, teams=[team]).id
    for zone in ZONES:
        db.set_setting(SETTING, zone)
        for monday in MONDAYS:
            clock.wall = at_local(zone, monday, 9, 3)
            run = MeetingRun.open(db, clock, team)
            assert run.today == monday
            assert run.reported_week == monday - timedelta(weeks=1)
            run.set_score(leads, 12)
            assert db.scores.grid([monday - timedelta(weeks=1)]).get((leads, monday - timedelta(weeks=1))) == 12
            assert run.late_s == pytest.approx(180)  # against 09:00 of the planned day's own offset
            run.finish(backup=False)


def test_demo_latest_meeting_shows_last_week_all_entered(demo_db: L10Store) -> None:
    from l10tui import report

    latest = max(
        (m for m in demo_db.meetings.all() if m.state == "finished"), key=lambda m: m.actual_start or m.created_at
    )
    lk = report.Lookup.for_meetings(demo_db, [latest])
    text = report.meeting_markdown(latest, lk)
    day = report.meeting_day(latest, demo_db.calendar.zone)
    assert day.weekday() == 0
    assert f"## Scorecard, week of {(day - timedelta(weeks=1)).isoformat()}" in text
    assert "not entered" not in text
    assert report.meeting_json(latest, lk)["scorecard_week"] == (day - timedelta(weeks=1)).isoformat()


def test_home_missing_numbers_are_the_reported_week_s(db: L10Store, clock: FakeClock) -> None:
    from l10tui.tui.screens.home import home_facts

    team = db.teams.add("Sales").id
    ana = db.people.add("Ana", [team]).id
    leads = db.measurables.add("Leads", owner=ana, goal=10, teams=[team]).id
    clock.wall = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # Tuesday
    db.scores.set(leads, date(2026, 11, 23), 11)  # last week's number is in
    facts = home_facts(db, clock.now(), db.today())
    assert facts.week == date(2026, 11, 23) and facts.missing == []
    schedule.set_reports(db, team, "own")
    facts = home_facts(db, clock.now(), db.today())
    assert facts.week == date(2026, 11, 30) and [m[0] for m in facts.missing] == [leads]


# -- next meeting, moved and skipped weeks, the routine ---------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("monday", MONDAYS)
def test_next_meeting_skips_a_held_week_and_says_due_or_late(zone: str, monday: date) -> None:
    cal = CompanyCalendar.named(zone)
    start = at_local(zone, monday, 8, 0)
    # Monday's 08:00-08:50 meeting held: at 08:55 the next one is next Monday 09:00
    nxt = next_meeting_status(MONDAY_9, start + timedelta(minutes=55), cal, [start])
    assert nxt.state == "upcoming" and nxt.slot is not None
    assert cal.local(nxt.slot.at).date() == monday + timedelta(weeks=1) and cal.local(nxt.slot.at).hour == 9
    # nothing held: at 09:12 it is due now, 12 minutes late; on Wednesday it is 2 days late
    due = next_meeting_status(MONDAY_9, at_local(zone, monday, 9, 12), cal, [])
    assert (due.state, due.text(cal)) == ("due", "due now, 12 min late")
    late = next_meeting_status(MONDAY_9, at_local(zone, monday + timedelta(days=2), 9, 5), cal, [])
    assert late.state == "late" and late.text(cal).startswith("not held yet, 2 days late")
    # Sunday 23:50 before it: upcoming, tomorrow 09:00 local
    sunday = next_meeting_status(MONDAY_9, at_local(zone, monday - timedelta(days=1), 23, 50), cal, [])
    assert sunday.state == "upcoming" and sunday.slot is not None and cal.day(sunday.slot.at) == monday
    # a skipped week is passed over; a moved one is at its new time
    skipped = {monday: WeekChange(monday, skipped=True, reason="holiday")}
    s = next_meeting_status(MONDAY_9, at_local(zone, monday, 9, 30), cal, [], skipped)
    assert s.state == "upcoming" and s.slot is not None and cal.day(s.slot.at) == monday + timedelta(weeks=1)
    moved_to = at_local(zone, monday + timedelta(days=1), 10, 0)
    moved = {monday: WeekChange(monday, moved_to=moved_to)}
    m = next_meeting_status(MONDAY_9, at_local(zone, monday, 9, 30), cal, [], moved)
    assert m.state == "upcoming" and m.slot is not None and m.slot.at == moved_to and "(moved)" in m.text(cal)


def test_weeks_in_a_row_counts_held_weeks_and_passes_over_skipped_ones() -> None:
    cal = CompanyCalendar.named("Europe/London")
    mondays = [date(2026, 8, 31) + timedelta(weeks=k) for k in range(13)]  # the last one is 23 Nov
    held = [at_local("Europe/London", d, 9, 2) for d in mondays if d != date(2026, 10, 26)]
    skipped = {date(2026, 10, 26): WeekChange(date(2026, 10, 26), skipped=True)}
    now = at_local("Europe/London", date(2026, 11, 24), 12, 0)
    assert weeks_in_a_row(MONDAY_9, now, cal, held, skipped) == 12
    assert weeks_in_a_row(MONDAY_9, now, cal, held) == 4  # without the skip, the missed week broke the run
    # Monday 30 Nov at 09:30, not held yet: due now does not break the run
    assert weeks_in_a_row(MONDAY_9, at_local("Europe/London", date(2026, 11, 30), 9, 30), cal, held, skipped) == 12


@pytest.mark.parametrize("zone", ZONES)
def test_a_meeting_far_from_its_slot_asks_moved_or_extra(zone: str, db: L10Store, clock: FakeClock) -> None:
    """Starting the Monday team's meeting on Tuesday evening: not '36 h 7 min late'."""
    db.set_setting(SETTING, zone)
    team = db.teams.add("Sales").id
    db.people.add("Ana", [team])
    tuesday = at_local(zone, date(2026, 11, 24), 21, 7)
    clock.wall = tuesday
    assert MeetingRun.off_slot_question(db, clock, team) is not None
    with pytest.raises(OffSlot) as asked:
        MeetingRun.open(db, clock, team)
    assert "move that meeting to now, or hold an extra one?" in asked.value.question
    assert db.meetings.all() == []  # nothing written on the question
    moved = MeetingRun.open(db, clock, team, off_slot="moved")
    assert moved.meeting.planned_start == tuesday and moved.late_s == 0
    assert schedule.changes(db, team)[date(2026, 11, 23)].moved_to == tuesday
    moved.finish(backup=False)
    clock.wall = tuesday + timedelta(hours=3)
    extra = MeetingRun.open(db, clock, team, off_slot="extra")
    assert extra.meeting.planned_start is None and extra.late_s is None
    assert extra.meeting.id in schedule.extra_meetings(db, team)
    extra.finish(backup=False)
    # within two hours of the slot nothing is asked and the late start is against the slot
    clock.wall = at_local(zone, date(2026, 11, 30), 9, 40)
    assert MeetingRun.off_slot_question(db, clock, team) is None
    run = MeetingRun.open(db, clock, team)
    assert run.late_s == pytest.approx(40 * 60)


@pytest.mark.parametrize("zone", ZONES)
def test_team_skip_and_move_ahead_of_time(zone: str, cli: Cli, db_path: Path) -> None:
    now = at_local(zone, date(2026, 12, 1), 12, 0)  # Tuesday
    cli(now, "team", "zone", zone)
    cli(now, "team", "add", "Sales")
    cli(now, "team", "skip", "Sales", "--week", "2026-12-21", "--reason", "holidays")
    out = cli(now, "team", "move", "Sales", "--week", "2026-12-07", "--to", "tue 10:00")
    assert "moved to Tue 8 Dec 10:00" in out
    cli(now, "team", "move", "Sales", "--week", "2026-12-07", "--to", "someday 10:00", code=1)
    db = open_store(db_path)
    changes = schedule.changes(db, db.teams.lookup("Sales").id)
    assert changes[date(2026, 12, 21)].skipped and changes[date(2026, 12, 21)].reason == "holidays"
    moved = changes[date(2026, 12, 7)].moved_to
    assert moved == at_local(zone, date(2026, 12, 8), 10, 0)
    # a meeting started at the moved time is on time, not 25 h late
    clock = FakeClock(wall=moved + timedelta(minutes=1))
    run = MeetingRun.open(open_store(db_path, clock), clock, "Sales")
    assert run.late_s == pytest.approx(60)


def test_team_edit_minutes_and_reports(cli: Cli) -> None:
    now = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    cli(now, "team", "add", "Sales", "--minutes", "5,5,5,5,5,45,5")
    out = cli(now, "team", "edit", "Sales", "--minutes", "5,5,5,5,5,50,10", "--reports", "own")
    assert "5+5+5+5+5+50+10 = 85 min" in out and "the meeting's own week" in out
    cli(now, "team", "edit", "Sales", "--minutes", "5,5", code=1)
    cli(now, "team", "edit", "Sales", "--minutes", "5,5,5,5,5,0,5", code=1)


def test_history_shows_moved_extra_and_skipped_weeks(cli: Cli, db_path: Path) -> None:
    """A moved meeting is late only against its new time, an extra one has no late start; both say so in history
    (text and --json), a skipped week is listed, and the trends' on-time start follows the moved time."""
    from l10tui.domain.trends import meeting_points

    now = datetime(2026, 11, 16, 8, 0, tzinfo=UTC)
    cli(now, "team", "zone", "Europe/London")
    cli(now, "team", "add", "Sales")
    cli(now, "person", "add", "Ana", "--team", "Sales")
    cli(now, "team", "skip", "Sales", "--week", "2026-11-16", "--reason", "offsite")
    clock = FakeClock(wall=datetime(2026, 11, 24, 18, 0, tzinfo=UTC))  # Tuesday evening, the Monday team
    db = open_store(db_path, clock)
    MeetingRun.open(db, clock, "Sales", off_slot="moved").finish(backup=False)
    clock.wall = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
    MeetingRun.open(db, clock, "Sales", off_slot="extra").finish(backup=False)
    later = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
    rows = {r["meeting"]: r for r in json.loads(cli(later, "history", "--json"))}
    assert rows["MT-1"]["week_note"] == "moved" and rows["MT-1"]["started_late_s"] == 0
    assert rows["MT-2"]["week_note"] == "extra" and rows["MT-2"]["started_late_s"] is None
    text = cli(later, "history")
    assert "2026-11-24 moved" in text and "2026-11-26 extra" in text
    assert "skipped: Sales, week of 2026-11-16 (offsite)" in text
    assert "planned 18:00 (this week's meeting, moved)" in cli(later, "export", "MT-1")
    assert "an extra meeting (no planned start)" in cli(later, "export", "MT-2")
    points = meeting_points(db.meetings.all(), [], [], None, db.calendar)
    assert [p.started_on_time for p in points] == [True, None]


def test_people_and_teams_form_edits_minutes_and_reported_week(db: L10Store) -> None:
    from l10tui.domain.rules import InputError
    from l10tui.tui.screens.people import save_team

    t = save_team(db, None, {"name": "Ops", "day": "4", "time": "16:00", "minutes": "5,5,5,5,5,50,5", "reports": "own"})
    assert t.agenda_minutes == [5, 5, 5, 5, 5, 50, 5] and schedule.reports(db, t.id) == "own"
    t = save_team(
        db, t.id, {"name": "Ops", "day": "4", "time": "16:00", "minutes": "10 5 5 5 5 60 5", "reports": "previous"}
    )
    assert sum(t.agenda_minutes) == 95 and schedule.reports(db, t.id) == "previous"
    with pytest.raises(InputError):
        save_team(db, t.id, {"name": "Ops", "day": "4", "time": "16:00", "minutes": "5,5", "reports": ""})
    assert db.teams.get(t.id).agenda_minutes == [10, 5, 5, 5, 5, 60, 5]  # nothing written on refusal
