"""The records a meeting refers to, by id (:class:`Lookup`, read from the store once for many meetings), and what a
meeting showed from them: its scorecard's week and measurables, its own week."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, tzinfo
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
        """Every record; ``since``: only archive years from that one on (records are archived in the year they
        closed)."""
        from .reading import read_all

        return read_all(db, since)

    @classmethod
    def for_meetings(cls, db: L10Store, meetings: Sequence[Meeting]) -> Lookup:
        """What these meetings refer to, reading the yearly archives only when it has to."""
        from .reading import read_for_meetings

        return read_for_meetings(db, meetings)

    @classmethod
    def from_parts(cls, db: L10Store) -> Lookup:
        """Names, the zone and the week changes, no records: the base of a history read a year at a time."""
        from .reading import read_parts

        return read_parts(db)

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
