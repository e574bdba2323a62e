"""A measurable's trailing column: the average or the total of its last 4 or 13 weeks (chosen per measurable).

Defaults: a rate (a derived ratio, a percentage, hours, days: any unit that is not a count or money) shows its
**average over the last 4 weeks**; a count or an amount of money shows its **total over the last 13 weeks** (one
quarter). ``l10 measurable add/edit --trailing avg4|avg13|total4|total13|none`` chooses otherwise. A derived
measurable is a ratio: it can only be averaged.

The window ends with the shown week (included; when that week has no number yet, the week before it: the week in
progress does not count until it is entered); weeks nobody entered are left out of both the average and the total,
and the label says how many weeks held a number when some did not (``avg 4w (3)``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from .goals import goal_label
from .models import Measurable
from .rules import InputError, format_number, week_values
from .text import safe_text

NOTE_MARK = "*"  # beside a number that has a note (the scorecard, ``score show``, the meeting's Scorecard)
CHOICES: tuple[str, ...] = ("avg4", "avg13", "total4", "total13", "none")
COUNT_UNITS = frozenset(("", "#", "$", "€", "£"))


@dataclass(frozen=True, slots=True)
class Trailing:
    kind: str  # "avg" or "total"
    weeks: int
    value: float | None
    entered: int  # how many of the weeks held a number

    @property
    def label(self) -> str:
        """``avg 4w`` / ``total 13w``: the column's heading."""
        return f"{self.kind} {self.weeks}w"

    def shown(self, unit: str = "") -> str:
        """The cell: ``27.5%``; ``131 (3/4)`` when some weeks were not entered; empty when none was."""
        if self.value is None:
            return ""
        shown = round(self.value) if abs(self.value) >= 100 else round(self.value, 1)  # 7,548 not 7548.2
        text = format_number(float(shown), unit)
        return text if self.entered == self.weeks else f"{text} ({self.entered}/{self.weeks})"

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "weeks": self.weeks, "value": self.value, "entered": self.entered}


def check_trailing(choice: str, *, derived: bool = False, name: str = "it") -> str:
    """``--trailing`` as typed (``""`` = the default); refused in one line when unknown or a total of a ratio."""
    text = choice.strip().lower().replace(" ", "")
    if text in ("", "default"):
        return ""
    if text not in CHOICES:
        raise InputError(f"--trailing {choice[:20]!r} is not one of {', '.join(CHOICES)}")
    if derived and text.startswith("total"):
        raise InputError(f"{name} is a ratio of two measurables: its trailing column can only be an average")
    return text


def trailing_choice(m: Measurable) -> str:
    """The measurable's own choice, or the default for its kind (rates: avg4; counts and money: total13)."""
    if m.trailing in CHOICES:
        return m.trailing
    if m.formula is not None or m.unit not in COUNT_UNITS:
        return "avg4"
    return "total13"


def trailing(m: Measurable, grid: Mapping[tuple[str, date], float], week: date) -> Trailing | None:
    """The trailing figure of ``m`` for the weeks up to ``week`` (a Monday) in ``grid``; None when it shows none.

    ``grid`` must hold the window's weeks (13 Mondays back from ``week`` cover every choice).
    """
    choice = trailing_choice(m)
    if choice == "none":
        return None
    kind = "avg" if choice.startswith("avg") else "total"
    weeks = int(choice.removeprefix(kind))
    if week_values(m, grid, week) is None:  # the week in progress, not entered yet, does not drag the figure down
        week -= timedelta(weeks=1)
    values = [week_values(m, grid, week - timedelta(weeks=i)) for i in range(weeks)]
    present = [v for v in values if v is not None]
    if not present:
        return Trailing(kind, weeks, None, 0)
    total = sum(present)
    value = total / len(present) if kind == "avg" else total
    return Trailing(kind, weeks, round(value, 4) + 0.0, len(present))


WINDOW_WEEKS = 13  # the most any choice needs: read this many weeks back for the grid


def trailing_weeks(week: date) -> list[date]:
    """The Mondays a trailing figure for ``week`` may read: ``week`` and the 13 before it, oldest first."""
    return [week - timedelta(weeks=i) for i in range(WINDOW_WEEKS, -1, -1)]


def row_trailing(row: Mapping[str, object]) -> str:
    """A snapshot row's trailing figure as text (``avg 4w 27.5%``), "" when it has none (older snapshots)."""
    found = row.get("trailing")
    if not isinstance(found, dict):
        return ""
    try:
        figure = Trailing(str(found["kind"]), int(found["weeks"]), found.get("value"), int(found.get("entered", 0)))
    except (KeyError, TypeError, ValueError):
        return ""
    unit = row.get("unit")
    shown = figure.shown(unit if isinstance(unit, str) else "")
    return f"{figure.label} {shown}" if shown else ""


def row_goal(row: Mapping[str, object]) -> str:
    """A snapshot row's goal as text, a range included (older snapshots have no ``goal_high``)."""
    goal, high, unit = row.get("goal"), row.get("goal_high"), row.get("unit")
    number = float(goal) if isinstance(goal, int | float) else 0.0
    top = float(high) if isinstance(high, int | float) else None
    return goal_label(str(row.get("op", ">=")), number, top, unit if isinstance(unit, str) else "")


def row_extras(row: Mapping[str, object]) -> str:
    """`` · avg 4w 27.5% · note: webinar week`` for an export line; "" for an older snapshot's row."""
    out = ""
    figure = row_trailing(row)
    if figure:
        out += f" · {figure}"
    note = row.get("note")
    if isinstance(note, str) and note:
        out += f" · note: {safe_text(note)}"
    return out
