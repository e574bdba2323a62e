"""Rocks and to-dos screens, driven with their keys; every check is on the store."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Select

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import week_monday
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.rocks import RocksScreen, shift_quarter
from l10tui.tui.screens.todos import TodosScreen


async def test_tick_a_todo_done_and_back(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="todos")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodosScreen)
        await pilot.press("space")
        await pilot.pause()
        t1 = db.todos.get(small["t1"])
        assert t1.status == "done" and t1.done_at == clock.now()
        # done ones leave the open list; "f" shows them, and space ticks it back to open
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert db.todos.get(small["t1"]).status == "open"


async def test_add_a_todo(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="todos")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Send the SLA draft")
        app.screen.query_one("#todo-owner", Select).value = small["cy"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    todo = next(t for t in db.todos.all() if t.title == "Send the SLA draft")
    assert todo.owner == small["cy"] and todo.due == clock.today() + timedelta(days=7)


async def test_change_a_rocks_status(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="rocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RocksScreen)
        await pilot.press("f")
        await pilot.pause()
        rock = db.rocks.get(small["r1"])
        assert rock.status == "off" and rock.history[-1].week == week_monday(clock.today())
        assert [h.status for h in rock.history] == ["on", "off"]  # last week's entry kept
        await pilot.press("o")
        await pilot.pause()
        assert [h.status for h in db.rocks.get(small["r1"]).history] == ["on", "on"]
        await pilot.press("d")
        await pilot.pause()
        assert db.rocks.get(small["r1"]).final == "done"
        await pilot.press("f")  # a closed rock refuses a weekly status, with a message, not a crash
        await pilot.pause()
        assert db.rocks.get(small["r1"]).status == "on"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.quarter == "2027-Q1"  # type: ignore[attr-defined]


def test_shift_quarter() -> None:
    assert shift_quarter("2026-Q4", 1) == "2027-Q1"
    assert shift_quarter("2026-Q1", -1) == "2025-Q4"
    assert shift_quarter("2026-Q2", 0) == "2026-Q2"
