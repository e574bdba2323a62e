"""Reads never go through the store writer: while another l10 holds the store's lock (a CLI write, a long
``score import``), a key that needs a record now still gets it, and only the change it leads to waits in the writer.

Fails on the code before: the board's ``x`` read the issue through the writer, which queued the read and handed back
``None``, so no dialog opened (the flaky "'Drop I-1' never appeared" of tests/e2e/test_between_afternoon.py: the
app's store watch was re-reading the CLI's changes in the worker at that moment, which queues too); the to-dos
screen's space did nothing at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.pilot import Pilot

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.issues_board import IssuesBoardScreen
from l10tui.tui.screens.todos import TodosScreen
from l10tui.tui.widgets.dialogs import ConfirmDialog


@contextmanager
def another_l10_holds_the_lock(db: L10Store, clock: FakeClock) -> Iterator[None]:
    """The lock taken through a second store on the same file, as another l10 process would (flock is per open)."""
    other = open_store(db.path, clock)
    other._lock.acquire(timeout=0)
    try:
        yield
    finally:
        other._lock.release()


async def writes_done(app: L10App, pilot: Pilot[object]) -> None:
    for _ in range(400):
        await pilot.pause()
        if not app.writer.busy:
            return
    raise AssertionError("the queued change never finished")


async def test_x_on_the_board_opens_the_drop_dialog_while_another_l10_writes(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IssuesBoardScreen) and screen.selected() == small["i1"]
        with another_l10_holds_the_lock(db, clock):
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog), "x opened no dialog"
            await pilot.press("y")  # the drop itself waits for the lock, in the writer
            await pilot.pause()
            assert app.writer.busy
            assert db.issues.get(small["i1"]).status == "open"
        await writes_done(app, pilot)
    assert db.issues.get(small["i1"]).status == "dropped"


async def test_e_on_the_board_opens_the_edit_form_while_another_l10_writes(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    app = L10App(db=db, clock=clock, start="issues")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        with another_l10_holds_the_lock(db, clock):
            await pilot.press("e")
            await pilot.pause()
            assert app.screen.query("#f-title"), "e opened no form"


async def test_space_ticks_a_todo_while_another_l10_writes(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    app = L10App(db=db, clock=clock, start="todos")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TodosScreen)
        with another_l10_holds_the_lock(db, clock):
            await pilot.press("space")
            await pilot.pause()
            assert app.writer.busy, "space queued no change"
        await writes_done(app, pilot)
    assert db.todos.get(small["t1"]).status == "done"
