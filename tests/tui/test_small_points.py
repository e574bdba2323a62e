"""The smaller rough edges of the projector run (issue 13, points 9, 12 and 13); each test fails on the old code."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from tests.meeting.small_store import build_small
from textual.widgets import Input, Static

from l10tui.domain.clock import FakeClock
from l10tui.meeting import CONCLUDE, IDS
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.status import possessive
from l10tui.tui.widgets.dialogs import ConfirmDialog, HeadlineDialog
from l10tui.tui.widgets.row_table import RowTable


def make_app(tmp_path: Path, clock: FakeClock, start: str = "meeting") -> tuple[L10App, L10Store]:
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    kwargs = {"tz": UTC} if start == "meeting" else {}
    app = L10App(db=db, clock=clock, start=start, start_kwargs=kwargs)
    app.animation_level = "none"
    return app, db


def test_possessive() -> None:
    assert possessive("Sales") == "Sales'"
    assert possessive("Marketing") == "Marketing's"


async def test_q_leaves_the_app_from_home(tmp_path: Path, clock: FakeClock) -> None:
    app, _ = make_app(tmp_path, clock, start="home")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert app._exit  # asked nothing


async def test_headline_dialog_opens_on_its_text(tmp_path: Path, clock: FakeClock) -> None:
    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HeadlineDialog)
        assert isinstance(app.focused, Input) and app.focused.id == "hl-text"
        await pilot.press("W", "o", "n", "space", "a")
        assert app.focused.value == "Won a"


async def test_drop_names_the_issue_and_leave_at_conclude_says_so(tmp_path: Path, clock: FakeClock) -> None:
    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "Leads are junk" in dialog.title_text or "Sales ignores MQLs" in dialog.title_text
        await pilot.press("n")
        await pilot.press("n")  # to Conclude
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "before Conclude" not in dialog.title_text


async def test_rating_moves_on_past_an_absent_person(tmp_path: Path, clock: FakeClock) -> None:
    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        for _ in range(CONCLUDE):
            await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        table = screen.query_one("#ratings", RowTable)
        table.move_cursor(row=1, animate=False)
        await pilot.press("a")  # the second person is away
        await pilot.pause()
        absent = table.selected_key
        assert absent is not None and not screen.run.present(absent)
        table.move_cursor(row=0, animate=False)
        await pilot.press("r")
        await pilot.pause()
        for key in ("9", "enter"):
            await pilot.press(key)
        await pilot.pause()
        assert table.cursor_row == 2, "the cursor stopped on the absent person"
        assert isinstance(screen.query_one("#conclude-average", Static), Static)
