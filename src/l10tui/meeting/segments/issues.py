"""Issues raised in the meeting: the segment's actions on the meeting engine."""

from __future__ import annotations

from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import (
    Issue,
    SourceKind,
    SourceLink,
)
from l10tui.domain.rules import (
    format_number,
    on_track,
)
from l10tui.domain.todo_life import (
    check_movable,
    close_as_moved,
    moved_title,
)

from ..agenda import AgendaReads
from ..types import MeetingError, as_meeting_error


class IssueActions(AgendaReads):
    """Issues raised in the meeting: typed in, or dropped down from a number, rock, headline or to-do."""

    def add_issue(
        self, title: str, team: str, raised_by: str | None = None, details: str = "", source: SourceLink | None = None
    ) -> Issue:
        self._check_open()
        tm = self.store.teams.get(team)
        raised_team = self._team_of_person(raised_by) if raised_by else None
        with self._change():
            issue = self.store.issues.add(
                title,
                team=tm.id,
                raised_by=raised_by,
                raised_by_team=raised_team,
                details=details,
                source=source,
                by=raised_by or "",
            )
            self.meeting.issues_added.append(issue.id)
        return issue

    def drop_to_issues(self, kind: SourceKind, item_id: str, *, title: str | None = None) -> Issue:
        """Send a scorecard row, rock, headline or to-do to the issues list, linked to it (raised by its team)."""
        self._check_open()
        team: str | None
        person: str | None
        if kind == "measurable":
            m = self.store.measurables.get(item_id)
            week = self.store.scores.grid([self._monday()]).get((m.id, self._monday()))
            track = on_track(week, m.goal, m.op, m.goal_high)
            state = {"on": "on track", "off": "off track", "missing": "no number"}[track]
            shown = format_number(week, m.unit) if week is not None else "-"
            default = f"{m.name}: {state} ({shown}, goal {measurable_goal(m)})"
            team = next((t for t in m.teams if t in self.meeting.teams), None)
            person = m.owner or None
            ref = m.id
        elif kind == "rock":
            r = self.store.rocks.get(item_id)
            default, team, person, ref = f"Rock off track: {r.title}", r.team, r.owner or None, r.id
        elif kind == "headline":
            h = self.store.headlines.get(item_id)
            default, team, person, ref = h.text, h.team, h.by or None, h.id
        elif kind == "todo":
            t = self.store.todos.get(item_id)
            with as_meeting_error():
                check_movable(t)
            default, team, person, ref = moved_title(t.title), t.team, t.owner or None, t.id
        else:
            raise MeetingError(f"cannot drop a {kind} to the issues list")
        for earlier in self.store.issues.open_for(None):
            if earlier.source is not None and (earlier.source.kind, earlier.source.id) == (kind, ref):
                raise MeetingError(f"already on the issues list as {earlier.id}: {earlier.title[:60]}")
        if team not in self.meeting.teams:
            team = self._team_of_person(person) if person else None
        if team not in self.meeting.teams:
            team = self.meeting.teams[0]
        assert team is not None
        with self._change():
            issue = self.store.issues.add(
                (title or default)[:200],
                team=team,
                raised_by=person,
                raised_by_team=team,
                source=SourceLink(kind=kind, id=ref),
                by=person or "",
            )
            self.meeting.issues_added.append(issue.id)
            self._reviewed(ref)
            if kind == "todo":
                moved = self.store.todos.get(ref)
                close_as_moved(moved, issue.id)
                self.store.todos.save(moved)
                if ref not in self._offered:
                    self._offered.append(ref)
        return issue
