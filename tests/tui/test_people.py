"""People and teams screen: add, edit, deactivate; every check is on the store."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.people import PeopleScreen, rule_text


async def test_add_edit_and_deactivate_a_person(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="people")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Dee")
        app.screen.query_one("#f-teams", Input).value = "marketing"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dee = db.people.lookup("Dee")
        assert dee.teams == [small["mkt"]] and dee.active
        # edit Ana (first row): rename, both teams
        app.screen.query_one("#people-table", DataTable).move_cursor(row=0)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Ana B."
        app.screen.query_one("#f-teams", Input).value = "Sales, Marketing"
        await pilot.press("ctrl+s")
        await pilot.pause()
        ana = db.people.get(small["ana"])
        assert ana.name == "Ana B." and ana.teams == [small["sales"], small["mkt"]]
        await pilot.press("x")  # Ana has open work: the app asks who takes it (issue #20)
        await pilot.pause()
        assert "Who takes Ana B.'s 1 to-do, 1 rock, 1 measurable?" in str(app.screen.query_one(".form-label").render())
        app.screen.query_one("#f-to", Select).value = small["cy"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not db.people.get(small["ana"]).active
        assert db.rocks.get("R-1").owner == small["cy"] and db.todos.get("T-1").owner == small["cy"]
        # a duplicate name is refused, nothing changes
        app.screen.query_one("#people-table", DataTable).move_cursor(row=0)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-name", Input).value = "Cy"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # the form comes back with what was typed and why it was refused (issue #20: no input lost)
        assert app.screen.query_one("#f-name", Input).value == "Cy"
        assert "already a person called 'Cy'" in str(app.screen.query_one("#form-note").render())
    assert sorted(p.name for p in db.people.all()) == ["Ana B.", "Ben", "Cy", "Dee"]


async def test_add_and_edit_a_team(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock, start="people")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Leadership")
        app.screen.query_one("#f-day", Select).value = "4"
        app.screen.query_one("#f-time", Input).value = "8:15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        team = db.teams.lookup("Leadership")
        assert team.meeting_rule == "FREQ=WEEKLY;BYDAY=FR;BYHOUR=8;BYMINUTE=15"
        await pilot.press("shift+tab")  # the teams table
        await pilot.pause()
        table = app.screen.query_one("#teams-table", DataTable)
        assert app.focused is table
        table.move_cursor(row=table.get_row_index(team.id))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#f-time", Input).value = "16:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert rule_text(db.teams.get(team.id).meeting_rule) == "Fri 16:00"


async def test_the_funnel_is_edited_on_the_people_screen(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    """Issue #18: f opens the funnel's form; a refusal brings the form back with the reason and writes nothing; a good
    funnel is saved with each stage's team and shown on the screen. Fails before issue #18 (no f key)."""
    from l10tui.store.funnel import stage_specs

    app = L10App(db=db, clock=clock, start="people")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "No funnel yet" in str(app.screen.query_one("#people-funnel").render())
        await pilot.press("f")
        await pilot.pause()
        app.screen.query_one("#f-stages", Input).value = "MQLs, MQLs"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "MQLs is in the funnel twice" in str(app.screen.query_one("#form-note").render())
        assert stage_specs(db) == []
        app.screen.query_one("#f-stages", Input).value = "MQLs, Nope"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "known measurables" in str(app.screen.query_one("#form-note").render())
        app.screen.query_one("#f-stages", Input).value = "MQLs, SQLs"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [(s.measurable, s.team) for s in stage_specs(db)] == [("M-1", small["mkt"]), ("M-2", small["sales"])]
        shown = str(app.screen.query_one("#people-funnel").render())
        assert "MQLs (Marketing) -> SQLs (Sales)" in shown
