"""The scorecard grid's cells as text: the week's number with its mark and colour, the trailing figure, a row.

``✓ 42`` on track, ``✗ 30`` off track, ``· —`` nobody entered it (coloured from the theme's ``l10-on`` /
``l10-off`` / ``l10-missing``); a note on the number adds ``NOTE_MARK``. Two sizes: the meeting's grid (names,
who and goal first, full or compact numbers) and the typing grid of the scorecard screen (fixed-width week cells).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from rich.text import Text
from textual.app import App

from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import Measurable
from l10tui.domain.rules import format_compact, format_number, on_track
from l10tui.domain.trailing import NOTE_MARK, trailing

from ..status import SYMBOL, muted, track_colour
from .scorecard_data import ScorecardData

SHARED_MARK = "⇄"
DERIVED_MARK = "ƒ"
WEEK_CELL = 8  # the typing grid's week: " ✓ 51.2k", a space, the mark, a space, five characters

# full: 51,200 / $51,200; compact: 51.2k / $51.2k; bare: compact without the currency sign (it is in the Goal column)
Size = Literal["full", "compact", "bare"]


def marks(m: Measurable) -> str:
    """`` ⇄`` shared by more than one team, `` ƒ`` derived (a formula over two others)."""
    return (f" {SHARED_MARK}" if m.shared else "") + (f" {DERIVED_MARK}" if m.derived else "")


def number(value: float | None, m: Measurable, size: Size) -> str:
    if value is None:
        return "—"
    if size == "full":
        return format_number(value, m.unit)
    return format_compact(value, m.unit if size == "compact" or m.unit == "%" else "")


def week_cell(app: App[object], data: ScorecardData, m: Measurable, week: date, size: Size, width: int = 0) -> Text:
    """The number of ``m`` for ``week``: its on-track mark, the number, the note mark; right-aligned in ``width``."""
    value = data.value(m, week)
    track = on_track(value, m.goal, m.op, m.goal_high)
    mark = NOTE_MARK if (m.id, week) in data.notes else ""
    return Text(f"{SYMBOL[track]} {number(value, m, size)}{mark}".rjust(width), style=track_colour(app, track))


def trailing_cell(app: App[object], data: ScorecardData, m: Measurable, *, compact: bool = False) -> Text:
    """``avg 4w 27.5%`` / ``total 13w 1,606``: the measurable's trailing figure (domain/trailing.py);
    ``compact`` (the typing grid, 13 weeks wide): ``avg4 27.5%``, ``tot13 1.61k 12/13``."""
    figure = trailing(m, data.scores, data.weeks[0])
    if figure is None:
        return Text("")
    if not compact:
        return Text(f"{figure.label} ", style=muted(app)).append(figure.shown(m.unit) or "—")
    kind = "avg" if figure.kind == "avg" else "tot"
    shown = number(figure.value, m, "bare")
    part = f" {figure.entered}/{figure.weeks}" if figure.value is not None and figure.entered < figure.weeks else ""
    return Text(f"{kind}{figure.weeks} ", style=muted(app)).append(shown + part)


def row(app: App[object], data: ScorecardData, m: Measurable, *, compact: bool = False) -> list[Text | str]:
    """The meeting grid's row: name (and marks), who, goal, trailing, then the weeks newest first."""
    name = Text(m.name, style="bold")
    if m.shared or m.derived:
        name.append(marks(m), style=muted(app) if not m.shared else "bold")
    who = data.people.get(m.owner, m.owner)
    cells: list[Text | str] = [name, who, measurable_goal(m), trailing_cell(app, data, m, compact=True)]
    size: Size = "compact" if compact else "full"
    cells.extend(week_cell(app, data, m, week, size) for week in data.weeks)
    return cells


def typing_row(
    app: App[object], data: ScorecardData, m: Measurable, weeks: list[date], name_width: int
) -> list[Text | str]:
    """The typing grid's row: the name cut to ``name_width``, the weeks oldest first, trailing, goal, who."""
    name = m.name + marks(m)
    if len(name) > name_width - 1:
        name = name[: name_width - 2] + "…"
    cells: list[Text | str] = [Text(name.ljust(name_width), style="bold")]
    cells.extend(week_cell(app, data, m, week, "bare", WEEK_CELL) for week in weeks)
    cells.append(Text("  ").append_text(trailing_cell(app, data, m, compact=True)))
    cells.append(f"  {measurable_goal(m)}")
    cells.append(f"  {data.people.get(m.owner, m.owner)}")
    return cells
