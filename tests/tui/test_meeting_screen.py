"""The meeting screen's keys and behaviours on the small store: pause, leaving, help, other processes' issues,
merge / long-term, resize down to 40x12, resume in a new app."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from tests.meeting.small_store import Small, build_small
from textual.binding import Binding
from textual.widgets import Input, Select, TabbedContent

from l10tui.domain.clock import FakeClock
from l10tui.meeting import IDS
from l10tui.store import L10Store, open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.help import HelpScreen
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.dialogs import ChoiceDialog, ConfirmDialog
from l10tui.tui.widgets.issue_panel import IssuePanel
from l10tui.tui.widgets.segment_timer import SegmentTimer


@pytest.fixture
def clock(late_clock: FakeClock) -> FakeClock:
    return late_clock  # the meeting starts 4 minutes after its 09:00 slot


@pytest.fixture
def small(db: L10Store, clock: FakeClock) -> Small:
    return build_small(db, clock.today())  # as tests/meeting/conftest.py's


def app_for(small: Small, clock: FakeClock, db: L10Store | None = None) -> L10App:
    return L10App(db=db or small.db, clock=clock, start="meeting", start_kwargs={"tz": UTC})


def meeting_screen(app: L10App) -> MeetingScreen:
    screen = app.screen
    assert isinstance(screen, MeetingScreen) and screen.run is not None
    return screen


def test_every_binding_has_a_description() -> None:
    for b in MeetingScreen.BINDINGS:
        assert isinstance(b, Binding) and b.description, b


async def test_pause_stops_the_big_timer(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = meeting_screen(app)
        clock.advance(30)
        await pilot.press("space")
        clock.advance(600)
        screen.tick()
        assert screen.run is not None and screen.run.paused and screen.run.elapsed() == 30
        timer = screen.query_one(SegmentTimer)
        assert timer.has_class("-paused") and "PAUSED" in str(screen.query_one("#meeting-bar").render())
        await pilot.press("space")
        clock.advance(300)
        screen.tick()
        assert timer.has_class("-over")  # 330 s of a 300 s segment: over, and the caption says so
        assert "over by 0:30" in str(timer.query_one("#timer-caption").render())


async def test_quitting_before_conclude_asks_and_keeps_the_meeting(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = meeting_screen(app)
        await pilot.press("n")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # stay
        await pilot.pause()
        assert app.screen is screen
        clock.advance(42)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    m = open_store(small.db.path, clock).meetings.in_progress()
    assert m is not None and m.state == "in-progress" and m.run["current"] == 1 and m.run["acc"][1] == 42


async def test_help_shows_the_rule_and_keys(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rule = str(app.screen.query_one("#help-rule").render())
        keys = app.screen.query_one("#help-keys").content
        described = [str(c) for col in keys.columns for c in col._cells]
        assert "Same agenda every week" in rule
        assert "Next" in described and "Pause/resume" in described and "Issue" in described


async def test_issue_from_another_process_and_from_i_appear_in_their_panel(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = meeting_screen(app)
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()
        other = open_store(small.db.path, clock)  # `l10 issue add` in another terminal
        added = other.issues.add("Website forms broken", team=small.marketing)
        app.poll_store()
        await pilot.pause()
        mkt = screen.query_one(f"#panel-{small.marketing}", IssuePanel)
        assert added.id in [i.id for i in mkt.issues]
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#issue-title", Input).value = "Quote tool slow"
        dialog.query_one("#issue-team", Select).value = small.sales
        dialog.query_one("#issue-by", Select).value = small.cat
        await pilot.press("ctrl+s")
        await pilot.pause()
        sales = screen.query_one(f"#panel-{small.sales}", IssuePanel)
        new = sales.issues[-1]
        assert new.title == "Quote tool slow" and new.raised_by_team == small.marketing
        assert "← Marketing" in str(sales.table.get_row(new.id)[3])


async def test_long_term_and_merge_keys(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == f"panel-{small.sales}-table"
        await pilot.press("l")  # first Sales issue to the long-term list
        await pilot.pause()
        assert small.db.issues.get(small.issue_s1).status == "long-term"
        await pilot.press("m")  # the next one merged into a Marketing issue
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.query_one("OptionList").highlighted = 0
        await pilot.press("ctrl+s")
        await pilot.pause()
        merged = small.db.issues.get(small.issue_s2)
        assert merged.status == "merged" and merged.merged_into == small.issue_m1


async def test_resize_to_40x12_at_every_segment(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = meeting_screen(app)
        for segment in range(7):
            if segment == IDS:
                await pilot.press("1", "enter")
            for size in ((40, 12), (80, 24), (40, 12), (200, 60)):
                await pilot.resize_terminal(*size)
                await pilot.pause()
                clock.advance(1)
                screen.tick()
            if segment == IDS:
                await pilot.resize_terminal(80, 24)
                await pilot.pause()
                assert screen.query(TabbedContent)  # tabs on a narrow terminal
                await pilot.resize_terminal(160, 45)
                await pilot.pause()
                assert not screen.query(TabbedContent) and len(screen.query(IssuePanel)) == 2
            await pilot.press("n")
        assert screen.run is not None and screen.run.current == 6


async def test_a_new_app_resumes_the_meeting(small: Small, clock: FakeClock, tmp_path: Path) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.press("enter")
        await pilot.pause()  # the panel's Opened message starts the issue after the key is handled
        clock.advance(90)
        meeting_screen(app).run.checkpoint()  # type: ignore[union-attr]
    clock.advance(30)  # the terminal was closed for 30 s
    clock.mono += 10_000  # a new process: a new monotonic origin
    again = app_for(small, clock, open_store(small.db.path, clock))
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        run = meeting_screen(again).run
        assert run is not None and run.current == IDS and run.issue == small.issue_s1
        assert run.issue_elapsed() == 120 and not run.paused


async def test_escape_from_a_meeting_opened_from_home_asks_then_goes_back(small: Small, clock: FakeClock) -> None:
    app = L10App(db=small.db, clock=clock, start="home")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        app.show("meeting", tz=UTC)
        await pilot.pause()
        meeting_screen(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is home
    assert open_store(small.db.path, clock).meetings.in_progress() is not None


async def test_notes_are_kept_when_leaving_the_box_without_enter(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = meeting_screen(app)
        await pilot.press("tab")
        assert isinstance(app.focused, Input)
        app.focused.value = "Cat: marathon done"
        await pilot.press("shift+tab")
        await pilot.pause()
        assert small.db.meetings.get(screen.run.meeting.id).segue_notes == "Cat: marathon done"  # type: ignore[union-attr]
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.press("enter")
        box = screen.query_one("#ids-identify", Input)
        box.focus()
        box.value = "no shared definition of a lead"
        await pilot.press("tab")
        await pilot.pause()
        assert screen.run is not None
        assert screen.run.notes(small.issue_s1)["identify"] == "no shared definition of a lead"


async def test_rock_on_track_and_headline_dropped_with_keys(small: Small, clock: FakeClock) -> None:
    app = app_for(small, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = meeting_screen(app)
        await pilot.press("n", "n")  # Rock review
        await pilot.press("o")
        assert small.db.rocks.get(small.rock_s).status == "on"
        await pilot.press("enter")  # toggles
        assert small.db.rocks.get(small.rock_s).status == "off"
        await pilot.press("n")  # Headlines
        await pilot.press("h")
        await pilot.pause()
        app.screen.query_one("#hl-kind", Select).value = "employee"
        app.screen.query_one("#hl-text", Input).value = "Dan is back from leave"
        app.screen.query_one("#hl-by", Select).value = small.dan
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.run is not None
        (headline,) = screen.run.headlines()
        assert headline.kind == "employee"
        await pilot.press("d")
        await pilot.pause()
        dropped = [i for i in small.db.issues.open_for(small.marketing) if i.source and i.source.id == headline.id]
        assert len(dropped) == 1 and dropped[0].raised_by == small.dan
        await pilot.press("d")  # twice: refused in one line, no second issue
        await pilot.pause()
        assert len([i for i in small.db.issues.all() if i.source and i.source.id == headline.id]) == 1
