"""``l10 team calendar``: the .ics parsed back and expanded by hand (RRULE with dateutil, EXDATE and RECURRENCE-ID
overrides applied, times read through the file's own VTIMEZONE) gives the same next ten meetings as the app's own
"next meeting" rules (domain/schedule.py), in two zones and across a DST change; refusals write nothing."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest
from cli_helpers import Cli, Company
from dateutil.rrule import rrulestr

from l10tui.domain.clock import FakeClock
from l10tui.domain.schedule import next_meeting_status
from l10tui.domain.team_calendar import upcoming_meetings
from l10tui.store import open_store, schedule

GOLDEN = Path(__file__).parent / "golden" / "team-calendar-sales.ics"
NOW = datetime(2027, 2, 1, 6, 0, tzinfo=UTC)  # a Monday morning, before the meeting; DST starts in March


def expand(data: bytes, now: datetime, count: int) -> list[datetime]:
    """The file's next ``count`` occurrences from ``now`` (UTC), as a calendar client computes them."""
    cal = icalendar.Calendar.from_ical(data)
    zones = {str(tz["TZID"]): tz.to_tz() for tz in cal.walk("VTIMEZONE")}
    events = cal.walk("VEVENT")
    assert len({str(e["UID"]) for e in events}) == 1  # the series and its overrides are one event

    def when(prop: icalendar.prop.vDDDTypes) -> datetime:
        value = prop.dt
        tzid = prop.params.get("TZID")
        if tzid is not None:  # read the wall time through the file's own VTIMEZONE, not the machine's zone data
            return value.replace(tzinfo=zones[str(tzid)])
        return value

    master = next(e for e in events if "RECURRENCE-ID" not in e)
    start = when(master["DTSTART"])
    rule = rrulestr(master["RRULE"].to_ical().decode(), dtstart=start)
    exdates = master.get("EXDATE", [])
    skipped = {when(d).astimezone(UTC) for ex in (exdates if isinstance(exdates, list) else [exdates]) for d in ex.dts}
    moved = {
        when(e["RECURRENCE-ID"]).astimezone(UTC): when(e["DTSTART"]).astimezone(UTC) for e in events if e is not master
    }
    out: list[datetime] = []
    for occ in rule:
        regular = occ.astimezone(UTC)
        if regular in skipped:
            continue
        at = moved.get(regular, regular)
        if at >= now:
            out.append(at)
        if len(out) >= count + 2:
            break
    return sorted(out)[:count]


