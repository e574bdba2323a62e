"""The issues board, the to-dos and the rocks screens, driven with their keys; every check is on the store."""

from __future__ import annotations

from textual.widgets import Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.issues_board import IssuesBoardScreen
from l10tui.tui.widgets.dialogs import NewIssueDialog


def board(app: L10App) -> IssuesBoardScreen:
    screen = app.screen
    assert isinstance(screen, IssuesBoardScreen)
    return screen


async def test_add_issue_from_the_board(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # the Marketing panel
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewIssueDialog)
        assert dialog.query_one("#issue-team", Select).value == small["mkt"]  # the focused panel's team
        dialog.query_one("#issue-title", Input).value = "Webinar leads lack phone numbers"
        dialog.query_one("#issue-by", Select).value = small["ana"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert board(app).selected() is not None
    new = [i for i in db.issues.all() if i.title == "Webinar leads lack phone numbers"]
    assert len(new) == 1
    assert new[0].team == small["mkt"] and new[0].raised_by == small["ana"] and new[0].raised_by_team == small["sales"]
    assert new[0].rank == 2


async def test_edit_rank_move_drop(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert board(app).selected() == small["i1"]
        # re-rank: I-1 goes below I-3, then back up with "+"
        await pilot.press("shift+down")
        await pilot.pause()
        assert [i.id for i in db.issues.open_for(small["sales"])] == [small["i3"], small["i1"]]
        assert board(app).selected() == small["i1"]
        await pilot.press("plus")
        await pilot.pause()
        assert [i.id for i in db.issues.open_for(small["sales"])] == [small["i1"], small["i3"]]
        # edit the title
        await pilot.press("e")
        await pilot.pause()
        title = app.screen.query_one("#f-title", Input)
        title.value = "Leads go cold within a day"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert db.issues.get(small["i1"]).title == "Leads go cold within a day"
        # move it to Marketing
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("enter")  # the only other team
        await pilot.pause()
        assert db.issues.get(small["i1"]).team == small["mkt"]
        assert [i.id for i in db.issues.open_for(small["mkt"])] == [small["i2"], small["i1"]]
        # drop the one now selected on Sales (I-3), after a yes
        await pilot.press("shift+tab")
        await pilot.pause()
        panel = board(app).current_panel()
        assert panel is not None and panel.team.id == small["sales"]
        assert board(app).selected() == small["i3"]
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    dropped = db.issues.get(small["i3"])
    assert dropped.status == "dropped" and dropped.ended_at == clock.now()


async def test_merge_solve_and_long_term(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # I-3
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: I-1
        await pilot.pause()
        merged = db.issues.get(small["i3"])
        assert merged.status == "merged" and merged.merged_into == small["i1"]
        assert board(app).selected() == small["i1"]
        await pilot.press("l")
        await pilot.pause()
        assert db.issues.get(small["i1"]).status == "long-term"
        await pilot.press("L")  # the long-term list
        await pilot.pause()
        assert board(app).selected() == small["i1"]
        await pilot.press("l")  # back on the issues list
        await pilot.pause()
        assert db.issues.get(small["i1"]).status == "open"
        await pilot.press("L", "s")
        await pilot.pause()
        app.screen.query_one("#solve-text", Input).value = "Call within 4 hours"
        app.screen.query_one("#solve-todo-1", Input).value = "Set up the 4-hour alert"
        app.screen.query_one("#solve-owner-1", Select).value = small["ana"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    solved = db.issues.get(small["i1"])
    assert solved.status == "solved" and solved.solution == "Call within 4 hours"
    (todo_id,) = solved.todos
    todo = db.todos.get(todo_id)
    assert todo.title == "Set up the 4-hour alert" and todo.owner == small["ana"] and todo.source_issue == solved.id


async def test_issue_added_by_another_process_appears(
    db: L10Store, db_path: object, clock: FakeClock, small: dict[str, str]
) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        other = open_store(db.path, clock)  # a second process's view of the same file
        added = other.issues.add("Pricing page is out of date", team=small["sales"], raised_by_team=small["mkt"])
        app.poll_store()
        await pilot.pause()
        panel = board(app).panels()[0]
        assert added.id in [str(r.value) for r in panel.table.rows]


async def test_narrow_terminal_shows_one_team_at_a_time(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        screen = board(app)
        assert screen.has_class("-narrow")
        shown = [p.team.id for p in screen.panels() if p.display and p.has_class("-current")]
        assert shown == [small["sales"]]
        await pilot.press("right")
        await pilot.pause()
        current = screen.current_panel()
        assert current is not None and current.team.id == small["mkt"]
        assert screen.selected() == small["i2"]
        await pilot.press("x", "y")  # keys act on the team shown
        await pilot.pause()
    assert db.issues.get(small["i2"]).status == "dropped"


async def test_change_made_while_a_dialog_was_open_shows_after_it(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        added = open_store(db.path, clock).issues.add("Added meanwhile", team=small["sales"])
        app.poll_store()  # the dialog is on top: the board hears nothing yet
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        panel = board(app).panels()[0]
        assert added.id in [str(r.value) for r in panel.table.rows]
