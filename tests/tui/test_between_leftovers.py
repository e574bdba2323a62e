"""Issue 20's leftovers in the app: notices that do not linger nor stack, the history screen listing the meetings
``l10 history`` and trends list (an archived one was missing), meeting ids at 80 columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.tui.between_data import screen_text, text_showing
from textual.widgets import DataTable

from l10tui.cli import main
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.notices import INFO_MAX_S, notice_timeout
from l10tui.tui.screens.history import HistoryScreen
from l10tui.tui.screens.trends import TrendsScreen

# -- notices -------------------------------------------------------------------------------------------------------


def test_information_notices_are_short_warnings_stay_longer() -> None:
    assert notice_timeout("information", None) <= INFO_MAX_S
    assert notice_timeout("information", 8) == INFO_MAX_S  # an info asked for 8 s goes after 4
    assert notice_timeout("information", 2) == 2
    assert notice_timeout("error", 15) == 15 and notice_timeout("warning", None) > INFO_MAX_S


async def test_a_notice_replaces_the_previous_one_of_its_kind(db: L10Store, clock: FakeClock) -> None:
    """On the code before, every press of o on an empty history stacked one more "No meeting yet" (5 s each)."""
    db.teams.add("Sales")
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        for _ in range(3):
            await pilot.press("o")  # no meeting yet: a warning, three times
            await pilot.pause()
        shown = list(app._notifications)
        assert [n.message for n in shown] == ["No meeting yet"]
        app.notify("Saved T-1")
        app.notify("Saved T-2")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert messages == ["No meeting yet", "Saved T-2"]  # another kind stays; the same kind is replaced
        assert all(n.timeout <= INFO_MAX_S for n in app._notifications if n.severity == "information")
        await pilot.pause()
        await pilot.pause()
        from textual.widgets._toast import Toast

        toasts = [str(t._notification.message) for t in app.screen.query(Toast)]
        assert len(toasts) == 2 and sum("No meeting yet" in t for t in toasts) == 1, toasts


# -- history: the screen, the CLI and trends list the same meetings --------------------------------------------------


def cli_history(db: L10Store, *args: str) -> list[dict[str, object]]:
    done = CliRunner().invoke(main, ["--db", str(db.path), "history", "--json", *args], env={"L10_TODAY": "2026-11-23"})
    assert done.exit_code == 0, done.output
    rows = json.loads(done.output)
    assert isinstance(rows, list)
    return rows


async def history_ids(app: L10App, pilot: object) -> list[str]:
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    return [str(k.value) for k in screen.query_one("#history-table", DataTable).rows]


@pytest.mark.parametrize("size", [(80, 24), (160, 45)], ids=["80x24", "160x45"])
async def test_history_screen_lists_what_the_cli_and_trends_list(
    demo_db: L10Store, clock: FakeClock, size: tuple[int, int]
) -> None:
    """The demo's oldest meetings are archived (the app compacts the store on start): the screen showed the live
    seven where ``l10 history`` and trends show ten. Meeting ids are the first column, on 80 columns too."""
    assert demo_db.compact() > 0 and demo_db.archive.files()
    live = [m for m in demo_db.meetings.all() if m.state == "finished"]
    assert len(live) < 10  # some of the ten are archived
    wanted = [str(row["id"]) for row in cli_history(demo_db)]
    assert len(wanted) == 10
    app = L10App(db=demo_db, clock=clock, start="history")
    async with app.run_test(size=size) as pilot:
        assert await history_ids(app, pilot) == wanted
        text = await text_showing(app, pilot, "10 meetings", *wanted[: size[1] - 6])
        assert "10 meetings" in text
        for mid in wanted[: size[1] - 6]:  # every row that fits on the screen shows its id
            assert mid in text, (mid, text)
        app.show("trends")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        trends = app.screen
        assert isinstance(trends, TrendsScreen)
        assert sorted(p.meeting for p in trends.points) == sorted(wanted)


async def test_history_screen_on_a_store_with_an_archived_year(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from l10tui.store import open_store

    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC), mono=1000.0)
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    old = db.meetings._new(
        teams=[team], planned_start=clock.now(), actual_start=clock.now(), actual_end=clock.now(), state="finished"
    )
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert db.compact() == 1 and [y for y, _ in db.archive.files()] == [2025]
    new = db.meetings._new(
        teams=[team], planned_start=clock.now(), actual_start=clock.now(), actual_end=clock.now(), state="finished"
    )
    assert [row["id"] for row in cli_history(db)] == [new.id, old.id]
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(80, 24)) as pilot:
        assert await history_ids(app, pilot) == [new.id, old.id]
        text = await text_showing(app, pilot, "2 meetings", f"{old.id} ", f"{new.id} ")
        assert "2 meetings" in text and old.id in text and new.id in text


# -- every scorecard puts the newest week on the right, as `l10 score show` prints it --------------------------------


async def test_the_meetings_scorecard_has_the_newest_week_on_the_right(demo_db: L10Store, clock: FakeClock) -> None:
    """On the code before, the meeting's grid put the reported week first (left), the scorecard screen and the CLI
    last (right). At 80x24 the grid is scrolled to the newest week with the names pinned."""
    from datetime import UTC

    from l10tui.tui.screens.meeting import MeetingScreen
    from l10tui.tui.widgets.scorecard_grid import ScorecardGrid

    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        await pilot.press("n")
        await pilot.pause()
        await pilot.pause()
        grid = screen.query_one("#scorecard", ScorecardGrid)
        keys = [str(k.value) for k in grid.table.columns]
        weeks = keys[3:]
        assert weeks == sorted(weeks) and weeks[-1] == screen.run.reported_week.isoformat()
        first = grid.data.measurables[0]
        line = next(x for x in screen_text(app).splitlines() if first.name in x)
        header = next(x for x in screen_text(app).splitlines() if "Measurable" in x)
        assert header.rstrip().endswith(screen.run.reported_week_label), header  # the newest week, on the right
        assert line.index(first.name) < 3  # the names pinned while the weeks scroll


# -- a leaver's work, one by one, in the app ---------------------------------------------------------------------------


async def test_x_on_a_person_hands_their_work_over_one_by_one(db: L10Store, clock: FakeClock) -> None:
    """x on Ana: one person for all, and a choice per open item (on the code before, only one choice for all).
    Leaving every item to "each one below" without choosing is refused and the form comes back as it was."""
    from tests.tui.between_data import fill_small
    from textual.widgets import Select

    from l10tui.store import changes
    from l10tui.tui.screens.people import PeopleScreen

    small = fill_small(db, clock.today())
    app = L10App(db=db, clock=clock, start="people")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PeopleScreen)
        app.screen.query_one("#people-table", DataTable).move_cursor(row=0)  # Ana
        await pilot.press("x")
        await pilot.pause()
        labels = [str(x.render()) for x in app.screen.query(".form-label")]
        assert labels[0] == "Who takes Ana's 1 to-do, 1 rock, 1 measurable?"
        assert [x.split()[0] for x in labels[1:]] == [small["t1"], small["r1"], small["sql"]]
        # everything to "each one below", nothing chosen below: refused, the form back with the choices made
        await pilot.press("enter", "down", "down", "enter")  # Ben, Cy, then "nobody for all"
        await pilot.pause()
        assert app.screen.query_one("#f-to", Select).value == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "nobody takes T-1, R-1, M-2" in str(app.screen.query_one("#form-note").render())
        assert db.people.get(small["ana"]).active
        # now: Cy for all, but the to-do to Ben
        await pilot.press("enter", "up", "enter")  # "nobody for all" -> Cy
        await pilot.press("tab", "enter", "down", "enter")  # T-1: "as above" -> Ben
        await pilot.pause()
        assert app.screen.query_one("#f-to", Select).value == small["cy"]
        assert app.screen.query_one(f"#f-give-{small['t1']}", Select).value == small["ben"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not db.people.get(small["ana"]).active
        assert db.todos.get(small["t1"]).owner == small["ben"]
        assert db.rocks.get(small["r1"]).owner == small["cy"] and db.measurables.get(small["sql"]).owner == small["cy"]
        assert changes.entries(db)[0].name == "Ana left; work to Ben and Cy"
        await pilot.press("ctrl+z")  # undone as one change
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert db.people.get(small["ana"]).active and db.todos.get(small["t1"]).owner == small["ana"]
        assert db.rocks.get(small["r1"]).owner == small["ana"]


# -- first-run set-up: each team its own day, time and minutes --------------------------------------------------------


async def test_setup_asks_each_teams_own_meeting_typed_with_keys(db: L10Store, clock: FakeClock) -> None:
    """A row per team appears as the teams are typed (a new one copies the row above); each row's day, time and
    minutes are the team's. A bad time names its team and nothing is written. Fails on the code before (one day
    and time for all, no minutes)."""
    from textual.widgets import Input, Select

    from l10tui.tui.screens.home import HomeScreen
    from l10tui.tui.screens.setup import SetupScreen

    app = L10App(db=db, clock=clock)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SetupScreen)
        await pilot.press(*"Acme", "tab")
        await pilot.press("end", *", Ops")  # a third team: a third row
        await pilot.pause()
        assert [row.team for row in screen.meetings_rows()] == ["Sales", "Marketing", "Ops"]
        await pilot.press("tab", *"Ana: Sales", "enter", *"Ben: Marketing", "enter", *"Oz: Ops")
        await pilot.press("tab")  # Sales: Wednesday 08:30
        assert screen.focused is screen.query_one("#setup-day-0", Select)
        await pilot.press("enter", "down", "down", "enter", "tab", "ctrl+u", *"8:30", "tab", "tab")
        await pilot.press("enter", "down", "down", "down", "down", "enter", "tab", "ctrl+u", *"25:00")  # Marketing
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen) and db.is_empty()  # refused, nothing written
        assert "Marketing: meeting time '25:00' is not a time of day" in " ".join(n.message for n in app._notifications)
        screen.query_one("#setup-time-1", Input).value = "16:00"
        screen.query_one("#setup-minutes-2", Input).value = "5,5,5,5,5,30,5"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    rules = {t.name: (t.meeting_rule, sum(t.agenda_minutes)) for t in db.teams.all()}
    assert rules == {
        "Sales": ("FREQ=WEEKLY;BYDAY=WE;BYHOUR=8;BYMINUTE=30", 90),
        "Marketing": ("FREQ=WEEKLY;BYDAY=FR;BYHOUR=16;BYMINUTE=0", 90),
        "Ops": ("FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", 60),
    }


async def test_one_meeting_is_one_meeting(db: L10Store, clock: FakeClock) -> None:
    """ "1 meetings" on the history and trends screens before."""
    team = db.teams.add("Sales").id
    db.meetings._new(
        teams=[team], planned_start=clock.now(), actual_start=clock.now(), actual_end=clock.now(), state="finished"
    )
    app = L10App(db=db, clock=clock, start="history")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        assert "1 meeting (all teams'" in screen_text(app)
        app.show("trends")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        trends = app.screen
        assert isinstance(trends, TrendsScreen) and " · 1 meeting" in trends.summary_text()
        assert "1 meetings" not in trends.summary_text()
