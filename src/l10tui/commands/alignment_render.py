"""``l10 alignment`` as text and as JSON: the rendering of :class:`~l10tui.domain.alignment.AlignmentReport`.

The domain computes the figures; how they are written lives here, beside the command (tables through
:func:`.common.render_table`, which pads by display width and keeps user text printable).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from l10tui.domain.alignment import SIDE_BY_SIDE_WEEKS, AlignmentReport, Series
from l10tui.domain.alignment_issues import ALL_TEAMS, TREND_RULE, UNKNOWN
from l10tui.domain.goals import measurable_goal
from l10tui.domain.rules import TRACK_SYMBOL, format_number, on_track

from .common import render_table


def _table_lines(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return render_table(headers, rows).split("\n")


def report_json(r: AlignmentReport) -> dict[str, Any]:
    """``l10 alignment --json`` (docs/JSON.md)."""
    order = r.team_order()

    def series_json(s: Series) -> dict[str, Any]:
        m = s.measurable
        out: dict[str, Any] = {
            "id": m.id,
            "name": m.name,
            "owner": m.owner,
            "owner_name": r.person_names.get(m.owner),
            "teams": list(m.teams),
            "teams_names": [r.name(t) for t in m.teams],
            "goal": m.goal,
            "op": m.op,
            "unit": m.unit,
            "values": {w.isoformat(): v for w, v in s.values},
            "on_track": s.on,
            "off_track": s.off,
            "missing": s.missing,
        }
        if m.formula is not None:
            out["numerator"] = m.formula.numerator
            out["denominator"] = m.formula.denominator
            out["percent"] = m.formula.percent
        return out

    return {
        "window": {"start": r.window.start.isoformat(), "end": r.window.end.isoformat()},
        "weeks": len(r.window.weeks),
        "teams": [{"id": t, "name": r.name(t)} for t in order],
        "raised_matrix": {
            r.name(raised): {r.name(owner): n for owner, n in sorted(row.items())}
            for raised, row in sorted(r.matrix.items())
        },
        "cross_team_by_week": {w.isoformat(): n for w, n in r.cross_by_week},
        "cross_team_total": sum(n for _, n in r.cross_by_week),
        "cross_team_trend": r.trend,
        "dropped_matrix": {
            r.name(raised): {r.name(owner): n for owner, n in sorted(row.items())}
            for raised, row in sorted(r.dropped.items())
        },
        "dropped_cross_team": r.dropped_cross,
        "quarters": None
        if r.quarters is None
        else {
            "this_quarter": r.quarters.this_quarter,
            "this_count": r.quarters.this_count,
            "last_quarter": r.quarters.last_quarter,
            "last_same_point": r.quarters.last_same_point,
            "last_count": r.quarters.last_count,
        },
        "time_to_solve": {
            r.name(t): {
                "solved": s.solved,
                "median_days": s.median_days,
                "mean_days": s.mean_days,
                "open_now": s.open_now,
            }
            for t, s in r.solving.items()
        },
        "rating": {r.name(t): {"average": x.value, "ratings": x.count} for t, x in r.ratings.items()},
        "record_score": {r.name(t): {"average": x.value, "meetings": x.count} for t, x in r.records.items()},
        "todo_completion": {
            r.name(t): {"done": s.done, "reviewed": s.reviewed, "rate": s.rate} for t, s in r.todos.items()
        },
        "shared_measurables": [series_json(s) for s in r.shared],
        "handoff_measurables": [series_json(s) for s in r.handoff],
        "meetings": [{"meeting": mid, "date": day.isoformat()} for mid, day in r.meetings],
    }


def _num(value: float | None, suffix: str = "") -> str:
    return "—" if value is None else f"{value:g}{suffix}"


def render_text(r: AlignmentReport) -> str:
    """``l10 alignment``: the report as plain text, tables aligned by display width."""
    order = r.team_order()
    lines = [
        f"Sales-Marketing alignment, {len(r.window.weeks)} weeks "
        f"({r.window.start.isoformat()} to {r.window.end.isoformat()})",
    ]
    if r.quarters is not None:
        lines.append(r.quarters.text())
    lines += [
        "",
        "Who raises issues about whom (rows: raised by; columns: the team that owns the issue; "
        "dropped and merged issues not counted)",
    ]
    raisers = [t for t in order if t in r.matrix] + [x for x in (ALL_TEAMS, UNKNOWN) if x in r.matrix]
    owners = [t for t in order if any(t in row for row in r.matrix.values())]
    if raisers and owners:
        rows = [[r.name(a), *(str(r.matrix.get(a, {}).get(b, 0)) for b in owners)] for a in raisers]
        lines += _table_lines(["RAISED BY", *(r.name(b) for b in owners)], rows)
    else:
        lines.append("No issues raised in the window.")
    total = sum(n for _, n in r.cross_by_week)
    weekly = " ".join(str(n) for _, n in r.cross_by_week)
    lines += [
        "",
        f"Raised by one team about another: {total} in all; per week: {weekly} ({r.trend}: {TREND_RULE})",
        f"Dropped or merged, not counted: {r.dropped_cross} raised by one team about another",
        "",
    ]

    lines.append("Time to solve (issues solved in the window)")
    if r.solving:
        rows = [
            [r.name(t), str(s.solved), _num(s.median_days, " d"), _num(s.mean_days, " d"), str(s.open_now)]
            for t, s in sorted(r.solving.items(), key=lambda kv: r.name(kv[0]).casefold())
        ]
        lines += _table_lines(["TEAM", "SOLVED", "MEDIAN", "MEAN", "OPEN NOW"], rows)
    else:
        lines.append("No issues.")
    lines.append("")

    lines.append("Meetings, per team")
    per_team = [t for t in order if t in r.ratings or t in r.todos]
    if per_team:
        rows = []
        for t in per_team:
            rate = r.ratings.get(t)
            todo = r.todos.get(t)
            record = r.records.get(t)
            rows.append(
                [
                    r.name(t),
                    _num(rate.value) if rate else "—",
                    str(rate.count) if rate else "0",
                    _num(record.value) if record else "—",
                    f"{round(todo.rate * 100)}% ({todo.done}/{todo.reviewed})"
                    if todo and todo.rate is not None
                    else "—",
                ]
            )
        lines += _table_lines(["TEAM", "RATING", "RATINGS", "RECORD", "TO-DOS DONE"], rows)
    else:
        lines.append("No finished meetings in the window.")

    shown_weeks = r.window.weeks[-SIDE_BY_SIDE_WEEKS:]
    for title, items in (("Shared measurables", r.shared), ("Hand-off measurables", r.handoff)):
        lines += ["", f"{title} (the last {len(shown_weeks)} weeks side by side; ✓ on track, ✗ off, · missing)"]
        if not items:
            lines.append("None.")
            continue
        rows = []
        for s in items:
            m = s.measurable
            by_week = dict(s.values)
            cells = []
            for w in shown_weeks:
                v = by_week.get(w)
                mark = TRACK_SYMBOL[on_track(v, m.goal, m.op, m.goal_high)]
                cells.append(f"{format_number(v, m.unit)} {mark}".strip())
            rows.append(
                [
                    m.name,
                    ", ".join(r.name(t) for t in m.teams),
                    measurable_goal(m),
                    *cells,
                    f"{s.on}/{s.off}/{s.missing}",
                ]
            )
        headers = ["MEASURABLE", "TEAMS", "GOAL", *(w.strftime("%m-%d") for w in shown_weeks), "ON/OFF/MISSING"]
        lines += _table_lines(headers, rows)
    return "\n".join(lines)
