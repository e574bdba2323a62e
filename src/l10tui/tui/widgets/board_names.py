"""Small shared helpers of the between-meetings screens: id -> name maps and the way numbers are written."""

from __future__ import annotations

from datetime import datetime

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.models import SourceLink
from l10tui.domain.text import safe_text
from l10tui.store import L10Store, StoreError


def team_names(db: L10Store) -> dict[str, str]:
    return {t.id: safe_text(t.name) for t in db.teams.all()}  # shown on screen: made safe once, here


def person_names(db: L10Store) -> dict[str, str]:
    return {p.id: safe_text(p.name) for p in db.people.all()}


def local(dt: datetime, calendar: CompanyCalendar | None = None) -> datetime:
    """An aware datetime as the company's naive wall-clock time (what people read and meeting rules are written in)."""
    return (calendar or CompanyCalendar.named(None)).local(dt).replace(tzinfo=None)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def source_text(db: L10Store, source: SourceLink | None) -> str:
    """``measurable M-3 MQLs``: where an issue came from, readable."""
    if source is None:
        return ""
    label = ""
    try:
        if source.kind == "measurable":
            label = db.measurables.get(source.id).name
        elif source.kind == "rock":
            label = db.rocks.get(source.id).title
        elif source.kind == "headline":
            label = db.headlines.get(source.id).text
        elif source.kind == "todo":
            label = db.todos.get(source.id).title
    except (StoreError, ValueError):  # a dangling link still shows its id
        label = ""
    text = f"{source.kind} {source.id}"
    return f"{text} {safe_text(label)[:30]}" if label else text
