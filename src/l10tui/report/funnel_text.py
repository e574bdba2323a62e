"""The funnel: a step's reading in words, shared by `l10 funnel show` (commands/funnel_render.py) and the app's
funnel bars (tui/widgets/funnel_bars.py)."""

from __future__ import annotations

from datetime import date

from l10tui.domain.funnel import Step, pct


def step_cell(step: Step, week: date) -> str:
    """``✗ 18 %, median 35 %``; ``· gap (a stage not entered)``; ``~ 9 % noisy (6 at the start)``."""
    w = step.at(week)
    median = f"median {pct(step.median)}"
    if w is None or w.state == "gap":
        return f"· gap (a stage not entered), {median}"
    if w.state == "zero":
        return f"· no rate (0 at the start), {median}"
    assert w.conversion is not None
    if w.noisy:
        return f"~ {pct(w.conversion)} noisy ({w.start:g} at the start), {median}"
    below = step.median is not None and w.conversion < step.median
    return f"{'✗' if below else '✓'} {pct(w.conversion)}, {median}{' (below)' if below else ''}"
