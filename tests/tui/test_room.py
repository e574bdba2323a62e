"""``l10 room``: the room view follows a meeting that another "process" drives, through the store alone.

The engine runs on its own store object with a fake clock and writes its checkpoints to the same file the room app
reads (Pilot); attendees rate and vote through the store service as ``l10 rate`` / ``l10 vote`` do. The room never
writes the file. Fails on the code before issue 15 (there was no room view, no focus checkpoint, no votes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.meeting.small_store import Small, build_small
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static

from l10tui.domain.clock import FakeClock
from l10tui.meeting import CONCLUDE, IDS, MeetingRun
from l10tui.store import open_store, seats
from l10tui.tui.room import RoomApp


def _setup(tmp_path: Path) -> tuple[Small, FakeClock, Path]:
    clock = FakeClock(wall=datetime(2026, 11, 23, 8, 30, tzinfo=UTC), mono=5000.0)
    path = tmp_path / "l10.json"
    small = build_small(open_store(path, clock), clock.today())
    return small, clock, path


def text_of(app: RoomApp, selector: str) -> str:
    """What the widget shows on the screen now, as plain text."""
    widget = app.query_one(selector, Static)
    strips = widget.render_lines(Region(0, 0, widget.outer_size.width, widget.outer_size.height))
    return "\n".join(strip.text for strip in strips)


def row_line(table: str, needle: str) -> str:
    return next(line for line in table.splitlines() if needle in line)


async def until(pilot: Pilot[None], cond: Callable[[], bool], what: str) -> None:
    for _ in range(200):
        if cond():
            await pilot.pause()  # let the layout follow the new content
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the room did not show {what} in 4 s")


async def test_room_follows_the_meeting(tmp_path: Path) -> None:
    small, clock, path = _setup(tmp_path)
    app = RoomApp(path, clock=clock, poll_s=0.05, tz=UTC)
    async with app.run_test(size=(140, 40)) as pilot:
        await until(pilot, lambda: app.snapshot is not None, "anything")
        assert app.snapshot is not None and app.snapshot.state == "waiting"
        assert "Waiting for Sales + Marketing's meeting to start, today 09:00" in text_of(app, "#room-wait-text")

        engine_db = open_store(path, clock)  # the facilitator's `l10 meet`, another process
        run = MeetingRun.open(engine_db, clock, tz=UTC)
        run.goto(1)
        run.note_focus(small.calls)
        assert not run.tick()  # goto just wrote: the focus waits for the throttle
        clock.advance(0.5)
        assert run.tick()
        await until(pilot, lambda: app.snapshot is not None and app.snapshot.focus == small.calls, "the scorecard")
        assert app.snapshot.current == 1
        assert app.snapshot.focus == small.calls
        table = text_of(app, "#room-table")
        assert row_line(table, "Calls").startswith("▶") and not row_line(table, "Revenue").startswith("▶")
        assert "2/7 Scorecard" in text_of(app, "#room-bar")

        clock.advance(61)  # the timer runs on between checkpoints
        app.tick()
        await pilot.pause()
        assert "Scorecard · 5 min" in text_of(app, "#timer-caption")
        assert app.snapshot.remaining(clock.monotonic()) == pytest.approx(300 - 61.5, abs=0.5)

        run.goto(IDS)
        seats.vote(open_store(path, clock), small.issue_m1, "Dan")  # `l10 vote I-.. --as Dan`
        run.sync_seats()
        run.pick(1, small.issue_m1)
        run.start_issue(small.issue_m1)
        await until(pilot, lambda: app.snapshot is not None and app.snapshot.issue == small.issue_m1, "the issue")
        clock.advance(90)
        app.tick()
        await pilot.pause()
        assert "Sales ignores MQLs" in text_of(app, "#room-issue") and "1:30 of 10:00" in text_of(app, "#room-issue")
        line = row_line(text_of(app, "#room-table"), "Sales ignores MQLs")
        assert line.startswith("▶") and "#1" in line and "1 vote" in line
        assert "#1 Sales ignores MQLs" in text_of(app, "#room-top3")

        run.goto(CONCLUDE)
        seats.rate(open_store(path, clock), "Bob", 6, why="we ran over")  # `l10 rate 6 --as Bob --why ...`
        await until(pilot, lambda: "we ran over" in text_of(app, "#room-table"), "Bob's rating")
        run.sync_seats()
        run.rate(small.ann, 9)
        await until(pilot, lambda: "✓ 9" in text_of(app, "#room-table"), "Ann's rating")
        assert "Average: 7.5" in text_of(app, "#room-footer")

        run.finish(backup=False)
        await until(pilot, lambda: app.snapshot is not None and app.snapshot.state == "finished", "the summary")
        assert "Rating: 7.5 (goal 8+)" in text_of(app, "#room-wait-text")

        before = path.read_bytes()
        reads = app.reads
        clock.advance(31)  # past the periodic re-read: it reads again and still writes nothing
        await until(pilot, lambda: app.reads > reads, "a fresh read")
        assert path.read_bytes() == before
        assert not list(tmp_path.glob("l10.json.*.tmp"))


async def test_room_refuses_to_write(tmp_path: Path) -> None:
    small, clock, path = _setup(tmp_path)
    app = RoomApp(path, clock=clock, poll_s=0.05)
    with pytest.raises(Exception, match="never writes"):
        with app.db.transaction():
            pass
    assert small.db.path.exists()


SIZES = [(80, 24), (160, 45)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "160x45"])
@pytest.mark.parametrize("state", ["waiting", "ids"])
def test_room_snapshot(snap_compare: object, tmp_path: Path, size: tuple[int, int], state: str) -> None:
    small, clock, path = _setup(tmp_path)
    if state == "ids":
        run = MeetingRun.open(open_store(path, clock), clock, tz=UTC)
        run.goto(IDS)
        seats.vote(open_store(path, clock), small.issue_s1, "Ann")
        run.sync_seats()
        run.pick(1, small.issue_s1)
        run.pick(2, small.issue_m2)
        run.start_issue(small.issue_s1)
    app = RoomApp(path, clock=clock, poll_s=0.05, tz=UTC)
    app.animation_level = "none"

    async def run_before(pilot: Pilot[None]) -> None:
        await until(pilot, lambda: app.snapshot is not None, "anything")
        clock.advance(75)
        app.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run_before)  # type: ignore[operator]


async def test_user_text_is_never_markup(tmp_path: Path) -> None:
    small, clock, path = _setup(tmp_path)
    db = open_store(path, clock)
    with db.transaction():
        db.issues.add("[bold red]Boom[/] and [link=http://x]click[/link]", team=small.sales)
    run = MeetingRun.open(open_store(path, clock), clock, tz=UTC)
    run.goto(IDS)
    app = RoomApp(path, clock=clock, poll_s=0.05, tz=UTC)
    async with app.run_test(size=(160, 40)) as pilot:
        await until(pilot, lambda: app.snapshot is not None and app.snapshot.current == IDS, "IDS")
        assert "[bold red]Boom[/] and [link=http://x]click[/link]" in text_of(app, "#room-table")
