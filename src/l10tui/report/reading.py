"""Reading a :class:`Lookup` from the store: every record (from some archive year on), only what some meetings refer
to (the yearly archives read only when needed), or the names and week rules alone."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from l10tui.domain.dates import week_monday
from l10tui.domain.models import Meeting
from l10tui.domain.schedule import WeekChange

from .lookup import Lookup, scorecard_week
from .text import meeting_day

if TYPE_CHECKING:
    from l10tui.store import L10Store


def read_all(db: L10Store, since: int | None = None) -> Lookup:
    """``since``: only archive years from that one on (records are archived in the year they closed)."""
    return Lookup.build(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=db.issues.history(since),  # history(): archived years included, so old meetings resolve whole
        todos=db.todos.history(since),
        measurables=db.measurables.all(),
        rocks=db.rocks.history(since),
        headlines=db.headlines.history(since),
        scores=db.scores.history(since),
        tz=db.calendar.zone,
        reports=_reports(db),
        changes=_changes(db),
        extra=_extra(db),
    )


def read_for_meetings(db: L10Store, meetings: Sequence[Meeting]) -> Lookup:
    """What these meetings refer to, reading the yearly archives only when it has to.

    When every meeting is still in the live file, the live records plus the few referenced by id (which
    ``find`` fetches from an archive if needed) are enough; an archived meeting reads the whole history.
    """
    live_meetings = {m.id for m in db.meetings.all()}
    if any(m.id not in live_meetings for m in meetings):
        # What an archived meeting refers to closed in its year or later; its scorecard reaches 13 weeks back.
        return read_all(db, min(meeting_day(m).year for m in meetings) - 1)
    issues = {i.id: i for i in db.issues.all()}
    todos = {t.id: t for t in db.todos.all()}
    rocks = {r.id: r for r in db.rocks.all()}
    headlines = {h.id: h for h in db.headlines.all()}
    for m in meetings:
        for iid in [*(d.issue for d in m.issues_discussed), *m.issues_added, *m.items_reviewed]:
            if iid not in issues and (found := db.issues.find(iid)) is not None and found.id == iid:
                issues[iid] = found
        wanted = [*m.todos_created, *m.items_reviewed]
        wanted += [t for iid in m.issues_added if iid in issues for t in issues[iid].todos]
        wanted += [t for d in m.issues_discussed if d.issue in issues for t in issues[d.issue].todos]
        for tid in wanted:
            if tid not in todos and (todo := db.todos.find(tid)) is not None and todo.id == tid:
                todos[tid] = todo
        for rid in m.items_reviewed:
            if rid not in rocks and (rock := db.rocks.find(rid)) is not None and rock.id == rid:
                rocks[rid] = rock
        for hid in m.headlines:
            if hid not in headlines and (headline := db.headlines.find(hid)) is not None:
                headlines[hid] = headline
    # the live file keeps the last 13 weeks of numbers; an older scorecard week needs the archives
    oldest = min((scorecard_week(m, db.calendar.zone) for m in meetings), default=None)
    recent = oldest is not None and oldest >= week_monday(db.today()) - timedelta(weeks=12)
    scores = db.scores.all() if recent or oldest is None else db.scores.history()
    return Lookup.build(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=issues.values(),
        todos=todos.values(),
        measurables=db.measurables.all(),
        rocks=rocks.values(),
        headlines=headlines.values(),
        scores=scores,
        tz=db.calendar.zone,
        reports=_reports(db),
        changes=_changes(db),
        extra=_extra(db),
    )


def read_parts(db: L10Store) -> Lookup:
    """Names, the zone and the week changes, no records: the base of a history read a year at a time."""
    return Lookup.build(
        teams=db.teams.all(),
        people=db.people.all(),
        measurables=db.measurables.all(),
        tz=db.calendar.zone,
        reports=_reports(db),
        changes=_changes(db),
        extra=_extra(db),
    )


def _changes(db: L10Store) -> dict[str, dict[date, WeekChange]]:
    from l10tui.store.schedule import changes

    return {t.id: found for t in db.teams.all() if (found := changes(db, t.id))}


def _extra(db: L10Store) -> set[str]:
    from l10tui.store.schedule import extra_meetings

    return {m for t in db.teams.all() for m in extra_meetings(db, t.id)}


def _reports(db: L10Store) -> dict[str, str]:
    from l10tui.store.schedule import reports

    return {t.id: reports(db, t.id) for t in db.teams.all()}
