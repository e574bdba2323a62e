"""The company set up in the store: its name, teams, people, measurables and the shared funnel."""

from __future__ import annotations

from l10tui.domain.models import Formula
from l10tui.store.funnel import set_funnel

from .cast import COMPANY, FACILITATOR, FUNNEL, MEASURABLES, PEOPLE, TEAMS
from .state import Demo


def set_up(d: Demo) -> None:
    d.time.at(d.time.setup_at)
    d.db.set_setting("company", COMPANY)
    d.db.set_setting("demo", True)
    for key, name, colour in TEAMS:
        d.team[key] = d.db.teams.add(name, colour=colour, weekday=0, hour=9, minute=0).id
    for key, name, teams in PEOPLE:
        d.clock.advance(60)
        d.person[key] = d.db.people.add(name, [d.team[t] for t in teams]).id
    for spec in MEASURABLES:
        d.clock.advance(60)
        formula = None
        if spec.formula is not None:
            num, den = spec.formula
            formula = Formula(numerator=d.measurable[num], denominator=d.measurable[den], percent=True)
        d.measurable[spec.key] = d.db.measurables.add(
            spec.name,
            owner=d.person[spec.owner],
            goal=spec.goal,
            op=spec.op,
            unit=spec.unit,
            teams=[d.team[t] for t in spec.teams],
            formula=formula,
            by=d.person[FACILITATOR],
            goal_high=spec.goal_high,
            trailing=spec.trailing,
        ).id
    d.clock.advance(60)
    set_funnel(d.db, [d.db.measurables.get(d.measurable[key]) for key in FUNNEL])
