"""The segment timer and the Conclude average read from the back row: their digits grow with the terminal (3 rows at
80x24, at least 5 at 100x30, larger at 160x45). On the old code the timer was Textual's 3-row Digits at every size."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from tests.meeting.small_store import build_small

from l10tui.domain.clock import FakeClock
from l10tui.meeting import CONCLUDE
from l10tui.store import open_store
from l10tui.tui.app import L10App
from l10tui.tui.screens.meeting import MeetingScreen
from l10tui.tui.widgets.big_digits import BigDigits, render_big, rows_for
from l10tui.tui.widgets.segment_timer import SegmentTimer


def test_block_font_sizes() -> None:
    assert len(render_big("12:07", 3)) == 3
    assert len(render_big("12:07", 5)) == 5
    assert len(render_big("12:07", 10)) == 10
    # every line the same width, the digits side by side
    assert len({len(line) for line in render_big("-4:05", 10)}) == 1
    assert rows_for(80, 24) == 3 and rows_for(100, 30) >= 5 and rows_for(160, 45) > rows_for(100, 30)


def make_app(tmp_path: Path, clock: FakeClock) -> L10App:
    db = open_store(tmp_path / "l10.json", clock)
    build_small(db, clock.today())
    app = L10App(db=db, clock=clock, start="meeting", start_kwargs={"tz": UTC}, projector=True)
    app.animation_level = "none"
    return app


@pytest.mark.parametrize(("size", "least"), [((80, 24), 3), ((100, 30), 5), ((160, 45), 10)])
async def test_timer_digits_grow_with_the_terminal(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int], least: int
) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        digits = app.screen.query_one("#timer-digits")
        assert digits.region.height >= least
        if size == (80, 24):
            assert digits.region.height == 3
        assert digits.region.width <= size[0]
        # every glyph of "mm:ss" is on screen, not cropped
        assert digits.region.width >= len(render_big("00:00", least)[0])


async def test_timer_grows_after_a_resize_and_conclude_average_is_as_large(tmp_path: Path, clock: FakeClock) -> None:
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen) and screen.run is not None
        assert screen.query_one(SegmentTimer).rows == 3
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert screen.query_one(SegmentTimer).rows >= 10
        for _ in range(CONCLUDE):
            await pilot.press("n")
        await pilot.press("r")
        await pilot.pause()
        for key in ("9", "enter"):
            await pilot.press(key)
        await pilot.pause()
        average = screen.query_one("#conclude-average-digits")
        assert average.region.height == screen.query_one("#timer-digits").region.height >= 10
        assert isinstance(average, BigDigits) and average.value == "9.0"


@pytest.mark.parametrize(("size", "side_by_side"), [((100, 30), True), ((99, 30), False), ((80, 24), False)])
async def test_ids_teams_side_by_side_from_100_columns(
    tmp_path: Path, clock: FakeClock, size: tuple[int, int], side_by_side: bool
) -> None:
    """At 100x30, the README's projector size, Sales and Marketing are side by side (the old code used tabs
    below 120 columns)."""
    from textual.widgets import TabbedContent

    from l10tui.meeting import IDS
    from l10tui.tui.widgets.issue_panel import IssuePanel

    app = make_app(tmp_path, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        for _ in range(IDS):
            await pilot.press("n")
        await pilot.pause()
        panels = list(app.screen.query(IssuePanel))
        if side_by_side:
            assert not app.screen.query(TabbedContent)
            assert len(panels) == 2 and all(p.region.width > 0 for p in panels)
            assert panels[0].region.y == panels[1].region.y and panels[0].region.x < panels[1].region.x
        else:
            assert app.screen.query(TabbedContent)


async def test_every_readme_key_is_on_screen_at_80x24(tmp_path: Path, clock: FakeClock) -> None:
    """Each key the README's segment table names is on the 80x24 screen in its segment (old code: the hint was
    hidden below 120 columns and the footer cut, so Conclude's r/c/f and the rocks' o/f were shown nowhere)."""
    import re

    from tests.tui.contrast import screen_text

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if re.match(r"\| [1-7] \| ", line)]
    assert len(rows) == 7
    app = make_app(tmp_path, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n, row in enumerate(rows):
            if n:
                await pilot.press("n")
                await pilot.pause()
            keys = {k for k in re.findall(r"`([^`]+)`", row.split("|")[5]) if len(k) == 1}
            shown = "\n".join(screen_text(app))
            words = set(re.findall(r"(?<![\w])(\S)(?=[ /])", shown))
            missing = sorted(k for k in keys if k not in words)
            assert not missing, f"segment {n + 1}: keys {missing} not on screen:\n{shown}"


def test_ids_starts_at_sixty_minutes_not_one_hour() -> None:
    """The big digits have room for mm:ss; IDS's 60 minutes read "60:00" (old code: "1:00:00", cropped)."""
    from l10tui.tui.widgets.segment_timer import clock_text

    assert clock_text(3600) == "60:00"
    assert clock_text(727) == "12:07"
    assert clock_text(-65) == "-01:05"
    assert clock_text(6100) == "1:41:40"
