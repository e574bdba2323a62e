"""Each team's routine choices, kept as optional data in ``_meta.settings.schedules`` (no schema change):

``{team id: {"reports": "previous"|"own", "weeks": {"2026-12-07": {"skip": true, "reason": "..."} |
{"to": "2026-12-08T15:00:00+00:00", "reason": "..."}}, "extra": [meeting ids]}}``.
A team with no entry reports the week that ended before its meeting and has no moved or skipped weeks.
"""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

from l10tui.domain.calendar import week_of
from l10tui.domain.clock import iso, parse_iso
from l10tui.domain.rules import InputError
from l10tui.domain.schedule import REPORTS_CHOICES, REPORTS_PREVIOUS, Reports, WeekChange, reports_of

from .db import Store

SETTING = "schedules"


def _all(store: Store) -> dict[str, Any]:
    value = store.setting(SETTING, {})
    return value if isinstance(value, dict) else {}


def _team(store: Store, team: str) -> dict[str, Any]:
    entry = _all(store).get(team, {})
    return entry if isinstance(entry, dict) else {}


def reports(store: Store, team: str) -> Reports:
    value = _team(store, team).get("reports", REPORTS_PREVIOUS)
    return value if value in REPORTS_CHOICES else REPORTS_PREVIOUS


def reports_for(store: Store, teams: list[str]) -> Reports:
    """The rule of a meeting of these teams (see :func:`l10tui.domain.schedule.reports_of`)."""
    return reports_of(reports(store, t) for t in teams)


def changes(store: Store, team: str) -> dict[date, WeekChange]:
    """The team's moved and skipped weeks, by Monday (entries that do not read are ignored)."""
    out: dict[date, WeekChange] = {}
    weeks = _team(store, team).get("weeks", {})
    if not isinstance(weeks, dict):
        return out
    for key, entry in weeks.items():
        if not isinstance(entry, dict):
            continue
        try:
            monday = date.fromisoformat(str(key))
            moved = parse_iso(str(entry["to"])) if entry.get("to") else None
        except (ValueError, TypeError):
            continue
        reason = str(entry.get("reason", ""))[:200]
        out[monday] = WeekChange(monday, skipped=bool(entry.get("skip")), reason=reason, moved_to=moved)
    return out


def extra_meetings(store: Store, team: str) -> set[str]:
    extra = _team(store, team).get("extra", [])
    return {str(x) for x in extra} if isinstance(extra, list) else set()


def _update(store: Store, team: str, change: Any) -> None:
    with store.transaction():
        everything = copy.deepcopy(_all(store))
        entry = everything.setdefault(team, {})
        if not isinstance(entry, dict):
            entry = everything[team] = {}
        change(entry)
        store.set_setting(SETTING, everything)


def set_reports(store: Store, team: str, value: str) -> None:
    if value not in REPORTS_CHOICES:
        raise InputError(f"reports {value[:20]!r}: choose previous (the week before the meeting) or own")
    _update(store, team, lambda e: e.__setitem__("reports", value))


def _week_entry(entry: dict[str, Any], week: date) -> dict[str, Any]:
    weeks = entry.setdefault("weeks", {})
    if not isinstance(weeks, dict):
        weeks = entry["weeks"] = {}
    return weeks.setdefault(week_of(week).isoformat(), {})  # type: ignore[no-any-return]


def skip_week(store: Store, team: str, week: date, reason: str = "") -> None:
    def change(entry: dict[str, Any]) -> None:
        w = _week_entry(entry, week)
        w.clear()
        w.update({"skip": True, "reason": reason})

    _update(store, team, change)


def move_week(store: Store, team: str, week: date, to: datetime, reason: str = "") -> None:
    def change(entry: dict[str, Any]) -> None:
        w = _week_entry(entry, week)
        w.clear()
        w.update({"to": iso(to), "reason": reason})

    _update(store, team, change)


def clear_week(store: Store, team: str, week: date) -> None:
    def change(entry: dict[str, Any]) -> None:
        weeks = entry.get("weeks", {})
        if isinstance(weeks, dict):
            weeks.pop(week_of(week).isoformat(), None)

    _update(store, team, change)


def mark_extra(store: Store, team: str, meeting: str) -> None:
    def change(entry: dict[str, Any]) -> None:
        extra = entry.setdefault("extra", [])
        if not isinstance(extra, list):
            extra = entry["extra"] = []
        if meeting not in extra:
            extra.append(meeting)

    _update(store, team, change)
