"""Issue #20 in the app: ctrl+z undoes the last change, rocks reopen and edit, Home moves the cursor, to-dos are
reassigned, refused forms keep what was typed. Each fails on the code before issue #20 (no such key or action)."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App


async def test_ctrl_z_undoes_the_last_change_by_name(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    db.issues.drop(small["i1"], "by mistake")
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+z")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert db.issues.get(small["i1"]).status == "open"
        shown = [n.message for n in app._notifications]
        assert f"undo: dropped {small['i1']}" in shown
        await pilot.press("ctrl+z")  # the one before: the small company's last change, to T-1
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "undo: changed T-1" in [n.message for n in app._notifications]


async def test_rocks_home_edit_and_reopen(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    db.rocks.add("Second rock", owner=small["ben"], team=small["mkt"], quarter="2026-Q4")
    app = L10App(db=db, clock=clock, start="rocks")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#rocks-table", DataTable)
        table.move_cursor(row=table.row_count - 1)
        last = str(table.coordinate_to_cell_key((table.row_count - 1, 0)).row_key.value)
        await pilot.press("home")
        assert table.cursor_row == 0
        first = str(table.coordinate_to_cell_key((0, 0)).row_key.value)
        await pilot.press("d")
        await pilot.pause()
        assert first != last and db.rocks.get(first).final == "done" and db.rocks.get(last).final is None
        await pilot.press("r")
        await pilot.pause()
        assert db.rocks.get(first).final is None
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-owner", Select).value = small["cy"]
        app.screen.query_one("#f-due", Input).value = "not a date"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # refused: the form is back with what was typed
        assert app.screen.query_one("#f-due", Input).value == "not a date"
        app.screen.query_one("#f-due", Input).value = "2026-12-18"
        await pilot.press("ctrl+s")
        await pilot.pause()
        rock = db.rocks.get(first)
        assert (rock.owner, rock.due) == (small["cy"], date(2026, 12, 18))


async def test_reassign_a_todo(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="todos")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#todos-table", DataTable)
        key = str(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-owner", Select).value = small["cy"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert db.todos.get(key).owner == small["cy"]


async def test_measurable_form_keeps_input_on_error(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        app.screen.action_new_measurable()
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Demos booked"
        app.screen.query_one("#f-goal", Input).value = "lots"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#f-name", Input).value == "Demos booked"
        assert "goal is not a number" in str(app.screen.query_one("#form-note").render())
        app.screen.query_one("#f-goal", Input).value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert db.measurables.lookup("Demos booked").goal == 12


async def test_numbers_typed_straight_into_the_grid(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    from datetime import timedelta

    from tests.tui.between_data import screen_text

    from l10tui.domain.dates import week_monday

    this_week = week_monday(clock.today())
    db.measurables.add("Revenue booked this week", owner=small["ana"], goal=150000, unit="$")
    db.scores.set("M-4", this_week - timedelta(weeks=12), 199000)
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        # 13 weeks at 120 columns, oldest on the left, newest on the right (as l10 score show), compact numbers
        oldest = (this_week - timedelta(weeks=12)).strftime("%d %b")
        header = next(line for line in shown.splitlines() if "this wk" in line)
        assert oldest in header and header.index(oldest) < header.index("this wk")
        assert "✓ 199k" in shown and "$199,000" not in shown
        await pilot.press("left", *"118", "enter")  # last week's cell: the digits open its editor
        await pilot.pause()
        assert db.scores.grid([this_week - timedelta(weeks=1)])[(small["mql"], this_week - timedelta(weeks=1))] == 118
        await pilot.press("enter")  # the editor shows the current value
        label = str(app.screen.query_one("#score-editor-label").render())
        assert "(now 118)" in label and "week of" in label
        await pilot.press("escape", "down", *"7", "enter")  # next row, same week
        await pilot.pause()
        assert db.scores.grid([this_week - timedelta(weeks=1)])[(small["sql"], this_week - timedelta(weeks=1))] == 7


async def test_raising_team_asked_and_edited(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    from l10tui.tui.widgets.dialogs import NewIssueDialog

    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewIssueDialog)
        dialog.query_one("#issue-title", Input).value = "CRM is slow"
        dialog.query_one("#issue-by", Select).value = small["cy"]  # Cy is in Sales and Marketing
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#f-by_team", Select).value = small["mkt"]  # asked which team raised it
        await pilot.press("ctrl+s")
        await pilot.pause()
        new = next(i for i in db.issues.all() if i.title == "CRM is slow")
        assert (new.raised_by, new.raised_by_team) == (small["cy"], small["mkt"])
    # and who raised an issue can be changed later, from the board's edit form
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        key = str(app.screen.current_panel().table.coordinate_to_cell_key((0, 0)).row_key.value)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-raised_by_team", Select).value = Select.NULL
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert db.issues.get(key).raised_by_team is None


async def test_retire_and_move_a_measurable(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert app.screen.grid.selected_id == small["mql"]
        await pilot.press("shift+down")  # MQLs one place down
        await pilot.pause()
        assert [m.id for m in db.measurables.ordered()][:2] == [small["sql"], small["mql"]]
        assert app.screen.grid.selected_id == small["mql"]
        await pilot.press("x", "y")  # refused: the conversion rate is computed from MQLs
        await pilot.pause()
        assert db.measurables.get(small["mql"]).active
        await pilot.press("down")  # the conversion rate itself
        assert app.screen.grid.selected_id == small["conv"]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not db.measurables.get(small["conv"]).active
        assert small["conv"] not in [m.id for m in app.screen.grid.data.measurables]
