"""Rough edges found by driving the real app in tmux (tests/e2e), each checked here fast with Pilot on the demo
company: what a person in the room must be able to read at 100x30 and 80x24."""

from __future__ import annotations

from datetime import UTC

import pytest
from textual.widgets import DataTable, Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.widgets.dialogs import SolveDialog


def _visible(app: L10App, widget: object) -> bool:
    """The widget is inside the screen's area (not pushed off to the right or below)."""
    region = widget.region  # type: ignore[attr-defined]
    return region.width > 0 and region.right <= app.size.width and region.bottom <= app.size.height


async def test_solve_dialog_shows_each_todo_owner_and_due(demo_db: L10Store, clock: FakeClock) -> None:
    """The to-do rows of the Solve dialog put title, owner and due side by side, all on screen (the owner was
    pushed off the right edge, so nobody could see whom the to-do went to)."""
    for size in ((100, 30), (80, 24)):
        app = L10App(db=demo_db, clock=clock)
        async with app.run_test(size=size) as pilot:
            people = [(p.name, p.id) for p in demo_db.people.active()]
            app.push_screen(SolveDialog("CRM data quality", people, clock.today()))
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, SolveDialog)
            for n in (1, 2):
                title = dialog.query_one(f"#solve-todo-{n}", Input)
                owner = dialog.query_one(f"#solve-owner-{n}", Select)
                due = dialog.query_one(f"#solve-due-{n}", Input)
                for w in (title, owner, due):
                    assert _visible(app, w), (size, w.id, w.region)
                assert title.region.width >= 20 and owner.region.width >= 14 and due.region.width >= 12
                assert title.region.right <= owner.region.x and owner.region.right <= due.region.x


async def test_rock_review_status_reads_at_80x24(demo_db: L10Store, clock: FakeClock) -> None:
    """With the demo's long rock titles the status column (what the room reports) ran off an 80-column screen."""
    from l10tui.tui.screens.meeting import MeetingScreen

    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        await pilot.press("n", "n")
        await pilot.pause()
        rocks = screen.query_one("#rocks", DataTable)
        widths = [c.get_render_width(rocks) for c in rocks.columns.values()]
        assert list(rocks.columns)[1].value == "st"
        assert rocks.region.x + sum(widths[:2]) <= app.size.width, widths


async def test_meeting_at_100_columns_shows_what_the_room_reports(demo_db: L10Store, clock: FakeClock) -> None:
    """At 100x30 with the demo company: this week's scorecard column, each rock's status and every team's IDS
    panel are on screen (the agenda sidebar took the room they needed)."""
    from l10tui.meeting import IDS
    from l10tui.tui.screens.meeting import MeetingScreen
    from l10tui.tui.widgets.issue_panel import IssuePanel

    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n")
        await pilot.pause()
        grid = screen.query_one("#scorecard")
        table = grid.query_one("#score-table", DataTable)
        await pilot.pause()
        widths = [column.get_render_width(table) for column in table.columns.values()]
        keys = [key.value for key in table.columns]
        # the week the meeting reports is the newest, on the right (issue 20): the grid scrolls there, names pinned
        at = keys.index(screen.run.reported_week.isoformat())
        assert at == len(keys) - 1 and table.fixed_columns == 1
        start = sum(widths[:at]) - table.scroll_x
        assert start >= widths[0] and table.region.x + start + widths[at] <= app.size.width, (widths, table.scroll_x)
        await pilot.press("n")
        await pilot.pause()
        rocks = screen.query_one("#rocks", DataTable)
        widths = [c.get_render_width(rocks) for c in rocks.columns.values()]
        # the status column (second, after the title) reads whole: "· not reported" is its longest
        assert list(rocks.columns)[1].value == "st"
        assert rocks.region.x + sum(widths[:2]) <= app.size.width, widths
        for _ in range(IDS - 2):
            await pilot.press("n")
        await pilot.pause()
        assert screen.run.current == IDS
        panels = list(screen.query(IssuePanel))
        assert len(panels) == 3
        # every panel can be reached: side by side (each on screen) or one tab at a time
        shown = [p for p in panels if p.region.width > 0]
        assert shown and all(_visible(app, p) for p in shown)
        assert len(shown) == 3 or screen.query("TabbedContent")


async def test_letters_typed_right_after_tab_land_in_the_next_field(demo_db: L10Store, clock: FakeClock) -> None:
    """A terminal hands a burst of keys over at once (tmux, a paste, a fast typist): tab then letters. The letters
    must reach the field tab moved to, not the one it left (a list, where they were lost)."""
    from textual import events

    from l10tui.tui.widgets.dialogs import HeadlineDialog

    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(HeadlineDialog([(p.name, p.id) for p in demo_db.people.active()]))
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, HeadlineDialog)
        assert dialog.focused is dialog.query_one("#hl-text", Input)  # it opens on its text now (issue 13)
        dialog.query_one("#hl-kind", Select).focus()
        await pilot.pause()
        for key, char in [("tab", None), ("h", "h"), ("i", "i")]:
            app.post_message(events.Key(key, char))  # all queued before any is handled
        await pilot.pause()
        await pilot.pause()
        assert dialog.query_one("#hl-text", Input).value == "hi"


