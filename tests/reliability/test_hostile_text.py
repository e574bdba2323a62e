"""Issue 12, items 8 and 9: store text is data, never markup and never terminal control.

Every text field of every record (live and archived) and the company name are written straight into the store file
with markup (``[/]``, ``[b]x``, ``[@click=app.quit]x``, ``[Q4] pricing``), terminal escapes (OSC title, CSI clear,
the one-byte CSI), a bidi override, a zero-width space and a tag character. Then every screen of the app and every
CLI listing is rendered: no crash, and none of those characters reaches the output.

On the old code: the home screen crashed on a team named ``[/]Ops``, the meeting on a to-do or rock titled ``[/] x``
(both with exit code 0), and ``issue list`` printed the OSC/CSI sequences raw.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.reliability.hostile import HOSTILE, clean, hostile_demo
from tests.reliability.reliability_helpers import count

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store

SCREENS = ["home", "issues", "scorecard", "rocks", "todos", "history", "trends", "alignment", "people"]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(wall=datetime(2026, 11, 23, 9, 0, tzinfo=UTC), mono=1000.0)


@pytest.fixture
def hostile(tmp_path: Path, clock: FakeClock) -> Path:
    return hostile_demo(tmp_path, clock)


def _screen_text(app: object) -> str:
    svg: str = app.export_screenshot()  # type: ignore[attr-defined]
    return svg


async def test_every_screen_renders_hostile_text(hostile: Path, clock: FakeClock) -> None:
    from l10tui.tui.app import L10App

    db = open_store(hostile, clock)
    app = L10App(db=db, clock=clock)
    seen: list[str] = []
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert not clean(str(app.title)), app.title
        for name in SCREENS:
            app.show(name)
            await pilot.pause()
            await pilot.pause()
            text = _screen_text(app)
            assert not clean(text), (name, clean(text))
            seen.append(text)
            count("hostile screens rendered")
            app.pop_screen()
            await pilot.pause()
        finished = db.meetings.finished()
        app.show("meeting_record", meeting=finished[0].id)
        await pilot.pause()
        text = _screen_text(app)
        assert not clean(text)
        seen.append(text)
        app.pop_screen()
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert not clean(_screen_text(app))
    assert app.return_code in (None, 0)
    assert any("[Q4]" in s for s in seen), "a title like [Q4] pricing must show literally"


async def test_the_meeting_renders_hostile_text_in_every_segment(hostile: Path, clock: FakeClock) -> None:
    from l10tui.tui.app import L10App
    from l10tui.tui.screens.meeting import MeetingScreen

    db = open_store(hostile, clock)
    app = L10App(db=db, clock=clock, start="meeting")
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        assert screen.run.current == 0
        for _segment in range(7):
            await pilot.pause()
            await pilot.pause()
            text = _screen_text(app)
            assert not clean(text), (screen.run.segment_name, clean(text))
            assert app.screen is screen or not isinstance(app.screen, MeetingScreen)
            count("hostile meeting segments rendered")
            await pilot.press("n")
            await pilot.pause()
            while app.screen is not screen:  # a dialog the key opened (none expected): close it
                await pilot.press("escape")
                await pilot.pause()
        assert app.is_running


LISTINGS = [
    ["team", "list"],
    ["person", "list"],
    ["issue", "list", "--all"],
    ["issue", "show", "I-1"],
    ["todo", "list", "--all"],
    ["rock", "list"],
    ["measurable", "list"],
    ["score", "show"],
    ["history", "--last", "50"],
    ["show", "latest"],
    ["export", "latest"],
    ["export", "latest", "--format", "json"],
    ["alignment"],
    ["doctor"],
]


NO_JSON = {"show", "export"}
CASES = [(a, False) for a in LISTINGS] + [
    (a, True) for a in LISTINGS if a[0] not in NO_JSON and a[:2] != ["issue", "show"]
]


@pytest.mark.parametrize(("args", "as_json"), CASES, ids=[" ".join(a) + (" --json" if j else "") for a, j in CASES])
def test_every_cli_listing_prints_hostile_text_safely(hostile: Path, args: list[str], as_json: bool) -> None:
    from l10tui.cli import main

    if as_json:
        args = [*args, "--json"]
    runner = CliRunner()
    result = runner.invoke(main, ["--db", str(hostile), *args], env={"L10_TODAY": "2026-11-23", "NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    out = result.stdout + result.stderr
    assert "Traceback" not in out
    assert result.exit_code == 0 or args[0] == "doctor", out
    assert not clean(out), (args, clean(out))
    count("hostile CLI listings checked")
    if as_json and args[0] != "doctor":
        data = json.loads(result.stdout)  # still valid JSON, holding the text exactly as stored
        assert any(HOSTILE in text for text in _strings(data)), "the JSON must hold the text exactly as stored"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_export_file_has_no_terminal_control(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    from l10tui.cli import main

    out = tmp_path_factory.mktemp("mail") / "mt.md"
    result = CliRunner().invoke(main, ["--db", str(hostile), "export", "latest", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert not clean(out.read_text(encoding="utf-8"))