def _setup(cli: Cli, zone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10_NOW", NOW.isoformat())
    cli.ok("team", "zone", zone)
    cli.ok("team", "skip", "Sales", "--week", "2027-02-15", "--reason", "Half term")
    cli.ok("team", "move", "Sales", "--week", "2027-03-29", "--to", "wed 14:00", "--reason", "Offsite")
    cli.ok("team", "move", "Sales", "--week", "2027-01-18", "--to", "tue 10:00")  # before the series: left out


@pytest.mark.parametrize("zone", ["Europe/London", "America/New_York"])
def test_the_file_gives_the_apps_next_ten_meetings(
    cli: Cli,
    company: Company,
    clock: FakeClock,
    zone: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    _setup(cli, zone, monkeypatch)
    target = tmp_path_factory.mktemp("out") / "sales.ics"
    said = cli.ok("team", "calendar", "Sales", "-o", str(target)).stdout
    assert "Wrote Sales's weekly meeting" in said

    got = expand(target.read_bytes(), NOW, 10)
    db = open_store(cli.store, clock)
    team = db.teams.lookup("Sales")
    cal = db.calendar
    changes = schedule.changes(db, team.id)
    want = [s.at for s in upcoming_meetings(team.meeting_rule, NOW, cal, changes, 10)]
    assert got == want
    # home's "next meeting" is the first of them
    nxt = next_meeting_status(team.meeting_rule, NOW, cal, [], changes)
    assert nxt.state == "upcoming" and nxt.slot is not None and nxt.slot.at == want[0]
    # the skipped week is left out, the moved one is where it moved, and the clocks change within the ten
    assert all(cal.week(w) != date(2027, 2, 15) for w in want)
    assert cal.local(want[7]).strftime("%a %-d %b %H:%M") == "Wed 31 Mar 14:00"
    assert {cal.local(w).strftime("%a %H:%M") for i, w in enumerate(want) if i != 7} == {"Mon 09:00"}
    assert len({cal.local(w).utcoffset() for w in want}) == 2  # winter and summer time


def test_the_file_for_a_fixed_day_is_this_text(cli: Cli, company: Company, monkeypatch: pytest.MonkeyPatch) -> None:
    _setup(cli, "Europe/London", monkeypatch)
    raw = cli.ok("team", "calendar", "Sales").stdout_bytes
    out = raw.decode("utf-8")
    assert "BEGIN:VTIMEZONE" in out and "TZID:Europe/London" in out
    assert "RRULE:FREQ=WEEKLY;BYDAY=MO" in out and "EXDATE;TZID=Europe/London:20270215T090000" in out
    assert "RECURRENCE-ID;TZID=Europe/London:20270329T090000" in out and "20270119" not in out
    golden = GOLDEN
    if os.environ.get("L10_UPDATE_GOLDEN"):
        golden.write_bytes(raw)
    assert raw == golden.read_bytes()
    assert out.endswith("END:VCALENDAR\r\n") and "\n" not in out.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in out.split("\r\n"))  # RFC 5545 folding
    js = cli.json("team", "calendar", "Marketing")
    assert js["rrule"] == "FREQ=WEEKLY;BYDAY=TU" and js["ics"].startswith("BEGIN:VCALENDAR")
    assert js["next"][0] == "2027-02-02T10:30:00+00:00"


def test_refusals_write_nothing(
    cli: Cli, company: Company, clock: FakeClock, tmp_path_factory: pytest.TempPathFactory
) -> None:
    db = open_store(cli.store, clock)
    with db.transaction():
        ops = db.teams.add("Ops")
        ops.meeting_rule = ""
        db.teams.save(ops)
    target = tmp_path_factory.mktemp("out") / "ops.ics"
    cli.fail("team", "calendar", "Ops", "-o", str(target), match="has no weekly meeting time")
    assert not target.exists()
    cli.fail("team", "calendar", "Nobody", match="")
    # never into the store's folder tree, never over a store, a backup or an archive
    inside = cli.store.parent / "sales.ics"
    cli.fail("team", "calendar", "Sales", "-o", str(inside), match="store's folder tree")
    assert not inside.exists()
    elsewhere = tmp_path_factory.mktemp("copy") / "l10.json"
    elsewhere.write_bytes(cli.store.read_bytes())
    before = elsewhere.read_bytes()
    cli.fail("team", "calendar", "Sales", "-o", str(elsewhere), match="holds an l10 store")
    assert elsewhere.read_bytes() == before


def test_a_machine_zone_without_an_iana_name_writes_utc_instants(company: Company, clock: FakeClock) -> None:
    from datetime import timedelta, timezone

    from l10tui.commands.calendar import build_ics
    from l10tui.domain.calendar import CompanyCalendar
    from l10tui.domain.team_calendar import series_plan

    cal = CompanyCalendar(timezone(timedelta(hours=-3)), "local", explicit=False)
    team = company.db.teams.lookup("Sales")
    plan = series_plan(team.name, team.meeting_rule, NOW.date(), cal, {}, team.agenda_minutes)
    data = build_ics(team, plan, cal, NOW)
    assert b"VTIMEZONE" not in data and b"DTSTART:20270201T120000Z" in data  # 09:00 at UTC-3
    want = [s.at for s in upcoming_meetings(team.meeting_rule, NOW, cal, {}, 10)]
    assert expand(data, NOW, 10) == want
