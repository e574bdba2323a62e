"""Issue 19 in the app, with Pilot pressing real keys: the scorecard's trailing column and range goals, ``c`` writes
a one-line note on a number (a marker on the cell, the note in the line below), the meeting's Scorecard takes a
note into the snapshot, and at Conclude the record score stands beside the average and ``?`` says what a 10 means.

Every test fails on the code before issue 19 (no ``c``, no trailing column, no record score, no rubric).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from rich.text import Text
from tests.meeting.small_store import build_small
from tests.tui.between_data import fill_small
from textual.widgets import Input, Label, Static

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import week_monday
from l10tui.meeting import CONCLUDE
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.help import HelpScreen
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.screens.scorecard import ScorecardScreen


@pytest.fixture
def small(db: L10Store, today: date) -> dict[str, str]:
    return fill_small(db, today)


def plain_text(widget: Static | Label) -> str:
    shown = widget.render()
    return shown.plain if isinstance(shown, Text) else str(shown)


async def test_c_writes_a_note_on_a_number_shown_with_a_marker_and_below(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    last_week = week_monday(clock.today()) - timedelta(weeks=1)
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        grid = screen.grid
        assert grid.selected_id == small["mql"]
        await pilot.press("left")  # last week's cell (the cursor starts on this week)
        assert grid.selected_week == last_week
        await pilot.press("c")
        await pilot.pause()
        box = screen.query_one("#score-input", Input)
        assert box.has_focus and box.value == ""
        await pilot.press(*"webinar week", "enter")
        await pilot.pause()
        await pilot.pause()
        assert [(s.week, s.note) for s in db.scores.all() if s.note] == [(last_week, "webinar week")]
        grid = screen.grid
        row = grid.table.get_row(small["mql"])
        assert any(isinstance(c, Text) and c.plain.strip().endswith("46*") for c in row)  # 35 + 11, noted
        note = screen.query_one("#score-note", Label)
        assert note.display and "MQLs, week of" in plain_text(note) and "webinar week" in plain_text(note)
        # a bad note is refused in the editor, nothing written
        before = db.path.read_bytes()
        await pilot.press("c")
        await pilot.pause()
        box.value = "bad\x1b[2J"
        await pilot.press("enter")
        await pilot.pause()
        assert db.path.read_bytes() == before
        await pilot.press("escape")
        # the trailing column: MQLs are a count (total 13w), the derived rate an average (avg 4w)
        headers = [str(c.label).strip() for c in grid.table.columns.values()]
        assert headers.index("Trailing") == headers.index("this wk") + 1  # beside the weeks it sums up
        assert grid.table.get_cell(small["mql"], "trailing").plain.strip() == "tot13 486 12/13"  # 35 + 36 + ... + 46
        assert grid.table.get_cell(small["conv"], "trailing").plain.strip().startswith("avg4 ")


async def test_c_on_an_empty_week_says_enter_the_number_first(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        before = db.path.read_bytes()
        await pilot.press("c")  # this week: nobody entered it yet
        await pilot.pause()
        assert not app.screen.query_one("#score-editor").has_class("-open")
        assert db.path.read_bytes() == before


async def test_the_measurable_form_takes_a_range_and_a_trailing_choice(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    from l10tui.tui.screens.scorecard import save_measurable

    values = {
        "name": "Demos",
        "owner": small["ana"],
        "teams": "Sales",
        "goal": "10-16",
        "op": ">=",
        "unit": "",
        "num": "",
        "den": "",
        "percent": "yes",
        "trailing": "avg13",
    }
    m = save_measurable(db, None, values)
    assert (m.op, m.goal, m.goal_high, m.trailing) == ("range", 10.0, 16.0, "avg13")
    from l10tui.domain.rules import InputError

    before = db.path.read_bytes()
    with pytest.raises(InputError, match="written backwards"):
        save_measurable(db, m.id, {**values, "goal": "16-10"})
    assert db.path.read_bytes() == before


def meeting_app(tmp_path: Path) -> tuple[L10App, FakeClock, L10Store]:
    clock = FakeClock(wall=datetime(2026, 11, 23, 9, 4, tzinfo=UTC), mono=5000.0)
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    app.animation_level = "none"
    return app, clock, db


async def test_a_note_in_the_meetings_scorecard_goes_into_the_snapshot(tmp_path: Path) -> None:
    app, _clock, db = meeting_app(tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n")
        await pilot.pause()
        run = screen.run
        entered = next(m for m in run.measurables() if m.formula is None)
        grid = screen.query_one("#scorecard")
        grid.table.select_key(entered.id)  # type: ignore[attr-defined]
        if grid.value(entered.id) is None:  # type: ignore[attr-defined]
            await pilot.press("e", *"42", "enter")
            await pilot.pause()
        await pilot.press("c", *"trade show", "enter")
        await pilot.pause()
        await pilot.pause()
        saved = db.meetings.get(run.meeting.id)
        row = next(r for r in saved.snapshot["measurables"] if r["id"] == entered.id)
        assert row["note"] == "trade show" and "trailing" in row
        headers = [str(c.label).strip() for c in grid.table.columns.values()]  # type: ignore[attr-defined]
        assert headers[:4] == ["Measurable", "Who", "Goal", "Trailing"]


async def test_conclude_shows_the_record_score_and_question_mark_the_rubric(tmp_path: Path) -> None:
    app, _clock, _db = meeting_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(CONCLUDE):
            await pilot.press("n")
            await pilot.pause()
        await pilot.press("r", "1", "0", "enter")
        await pilot.pause()
        screen.refresh_data()
        await pilot.pause()
        record = plain_text(screen.query_one("#conclude-record", Static))
        assert record.startswith("Record says ")
        assert "✗ started on time (4 min late)" in record  # the room started at 09:04
        assert "(room 10.0, gap" in record
        for name in ("ended on time", "every segment held", "top issues solved", "to-dos done at 90 %"):
            assert name in record
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rubric = plain_text(app.screen.query_one("#help-extra", Static))
        assert rubric.startswith("What a 10 means") and "started on time, ended on time" in rubric
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")  # another segment's help has no rubric
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert not app.screen.query("#help-extra")
