"""The company calendar in five zones, across both DST weekends and around midnight.

Each test sets the company's zone (in the store, or only as the machine's ``TZ`` with none in the store) and an
injected instant; nothing depends on the date the tests run on.
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
from l10tui.domain.alignment import alignment_report
from l10tui.domain.calendar import SETTING, CompanyCalendar, CompanyClock, ZoneError, zone_named
from l10tui.domain.clock import FakeClock
from l10tui.domain.models import SegmentTime
from l10tui.domain.trends import meeting_points
from l10tui.meeting.opening import planned_start_for
from l10tui.store import L10Store, open_store

ZONES = ("America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "America/Adak", "Europe/London")
# Both DST weekends on each side of the Atlantic, an ordinary day, and a day in mid-winter.
DAYS = (date(2026, 3, 8), date(2026, 3, 29), date(2026, 10, 25), date(2026, 11, 1), date(2026, 12, 1))
TIMES = ((0, 10), (2, 38), (23, 50))


def at_local(zone: str, day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@pytest.fixture(params=["store", "machine"])
def how(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """'store': the store names the zone (machine on UTC); 'machine': TZ names it and the store names none."""
    yield str(request.param)
    monkeypatch.undo()
    time.tzset()


def use_zone(how: str, zone: str, db: L10Store, monkeypatch: pytest.MonkeyPatch) -> None:
    if how == "store":
        monkeypatch.setenv("TZ", "UTC")
        db.set_setting(SETTING, zone)
    else:
        monkeypatch.setenv("TZ", zone)
    time.tzset()


class Cli:
    def __init__(self, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.path = path
        self.mp = monkeypatch
        self.runner = CliRunner()

    def __call__(self, now: datetime, *args: str) -> str:
        self.mp.setenv("L10_NOW", now.isoformat())
        result = self.runner.invoke(main, ["--db", str(self.path), *args], catch_exceptions=False)
        assert result.exit_code == 0, result.output + (result.stderr if result.stderr_bytes else "")
        return result.output


@pytest.fixture
def cli(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.delenv("L10_TODAY", raising=False)
    monkeypatch.setenv("HOME", str(db_path.parent / "home"))
    return Cli(db_path, monkeypatch)


# -- the calendar itself ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("hm", TIMES)
def test_day_and_week_are_the_company_zone_s(zone: str, day: date, hm: tuple[int, int]) -> None:
    cal = CompanyCalendar.named(zone)
    instant = at_local(zone, day, *hm)
    assert cal.day(instant) == day
    assert cal.week(instant) == day - timedelta(days=day.weekday())
    assert cal.day(cal.at(day, *hm)) == day


@pytest.mark.parametrize(
    ("zone", "day", "utc_hour"),
    [
        ("America/New_York", date(2026, 3, 9), 13),  # EDT from Sunday 8 March
        ("America/New_York", date(2026, 11, 2), 14),  # EST from Sunday 1 November
        ("Europe/London", date(2026, 3, 30), 8),  # BST from Sunday 29 March
        ("Europe/London", date(2026, 10, 26), 9),
        ("America/Adak", date(2026, 3, 9), 18),  # HDT (-9)
        ("Asia/Kolkata", date(2026, 3, 9), 3),  # +05:30: 03:30 UTC
        ("Pacific/Kiritimati", date(2026, 3, 9), 19),  # +14: the Sunday before, 19:00 UTC
    ],
)
def test_planned_start_takes_the_planned_day_s_offset(zone: str, day: date, utc_hour: int) -> None:
    """Opened on the Saturday before the clocks change, a Monday 09:00 meeting is still at 09:00 local on Monday."""
    cal = CompanyCalendar.named(zone)
    saturday = day - timedelta(days=2)
    opened = at_local(zone, saturday, 12, 0)
    planned = planned_start_for("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", opened, calendar=cal)
    assert planned is not None
    assert cal.local(planned).hour == 9 and cal.day(planned) == day
    assert planned.hour == utc_hour


def test_new_york_saturday_before_dst_old_bug(monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case: the machine on New York, opened Saturday 7 March: 09:00 EDT (13:00 UTC), not 10:00 EDT."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        opened = datetime(2026, 3, 7, 17, 0, tzinfo=UTC)
        planned = planned_start_for("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", opened)
        assert planned == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_bad_zone_is_refused_and_an_unknown_one_falls_back_to_the_machine() -> None:
    with pytest.raises(ZoneError):
        zone_named("Mars/Olympus")
    with pytest.raises(ZoneError):
        zone_named("../../etc/passwd")
    assert not CompanyCalendar.named("Mars/Olympus").explicit
    assert CompanyCalendar.named("Asia/Kolkata").explicit


def test_company_clock_today_is_the_company_s_day(clock: FakeClock) -> None:
    clock.wall = datetime(2026, 11, 22, 21, 8, tzinfo=UTC)  # Monday 02:38 in Kolkata
    cal = CompanyCalendar.named("Asia/Kolkata")
    assert CompanyClock(clock, lambda: cal).today() == date(2026, 11, 23)


# -- issues, to-dos, scores through the CLI -----------------------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("day", DAYS)
@pytest.mark.parametrize("hm", TIMES)
def test_issue_age_and_created_day(
    zone: str, day: date, hm: tuple[int, int], how: str, cli: Cli, db: L10Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An issue added at 02:38 in Kolkata (or 23:50 in New York) is 0 days old and created that local day."""
    use_zone(how, zone, db, monkeypatch)
    now = at_local(zone, day, *hm)
    cli(now, "team", "add", "Sales")
    cli(now, "issue", "add", "Leads are late", "--team", "Sales")
    listed = cli(now + timedelta(minutes=1), "issue", "list")
    assert listed.splitlines()[1].rstrip().endswith(" 0d"), listed
    shown = cli(now + timedelta(minutes=1), "issue", "show", "I-1")
    assert f"created:   {day.isoformat()}" in shown
    next_day = CompanyCalendar.named(zone).at(day + timedelta(days=1), *hm)
    assert cli(next_day, "issue", "list").splitlines()[1].rstrip().endswith(" 1d")


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("day", DAYS)
def test_due_dates_and_score_week_count_company_days(
    zone: str, day: date, how: str, cli: Cli, db: L10Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_zone(how, zone, db, monkeypatch)
    late_evening = at_local(zone, day, 23, 50)
    cli(late_evening, "team", "add", "Sales")
    cli(late_evening, "person", "add", "Ana", "--team", "Sales")
    cli(late_evening, "measurable", "add", "Leads", "--owner", "Ana", "--goal", "10")
    added = json.loads(cli(late_evening, "todo", "add", "Call Acme", "--owner", "Ana", "--json"))
    assert added["due"] == (day + timedelta(days=7)).isoformat()
    tomorrow = json.loads(cli(late_evening, "todo", "add", "Call Bob", "--owner", "Ana", "--due", "tomorrow", "--json"))
    assert tomorrow["due"] == (day + timedelta(days=1)).isoformat()
    # just after midnight on the due day it is not late; just after midnight the day after, it is
    due_day = day + timedelta(days=1)
    assert " late" not in cli(at_local(zone, due_day, 0, 5), "todo", "list")
    assert " late" in cli(at_local(zone, due_day + timedelta(days=1), 0, 5), "todo", "list")
    saved = json.loads(cli(at_local(zone, day, 0, 10), "score", "set", "Leads", "5", "--week", "today", "--json"))
    assert saved["week"] == (day - timedelta(days=day.weekday())).isoformat()


# -- one meeting, one day: history, alignment and trends agree ------------------------------------------------------


def _meetings_store(db: L10Store, clock: FakeClock, zone: str) -> list[tuple[str, date]]:
    """Finished meetings at local 00:10, 19:00 (a Sunday evening) and 23:50, on and around both DST weekends."""
    clock.wall = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
    team = db.teams.add("Sales").id
    ana = db.people.add("Ana", [team]).id
    expected = []
    for day, hm in [
        (date(2026, 3, 8), (19, 0)),
        (date(2026, 3, 9), (0, 10)),
        (date(2026, 3, 29), (23, 50)),
        (date(2026, 10, 25), (0, 10)),
        (date(2026, 11, 1), (19, 0)),
        (date(2026, 11, 15), (23, 50)),
        (date(2026, 11, 22), (19, 0)),
    ]:
        start = at_local(zone, day, *hm)
        clock.wall = start
        m = db.meetings.add(
            teams=[team],
            planned_start=start,
            actual_start=start,
            actual_end=start + timedelta(minutes=90),
            attendance={ana: True},
            segments=[SegmentTime("IDS", 5400, 5400)],
            state="finished",
        )
        expected.append((m.id, day))
    return expected


@pytest.mark.parametrize("zone", ZONES)
def test_history_alignment_and_trends_agree_on_each_meeting_s_day(
    zone: str, how: str, cli: Cli, db: L10Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = dict(_meetings_store(db, clock, zone))
    use_zone(how, zone, db, monkeypatch)
    # "Today" is the Sunday evening of the last meeting, still Sunday in the company's zone.
    now = at_local(zone, date(2026, 11, 22), 21, 0)
    history = {row["meeting"]: row["date"] for row in json.loads(cli(now, "history", "--last", "50", "--json"))}
    aligned = json.loads(cli(now, "alignment", "--weeks", "52", "--json"))
    alignment = {row["meeting"]: row["date"] for row in aligned["meetings"]}
    fresh = open_store(db.path, clock)
    points = {p.meeting: p.day.isoformat() for p in meeting_points(fresh.meetings.all(), [], [], None, fresh.calendar)}
    want = {mid: day.isoformat() for mid, day in expected.items()}
    assert history == want
    assert alignment == want
    assert points == want
    # the Sunday meeting is in a one-week window on that Sunday
    one_week = json.loads(cli(now, "alignment", "--weeks", "1", "--json"))
    assert [row["date"] for row in one_week["meetings"]] == ["2026-11-22"]
    report = alignment_report(
        teams=fresh.teams.all(),
        people=fresh.people.all(),
        issues=[],
        meetings=fresh.meetings.all(),
        todos=[],
        measurables=[],
        scores=[],
        today=fresh.calendar.day(now),
        weeks=1,
        calendar=fresh.calendar,
    )
    assert [d for _, d in report.meetings] == [date(2026, 11, 22)]


def test_no_other_date_of_an_instant_in_the_product() -> None:
    """Every day of an instant goes through the company calendar: no ``.date()`` elsewhere in domain/, store/,
    meeting/, report/ or commands/ (dates.py reads typed text, clock.py is the clocks themselves)."""
    import re

    import l10tui

    root = Path(l10tui.__file__).parent
    files = [*(root / "domain").glob("*.py"), *(root / "store").glob("*.py"), *(root / "meeting").glob("*.py")]
    files += [*(root / "report").glob("*.py"), *(root / "commands").glob("*.py")]
    allowed = {"calendar.py", "clock.py", "dates.py"}
    found = [
        f"{f.name}:{n}: {line.strip()}"
        for f in files
        if f.name not in allowed
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.date\(\)|\.astimezone\(\)", line)
    ]
    assert found == []
