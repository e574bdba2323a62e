"""The funnel: one shared lead-to-revenue picture made of weekly count measurables, stage by stage, with the leak
named each week (issue 18: "the leads are no good" against "they don't follow them up", settled by the numbers).

A funnel is 2 to 8 stages, in order (MQLs, SQLs, Demos booked, New customers); each stage keeps the team of its
measurable's owner, saved when the funnel is set. Pure rules, no store:

* a **step** joins two neighbouring stages; its **conversion** in a week is the far stage's number over the near
  stage's, as a percentage (SQLs / MQLs). A week where either stage has no number is a **gap** (never 0 %, never a
  made-up rate); a week whose near stage is 0 has no rate either (``zero``);
* a step's **median** is the median of its conversions over the window's weeks that have one;
* a step-week is **noisy** when fewer than :data:`NOISY_BELOW` entered the step (its near stage): conversions swing
  wildly at low volume (L10-RULES.md, Scorecard), so a noisy step is shown but never named as the leak;
* the **leak** of a week is the step whose conversion fell furthest below its own median that week, measured as the
  share of the usual conversion lost ((median - this week) / median; ties: the larger fall in points, then the
  earlier step), named with the team that owns the step's far side: ``SQLs -> Demos booked 18 %, median 35 %:
  Sales``. No step below its median (or only noisy ones, or gaps): no leak.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .models import Measurable
from .rules import InputError

MIN_STAGES = 2
MAX_STAGES = 8
NOISY_BELOW = 10  # fewer than this many at a step's start: noisy, never the leak
NOT_COUNT_UNITS = frozenset({"%", "$", "€", "£", "h", "hours", "min", "d", "days", "s"})
RULE = (
    "Each step's conversion is the next stage's number over this one's; its median is over the window's weeks. "
    f"The leak is the step furthest below its own median this week; fewer than {NOISY_BELOW} at a step's start "
    "is noisy and never the leak; a week with a missing number is a gap, never 0 %."
)

StepState = Literal["ok", "gap", "zero"]


class FunnelError(InputError):
    """A funnel that cannot be set as asked (one line, says why)."""


def is_count(m: Measurable) -> bool:
    """A weekly count: entered (not derived from two others), never negative, with no unit that makes it a rate,
    money or time."""
    return m.formula is None and not m.negative and m.unit.strip().lower() not in NOT_COUNT_UNITS


def check_stages(stages: Sequence[Measurable]) -> None:
    """Refuse a funnel that is not 2-8 different weekly counts (the first problem, in one line)."""
    if len(stages) < MIN_STAGES:
        raise FunnelError(f"a funnel has at least {MIN_STAGES} stages (got {len(stages)})")
    if len(stages) > MAX_STAGES:
        raise FunnelError(f"a funnel has at most {MAX_STAGES} stages (got {len(stages)})")
    seen: set[str] = set()
    for m in stages:
        if m.id in seen:
            raise FunnelError(f"{m.name} is in the funnel twice; each stage is a different measurable")
        seen.add(m.id)
        if not m.active:
            raise FunnelError(f"{m.name} is retired; restore it first (l10 measurable retire --restore)")
        if not is_count(m):
            why = "derived from two others" if m.formula is not None else f"measured in {m.unit!r}"
            if m.formula is None and m.negative:
                why = "allowed below zero"
            raise FunnelError(f"{m.name} is not a weekly count ({why}); a funnel stage counts leads, deals, customers")


@dataclass(frozen=True)
class Stage:
    measurable: str  # id
    name: str
    team: str | None  # the team of the measurable's owner when the funnel was set
    team_name: str
    values: tuple[float | None, ...]  # one per window week, oldest first

    @property
    def total(self) -> float:
        return sum(v for v in self.values if v is not None)


@dataclass(frozen=True)
class StepWeek:
    week: date
    start: float | None  # the near stage's number
    end: float | None  # the far stage's number
    state: StepState
    conversion: float | None  # percent, one decimal; None for a gap or a zero start

    @property
    def noisy(self) -> bool:
        return self.start is not None and self.start < NOISY_BELOW


@dataclass(frozen=True)
class Step:
    index: int  # 0: stage 0 -> stage 1
    near: Stage
    far: Stage
    weeks: tuple[StepWeek, ...]
    median: float | None

    @property
    def label(self) -> str:
        return f"{self.near.name} -> {self.far.name}"

    @property
    def team_name(self) -> str:
        """The team that owns the step's far side (who converts what the near side hands over)."""
        return self.far.team_name

    def at(self, week: date) -> StepWeek | None:
        return next((w for w in self.weeks if w.week == week), None)

    def shortfall(self, week: date) -> float | None:
        """How far below its median the step fell in ``week`` (a share of the median), None when not below, not
        computable or noisy."""
        w = self.at(week)
        if w is None or w.conversion is None or w.noisy or self.median is None or self.median <= 0:
            return None
        if w.conversion >= self.median:
            return None
        return (self.median - w.conversion) / self.median


