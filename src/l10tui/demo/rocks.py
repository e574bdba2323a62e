"""The demo's rocks: last quarter's and this quarter's set at the quarterly planning, the SDR rock's milestones
and their ticks, and each meeting's rock review (on or off track, closed when the story says so)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from l10tui.domain.dates import quarter_first_day, quarter_last_day, quarter_of
from l10tui.meeting.run import MeetingRun
from l10tui.store import milestones

from .cast import FACILITATOR, LAST_QUARTER_ROCKS, ROCKS, SDR_MILESTONES
from .state import Demo, Meet


def rocks_at(d: Demo, quarter: str) -> datetime:
    """Rocks are set at the quarterly planning: the quarter's first day (never before set-up, never after now)."""
    moment = d.time.local(quarter_first_day(quarter), 11, 0)
    return min(max(moment, d.time.setup_at + timedelta(hours=1)), d.time.now - timedelta(hours=1))


def add_rocks(d: Demo, quarter: str) -> None:
    if quarter == d.time.quarter:
        for spec in ROCKS:
            d.clock.advance(120)
            d.rock[spec.key] = d.db.rocks.add(
                spec.title,
                owner=d.person[spec.owner],
                team=d.team[spec.team],
                quarter=quarter,
                by=d.person[FACILITATOR],
            ).id
        return
    held = [day for day in d.time.meeting_days if quarter_of(day) == quarter]
    for title, owner, team, final in LAST_QUARTER_ROCKS:
        d.clock.advance(120)
        rock = d.db.rocks.add(
            title,
            owner=d.person[owner],
            team=d.team[team],
            quarter=quarter,
            due=quarter_last_day(quarter),
            by=d.person[FACILITATOR],
        )
        d.rock[f"last:{title}"] = rock.id
        if not held:  # no meeting of that quarter in the demo: the rock arrives closed
            d.db.rocks.set_status(rock.id, final, quarter_last_day(quarter))


def milestone_due(d: Demo, days: int) -> date:
    first, last = quarter_first_day(d.time.quarter), quarter_last_day(d.time.quarter)
    return min(max(d.time.today + timedelta(days=days), first), last)


def add_milestones(d: Demo) -> None:
    """The SDR rock's dated milestones, set at the quarterly planning."""
    for title, days, _done in SDR_MILESTONES:
        d.clock.advance(60)
        milestones.add(d.db.rocks, d.rock["sdr"], title, milestone_due(d, days))


def milestone_ticks(d: Demo) -> list[tuple[int, datetime]]:
    """When Marco ticks the done ones: the afternoon before each is due (after the planning, before now)."""
    start = rocks_at(d, d.time.quarter) + timedelta(minutes=25)  # after add_milestones (5 minutes long)
    out = []
    for n, (_title, days, done) in enumerate(SDR_MILESTONES, start=1):
        if done:
            moment = d.time.local(milestone_due(d, days) - timedelta(days=1), 15, 0)
            out.append((n, min(max(moment, start + timedelta(minutes=n)), d.time.now - timedelta(minutes=10))))
    return out


def tick_milestone(d: Demo, n: int) -> None:
    milestones.set_done(d.db.rocks, f"{d.rock['sdr']}.{n}")


def review_rocks(d: Demo, run: MeetingRun, meet: Meet) -> None:
    """Each of the meeting's rocks on or off track (closed done / not done when the story says so)."""
    quarter = quarter_of(meet.day)
    held = [day for day in d.time.meeting_days if quarter_of(day) == quarter]
    nth = held.index(meet.day)
    shown = {r.id for r in run.rocks()}
    if quarter == d.time.quarter:
        for spec in ROCKS:
            rock = d.db.rocks.get(d.rock[spec.key]) if spec.key in d.rock else None
            if rock is None or rock.final is not None or rock.id not in shown:
                continue
            status = "off" if d.rng.random() < spec.p_off else "on"
            if nth < spec.off_first or meet.index >= len(d.time.meeting_days) - spec.off_last:
                status = "off"
            d.clock.advance(15)
            if spec.done_at is not None and nth == min(spec.done_at, len(held) - 1):
                run.set_rock(rock.id, "on")
                run.set_rock(rock.id, "done")
            else:
                run.set_rock(rock.id, status)
    elif quarter == d.time.last_quarter:
        last = nth == len(held) - 1
        for title, _, _, final in LAST_QUARTER_ROCKS:
            rock_id = d.rock[f"last:{title}"]
            if rock_id not in shown:
                continue
            status = "on" if final == "done" or d.rng.random() < 0.4 else "off"
            d.clock.advance(15)
            run.set_rock(rock_id, status)
            if last:
                run.set_rock(rock_id, final)
