"""The demo's numbers: thirteen weeks planned from the seed (with the story's dips), entered on Fridays, a couple
held back for the meeting, and this week's first two."""

from __future__ import annotations

from datetime import timedelta

from l10tui.domain.dates import week_monday

from .cast import MEASURABLES, MEETINGS, WEBINAR_NOTE, measurable_spec
from .state import Demo


def plan_scores(d: Demo) -> dict[str, list[float | None]]:
    """Thirteen weeks of numbers per entered measurable, oldest first, with the story's dips in them."""
    rng, n = d.rng, len(d.time.score_weeks)
    webinar = n - 3  # the week the webinar flooded Marketing's MQLs with junk
    plan: dict[str, list[float | None]] = {}
    mqls = [float(190 + rng.randrange(-8, 9)) if i == webinar else float(round(rng.gauss(128, 13))) for i in range(n)]
    plan["mqls"] = list(mqls)
    plan["sqls"] = [
        float(round(m * (rng.uniform(0.13, 0.17) if i == webinar else rng.uniform(0.2, 0.32))))
        for i, m in enumerate(mqls)
    ]
    plan["revenue"] = [float(max(12_000, round(rng.gauss(43_000, 9_000) / 500) * 500)) for _ in range(n)]
    plan["contacted"] = [float(round(rng.uniform(61, 78) if i >= n - 3 else rng.uniform(84, 99))) for i in range(n)]
    plan["returned"] = [float(rng.randint(3, 13)) for _ in range(n)]
    plan["pipeline"] = [float(round(rng.gauss(165_000, 30_000) / 1_000) * 1_000) for _ in range(n)]
    plan["demos"] = [float(rng.randint(9, 16)) for _ in range(n)]
    plan["visitors"] = [
        float(round((7_650 - 400 * (i - (n - 3))) + rng.randrange(-120, 121)))
        if i >= n - 3
        else float(round(rng.gauss(8_600, 450)))
        for i in range(n)
    ]
    plan["blog"] = [float(rng.choice((2, 2, 2, 2, 1, 3))) for _ in range(n)]
    plan["customers"] = [float(rng.randint(2, 7)) for _ in range(n)]
    plan["churn"] = [float(rng.choice((0, 0, 0, 1, 1, 2))) for _ in range(n)]
    # Nobody entered a couple of numbers (the scorecard flags the empty cells).
    for key in rng.sample(["revenue", "pipeline", "demos", "blog", "customers", "returned"], 2):
        plan[key][rng.randrange(1, n - 3)] = None
    return plan


def enter_scores(d: Demo, w_index: int) -> None:
    """The week's numbers, entered on Friday afternoon; in the weeks the meetings report, a couple are given
    late, in the meeting itself (on the scorecard, by the engine)."""
    week = d.time.score_weeks[w_index]
    entered = [s.key for s in MEASURABLES if s.formula is None]
    if w_index >= len(d.time.score_weeks) - MEETINGS - 1:
        d.late[week] = d.rng.sample(entered, 2)
    for spec in MEASURABLES:
        if spec.formula is not None or spec.key in d.late.get(week, []):
            continue
        value = d.scores_plan[spec.key][w_index]
        d.clock.advance(60 + d.rng.randrange(600))
        if value is not None:
            note = WEBINAR_NOTE if spec.key == "mqls" and w_index == len(d.time.score_weeks) - 3 else None
            d.db.scores.set(d.measurable[spec.key], week, value, by=d.person[spec.owner], note=note)


def enter_late_scores(d: Demo) -> None:
    """Numbers held back for a meeting that did not report their week are entered from the command line."""
    d.time.at(d.time.now - timedelta(minutes=50))
    for week, keys in d.late.items():
        for key in keys:
            value = d.scores_plan[key][d.time.score_weeks.index(week)]
            if value is not None:
                d.clock.advance(30)
                d.db.scores.set(d.measurable[key], week, value, by=d.person[measurable_spec(key).owner])
    d.late.clear()


def enter_this_week(d: Demo) -> None:
    """This week has barely started: two numbers are in, the rest are still to come."""
    week = week_monday(d.time.today)
    d.time.at(d.time.now - timedelta(minutes=40))
    for key, value in (("returned", float(2 + d.rng.randrange(3))), ("blog", 1.0)):
        d.clock.advance(120)
        d.db.scores.set(d.measurable[key], week, value, by=d.person[measurable_spec(key).owner])
