"""The funnel where people see it (issue #18): the Sales-Marketing view draws it as bars with the conversions and the
leak line, readable at 80x24; the meeting's Scorecard segment shows the one-line leak under the table, and hides it
when the company has no funnel. Fails on the code before issue #18 (no funnel anywhere in the app)."""

from __future__ import annotations

from datetime import UTC

from tests.tui.between_data import screen_text

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.store.funnel import SETTING
from l10tui.tui.app import L10App
from l10tui.tui.screens.alignment import AlignmentScreen
from l10tui.tui.widgets.funnel_bars import FunnelPicture

LEAK = "Funnel leak, wk 16 Nov: Demos booked -> New customers 27 %, median 33 %: Leadership"


async def test_the_sales_marketing_view_draws_the_funnel_at_80x24(demo_db: L10Store, clock: FakeClock) -> None:
    app = L10App(db=demo_db, clock=clock, start="alignment")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AlignmentScreen) and screen.funnel is not None
        shown = screen_text(app)
        # each stage: its name, its team, a bar and the number that bar is; each step: ✓/✗ and the words
        assert "MQLs           Marketing   ████" in shown and "█ 136" in shown
        assert "New customers  Leadership  █ 4" in shown
        assert "↓ ✓ 25 %, median 25 %" in shown
        assert "↓ ✗ 27 %, median 33 % (below)" in shown
        assert "✗ Funnel leak, wk 16 Nov: Demos booked -> New customers 27 %, median 33 %:" in shown
        # the widths are the numbers: MQLs' bar is the widest, and 136/34 ≈ 4x SQLs'
        picture = FunnelPicture(screen.funnel, app).lines(76)
        bars = [line.plain.count("█") for line in picture if "█" in line.plain]
        assert bars[0] == max(bars) and round(bars[0] / bars[1]) == 4 and bars[3] >= 1


async def test_without_a_funnel_the_view_says_how_to_make_one(demo_db: L10Store, clock: FakeClock) -> None:
    demo_db.set_setting(SETTING, {"stages": [], "set_at": "2026-11-23T09:00:00+00:00"})
    app = L10App(db=demo_db, clock=clock, start="alignment")
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert 'No funnel yet: l10 funnel set MQLs SQLs "Demos booked"' in screen_text(app)


async def test_the_meeting_scorecard_shows_the_leak_line(demo_db: L10Store, clock: FakeClock) -> None:
    from l10tui.tui.screens.meeting import MeetingScreen

    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(160, 45)) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("n")  # Segue -> Scorecard
        await pilot.pause()
        line = app.screen.query_one("#funnel-line")
        assert line.display and not line.has_class("-none")
        assert f"✗ {LEAK}" in screen_text(app)
        # The scorecard table is above the line, on screen.
        assert app.screen.query_one("#score-table").region.bottom <= line.region.y


async def test_no_funnel_no_line_in_the_meeting(demo_db: L10Store, clock: FakeClock) -> None:
    from l10tui.tui.screens.meeting import MeetingScreen

    demo_db.set_setting(SETTING, None)
    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one("#funnel-line").has_class("-none")
        assert "Funnel" not in screen_text(app)


async def test_the_leak_line_is_one_line_at_80x24(demo_db: L10Store, clock: FakeClock) -> None:
    from l10tui.tui.screens.meeting import MeetingScreen

    app = L10App(db=demo_db, clock=clock, start="meeting", start_kwargs={"tz": UTC})
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("n")
        await pilot.pause()
        line = app.screen.query_one("#funnel-line")
        assert line.region.height == 1
        assert "✗ Leak: Demos booked -> New customers 27 %, median 33 %: Leadership" in screen_text(app)
