"""Contrast, measured: every screen at 100x30 in every theme, with the cursor on an off-track row and on an on-track
row, read cell by cell as the terminal draws it (truecolor and 256 colours; 16 colours in projector mode too).

WCAG ratio of each text cell's foreground to its background: at least 7:1 in projector mode, 4.5:1 elsewhere; and an
off-track figure (✗) is never drawn less visible than an on-track one (✓) on the same background (an off-track badge, on
its own background, counts as more visible than plain text when it has the floor's contrast).
Run with ``-s`` to see the lowest ratio per screen and theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.app import L10App

from .contrast import Cell, screen_cells, screen_text

SIZE = (100, 30)
THEMES = ["normal", "projector", "colourblind", "no_color"]
BETWEEN = ["home", "issues", "scorecard", "rocks", "todos", "history", "trends", "alignment"]
OFF, ON = "✗", "✓"


pytestmark = pytest.mark.usefixtures("utc")  # the zone is UTC in every test here (tests/tui/conftest.py)


@dataclass
class Findings:
    theme: str
    failures: list[str] = field(default_factory=list)
    lowest: dict[str, float] = field(default_factory=dict)

    def minimum(self, system: str) -> float:
        return self.lowest.get(system, 99.0)


def systems_for(theme: str) -> dict[str, float]:
    """The colour systems checked, each with its floor."""
    floor = 7.0 if theme == "projector" else 4.5
    checked = {"truecolor": floor, "256": floor}
    if theme == "projector":
        checked["16"] = floor
    return checked


def measure(app: L10App, where: str, findings: Findings) -> None:
    lines = screen_text(app)
    for system, floor in systems_for(findings.theme).items():
        cells = screen_cells(app, system)
        assert cells, f"{where}: nothing rendered"
        worst = min(cells, key=lambda c: c.contrast)
        findings.lowest[system] = min(findings.minimum(system), worst.contrast)
        low = [c for c in cells if c.contrast < floor]
        if low:
            c = min(low, key=lambda c: c.contrast)
            findings.failures.append(
                f"{where} [{system}]: {len(low)} cells below {floor}:1, worst {c.contrast:.2f}:1 "
                f"{c.char!r} fg={c.fg} bg={c.bg} at ({c.x},{c.y}) in {lines[c.y].strip()[:90]!r}"
            )
        # Off-track against on-track on the same background: the cursor row has its own colours (the row being
        # reported), so a ✗ under the cursor is compared with the ✓ under the cursor, and the rows around it alike.
        for bg in {c.bg for c in cells if c.char in (OFF, ON)}:
            off = [c for c in cells if c.char == OFF and c.bg == bg]
            on = [c for c in cells if c.char == ON and c.bg == bg]
            if not (off and on):
                continue
            worst_off = min(off, key=lambda c: c.contrast)
            worst_on = min(on, key=lambda c: c.contrast)
            # A badge (white on red, its own background) stands out more than plain text of the same contrast.
            badge_ok = worst_off.badge and worst_off.contrast >= floor
            if worst_off.contrast + 0.05 < worst_on.contrast and not badge_ok:
                findings.failures.append(
                    f"{where} [{system}]: off-track {_cell(worst_off)} less visible than on-track {_cell(worst_on)}"
                )


def _cell(c: Cell) -> str:
    return f"{c.char} {c.contrast:.2f}:1 at ({c.x},{c.y})"


def _row_text(table: DataTable[Any], row: int) -> str:
    return " ".join(str(cell) for cell in table.get_row_at(row))


async def measure_rows(pilot: Pilot[None], where: str, findings: Findings) -> None:
    """Measure as it stands, then with the cursor on the first off-track and the first on-track row."""
    app = pilot.app
    assert isinstance(app, L10App)
    await settle(pilot)
    measure(app, where, findings)
    table = app.focused
    if not isinstance(table, DataTable) or table.row_count == 0:
        return
    for symbol, name in ((OFF, "off-track row"), (ON, "on-track row")):
        rows = [r for r in range(table.row_count) if symbol in _row_text(table, r)]
        if rows:
            table.move_cursor(row=rows[0], animate=False)
            await settle(pilot)
            measure(app, f"{where}, cursor on {name}", findings)


async def settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    for area in pilot.app.screen.query(TextArea):
        area.cursor_blink = False
    await pilot.pause()


def make_app(db: L10Store, clock: FakeClock, theme: str, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> L10App:
    if theme == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    db.set_setting("colourblind", theme == "colourblind")
    app = L10App(db=db, clock=clock, projector=theme == "projector", **kw)
    app.animation_level = "none"
    return app


def report(findings: Findings, where: str) -> None:
    figures = ", ".join(f"{s} {findings.minimum(s):.2f}:1" for s in systems_for(findings.theme))
    print(f"\nlowest contrast, {where}, {findings.theme}: {figures}")
    assert not findings.failures, "\n".join(findings.failures)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("screen", BETWEEN)
async def test_between_screens_contrast(
    demo_db: L10Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, screen: str, theme: str
) -> None:
    app = make_app(demo_db, clock, theme, monkeypatch, start=screen)
    findings = Findings(theme)
    async with app.run_test(size=SIZE) as pilot:
        await measure_rows(pilot, screen, findings)
    report(findings, screen)


SEGMENTS = ["segue", "scorecard", "rocks", "headlines", "todos", "ids", "conclude"]


@pytest.mark.parametrize("theme", THEMES)
async def test_meeting_contrast(
    demo_db: L10Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, theme: str
) -> None:
    from datetime import UTC

    app = make_app(demo_db, clock, theme, monkeypatch, start="meeting", start_kwargs={"tz": UTC})
    findings = Findings(theme)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for index, name in enumerate(SEGMENTS):
            if index:
                await pilot.press("n")
            if name == "ids":
                await pilot.press("1", "enter")
            await measure_rows(pilot, f"meeting {name}", findings)
            dialogs = {"segue": "i", "headlines": "h", "todos": "t", "ids": "s", "conclude": "r"}
            if name in dialogs:
                await pilot.press(dialogs[name])
                await measure_rows(pilot, f"meeting {name}, dialog {dialogs[name]}", findings)
                await pilot.press("escape")
                await settle(pilot)
    report(findings, "meeting")
