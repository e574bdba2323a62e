"""Rock milestones in the app, driven with real keys (today Monday 2026-11-23; R-1 is Ana's 2026-Q4 rock):
``m`` on the rocks screen adds one (one after the quarter is refused with the form back and nothing written), the
rocks screen shows "done/total", home and the to-dos screen list one due within a week, and space ticks it done."""

from __future__ import annotations

from datetime import date

import pytest
from tests.tui.between_data import fill_small
from textual.widgets import DataTable, Input, Static

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, milestones
from l10tui.tui.app import L10App
from l10tui.tui.screens.todos import TodosScreen


@pytest.fixture
def small(db: L10Store, today: date) -> dict[str, str]:
    return fill_small(db, today)


def cell_texts(table: DataTable[object]) -> list[str]:
    return [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_add_a_milestone_on_the_rocks_screen_and_one_after_the_quarter_is_refused(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    rock = small["r1"]
    app = L10App(db=db, clock=clock, start="rocks")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        before = db.path.read_bytes()
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#f-title", Input).value = "Partner price list"
        app.screen.query_one("#f-due", Input).value = "2027-01-05"
        await pilot.press("ctrl+s")
        await pilot.pause()
        note = str(app.screen.query_one("#form-note", Static).render())
        assert "after" in note and "2026-Q4" in note
        assert app.screen.query_one("#f-title", Input).value == "Partner price list"  # nothing typed is lost
        assert db.path.read_bytes() == before  # nothing written
        app.screen.query_one("#f-due", Input).value = "2026-11-20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        got = db.rocks.get(rock).milestones
        assert [(m.title, m.due) for m in got] == [("Partner price list", date(2026, 11, 20))]
        rows = cell_texts(app.screen.query_one("#rocks-table", DataTable))
        assert any("0/1 late" in r for r in rows)


async def test_a_milestone_due_this_week_is_on_home_and_the_todos_screen_and_space_ticks_it(
    db: L10Store, clock: FakeClock, small: dict[str, str]
) -> None:
    rock = small["r1"]
    milestones.add(db.rocks, rock, "Sign two pilot partners", date(2026, 11, 27))
    milestones.add(db.rocks, rock, "Partner page live", date(2026, 12, 18))  # not yet: more than a week away
    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        home = str(app.screen.query_one("#home-todos", Static).render())
        assert f"{rock}.1 Sign two pilot partners (milestone of {rock})" in home and "Partner page live" not in home
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TodosScreen)
        table = app.screen.query_one("#todos-table", DataTable)
        rows = cell_texts(table)
        assert any(f"Sign two pilot partners (milestone of {rock})" in r for r in rows)
        assert not any("Partner page live" in r for r in rows)
        table.move_cursor(row=table.get_row_index(f"{rock}.1"))
        await pilot.press("space")
        await pilot.pause()
        assert db.rocks.get(rock).milestones[0].done_at == clock.now()
        assert not any("Sign two pilot partners" in r for r in cell_texts(table))
