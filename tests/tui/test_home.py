"""Home and first-run set-up, driven with their keys."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Select, TextArea

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, schedule
from l10tui.tui.app import L10App
from l10tui.tui.screens.home import HomeScreen, home_facts
from l10tui.tui.screens.setup import SetupScreen, parse_people


def test_home_facts(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    facts = home_facts(db, clock.now(), clock.today())
    by_name = {t.name: t for t in facts.teams}
    assert by_name["Sales"].open_issues == 2 and by_name["Marketing"].open_issues == 1
    # Sales meets Mondays 09:00 (now, so the next is a week on), Marketing Wednesdays 14:30.
    assert by_name["Marketing"].next_meeting is not None
    assert by_name["Marketing"].next_meeting.weekday() == 2
    assert (by_name["Marketing"].next_meeting.hour, by_name["Marketing"].next_meeting.minute) == (14, 30)
    assert facts.week == date(2026, 11, 16) and facts.missing == []  # Monday: last week's numbers are all in
    for team in db.teams.all():  # teams that report their meeting's own week: this week's are missing
        schedule.set_reports(db, team.id, "own")
    facts = home_facts(db, clock.now(), clock.today())
    assert {m[0] for m in facts.missing} == {small["mql"], small["sql"]}  # derived one is never "missing"
    assert [t[0] for t in facts.todos_due] == [small["t1"], small["t2"]]
    assert facts.last_meeting is not None and facts.last_meeting.id == small["m1"]
    assert facts.last_rating == 7.5  # Ana 8, Ben 7, Cy absent
    assert facts.last_completion == 0.0
    db.scores.set(small["mql"], clock.today(), 41)
    assert {m[0] for m in home_facts(db, clock.now(), clock.today()).missing} == {small["sql"]}


async def test_home_keys_open_every_screen(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        for key in ("b", "s", "r", "t", "y", "g", "a", "e"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, HomeScreen), key
            assert app.screen.TITLE_TEXT and app.screen.RULE, key  # type: ignore[attr-defined]
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen), key


async def test_home_every_key_is_described(db: L10Store, clock: FakeClock, small: dict[str, str]) -> None:
    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        described = {b.binding.key: b.binding.description for b in app.screen.active_bindings.values()}
        for key in ("m", "b", "s", "r", "t", "y", "g", "a", "e"):
            assert described.get(key), key
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert "Issues board" in commands and "Sales-Marketing" in commands


def test_parse_people() -> None:
    assert parse_people("Ana: Sales\nCy\n", ["Sales", "Marketing"]) == [
        ("Ana", ["Sales"]),
        ("Cy", ["Sales", "Marketing"]),
    ]
    with pytest.raises(ValueError, match="line 1: no team 'Ops'"):
        parse_people("Ana: Ops", ["Sales"])


async def test_first_run_setup(db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        await pilot.press(*"Acme")
        app.screen.query_one("#setup-teams", Input).value = "Sales, Marketing"
        app.screen.query_one("#setup-people", TextArea).text = "Ana: Sales\nBen: Marketing\nCy"
        await pilot.pause()
        # each team its own day, time and minutes (issue 20: one day and time for all before)
        app.screen.query_one("#setup-day-0", Select).value = 3
        app.screen.query_one("#setup-time-0", Input).value = "10:30"
        app.screen.query_one("#setup-day-1", Select).value = 1
        app.screen.query_one("#setup-time-1", Input).value = "14:00"
        app.screen.query_one("#setup-minutes-1", Input).value = "5,5,5,5,5,45,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert db.setting("company") == "Acme"
    teams = {t.name: t for t in db.teams.all()}
    assert set(teams) == {"Sales", "Marketing"}
    assert teams["Sales"].meeting_rule == "FREQ=WEEKLY;BYDAY=TH;BYHOUR=10;BYMINUTE=30"
    assert teams["Marketing"].meeting_rule == "FREQ=WEEKLY;BYDAY=TU;BYHOUR=14;BYMINUTE=0"
    assert (sum(teams["Sales"].agenda_minutes), sum(teams["Marketing"].agenda_minutes)) == (90, 75)
    people = {p.name: p.teams for p in db.people.all()}
    assert people == {
        "Ana": [teams["Sales"].id],
        "Ben": [teams["Marketing"].id],
        "Cy": [teams["Sales"].id, teams["Marketing"].id],
    }


async def test_setup_refuses_bad_input_and_writes_nothing(db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"Acme")
        app.screen.query_one("#setup-people", TextArea).text = "Ana: Ops"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
    assert db.is_empty() and db.people.count() == 0


@pytest.mark.parametrize(
    "name", ["home", "issues", "scorecard", "rocks", "todos", "history", "trends", "alignment", "people"]
)
async def test_help_shows_the_rule_and_keys(db: L10Store, clock: FakeClock, small: dict[str, str], name: str) -> None:
    from tests.tui.between_data import screen_text

    from l10tui.tui.app import load_screen_class
    from l10tui.tui.screens.help import HelpScreen

    cls = load_screen_class(name)
    app = L10App(db=db, clock=clock, start=name)
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.pause()
        described = [b.description for b in cls.BINDINGS if not isinstance(b, tuple) and b.description]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = " ".join(screen_text(app).split())
        assert cls.RULE.split(".")[0][:40] in shown  # type: ignore[attr-defined]
        assert f"Help: {cls.TITLE_TEXT}" in shown  # type: ignore[attr-defined]
        missing = [d for d in described if d not in shown]
        assert described and not missing