@dataclass(frozen=True)
class Leak:
    step: Step
    week: date
    conversion: float
    median: float

    def text(self) -> str:
        return (
            f"{self.step.label} {pct(self.conversion)}, median {pct(self.median)}: {self.step.team_name or 'no team'}"
        )


def pct(value: float | None) -> str:
    """``18 %``, ``12.5 %``; ``—`` for no rate."""
    if value is None:
        return "—"
    shown = f"{value:.0f}" if abs(value - round(value)) < 0.05 or value >= 10 else f"{value:.1f}"
    return f"{shown} %"


def conversion(start: float | None, end: float | None) -> tuple[StepState, float | None]:
    if start is None or end is None:
        return "gap", None
    if start == 0:
        return "zero", None
    return "ok", round(end / start * 100, 1)


@dataclass(frozen=True)
class Funnel:
    weeks: tuple[date, ...]  # the window, oldest first; the last one is "this week" (the reported week)
    stages: tuple[Stage, ...]
    steps: tuple[Step, ...]

    @property
    def this_week(self) -> date:
        return self.weeks[-1]

    def leak(self, week: date | None = None) -> Leak | None:
        """The step furthest below its own median in ``week`` (default: this week), or None."""
        when = self.this_week if week is None else week
        best: tuple[float, float, int] | None = None
        found: Leak | None = None
        for step in self.steps:
            share = step.shortfall(when)
            w = step.at(when)
            if share is None or w is None or w.conversion is None or step.median is None:
                continue
            key = (share, step.median - w.conversion, -step.index)
            if best is None or key > best:
                best = key
                found = Leak(step, when, w.conversion, step.median)
        return found

    def leak_line(self, week: date | None = None, *, short: bool = False) -> str:
        """The one line the meeting shows under the scorecard and keeps in its record (``short``: without the
        week, for a narrow terminal)."""
        when = self.this_week if week is None else week
        leak = self.leak(when)
        why = self._unnamed(when) if leak is None else None
        if short:
            if leak is not None:
                return f"Leak: {leak.text()}"
            return f"Funnel: no leak named ({why})" if why is not None else "Funnel: no leak, every step at its median"
        if leak is not None:
            return f"Funnel leak, wk {when:%-d %b}: {leak.text()}"
        if why is not None:
            return f"Funnel, wk {when:%-d %b}: no leak named ({why})"
        return f"Funnel, wk {when:%-d %b}: no leak, every step at or above its median"

    def verdict(self, week: date | None = None) -> Literal["leak", "none", "unknown"]:
        """``leak`` (one is named), ``none`` (every step at or above its median), ``unknown`` (gaps, noise)."""
        when = self.this_week if week is None else week
        if self.leak(when) is not None:
            return "leak"
        return "none" if self._unnamed(when) is None else "unknown"

    def _unnamed(self, when: date) -> str | None:
        """Why no leak can be named in a week without one: numbers missing, or a step below its median but noisy
        (None: every step that has a rate is at or above its median)."""
        states = [s.at(when) for s in self.steps]
        if all(w is None or w.conversion is None for w in states):
            return "numbers missing"
        below = [s for s in self.steps if _below_but_noisy(s, when)]
        if below:
            return f"{below[0].label} is below its median but noisy"
        return None


def _below_but_noisy(step: Step, week: date) -> bool:
    w = step.at(week)
    return (
        w is not None
        and w.noisy
        and w.conversion is not None
        and step.median is not None
        and w.conversion < step.median
    )


@dataclass(frozen=True)
class StageSpec:
    """A stage as the funnel keeps it: its measurable and the team of its owner when it was set."""

    measurable: str
    team: str | None = None


def build_funnel(
    specs: Sequence[StageSpec],
    measurables: Mapping[str, Measurable],
    team_names: Mapping[str, str],
    weeks: Sequence[date],
    grid: Mapping[tuple[str, date], float],
) -> Funnel:
    """The funnel over ``weeks`` (oldest first, the last is this week) from the weekly numbers in ``grid``
    ({(measurable id, monday): value}). A stage whose measurable is gone shows its id and only gaps."""
    if not weeks:
        raise ValueError("a funnel window is at least one week")
    stages: list[Stage] = []
    for spec in specs:
        m = measurables.get(spec.measurable)
        stages.append(
            Stage(
                measurable=spec.measurable,
                name=m.name if m is not None else spec.measurable,
                team=spec.team,
                team_name=team_names.get(spec.team, spec.team) if spec.team else "",
                values=tuple(grid.get((spec.measurable, w)) for w in weeks),
            )
        )
    steps: list[Step] = []
    for i, (near, far) in enumerate(itertools.pairwise(stages)):
        rows = []
        for k, w in enumerate(weeks):
            state, conv = conversion(near.values[k], far.values[k])
            rows.append(StepWeek(w, near.values[k], far.values[k], state, conv))
        rates = [r.conversion for r in rows if r.conversion is not None]
        median = round(statistics.median(rates), 1) if rates else None
        steps.append(Step(i, near, far, tuple(rows), median))
    return Funnel(tuple(weeks), tuple(stages), tuple(steps))
