"""The agenda's reads: what each segment lists (no writes here; segments/*.py hold the actions)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from l10tui.domain.dates import quarter_of
from l10tui.domain.models import (
    Headline,
    Issue,
    Measurable,
    Meeting,
    Person,
    Rating,
    Rock,
    Team,
    Todo,
)
from l10tui.domain.rules import (
    not_done_twice,
    rating_average,
    team_of_person,
)
from l10tui.domain.schedule import reported_week, reported_week_label
from l10tui.domain.snapshot import build_snapshot
from l10tui.domain.todo_life import (
    Completion,
    completion,
    creation_order,
    due_for_review,
    review_in,
)
from l10tui.domain.trailing import trailing_weeks

from .core import RunCore
from .funnel import snapshot_funnel
from .opening import people_of
from .projection import Projection, project
from .types import IDS


class AgendaReads(RunCore):
    """What the agenda shows: the people, numbers, rocks, headlines, to-dos and issues of this meeting's teams, the
    ratings so far, and the room's snapshot built from them. Reads only; the segments' actions write."""

    _reads_kept: tuple[tuple[int, ...], tuple[list[Todo], list[Headline], Meeting | None]] | None = None

    @property
    def late_s(self) -> float | None:
        m = self.meeting
        if m.planned_start is None or m.actual_start is None:
            return None
        return (m.actual_start - m.planned_start).total_seconds()

    @property
    def today(self) -> date:
        """The meeting's day (the local date it started): to-dos are due a week after it and scores go to its week,
        even when the meeting runs past midnight or is resumed the next morning."""
        return self.day

    @property
    def reported_week(self) -> date:
        """The Monday of the week whose numbers this meeting reports (its teams' setting; see domain.schedule)."""
        from l10tui.store.schedule import reports_for

        return reported_week(self.today, reports_for(self.store, self.meeting.teams))

    @property
    def reported_week_label(self) -> str:
        """``This wk`` or ``Wk 23 Nov``: the label of the meeting's scorecard column."""
        return reported_week_label(self.reported_week, self.today)

    def projection(self) -> Projection:
        """When the meeting will end at this pace, against its planned end (``.text(calendar)`` for the top bar)."""
        m = self.meeting
        return project(
            now=m.actual_end if self.finished and m.actual_end else self.clock.now(),
            start=m.actual_start,
            planned_start=m.planned_start,
            planned=[float(s.planned_s) for s in m.segments],
            elapsed=[self.elapsed(i) for i in range(len(m.segments))],
            current=self.current,
            ids=IDS,
            finished=self.finished,
        )

    def projection_text(self) -> str:
        """``ends 10:32 · 2 min over`` in the company's time."""
        return self.projection().text(self.store.calendar)

    def people(self) -> list[Person]:
        """Everyone expected: the members of the meeting's teams (and anyone recorded in its attendance)."""
        found = {p.id: p for p in people_of(self.store, self.meeting.teams)}
        for pid in self.meeting.attendance:
            if pid not in found:
                p = self.store.people.find(pid)
                if p is not None:
                    found[pid] = p
        return sorted(found.values(), key=lambda p: p.name.casefold())

    def name_of(self, person_id: str | None) -> str:
        if not person_id:
            return ""
        p = self.store.people.find(person_id)
        return p.name if p else person_id

    def team_name(self, team_id: str | None) -> str:
        if not team_id:
            return ""
        for t in self.teams:
            if t.id == team_id:
                return t.name
        t2 = self.store.teams.find(team_id)
        return t2.name if t2 else team_id

    def present(self, person_id: str) -> bool:
        return self.meeting.attendance.get(person_id, True)

    def _reviewed(self, item_id: str) -> None:
        if item_id not in self.meeting.items_reviewed:
            self.meeting.items_reviewed.append(item_id)

    def _team_of_person(self, person_id: str | None) -> str | None:
        return team_of_person(self.store.people.find(person_id), self.meeting.teams) if person_id else None

    def measurables(self) -> list[Measurable]:
        if len(self.meeting.teams) == 1:
            return self.store.measurables.for_team(self.meeting.teams[0])
        return [m for m in self.store.measurables.active() if not m.teams or set(m.teams) & set(self.meeting.teams)]

    def _monday(self) -> date:
        return self.scorecard_week()

    def scorecard_week(self) -> date:
        """The one place that says which scorecard week this meeting shows and reports: the team's setting, the
        week that ended before the meeting (the default) or the meeting's own (domain/schedule.reported_week)."""
        return self.reported_week

    def rocks(self) -> list[Rock]:
        q = quarter_of(self.today)
        return [r for r in self.store.rocks.for_quarter(q) if r.team in self.meeting.teams]

    def _previous(self) -> Meeting | None:
        """The last finished meeting that shared a team with this one."""
        mine = set(self.meeting.teams)
        return next(
            (m for m in self.store.meetings.finished() if set(m.teams) & mine and m.id != self.meeting.id), None
        )

    def _since(self, prev: Meeting | None) -> datetime:
        start = prev.actual_start if prev is not None else None
        return start or (self.clock.now() - timedelta(days=7))

    def headlines(self) -> list[Headline]:
        return self._headlines_among(self.store.headlines.all(), self._previous())

    def _headlines_among(self, headlines: Iterable[Headline], prev: Meeting | None) -> list[Headline]:
        since = self._since(prev)
        return [
            h
            for h in headlines
            if h.meeting == self.meeting.id
            or (h.meeting is None and h.created_at >= since and (h.team is None or h.team in self.meeting.teams))
        ]

    def todos_to_review(self) -> list[Todo]:
        """The to-dos of the meeting's teams and people due for review here, oldest first (todo_life.py)."""
        return self._due_among(self.store.todos.all(), self._previous())

    def _due_among(self, todos: Iterable[Todo], prev: Meeting | None) -> list[Todo]:
        people = {p.id for p in self.people()}
        prev_end = (prev.actual_end or prev.actual_start) if prev is not None else None
        mid = self.meeting.id
        mine = [t for t in todos if t.team in self.meeting.teams or t.owner in people]
        return creation_order(t for t in mine if due_for_review(t, mid, prev_end))

    def _snapshot_reads(self) -> tuple[list[Todo], list[Headline], Meeting | None]:
        """Every live to-do and headline and the previous meeting, built once per version of the store's data.

        The snapshot is written with every checkpoint, twice a second while the facilitator moves the cursor (the
        room follows it), and building every to-do and meeting again each time was most of a checkpoint's time on
        the event loop (issue 12). Kept while the store's to-dos and headlines stay the same and nothing else is
        re-read (``store.data_version``): the checkpoints themselves change only this meeting's record, and a
        meeting in progress never changes another meeting (the previous one is read again after any re-read). Only
        for the snapshot, which filters them with the meeting as it is now and never changes them.
        """
        version = self.store.data_version("todos", "headlines")
        if self._reads_kept is None or self._reads_kept[0] != version:
            self._reads_kept = (version, (self.store.todos.all(), self.store.headlines.all(), self._previous()))
        return self._reads_kept[1]

    def review_of(self, todo: Todo) -> bool | None:
        return review_in(todo, self.meeting.id)

    def completion(self) -> Completion:
        """Every to-do due for review counts, reviewed or not."""
        return completion([self.review_of(t) for t in self.todos_to_review()])

    def todo_completion(self) -> float | None:
        return self.completion().rate

    def not_done_twice(self) -> list[Todo]:
        """To-dos not done two meetings running, not yet sent to the issues list: offer them."""
        return [t for t in self.todos_to_review() if not_done_twice(t) and t.id not in self._offered]

    def todos_created(self) -> list[Todo]:
        return [t for t in (self.store.todos.find(i) for i in self.meeting.todos_created) if t is not None]

    def todos_by_owner(self) -> list[tuple[str, list[Todo]]]:
        """The to-dos created in this meeting, grouped by owner name (sorted)."""
        groups: dict[str, list[Todo]] = {}
        for t in self.todos_created():
            groups.setdefault(self.name_of(t.owner), []).append(t)
        return sorted(groups.items(), key=lambda kv: kv[0].casefold())

    # -- issues ----------------------------------------------------------------------------------------------------

    def panels(self) -> list[tuple[Team, list[Issue]]]:
        """One list of open issues per team of the meeting, in rank order."""
        all_open = [i for i in self.store.issues.all() if i.status == "open"]
        out = []
        for team in self.teams:
            mine = sorted((i for i in all_open if i.team == team.id), key=lambda i: (i.rank, i.created_at))
            out.append((team, mine))
        return out

    def rating(self, person_id: str) -> Rating | None:
        return next((r for r in self.meeting.ratings if r.person == person_id), None)

    def ratings(self) -> list[Rating]:
        """A rating line per expected person: absent people marked absent."""
        out = []
        for p in self.people():
            if not self.present(p.id):
                out.append(Rating(person=p.id, absent=True))
            else:
                out.append(self.rating(p.id) or Rating(person=p.id))
        return out

    def average(self) -> float | None:
        return rating_average(self.ratings())

    def missing_ratings(self) -> list[str]:
        return [r.person for r in self.ratings() if not r.absent and r.score is None]

    def _snapshot(self, frozen_at: datetime | None = None) -> dict[str, Any]:
        """What the room sees now (domain/snapshot.py)."""
        m = self.meeting
        week = self.scorecard_week()
        measurables = self.measurables()
        wanted = {m_.id for m_ in measurables} | {
            x for m_ in measurables if m_.formula for x in (m_.formula.numerator, m_.formula.denominator)
        }
        window = trailing_weeks(week)  # this week and the trailing columns' weeks (domain/trailing.py)
        grid = {k: v for k, v in self.store.scores.grid(window).items() if k[0] in wanted}
        rocks = self.rocks()
        all_todos, all_headlines, prev = self._snapshot_reads()
        due = self._due_among(all_todos, prev)
        headlines = self._headlines_among(all_headlines, prev)
        issue_ids = [*(d.issue for d in m.issues_discussed), *m.issues_added]
        issues = {i.id: i for i in (self.store.issues.find(x) for x in issue_ids) if i is not None}
        todo_ids = [*m.todos_created, *(t for i in issues.values() for t in i.todos)]
        todos = {t.id: t for t in (self.store.todos.find(x) for x in todo_ids) if t is not None}
        people_ids = {*m.attendance, *(r.person for r in m.ratings)}
        people_ids |= {m_.owner for m_ in measurables} | {r.owner for r in rocks}
        people_ids |= {t.owner for t in (*due, *todos.values())}
        people_ids |= {h.by for h in headlines} | {i.raised_by or "" for i in issues.values()}
        team_ids = {*m.teams, *(r.team for r in rocks), *(i.team for i in issues.values())}
        team_ids |= {i.raised_by_team or "" for i in issues.values()}
        return build_snapshot(
            meeting=m,
            week=week,
            teams={t: self.team_name(t) for t in sorted(team_ids) if t},
            people={p: self.name_of(p) for p in sorted(people_ids) if p},
            measurables=measurables,
            grid=grid,
            rocks=rocks,
            todos_due=due,
            headlines=headlines,
            issues=issues,
            todos=todos,
            frozen_at=frozen_at,
            day=self.today,
            notes=self.store.scores.notes([week]),
            funnel=snapshot_funnel(self) if frozen_at is not None else None,  # the line the room saw (#18)
        )
