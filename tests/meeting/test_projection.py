"""The meeting's projected end, in five zones, on both DST nights and around midnight (injected clock only)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from l10tui.domain.calendar import SETTING
from l10tui.domain.clock import FakeClock
from l10tui.meeting import IDS, MeetingRun
from l10tui.meeting.projection import project
from l10tui.store import L10Store

ZONES = ("America/New_York", "Asia/Kolkata", "Pacific/Kiritimati", "America/Adak", "Europe/London")
STARTS = (
    (date(2026, 11, 1), 0, 45),  # the US fall-back night: the meeting ends after the clocks went back
    (date(2026, 3, 8), 1, 30),  # the US spring-forward night
    (date(2026, 10, 25), 0, 30),  # the European fall-back night
    (date(2026, 3, 29), 0, 30),  # the European spring-forward night
    (date(2026, 11, 30), 23, 0),  # ends after midnight
    (date(2026, 11, 30), 9, 0),
)


def hhmm(zone: str, instant: datetime) -> str:
    return instant.astimezone(ZoneInfo(zone)).strftime("%H:%M")


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize(("day", "hour", "minute"), STARTS)
def test_projected_end_follows_next_overrun_and_pause(
    zone: str, day: date, hour: int, minute: int, db: L10Store, clock: FakeClock
) -> None:
    db.set_setting(SETTING, zone)
    start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone)).astimezone(UTC)
    rule_day = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[start.astimezone(ZoneInfo(zone)).weekday()]
    team = db.teams.add("Sales")
    local = start.astimezone(ZoneInfo(zone))
    team.meeting_rule = f"FREQ=WEEKLY;BYDAY={rule_day};BYHOUR={local.hour};BYMINUTE={local.minute}"
    db.teams.save(team)
    db.people.add("Ana", [team.id])
    clock.wall = start
    run = MeetingRun.open(db, clock, team.id)
    assert run.late_s == pytest.approx(0)
    planned_end = start + timedelta(minutes=90)
    assert run.projection().planned_end == planned_end
    assert run.projection_text() == f"ends {hhmm(zone, planned_end)} · on time"

    clock.advance(120)  # Segue done in 2 of its 5 minutes: 3 minutes go to IDS, the end stays
    run.next_segment()
    assert run.ids_bonus_s == pytest.approx(180)
    assert run.segments()[IDS].planned_s == pytest.approx(63 * 60) and run.segments()[IDS].bonus_s == 180
    assert run.projection().projected_end == planned_end

    clock.advance(7 * 60)  # the scorecard runs 2 minutes over its 5
    assert run.projection().gap_s == pytest.approx(120)
    assert run.projection_text() == f"ends {hhmm(zone, planned_end + timedelta(minutes=2))} · 2 min over"

    run.toggle_pause()
    clock.advance(5 * 60)  # paused 5 minutes: the end moves with the clock
    assert run.projection_text() == f"ends {hhmm(zone, planned_end + timedelta(minutes=7))} · 7 min over"
    run.toggle_pause()

    for _ in range(3):  # Rocks, Headlines, To-dos each one minute instead of five: 12 more minutes for IDS
        run.next_segment()
        clock.advance(60)
    run.next_segment()
    assert run.current == IDS
    assert run.ids_bonus_s == pytest.approx(180 + 12 * 60)
    assert run.remaining() == pytest.approx((60 + 3 + 12) * 60)
    # Segue -3, Scorecard +2, Rocks..To-dos -12, paused 5: the time saved is IDS's, the end is still 7 min over
    assert run.projection().gap_s == pytest.approx(7 * 60)


def test_projection_without_a_planned_start_and_when_finished() -> None:
    now = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    p = project(now=now, start=now, planned_start=None, planned=[300.0] * 7, elapsed=[0.0] * 7, current=0, ids=5)
    assert p.planned_end == now + timedelta(minutes=35) and p.projected_end == p.planned_end
    done = project(
        now=now, start=now, planned_start=None, planned=[300.0] * 7, elapsed=[300.0] * 7, current=6, ids=5,
        finished=True,
    )  # fmt: skip
    assert done.projected_end == now


def test_one_duration_format_on_screen_and_in_the_export() -> None:
    from l10tui.domain.durations import duration_text
    from l10tui.meeting import mmss
    from l10tui.report import clock_text

    assert [duration_text(s) for s in (0, 59, 600, 3599, 3600, 3723)] == [
        "0:00",
        "0:59",
        "10:00",
        "59:59",
        "1:00:00",
        "1:02:03",
    ]
    assert duration_text(130, signed=True) == "+2:10" and duration_text(-130) == "-2:10"
    for s in (5.0, 299.0, 3600.0, 5400.0):
        assert mmss(s) == clock_text(s) == duration_text(int(s))
