"""Issue 13 point 13: at 120 columns the footer was cut ("a Sal▏^p palette") and the home key line wrapped mid-phrase.
Every key a screen shows in its footer is now read whole at 120x30 (the footer wraps between keys when they do not
fit on one line). Fails on the code before ``KeyFooter``: home, board, scorecard, rocks and five meeting segments."""

from __future__ import annotations

from datetime import UTC

import pytest
from textual.widgets import Footer

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App
from l10tui.tui.screens.home import HOME_KEYS
from l10tui.tui.widgets.key_footer import KeyFooter

SIZE = (120, 30)


def _lines(app: L10App) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def _check_footer(app: L10App) -> None:
    footer = app.screen.query_one(Footer)
    lines = _lines(app)
    shown = [b for (_node, b, _enabled, _tip) in app.screen.active_bindings.values() if b.show]
    assert shown
    problems = []
    for binding in shown:
        words = f"{app.get_key_display(binding)} {binding.description}"
        keys = [k for k in footer.query("FooterKey") if getattr(k, "action", None) == binding.action]
        if not keys:
            problems.append(f"{words!r}: not in the footer")
            continue
        region = keys[0].region
        if region.right > SIZE[0] or region.width == 0:
            problems.append(f"{words!r}: outside the screen ({region})")
        elif words not in lines[region.y]:
            problems.append(f"{words!r}: cut in {lines[region.y]!r}")
    assert not problems, problems


@pytest.mark.parametrize("screen", ["home", "issues", "scorecard", "rocks", "todos", "history", "trends", "people"])
async def test_every_footer_key_is_whole_at_120_columns(demo_db: L10Store, clock: FakeClock, screen: str) -> None:
    app = L10App(db=demo_db, clock=clock, start=screen)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.pause()
        await _check_footer(app)


async def test_every_meeting_segment_shows_its_keys_whole_at_120_columns(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for segment in range(7):
            if segment:
                await pilot.press("n")
            await pilot.pause()
            await pilot.pause()
            await _check_footer(app)


async def test_the_footer_follows_a_resize(demo_db: L10Store, clock: FakeClock) -> None:
    """Wide: one line, the stock footer; 120: wrapped between keys; back: one line again."""
    app = L10App(db=demo_db, clock=clock, start="rocks")
    async with app.run_test(size=(240, 30)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        assert footer.size.height == 1 and not footer.has_class("-rows")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.pause()
        assert footer.has_class("-rows") and footer.size.height >= 2
        await _check_footer(app)


async def test_home_key_line_wraps_between_entries_at_120_columns(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock, start="home")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(_lines(app))
        for key, what in HOME_KEYS:
            assert f"{key} {what}" in text, (key, what)
