"""The between-meetings screens driven with their keys on the demo store; every check is on the store.

Records are found by name (the demo may grow), and an issue added by ``l10 issue add`` in another process while the
board is open shows up on it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from textual.widgets import DataTable, Input, OptionList

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import week_monday
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.home import HomeScreen
from l10tui.tui.screens.issues_board import IssuesBoardScreen
from l10tui.tui.screens.rocks import RocksScreen
from l10tui.tui.screens.scorecard import ScorecardScreen
from l10tui.tui.screens.todos import TodosScreen


async def test_board_on_the_demo(demo_db: L10Store, clock: FakeClock) -> None:
    sales = demo_db.teams.lookup("Sales").id
    marketing = demo_db.teams.lookup("Marketing").id
    before = [i.id for i in demo_db.issues.open_for(sales)]
    assert len(before) >= 3
    app = L10App(db=demo_db, clock=clock, start="issues")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        board = app.screen
        assert isinstance(board, IssuesBoardScreen)
        assert board.selected() == before[0]
        await pilot.press("shift+down")
        await pilot.pause()
        assert [i.id for i in demo_db.issues.open_for(sales)][:2] == [before[1], before[0]]
        await pilot.press("v")  # the choices: every other team; pick Marketing
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = labels.index("Marketing")
        await pilot.press("enter")
        await pilot.pause()
        assert demo_db.issues.get(before[0]).team == marketing
        await pilot.press("shift+tab")  # back to Sales, whose top issue is now before[1]
        await pilot.pause()
        assert board.selected() == before[1]
        await pilot.press("x", "y")
        await pilot.pause()
        assert demo_db.issues.get(before[1]).status == "dropped"
        # another terminal: l10 issue add, while the board is open
        env = {**os.environ, "L10_TODAY": "2026-11-23"}
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "l10tui",
                "--db",
                str(demo_db.path),
                "issue",
                "add",
                "Trade-show leads lost",
                "--team",
                "Sales",
                "--by-team",
                "Marketing",
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        app.poll_store()
        await pilot.pause()
        added = [i for i in demo_db.issues.open_for(sales) if i.title == "Trade-show leads lost"]
        assert len(added) == 1 and added[0].raised_by_team == marketing
        panel = next(p for p in board.panels() if p.team.id == sales)
        assert added[0].id in [str(r.value) for r in panel.table.rows]


async def test_scorecard_on_the_demo(demo_db: L10Store, clock: FakeClock) -> None:
    week = week_monday(clock.today())
    app = L10App(db=demo_db, clock=clock, start="scorecard")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        first = screen.grid.selected_id
        assert first is not None
        await pilot.press("e", *"41000", "enter")
        await pilot.pause()
        assert demo_db.scores.grid([week])[(first, week)] == 41000
        await pilot.press("e")
        screen.query_one("#score-input", Input).value = "$43k"
        await pilot.press("enter")
        await pilot.pause()
        assert demo_db.scores.grid([week])[(first, week)] == 43000


async def test_rocks_and_todos_on_the_demo(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock, start="rocks")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RocksScreen)
        table = app.screen.query_one("#rocks-table", DataTable)
        rock_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        rock = demo_db.rocks.get(rock_id)
        want = "on" if rock.status == "off" else "off"
        await pilot.press("o" if want == "on" else "f")
        await pilot.pause()
        changed = demo_db.rocks.get(rock_id)
        assert changed.status == want and changed.history[-1].week == week_monday(clock.today())
    app = L10App(db=demo_db, clock=clock, start="todos")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodosScreen)
        table = app.screen.query_one("#todos-table", DataTable)
        todo_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        assert demo_db.todos.get(todo_id).status == "open"
        await pilot.press("space")
        await pilot.pause()
        assert demo_db.todos.get(todo_id).status == "done"


async def test_home_m_opens_the_meeting(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("m")
        await pilot.pause()
        from l10tui.tui.screens.meeting import MeetingScreen

        assert isinstance(app.screen, MeetingScreen)


async def test_home_shift_m_opens_one_teams_meeting(demo_db: L10Store, clock: FakeClock) -> None:
    from l10tui.tui.screens.meeting import MeetingScreen

    marketing = demo_db.teams.lookup("Marketing").id
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("M")
        await pilot.pause()
        await pilot.press("escape")  # nothing chosen: still home, no meeting started
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and demo_db.meetings.in_progress() is None
        await pilot.press("M")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = labels.index("Marketing")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        running = demo_db.meetings.in_progress()
        assert running is not None and running.teams == [marketing]
        await pilot.press("escape")
        await pilot.pause()
    # m on home resumes that team's meeting, not a new joint one
    app = L10App(db=demo_db, clock=clock)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
    assert [m.id for m in demo_db.meetings.all() if m.state == "in-progress"] == [running.id]
