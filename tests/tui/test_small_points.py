"""The smaller rough edges of the projector run (issue 13, points 9, 12 and 13); each test fails on the old code."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from tests.meeting.small_store import build_small
from textual.pilot import Pilot
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
    tmp_path.mkdir(parents=True, exist_ok=True)
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    kwargs = {"tz": UTC} if start == "meeting" else {}
    app = L10App(db=db, clock=clock, start=start, start_kwargs=kwargs)
    app.animation_level = "none"
    return app, db


async def goto(pilot: Pilot[None], segment: int) -> None:
    """From Segue to ``segment`` with n, as the facilitator does."""
    for _ in range(segment):
        await pilot.press("n")
    await pilot.pause()


@pytest.mark.parametrize(("name", "owned"), [("Sales", "Sales'"), ("Marketing", "Marketing's")])
def test_possessive(name: str, owned: str) -> None:
    assert possessive(name) == owned


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
        await goto(pilot, IDS)
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
        await goto(pilot, CONCLUDE)
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


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
async def test_dialogs_keep_the_top_bar_timer_and_title_in_view(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int]
) -> None:
    """Old code: an app-wide ``Screen`` background made every dialog opaque (the room lost the timer), and the
    Solve dialog scrolled its issue title away at 80x24."""
    from tests.tui.contrast import screen_text
    from textual.widgets import Button

    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await goto(pilot, IDS)
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        for _ in range(4):
            await pilot.press("tab")  # down to the to-dos: the title must stay in view
        await pilot.pause()
        lines = screen_text(app)
        assert "L10" in lines[0] and "IDS" in lines[0], lines[0]
        timer = app.screen_stack[-2].query_one("#timer-digits")
        assert any(ch not in " " for ch in lines[timer.region.y][timer.region.x : timer.region.right])
        title = app.screen.query_one("#dialog-title")
        assert "Solve:" in "\n".join(lines[title.region.y : title.region.bottom])
        save = app.screen.query_one("#dialog-save", Button)
        assert save.region.y >= 0 and save.region.bottom <= size[1]


async def test_errors_keep_the_focus_on_the_field_at_fault(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: rating 11 + enter moved on to the reason box; a bad due date said nothing of which to-do."""
    from textual.widgets import Select

    from l10tui.tui.widgets.dialogs import NewIssueDialog, RatingDialog, SolveDialog

    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await goto(pilot, CONCLUDE)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RatingDialog)
        await pilot.press("1", "1", "enter")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "rating-score"
        assert "Rating" in str(app.screen.query_one("#dialog-error", Static).render())
        await pilot.press("backspace", "backspace", "5")
        assert app.focused.value == "5"
        await pilot.press("escape")
        await pilot.press("p")  # back to IDS
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SolveDialog)
        dialog.query_one("#solve-text", Input).value = "Call within a day"
        dialog.query_one("#solve-todo-2", Input).value = "Write the SLA"
        owner = dialog.query_one("#solve-owner-2", Select)
        owner.value = owner._options[-1][1]
        dialog.query_one("#solve-due-2", Input).value = "someday maybe"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.focused, Input) and app.focused.id == "solve-due-2"
        assert "To-do 2 (Write the SLA)" in str(dialog.query_one("#dialog-error", Static).render())
        await pilot.press("escape")
        await pilot.press("i")
        await pilot.pause()
        issue = app.screen
        assert isinstance(issue, NewIssueDialog)
        issue.query_one("#issue-title", Input).value = "Quotes are slow"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is issue, "an issue raised by (nobody) was saved"
        assert app.focused is issue.query_one("#issue-by")


async def test_rock_done_at_quarter_end_and_unpick_a_slot(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: no key marked a rock done in the meeting, and no key emptied a top-3 slot."""
    app, db = make_app(tmp_path, clock)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n", "n")  # rock review
        await pilot.pause()
        rock = screen.selected_row()
        assert rock is not None
        await pilot.press("y")
        await pilot.pause()
        found = db.rocks.find(rock)
        assert found is not None and found.final == "done"
        await goto(pilot, IDS - 2)
        await pilot.press("1")
        assert screen.run.top3[0] is not None
        await pilot.press("1")
        assert screen.run.top3[0] is None


async def test_focus_survives_a_resize_to_40x12_and_back_in_every_segment(tmp_path: Path, clock: FakeClock) -> None:
    """Old code: in IDS nothing had the focus after 40x12 and back (it went to a panel being removed)."""
    app, _ = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for segment in range(CONCLUDE + 1):
            if segment:
                await pilot.press("n")
            await pilot.pause()
            await pilot.resize_terminal(40, 12)
            await pilot.pause()
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            assert app.focused is not None, f"segment {segment}: nothing has the focus"
            assert isinstance(app.focused, RowTable) and app.focused.is_attached


async def test_keys_typed_before_a_dialog_is_ready_reach_it(tmp_path: Path, clock: FakeClock) -> None:
    """A burst (tmux send-keys, a loaded machine): i and the title, all queued before any is handled. Old code: the
    letters went to the screen under the dialog (or fired its keys) and the title stayed empty."""
    from textual import events

    from l10tui.tui.widgets.dialogs import NewIssueDialog

    app, db = make_app(tmp_path, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        before = len(db.issues.all())
        burst = [("i", "i")] + [(ch if ch != " " else "space", ch) for ch in "Quotes slow"]
        for key, char in burst:
            app.post_message(events.Key(key, char))
        for _ in range(5):
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewIssueDialog)
        assert dialog.query_one("#issue-title", Input).value == "Quotes slow"
        assert len(db.issues.all()) == before


@pytest.mark.parametrize("width", [80, 100, 120])
async def test_home_key_line_never_breaks_inside_an_entry(tmp_path: Path, clock: FakeClock, width: int) -> None:
    """Old code: at 120 columns the home key line wrapped mid-phrase ("people &" / "teams")."""
    from tests.tui.contrast import screen_text

    from l10tui.tui.screens.home import HOME_KEYS

    app, _ = make_app(tmp_path, clock, start="home")
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        keys = app.screen.query_one("#home-keys")
        lines = screen_text(app)[keys.region.y : keys.region.bottom]
        shown = list(lines)
        for key, what in HOME_KEYS:
            assert any(f"{key} {what}" in line for line in shown), (key, what, shown)
