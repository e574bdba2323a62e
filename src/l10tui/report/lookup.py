"""The records a meeting refers to, by id (:class:`Lookup`, read from the store once for many meetings), and what a
meeting showed from them: its scorecard's week and measurables, its own week."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta, tzinfo
from typing import TYPE_CHECKING

from l10tui.domain.dates import week_monday
from l10tui.domain.models import Headline, Issue, Measurable, Meeting, Person, Rock, Score, Team, Todo
from l10tui.domain.schedule import REPORTS_PREVIOUS, WeekChange, reported_week, reports_of

from .text import meeting_day

if TYPE_CHECKING:
    from l10tui.store import L10Store


@dataclass
class Lookup:
    """The records a meeting refers to, by id."""

    teams: dict[str, Team]
    people: dict[str, Person]
    issues: dict[str, Issue]
    todos: dict[str, Todo]
    measurables: dict[str, Measurable]
    rocks: dict[str, Rock]
    headlines: dict[str, Headline]
    scores: list[Score]
    tz: tzinfo | None = None  # the company's zone (the store's calendar); None: the machine's
    reports: dict[str, str] = field(default_factory=dict)  # team id -> the week its meetings report
    changes: dict[str, dict[date, WeekChange]] = field(default_factory=dict)  # team id -> moved/skipped weeks
    extra: set[str] = field(default_factory=set)  # meetings held besides the weekly one
    # indexes built on first use, so a history of hundreds of meetings is not meetings x records
    _reviews: dict[str, list[tuple[Todo, bool]]] | None = field(default=None, init=False, repr=False, compare=False)
    _discussed: dict[str, list[Issue]] | None = field(default=None, init=False, repr=False, compare=False)

    def reviews_in(self, meeting_id: str) -> list[tuple[Todo, bool]]:
        """The to-dos reviewed in a meeting, with whether each was done."""
        if self._reviews is None:
            self._reviews = {}
            for todo in self.todos.values():
                for review in todo.reviews:
                    self._reviews.setdefault(review.meeting, []).append((todo, review.done))
        return list(self._reviews.get(meeting_id, []))

    def issues_in(self, meeting_id: str) -> list[Issue]:
        """The issues that list this meeting among those they were discussed in."""
        if self._discussed is None:
            self._discussed = {}
            for issue in self.issues.values():
                for mid in issue.meetings:
                    self._discussed.setdefault(mid, []).append(issue)
        return list(self._discussed.get(meeting_id, []))

    @classmethod
    def from_store(cls, db: L10Store, since: int | None = None) -> Lookup:
        """``since``: only archive years from that one on (records are archived in the year they closed)."""
        return cls.build(
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

    @classmethod
    def for_meetings(cls, db: L10Store, meetings: Sequence[Meeting]) -> Lookup:
        """What these meetings refer to, reading the yearly archives only when it has to.

        When every meeting is still in the live file, the live records plus the few referenced by id (which
        ``find`` fetches from an archive if needed) are enough; an archived meeting reads the whole history.
        """
        live_meetings = {m.id for m in db.meetings.all()}
        if any(m.id not in live_meetings for m in meetings):
            # What an archived meeting refers to closed in its year or later; its scorecard reaches 13 weeks back.
            return cls.from_store(db, min(meeting_day(m).year for m in meetings) - 1)
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
        return cls.build(
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

    @classmethod
    def from_parts(cls, db: L10Store) -> Lookup:
        """Names, the zone and the week changes, no records: the base of a history read a year at a time."""
        return cls.build(
            teams=db.teams.all(),
            people=db.people.all(),
            measurables=db.measurables.all(),
            tz=db.calendar.zone,
            reports=_reports(db),
            changes=_changes(db),
            extra=_extra(db),
        )

    def with_index(self, reviews: dict[str, list[tuple[Todo, bool]]], discussed: dict[str, list[Issue]]) -> Lookup:
        """This lookup with the to-dos reviewed and the issues discussed in some meetings given, by meeting id (what
        ``reviews_in`` / ``issues_in`` would index from every record)."""
        lk = replace(self)
        lk._reviews, lk._discussed = reviews, discussed
        return lk

    @classmethod
    def build(
        cls,
        *,
        teams: Iterable[Team] = (),
        people: Iterable[Person] = (),
        issues: Iterable[Issue] = (),
        todos: Iterable[Todo] = (),
        measurables: Iterable[Measurable] = (),
        rocks: Iterable[Rock] = (),
        headlines: Iterable[Headline] = (),
        scores: Iterable[Score] = (),
        tz: tzinfo | None = None,
        reports: dict[str, str] | None = None,
        changes: dict[str, dict[date, WeekChange]] | None = None,
        extra: set[str] | None = None,
    ) -> Lookup:
        return cls(
            tz=tz,
            reports=dict(reports or {}),
            changes=dict(changes or {}),
            extra=set(extra or ()),
            teams={t.id: t for t in teams},
            people={p.id: p for p in people},
            issues={i.id: i for i in issues},
            todos={t.id: t for t in todos},
            measurables={m.id: m for m in measurables},
            rocks={r.id: r for r in rocks},
            headlines={h.id: h for h in headlines},
            scores=list(scores),
        )

    def team(self, team_id: str | None) -> str:
        if not team_id:
            return ""
        t = self.teams.get(team_id)
        return t.name if t else team_id

    def person(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        p = self.people.get(person_id)
        return p.name if p else person_id


def meeting_measurables(meeting: Meeting, lk: Lookup) -> list[Measurable]:
    """The measurables this meeting's scorecard showed: those reviewed, else the meeting's teams' (as the engine)."""
    reviewed = [lk.measurables[i] for i in meeting.items_reviewed if i in lk.measurables]
    if reviewed:
        return reviewed
    teams = set(meeting.teams)
    return [m for m in lk.measurables.values() if m.active and (not m.teams or set(m.teams) & teams)]


def scorecard_week(meeting: Meeting, tz: tzinfo | None = None, lk: Lookup | None = None) -> date:
    """The week whose numbers the meeting reported (its teams' setting; by default the week before it)."""
    rule = reports_of((lk.reports if lk else {}).get(t, REPORTS_PREVIOUS) for t in meeting.teams)
    return reported_week(meeting_day(meeting, tz or (lk.tz if lk else None)), rule)


def meeting_week(meeting: Meeting, tz: tzinfo | None = None) -> date:
    """The Monday of the meeting's own week (rock statuses are set in it)."""
    return week_monday(meeting_day(meeting, tz))


def _changes(db: L10Store) -> dict[str, dict[date, WeekChange]]:
    from l10tui.store.schedule import changes

    return {t.id: found for t in db.teams.all() if (found := changes(db, t.id))}


def _extra(db: L10Store) -> set[str]:
    from l10tui.store.schedule import extra_meetings

    return {m for t in db.teams.all() for m in extra_meetings(db, t.id)}


def _reports(db: L10Store) -> dict[str, str]:
    from l10tui.store.schedule import reports

    return {t.id: reports(db, t.id) for t in db.teams.all()}
