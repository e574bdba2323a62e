"""The company's funnel, kept as optional data in ``_meta.settings.funnel`` (no schema change, like the schedules):

``{"stages": [{"measurable": "M-2", "team": "TM-2"}, ...], "set_at": "2026-12-01T09:00:00+00:00"}``

Each stage keeps the team of its measurable's owner as it was when the funnel was set. ``set_at`` lets the sync merge
keep the newest funnel whole (sync/meta.py): two laptops that each set a funnel never get a mix of both.
A value that does not read (edited by hand, damaged) is treated as no funnel.

The weeks and their numbers come from the scores store: the live file for the weeks it always holds, the archive
(only the years the window reaches, only the funnel's scores) for older ones.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from l10tui.domain.clock import iso
from l10tui.domain.dates import weeks_back
from l10tui.domain.funnel import Funnel, StageSpec, build_funnel, check_stages
from l10tui.domain.models import Measurable
from l10tui.domain.rules import team_of_person
from l10tui.domain.schedule import reported_week

from .archive import SCORE_WEEKS_LIVE
from .manifest import manifest
from .schedule import reports_for

if TYPE_CHECKING:
    from . import L10Store as Store

SETTING = "funnel"
DEFAULT_WEEKS = 13


def stage_specs(store: Store) -> list[StageSpec]:
    """The funnel's stages, in order ([] when none is set or the setting does not read)."""
    value = store.setting(SETTING)
    if not isinstance(value, dict) or not isinstance(value.get("stages"), list):
        return []
    out: list[StageSpec] = []
    for item in value["stages"]:
        if not isinstance(item, dict) or not isinstance(item.get("measurable"), str):
            return []
        team = item.get("team")
        out.append(StageSpec(item["measurable"], team if isinstance(team, str) else None))
    return out if len(out) >= 2 else []


def stage_team(store: Store, m: Measurable) -> str | None:
    """The team a stage keeps: its owner's team among the measurable's teams (the one rule, rules.team_of_person),
    else the measurable's first team."""
    owner = store.people.find(m.owner) if m.owner else None
    return team_of_person(owner, m.teams) or next(iter(m.teams), None)


def stages_named(store: Store, names: Sequence[str]) -> list[Measurable]:
    """The measurables ``names`` name (ids or names, as everywhere), checked as a funnel: an unknown name is refused
    with the names that exist, then the funnel's own rules (domain/funnel.py). The CLI and the app both use it."""
    chosen = [store.measurables.lookup(name) for name in names]
    check_stages(chosen)
    return chosen


def split_stage_names(text: str) -> list[str]:
    """``MQLs, SQLs, Demos booked`` or ``MQLs -> SQLs -> Demos booked`` (as the app's form takes them)."""
    parts = text.split(" -> ") if " -> " in text else text.split(",")  # "MQL->SQL rate" stays one name
    return [p.strip() for p in parts if p.strip()]


def set_funnel(store: Store, stages: Sequence[Measurable]) -> list[StageSpec]:
    """Set the funnel to ``stages`` (checked first: nothing is written on refusal); returns what was kept."""
    check_stages(stages)
    specs = [StageSpec(m.id, stage_team(store, m)) for m in stages]
    value: dict[str, Any] = {
        "stages": [{"measurable": s.measurable, "team": s.team} for s in specs],
        "set_at": iso(store.clock.now()),
    }
    with store.transaction():
        store.name_change(f"set the funnel: {' -> '.join(m.name for m in stages)}")
        store.set_setting(SETTING, value)
    return specs


def clear_funnel(store: Store) -> bool:
    """Remove the funnel (True if there was one). The set_at stays, so a merge knows the removal is the newest."""
    if not stage_specs(store):
        return False
    with store.transaction():
        store.name_change("removed the funnel")
        store.set_setting(SETTING, {"stages": [], "set_at": iso(store.clock.now())})
    return True


def funnel_weeks(store: Store, today: date, weeks: int = DEFAULT_WEEKS, teams: Sequence[str] = ()) -> list[date]:
    """``weeks`` Mondays, oldest first, ending with the week a meeting held ``today`` reports (domain/schedule.py;
    the teams' rule, every active team's by default)."""
    team_ids = list(teams) or [t.id for t in store.teams.active()]
    last = reported_week(today, reports_for(store, team_ids))
    return weeks_back(last, weeks)


def funnel_grid(
    store: Store, specs: Sequence[StageSpec], weeks: Sequence[date], today: date
) -> dict[tuple[str, date], float]:
    """The stages' numbers for ``weeks``: the live file, plus the archive for weeks it may no longer hold (only the
    archive years from the window's first, only these measurables' scores of the window's weeks)."""
    wanted = {s.measurable for s in specs}
    window = set(weeks)
    # Built records (a hand-edited score lacking a field reads with its default, never a KeyError).
    grid = {(s.measurable, s.week): s.value for s in store.scores.all() if s.measurable in wanted and s.week in window}
    live_from = today - timedelta(weeks=SCORE_WEEKS_LIVE)  # archiving keeps at least these weeks live
    older = [w for w in weeks if w < live_from]
    if older:
        for key, value in _archived(store, wanted, older).items():
            grid.setdefault(key, value)
    return grid


# The archived part of the last window read, per store file: archive years change only when the store compacts
# (their manifest entries say so), so a meeting that redraws its funnel line after every change reads them once.
_ARCHIVED: dict[str, tuple[Any, dict[tuple[str, date], float]]] = {}


def _archived(store: Store, wanted: set[str], older: list[date]) -> dict[tuple[str, date], float]:
    first = older[0]
    entries = manifest(store.meta) or {}
    key = (
        tuple(sorted(wanted)),
        tuple(older),
        repr(sorted((y, e) for y, e in entries.items() if y >= str(first.year))),
    )
    cached = _ARCHIVED.get(str(store.path))
    if cached is not None and cached[0] == key:
        return cached[1]
    days = {w.isoformat(): w for w in older}
    out: dict[tuple[str, date], float] = {}
    for _path, docs in store.archive.years("scores", first.year):  # only the archived documents (live ones win)
        for doc in docs.values():
            week = days.get(str(doc.get("week"))[:10])
            value = doc.get("value")
            if week is not None and doc.get("measurable") in wanted and isinstance(value, int | float):
                out[(str(doc["measurable"]), week)] = float(value)
    _ARCHIVED[str(store.path)] = (key, out)
    return out


def read_funnel(
    store: Store, today: date, weeks: int = DEFAULT_WEEKS, *, teams: Sequence[str] = (), last: date | None = None
) -> Funnel | None:
    """The funnel over ``weeks`` weeks ending with the reported week (or ``last``), None when none is set."""
    specs = stage_specs(store)
    if not specs:
        return None
    mondays = weeks_back(last, weeks) if last is not None else funnel_weeks(store, today, weeks, teams)
    measurables = {m.id: m for m in store.measurables.all()}
    names = {t.id: t.name for t in store.teams.all()}
    return build_funnel(specs, measurables, names, mondays, funnel_grid(store, specs, mondays, today))


def merge_setting(base: Any, ours: Any, theirs: Any) -> Any:
    """The funnel after a sync merge (sync/meta.py): a funnel is one choice, never a mix of two. Changed on one
    side: that side's; changed on both: the one set last (``set_at``; ties: the larger JSON, the same everywhere)."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs

    def key(value: Any) -> tuple[str, str]:
        when = value.get("set_at") if isinstance(value, dict) else None
        return (when if isinstance(when, str) else "", repr(value))

    return ours if key(ours) >= key(theirs) else theirs
