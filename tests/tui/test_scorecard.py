"""The scorecard screen: enter and correct this week's number, a past week's, define and edit measurables."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import week_monday
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.scorecard import ScorecardScreen
from l10tui.tui.widgets.dialogs import ConfirmDialog


def grid_value(db: L10Store, measurable: str, week: date) -> float | None:
    return db.scores.grid([week]).get((measurable, week))


async def test_enter_and_correct_this_weeks_number(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    week = week_monday(clock.today())
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScorecardScreen)
        assert app.screen.grid.selected_id == small["mql"]
        await pilot.press("e")
        await pilot.press(*"42", "enter")
        await pilot.pause()
        assert grid_value(db, small["mql"], week) == 42
        await pilot.press("enter")  # enter on the row opens the editor again, with 42 in it
        box = app.screen.query_one("#score-input", Input)
        assert box.value == "42"
        box.value = ""
        await pilot.press(*"1,250", "enter")
        await pilot.pause()
        assert grid_value(db, small["mql"], week) == 1250
        await pilot.press("e")
        await pilot.press("ctrl+u", *"lots", "enter")  # not a number: refused, nothing written
        await pilot.pause()
        assert grid_value(db, small["mql"], week) == 1250
    assert len([s for s in db.scores.all() if s.measurable == small["mql"] and s.week == week]) == 1


async def test_past_weeks_number(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    last_week = week_monday(clock.today()) - timedelta(weeks=1)
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # SQLs
        await pilot.press("p")
        await pilot.pause()
        assert app.screen.query_one("#f-measurable", Select).value == small["sql"]
        assert app.screen.query_one("#f-week", Select).value == last_week.isoformat()
        app.screen.query_one("#f-value", Input).value = "15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert grid_value(db, small["sql"], last_week) == 15
        await pilot.press("p")
        await pilot.pause()
        app.screen.query_one("#f-value", Input).value = "12,5"  # a decimal comma: refused with a hint
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert grid_value(db, small["sql"], last_week) == 15
        for answer, left in (("n", 15), ("y", None)):  # empty number: clears the wrong entry, after asking
            await pilot.press("p")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog) and "Clear SQLs" in app.screen.title_text
            await pilot.press(answer)
            await pilot.pause()
            assert grid_value(db, small["sql"], last_week) == left
    assert grid_value(db, small["sql"], last_week) is None


async def test_define_and_edit_a_measurable(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-name", Input).value = "Leads called within 24 h"
        form.query_one("#f-owner", Select).value = small["ana"]
        form.query_one("#f-teams", Input).value = "sales, marketing"
        form.query_one("#f-goal", Input).value = "95"
        form.query_one("#f-unit", Input).value = "%"
        await pilot.press("ctrl+s")
        await pilot.pause()
        new = db.measurables.lookup("Leads called within 24 h")
        assert new.owner == small["ana"] and new.goal == 95 and new.op == ">=" and new.unit == "%"
        assert new.teams == [small["sales"], small["mkt"]] and new.shared
        assert app.screen.grid.selected_id == new.id  # type: ignore[attr-defined]
        # redefine the derived one as a ratio the other way round, "at most"
        app.screen.grid.table.select_key(small["conv"])  # type: ignore[attr-defined]
        await pilot.press("m")
        await pilot.pause()
        form = app.screen
        form.query_one("#f-op", Select).value = "<="
        form.query_one("#f-num", Select).value = small["mql"]
        form.query_one("#f-den", Select).value = small["sql"]
        form.query_one("#f-percent", Select).value = "no"
        await pilot.press("ctrl+s")
        await pilot.pause()
    conv = db.measurables.get(small["conv"])
    assert conv.op == "<=" and conv.formula is not None
    assert (conv.formula.numerator, conv.formula.denominator, conv.formula.percent) == (
        small["mql"],
        small["sql"],
        False,
    )
    assert conv.name == "MQL->SQL"


async def test_measurable_form_refuses_half_a_formula(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Half"
        app.screen.query_one("#f-goal", Input).value = "1"
        app.screen.query_one("#f-num", Select).value = small["mql"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert [m.name for m in db.measurables.all()] == ["MQLs", "SQLs", "MQL->SQL"]


async def test_team_filter(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="scorecard")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        assert [m.id for m in screen.grid.data.measurables] == [small["mql"], small["sql"], small["conv"]]
        await pilot.press("f")  # Sales: its own and the shared one
        await pilot.pause()
        assert [m.id for m in screen.grid.data.measurables] == [small["sql"], small["conv"]]
        await pilot.press("f")  # Marketing
        await pilot.pause()
        assert [m.id for m in screen.grid.data.measurables] == [small["mql"], small["conv"]]
        await pilot.press("f")  # all again
        await pilot.pause()
        assert len(screen.grid.data.measurables) == 3
