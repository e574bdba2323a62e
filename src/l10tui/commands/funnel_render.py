"""The funnel as ``l10 funnel show`` and ``l10 alignment`` print it: text and JSON.

The domain computes the funnel (domain/funnel.py: stages, steps, medians, the leak); how it is written for the CLI
lives here, beside the commands, as the alignment report's rendering does (alignment_render.py). The step's words
(``✗ 18 %, median 35 %``) are shared with the app's funnel bars, so they live in the report room.
"""

from __future__ import annotations

from typing import Any

from l10tui.domain.funnel import NOISY_BELOW, RULE, Funnel, pct
from l10tui.report.funnel_text import step_cell


def funnel_json(f: Funnel) -> dict[str, Any]:
    """``l10 funnel show --json`` and the funnel of ``l10 alignment --json`` (docs/JSON.md)."""
    leak = f.leak()
    return {
        "weeks": [w.isoformat() for w in f.weeks],
        "this_week": f.this_week.isoformat(),
        "noisy_below": NOISY_BELOW,
        "stages": [
            {
                "measurable": s.measurable,
                "measurable_name": s.name,
                "team": s.team,
                "team_name": s.team_name,
                "values": {w.isoformat(): v for w, v in zip(f.weeks, s.values, strict=True)},
                "total": s.total,
            }
            for s in f.stages
        ],
        "steps": [
            {
                "from": step.near.measurable,
                "from_name": step.near.name,
                "to": step.far.measurable,
                "to_name": step.far.name,
                "label": step.label,
                "team": step.far.team,
                "team_name": step.team_name,
                "median": step.median,
                "weeks": {
                    w.week.isoformat(): {
                        "conversion": w.conversion,
                        "state": w.state,
                        "noisy": w.noisy,
                        "below_median_by": None if (x := step.shortfall(w.week)) is None else round(x * 100, 1),
                    }
                    for w in step.weeks
                },
            }
            for step in f.steps
        ],
        "leak": None
        if leak is None
        else {
            "week": leak.week.isoformat(),
            "from": leak.step.near.measurable,
            "from_name": leak.step.near.name,
            "to": leak.step.far.measurable,
            "to_name": leak.step.far.name,
            "label": leak.step.label,
            "conversion": leak.conversion,
            "median": leak.median,
            "team": leak.step.far.team,
            "team_name": leak.step.team_name,
            "text": leak.text(),
        },
        "leak_by_week": {w.isoformat(): (None if (lk := f.leak(w)) is None else lk.step.label) for w in f.weeks},
        "line": f.leak_line(),
    }


def render_text(f: Funnel) -> str:
    """``l10 funnel show`` and the funnel part of ``l10 alignment``: stages, steps, the leak."""
    this = f.this_week
    lines = [f"Funnel, {len(f.weeks)} weeks to wk {this:%-d %b %Y} (the week a meeting today reports)", ""]
    width = max(len(s.name) for s in f.stages)
    top = max((v for s in f.stages for v in s.values[-1:] if v is not None), default=0.0)
    bar_w = 30
    for s in f.stages:
        v = s.values[-1]
        bar = "" if v is None or top <= 0 else "█" * max(1, round(v / top * bar_w)) if v > 0 else ""
        shown = "— (not entered)" if v is None else f"{v:g}"
        lines.append(f"  {s.name.ljust(width)}  {bar.ljust(bar_w)}  {shown}   {s.team_name}".rstrip())
    lines += ["", "Steps (this week against the median of the window; ✓ at or above, ✗ below)"]
    label_w = max(len(step.label) for step in f.steps)
    for step in f.steps:
        lines.append(f"  {step.label.ljust(label_w)}  {step_cell(step, this)}")
    lines += ["", f.leak_line(), "", "Week by week (conversion per step; · gap, ~ noisy)"]
    header = ["WEEK", *(s.name for s in f.stages), *(f"{k + 1}>{k + 2}" for k in range(len(f.steps))), "LEAK"]
    rows: list[list[str]] = []
    for k, w in enumerate(f.weeks):
        leak = f.leak(w)
        cells = [f"{w:%Y-%m-%d}", *("·" if s.values[k] is None else f"{s.values[k]:g}" for s in f.stages)]
        for step in f.steps:
            sw = step.weeks[k]
            cells.append("·" if sw.conversion is None else f"{pct(sw.conversion)}{' ~' if sw.noisy else ''}")
        cells.append("" if leak is None else f"{leak.step.index + 1}>{leak.step.index + 2}")
        rows.append(cells)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    for cells in [header, *rows]:
        lines.append("  " + "  ".join(c.ljust(widths[i]) for i, c in enumerate(cells)).rstrip())
    lines += ["", RULE]
    return "\n".join(lines)


def funnel_section(f: Funnel | None) -> str:
    """The funnel's part of ``l10 alignment``'s text: a blank line, then the funnel, or how to make one."""
    if f is None:
        return '\nFunnel: none yet (make one: l10 funnel set MQLs SQLs "Demos booked" "New customers")'
    return "\n" + render_text(f)