async def test_home_shows_every_way_out_at_80x24(demo_db: L10Store, clock: FakeClock) -> None:
    """The footer is cut at 80-100 columns (history, trends, Sales-Marketing, people were out of sight): home
    lists every destination key in its body, and each of them is a real key of home (or the app's ?)."""
    from textual.widgets import Static

    from l10tui.tui.screens.home import HOME_KEYS, HomeScreen

    bound = {b.key for b in HomeScreen.BINDINGS if not isinstance(b, tuple)} | {"?"}
    assert {k for k, _ in HOME_KEYS} <= bound
    assert {"m", "b", "s", "r", "t", "y", "g", "a", "e"} <= {k for k, _ in HOME_KEYS}
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = app.screen.query_one("#home-keys", Static)
        assert _visible(app, keys)
        text = str(keys.render())
        for key, what in HOME_KEYS:
            assert f"{key} {what}" in text


async def test_help_lists_back_only_where_escape_goes_back(demo_db: L10Store, clock: FakeClock) -> None:
    """? on home (the first screen) does not offer "esc Back" (it did nothing there) nor Textual's copy key;
    on a screen opened from home it does offer Back, and escape goes back."""
    from l10tui.tui.screens.help import HelpScreen
    from l10tui.tui.screens.home import HomeScreen

    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        shown = dict(help_screen.rows)
        assert "Back" not in shown.values() and "Copy selected text" not in shown.values()
        assert shown.get("m") == "Meeting"
        assert [k for k, _ in help_screen.rows if k in ("^p", "ctrl+p")] == ["ctrl+p"]  # the palette once, not twice
        await pilot.press("escape")
        await pilot.press("b")
        await pilot.pause()
        board = app.screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen) and "Back" in dict(app.screen.rows).values()
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not board and isinstance(app.screen, HomeScreen)


async def test_setup_examples_do_not_look_like_values(db: L10Store, clock: FakeClock) -> None:
    """The company box showed "Acme Ltd" (a placeholder, grey) beside prefilled teams and time (real values), so
    create said "company name is empty" about a box that looked filled; the examples now read as examples."""
    from textual.widgets import TextArea

    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        company = app.screen.query_one("#setup-company", Input)
        assert company.value == "" and str(company.placeholder).startswith("your company")
        people = app.screen.query_one("#setup-people", TextArea)
        assert people.text == "" and "e.g." in str(people.placeholder)


def _notices(app: L10App) -> list[str]:
    return [n.message for n in app._notifications]


async def test_between_meeting_actions_say_what_they_changed(demo_db: L10Store, clock: FakeClock) -> None:
    """The notice after an action names the record in words ("R-4: on" told nobody which rock, "I-12 moved" not
    where to)."""
    app = L10App(db=demo_db, clock=clock, start="rocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#rocks-table", DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        rock = demo_db.rocks.find(str(key))
        assert rock is not None
        await pilot.press("f")
        await pilot.pause()
        assert any(rock.title in m and "off track" in m for m in _notices(app)), _notices(app)
    app = L10App(db=demo_db, clock=clock, start="todos")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#todos-table", DataTable)
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        todo = demo_db.todos.find(str(key))
        assert todo is not None
        await pilot.press("space")
        await pilot.pause()
        assert any(todo.title in m and "done" in m for m in _notices(app)), _notices(app)
    app = L10App(db=demo_db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        moved = [m for m in _notices(app) if " moved to " in m]
        assert moved and moved[0].split(" moved to ")[1] in {t.name for t in demo_db.teams.active()}, _notices(app)


async def test_ids_drop_and_long_term_say_so(demo_db: L10Store, clock: FakeClock) -> None:
    """In IDS, x (after its question) and l took the issue off the panel without a word."""
    from l10tui.meeting import IDS
    from l10tui.tui.screens.meeting import MeetingScreen

    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(IDS):
            await pilot.press("n")
        for _ in range(5):
            await pilot.pause()
        first = screen.selected_issue()
        assert first is not None
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert f"{first} dropped (history keeps it)" in _notices(app)
        second = screen.selected_issue()
        assert second is not None and second != first
        await pilot.press("l")
        await pilot.pause()
        assert f"{second} moved to the long-term list" in _notices(app)


async def test_ids_survives_keys_while_its_panels_are_built(
    demo_db: L10Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a loaded machine the app crashed (NoMatches: no RowTable in IssuePanel) when the screen asked a team
    panel for its table before the panel had built it: entering IDS focuses the first table at once, and 1 2 3
    ask for the issue under the cursor. Here the panels never build their table: keys must not crash."""
    from textual.app import ComposeResult
    from textual.widgets import Static

    from l10tui.meeting import IDS
    from l10tui.tui.screens.meeting import MeetingScreen
    from l10tui.tui.widgets.issue_panel import IssuePanel

    def unbuilt(self: IssuePanel) -> ComposeResult:
        yield Static(self._title(), classes="panel-title")  # the title, not the table yet

    monkeypatch.setattr(IssuePanel, "compose", unbuilt)
    monkeypatch.setattr(IssuePanel, "_build", lambda self: None)
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.press("1", "2", "x", "l")
        for _ in range(3):
            await pilot.pause()
        assert app.screen is screen and screen.run.current == IDS and screen.run.top3 == [None, None, None]


async def test_todo_review_moves_on_to_the_next_todo(demo_db, clock) -> None:  # type: ignore[no-untyped-def]
    """People report their to-dos in turn: after y / u the cursor is on the next one, as ratings do."""
    from l10tui.tui.app import L10App
    from l10tui.tui.widgets.row_table import RowTable

    app = L10App(db=demo_db, clock=clock, start="meeting")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(4):
            await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        table = screen.view(screen.run.current).main_table()  # type: ignore[attr-defined]
        assert isinstance(table, RowTable) and table.row_count >= 2
        first = table.selected_key
        await pilot.press("y")
        await pilot.pause()
        assert table.cursor_row == 1 and table.selected_key != first
        reviewed = demo_db.todos.get(first)
        assert reviewed.reviews and reviewed.reviews[-1].done
