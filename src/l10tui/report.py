"""A finished meeting as Markdown that reads well in an email, as JSON for tools, and as a row of the history.

Imports domain and store only (never Textual), so the CLI's ``history``/``show``/``export`` and the app's history
screen can share it. Everything is computed from the stored records; times are shown in the zone given (the local
one by default).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.dates import week_monday
from l10tui.domain.durations import duration_text
from l10tui.domain.funnel import Step, pct
from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import Headline, Issue, Measurable, Meeting, Person, Rock, Score, Team, Todo
from l10tui.domain.record_score import ON_TIME_S as ON_TIME_S
from l10tui.domain.record_score import RecordScore, record_score
from l10tui.domain.records import to_dict
from l10tui.domain.rules import (
    RATING_GOAL,
    TODO_GOAL,
    format_number,
    meeting_times,
    needs_comment,
    on_track,
    rating_average,
    track_label,
    week_values,
)
from l10tui.domain.schedule import REPORTS_PREVIOUS, WeekChange, reported_week, reports_of
from l10tui.domain.snapshot import funnel_line, has_snapshot, rock_status_at, snapshot_completion
from l10tui.domain.trailing import row_extras, row_goal
from l10tui.domain.trends import meeting_day as trends_meeting_day
from l10tui.domain.trends import meeting_instant

if TYPE_CHECKING:
    from l10tui.store import L10Store

HISTORY_HEADERS = (
    "MEETING",
    "DATE",
    "TEAMS",
    "LATE",
    "OVER",
    "LENGTH",
    "ATTENDED",
    "RATING",
    "TO-DOS",
    "SOLVED",
    "DROPPED",
    "ADDED",
)


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


# -- small formatters ----------------------------------------------------------------------------------------------


def minutes_text(seconds: float) -> str:
    """``1 h 32 min``, ``48 min``, ``0 min``."""
    total = round(seconds / 60)
    h, m = divmod(abs(total), 60)
    sign = "-" if total < 0 else ""
    return f"{sign}{h} h {m} min" if h else f"{sign}{m} min"


def clock_text(seconds: float) -> str:
    """``4:12`` (minutes:seconds), ``1:02:03`` past an hour: the screen's format (domain.durations)."""
    return duration_text(max(0, round(seconds)))


def late_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return "on time" if seconds <= ON_TIME_S else minutes_text(seconds)


def over_text(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return "on time" if seconds <= ON_TIME_S else minutes_text(seconds)


def percent_text(rate: float | None) -> str:
    return "—" if rate is None else f"{round(rate * 100)}%"


def calendar_for(tz: tzinfo | None) -> CompanyCalendar:
    """The company calendar for a zone (None: the machine's); callers pass ``db.calendar.zone``."""
    return CompanyCalendar.named(None) if tz is None else CompanyCalendar(tz, str(tz))


def local(dt: datetime, tz: tzinfo | None) -> datetime:
    return calendar_for(tz).local(dt)


def meeting_start(meeting: Meeting) -> datetime:
    return meeting_instant(meeting)


def meeting_day(meeting: Meeting, tz: tzinfo | None = None) -> date:
    return trends_meeting_day(meeting, calendar_for(tz))


def indent(text: str, prefix: str = "  ") -> str:
    lines = text.splitlines() or [""]
    return "\n".join([lines[0], *(prefix + line for line in lines[1:])])


# -- the summary of one meeting (a history row) --------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryRow:
    meeting: str
    day: date
    teams: list[str]
    state: str
    late_s: float | None
    over_s: float | None
    length_s: float | None
    present: int
    expected: int
    rating: float | None
    todos_done: int
    todos_reviewed: int
    solved: list[str]
    dropped: list[str]
    added: list[str]
    todos_due: int = -1  # every to-do due for review (a snapshot knows it; -1: only the reviewed ones are known)
    todos_not_reviewed: int = 0

    @property
    def todos_counted(self) -> int:
        return self.todos_reviewed if self.todos_due < 0 else self.todos_due

    week_note: str = ""  # "moved" (held at its week's moved time) or "extra" (besides the weekly one)
    record: RecordScore | None = None  # what the record says about the meeting (domain/record_score.py)

    @property
    def todo_rate(self) -> float | None:
        """Done out of every to-do due for review, reviewed or not (todo_life.py)."""
        return None if self.todos_counted == 0 else self.todos_done / self.todos_counted

    def cells(self) -> list[str]:
        todos = (
            f"{percent_text(self.todo_rate)} ({self.todos_done}/{self.todos_counted})" if self.todos_counted else "—"
        )
        return [
            self.meeting,
            self.day.isoformat() + (f" {self.week_note}" if self.week_note else ""),
            " + ".join(self.teams),
            late_text(self.late_s),
            over_text(self.over_s),
            minutes_text(self.length_s) if self.length_s is not None else "—",
            f"{self.present}/{self.expected}",
            f"{self.rating:g}" if self.rating is not None else "—",
            todos,
            str(len(self.solved)),
            str(len(self.dropped)),
            str(len(self.added)),
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "meeting": self.meeting,
            "date": self.day.isoformat(),
            "teams": list(self.teams),
            "state": self.state,
            "started_late_s": self.late_s,
            "ran_over_s": self.over_s,
            "length_s": self.length_s,
            "present": self.present,
            "expected": self.expected,
            "rating_average": self.rating,
            "todos_done": self.todos_done,
            "todos_reviewed": self.todos_reviewed,
            "todo_completion": self.todo_rate,
            "todos_due": self.todos_counted,
            "todos_not_reviewed": self.todos_not_reviewed,
            "issues_solved": list(self.solved),
            "issues_dropped": list(self.dropped),
            "issues_added": list(self.added),
            "week_note": self.week_note,
            "record_score": self.record.as_json() if self.record is not None else None,
        }


def _ended_in(meeting: Meeting, issue: Issue, status: str) -> bool:
    """Ended as ``status`` during this meeting (for records without an outcome written in the discussion list)."""
    if issue.status != status or meeting.id not in issue.meetings or issue.ended_at is None:
        return False
    start, end = meeting.actual_start, meeting.actual_end
    return start is not None and end is not None and start <= issue.ended_at <= end + timedelta(minutes=1)


def issue_outcomes(meeting: Meeting, lk: Lookup) -> tuple[list[str], list[str]]:
    """The ids of the issues solved and dropped in this meeting."""
    solved = [d.issue for d in meeting.issues_discussed if d.outcome == "solved"]
    dropped = [d.issue for d in meeting.issues_discussed if d.outcome == "dropped"]
    for issue in lk.issues_in(meeting.id):
        if issue.id not in solved and _ended_in(meeting, issue, "solved"):
            solved.append(issue.id)
        if issue.id not in dropped and _ended_in(meeting, issue, "dropped"):
            dropped.append(issue.id)
    return solved, dropped


def todo_reviews(meeting: Meeting, lk: Lookup) -> list[tuple[Todo, bool]]:
    """Every to-do this meeting reviewed, with whether it was done."""
    out = lk.reviews_in(meeting.id)
    return sorted(out, key=lambda pair: (lk.person(pair[0].owner).casefold(), pair[0].created_at))


def summarise(meeting: Meeting, lk: Lookup, tz: tzinfo | None = None) -> HistoryRow:
    tz = tz or lk.tz
    times = meeting_times(meeting)
    done = snapshot_completion(meeting)
    todos: dict[str, int]
    if done is not None:  # what the room saw, frozen at Finish
        snap = meeting.snapshot
        teams = [snap.get("teams", {}).get(t) or lk.team(t) for t in meeting.teams]
        solved = [i["id"] for i in snap.get("issues", []) if i.get("outcome") == "solved"]
        dropped = [i["id"] for i in snap.get("issues", []) if i.get("outcome") == "dropped"]
        todos = {
            "todos_done": done.done,
            "todos_reviewed": done.reviewed,
            "todos_due": done.due,
            "todos_not_reviewed": done.not_reviewed,
        }
    else:  # a meeting from before snapshots: today's records
        teams = [lk.team(t) for t in meeting.teams]
        solved, dropped = issue_outcomes(meeting, lk)
        reviews = todo_reviews(meeting, lk)
        todos = {"todos_done": sum(1 for _, ok in reviews if ok), "todos_reviewed": len(reviews)}
    return HistoryRow(
        meeting=meeting.id,
        day=meeting_day(meeting, tz),
        teams=teams,
        state=meeting.state,
        late_s=times.late_s,
        over_s=times.over_s,
        length_s=times.length_s,
        present=sum(1 for here in meeting.attendance.values() if here),
        expected=len(meeting.attendance),
        rating=rating_average(meeting.ratings),
        solved=solved,
        dropped=dropped,
        added=list(meeting.issues_added),
        week_note=week_note(meeting, lk),
        **todos,
        record=record_score(meeting),
    )


def week_note(meeting: Meeting, lk: Lookup) -> str:
    """``moved`` when the meeting was held at its week's moved time, ``extra`` for one besides the weekly meeting."""
    if meeting.id in lk.extra:
        return "extra"
    if meeting.planned_start is not None and any(
        ch.moved_to == meeting.planned_start for t in meeting.teams for ch in lk.changes.get(t, {}).values()
    ):
        return "moved"
    return ""


def skipped_weeks(lk: Lookup) -> list[tuple[date, str, str]]:
    """(Monday, team name, reason) of every skipped week, oldest first."""
    out = [(week, lk.team(t), ch.reason) for t, weeks in lk.changes.items() for week, ch in weeks.items() if ch.skipped]
    return sorted(out)


def history_rows(meetings: Sequence[Meeting], lk: Lookup, tz: tzinfo | None = None) -> list[HistoryRow]:
    """One row per meeting, in the order given (``Meetings.finished()`` gives newest first)."""
    return [summarise(m, lk, tz or lk.tz) for m in meetings]


# -- the whole meeting ---------------------------------------------------------------------------------------------


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


def _grid(lk: Lookup, week: date) -> dict[tuple[str, date], float]:
    return {(s.measurable, s.week): s.value for s in lk.scores if s.week == week}


ROCK_TEXT = {"on": "on track ✓", "off": "off track ✗", "done": "done", "not-done": "not-done", None: "no status"}


def _rock_status(rock: Rock, week: date) -> str:
    return ROCK_TEXT[rock_status_at(rock, week)]


def _milestones_text(value: Any) -> str:
    """``, 2 of 5 milestones, next 4 Dec LATE`` from a snapshot's rock row (empty for none or an older snapshot)."""
    from l10tui.domain.milestones import Progress

    if not isinstance(value, dict) or not isinstance(value.get("total"), int) or not value.get("total"):
        return ""
    try:
        nxt = date.fromisoformat(value["next_due"]) if value.get("next_due") else None
    except (TypeError, ValueError):
        nxt = None
    done = value.get("done") or 0
    if not isinstance(done, int) or isinstance(done, bool):
        return ""  # a damaged record says nothing rather than something made up (tests/reliability: mutated stores)
    prog = Progress(done, value["total"], str(value.get("next") or ""), nxt, bool(value.get("next_late")))
    return ", " + prog.text()


def _issue_line(issue: Issue, lk: Lookup) -> str:
    raised = " · ".join(x for x in (lk.team(issue.raised_by_team), lk.person(issue.raised_by)) if x)
    return f"{issue.id} {issue.title} ({lk.team(issue.team)}" + (f", raised by {raised})" if raised else ")")


def meeting_markdown(meeting: Meeting, lk: Lookup, tz: tzinfo | None = None) -> str:
    """The meeting as Markdown that also reads well as plain text in an email (a finished meeting: its snapshot)."""
    tz = tz or lk.tz
    row = summarise(meeting, lk, tz)
    snap = meeting.snapshot if has_snapshot(meeting) else None
    person = _namer(snap, "people", lk.person)
    teams = " + ".join(row.teams) or "no team"
    day = meeting_day(meeting, tz)
    out: list[str] = [f"# Level 10 meeting: {teams}, {day.strftime('%A')} {day.day} {day.strftime('%B %Y')}", ""]
    state = "" if meeting.state == "finished" else " (in progress)"
    out.append(f"Meeting {meeting.id}{state}")
    out.append("")

    times: list[str] = []
    if meeting.planned_start:
        moved = " (this week's meeting, moved)" if row.week_note == "moved" else ""
        times.append(f"planned {local(meeting.planned_start, tz):%H:%M}{moved}")
    elif row.week_note == "extra":
        times.append("an extra meeting (no planned start)")
    if meeting.actual_start:
        late = row.late_s
        note = f" ({minutes_text(late)} late)" if late is not None and late > ON_TIME_S else ""
        times.append(f"started {local(meeting.actual_start, tz):%H:%M}{note}")
    if meeting.actual_end:
        over = row.over_s
        note = f" (ran over by {minutes_text(over)})" if over is not None and over > ON_TIME_S else ""
        times.append(f"ended {local(meeting.actual_end, tz):%H:%M}{note}")
    if row.length_s is not None:
        times.append(f"length {minutes_text(row.length_s)}")
    if times:
        out.append("- Time: " + ", ".join(times))
    present = [person(p) for p, here in meeting.attendance.items() if here]
    absent = [person(p) for p, here in meeting.attendance.items() if not here]
    if meeting.attendance:
        line = f"- Attendance: {len(present)} of {len(meeting.attendance)}"
        line += f" ({', '.join(present)})" if present else ""
        line += f"; absent: {', '.join(absent)}" if absent else ""
        out.append(line)
    if row.rating is not None:
        out.append(f"- Rating: {row.rating:g} average (goal {RATING_GOAL:g}+)")
    if row.record is not None and row.record.score is not None:
        out.append(f"- Record score: {row.record.text()} ({'; '.join(row.record.lines())})")
    if row.todos_counted:
        unreviewed = f", {row.todos_not_reviewed} not reviewed" if row.todos_not_reviewed else ""
        out.append(
            f"- To-dos: {row.todos_done} of {row.todos_counted} done "
            f"({percent_text(row.todo_rate)}; goal {round(TODO_GOAL * 100)}%{unreviewed})"
        )
    out.append(f"- Issues: {len(row.solved)} solved, {len(row.dropped)} dropped, {len(row.added)} added")
    out.append("")

    if meeting.segments:
        out += ["## Agenda", "", "| Segment | Planned | Actual |", "|---|---:|---:|"]
        for seg in meeting.segments:
            mark = " ▲" if seg.actual_s > seg.planned_s + ON_TIME_S else ""
            out.append(f"| {seg.name} | {clock_text(seg.planned_s)} | {clock_text(seg.actual_s)}{mark} |")
        out.append("")

    if meeting.segue_notes:
        out += ["## Segue", "", meeting.segue_notes, ""]

    if snap is not None:
        out += snapshot_sections(snap, person, _namer(snap, "teams", lk.team))
    measurables = meeting_measurables(meeting, lk) if snap is None else []
    if measurables:
        week = scorecard_week(meeting, tz, lk)
        grid = _grid(lk, week)
        out += [f"## Scorecard, week of {week.isoformat()}", ""]
        for m in measurables:
            value = week_values(m, grid, week)
            track = on_track(value, m.goal, m.op, m.goal_high)
            mark = track_label(track)
            shown = format_number(value, m.unit) if value is not None else "—"
            owner = f" ({lk.person(m.owner)})" if m.owner else ""
            out.append(f"- {m.name}{owner}: {shown}, goal {measurable_goal(m)} — {mark}")
        out.append("")

    rocks = [lk.rocks[i] for i in meeting.items_reviewed if i in lk.rocks] if snap is None else []
    if rocks:
        week = meeting_week(meeting, tz)
        out += ["## Rocks", ""]
        for r in rocks:
            out.append(f"- {r.id} {r.title} ({lk.person(r.owner)}): {_rock_status(r, week)}")
        out.append("")

    headlines = [lk.headlines[i] for i in meeting.headlines if i in lk.headlines] if snap is None else []
    if headlines:
        out += ["## Headlines", ""]
        for h in headlines:
            out.append(f"- {h.kind.capitalize()}: {h.text} ({lk.person(h.by)})")
        out.append("")

    reviews = todo_reviews(meeting, lk) if snap is None else []
    if reviews:
        out += ["## To-do review", ""]
        for t, done in reviews:
            out.append(f"- [{'x' if done else ' '}] {t.id} {t.title} ({lk.person(t.owner)})")
        out.append("")

    if meeting.issues_discussed and snap is None:
        out += ["## Issues discussed", ""]
        for d in meeting.issues_discussed:
            issue = lk.issues.get(d.issue)
            title = _issue_line(issue, lk) if issue else d.issue
            outcome = d.outcome or (issue.status if issue else "")
            out.append(f"### {title}")
            out.append("")
            out.append(f"- Outcome: {outcome or 'discussed'} (time spent {clock_text(d.seconds)})")
            if d.notes:
                out.append(f"- Notes: {indent(d.notes)}")
            if issue and issue.solution:
                out.append(f"- Solution: {indent(issue.solution)}")
            if issue and issue.todos:
                made = [lk.todos[t] for t in issue.todos if t in lk.todos]
                out.append("- To-dos: " + "; ".join(f"{t.id} {t.title} ({lk.person(t.owner)})" for t in made))
            out.append("")

    added = [lk.issues[i] for i in meeting.issues_added if i in lk.issues] if snap is None else []
    if added:
        out += ["## New issues", ""]
        for issue in added:
            source = f" [from {issue.source.kind} {issue.source.id}]" if issue.source else ""
            out.append(f"- {_issue_line(issue, lk)}{source}")
        out.append("")

    created = [lk.todos[i] for i in meeting.todos_created if i in lk.todos] if snap is None else []
    if created:
        out += ["## New to-dos", ""]
        for t in sorted(created, key=lambda t: (lk.person(t.owner).casefold(), t.created_at)):
            due = f", due {t.due.isoformat()}" if t.due else ""
            out.append(f"- {t.id} {t.title} ({lk.person(t.owner)}{due})")
        out.append("")

    if meeting.cascading_messages:
        out += ["## Cascading messages", ""]
        out += [f"- {indent(msg)}" for msg in meeting.cascading_messages]
        out.append("")

    if meeting.ratings:
        out += ["## Ratings", ""]
        for rating in meeting.ratings:
            if rating.absent:
                out.append(f"- {person(rating.person)}: absent")
                continue
            score = str(rating.score) if rating.score is not None else "not given"
            line = f"- {person(rating.person)}: {score}"
            if rating.comment:
                line += f" — what would make it a 10: {indent(rating.comment)}"
            elif needs_comment(rating):
                line += " — (no comment)"
            out.append(line)
        if row.rating is not None:
            out += ["", f"Average: {row.rating:g}"]
        out.append("")

    return "\n".join(out).rstrip("\n") + "\n"


def _namer(snap: dict[str, Any] | None, kind: str, live: Any) -> Any:
    """A name as the snapshot recorded it (people and teams may be renamed later), else today's."""
    names: dict[str, str] = (snap or {}).get(kind) or {}

    def name(record_id: str | None) -> str:
        return names.get(record_id or "") or str(live(record_id))

    return name


def snapshot_sections(snap: dict[str, Any], person: Any, team: Any) -> list[str]:
    """The sections of a meeting that show what the room saw, from its snapshot."""
    out: list[str] = []
    if not snap.get("complete", True):
        out += ["Note: this record was made before meetings kept everything the room saw; not known: "
                + "; ".join(snap.get("unknown", [])) + ".", ""]  # fmt: skip
    if snap.get("measurables"):
        out += [f"## Scorecard, week of {snap.get('week')}", ""]
        for m in snap["measurables"]:
            value = m.get("value")
            shown = format_number(value, m.get("unit", "")) if value is not None else "—"
            owner = f" ({person(m['owner'])})" if m.get("owner") else ""
            goal = row_goal(m)
            out.append(
                f"- {m['name']}{owner}: {shown}, goal {goal} — {track_label(m.get('status', 'missing'))}"
                + row_extras(m)
            )
        out.append("")
    if funnel_line(snap):  # the funnel line the room saw under the scorecard (issue #18)
        out += [f"{funnel_line(snap)}", ""]
    if snap.get("rocks"):
        out += ["## Rocks", ""]
        for r in snap["rocks"]:
            changed = " (changed in this meeting)" if r.get("changed") else ""
            steps = _milestones_text(r.get("milestones"))
            out.append(
                f"- {r['id']} {r['title']} ({person(r.get('owner'))}): {ROCK_TEXT[r.get('status')]}{steps}{changed}"
            )
        out.append("")
    if snap.get("headlines"):
        out += ["## Headlines", ""]
        for h in snap["headlines"]:
            out.append(f"- {str(h.get('kind', '')).capitalize()}: {h['text']} ({person(h.get('by'))})")
        out.append("")
    if snap.get("todos"):
        out += ["## To-do review", ""]
        box = {"done": "[x]", "not done": "[ ]", "not reviewed": "[?]"}
        for t in snap["todos"]:
            moved = f", moved to {t['moved_to']}" if t.get("moved_to") else ""
            outcome = t.get("outcome", "not reviewed")
            out.append(
                f"- {box.get(outcome, '[?]')} {t['id']} {t['title']} ({person(t.get('owner'))}): {outcome}{moved}"
            )
        out.append("")

    def issue_line(i: dict[str, Any]) -> str:
        raised = " · ".join(x for x in (team(i.get("raised_by_team")), person(i.get("raised_by"))) if x)
        return f"{i['id']} {i['title']} ({team(i.get('team'))}" + (f", raised by {raised})" if raised else ")")

    if snap.get("issues"):
        out += ["## Issues discussed", ""]
        for i in snap["issues"]:
            out += [f"### {issue_line(i)}", ""]
            out.append(f"- Outcome: {i.get('outcome') or 'discussed'} (time spent {clock_text(i.get('seconds', 0.0))})")
            if i.get("notes"):
                out.append(f"- Notes: {indent(i['notes'])}")
            if i.get("solution"):
                out.append(f"- Solution: {indent(i['solution'])}")
            if i.get("todos"):
                out.append(
                    "- To-dos: " + "; ".join(f"{t['id']} {t['title']} ({person(t['owner'])})" for t in i["todos"])
                )
            out.append("")
    if snap.get("issues_added"):
        out += ["## New issues", ""]
        for i in snap["issues_added"]:
            src = i.get("source")
            source = f" [from {src['kind']} {src['id']}]" if src else ""
            out.append(f"- {issue_line(i)}{source}")
        out.append("")
    if snap.get("todos_created"):
        out += ["## New to-dos", ""]
        for t in sorted(snap["todos_created"], key=lambda t: person(t.get("owner")).casefold()):
            due = f", due {t['due']}" if t.get("due") else ""
            out.append(f"- {t['id']} {t['title']} ({person(t.get('owner'))}{due})")
        out.append("")
    return out


def meeting_json(meeting: Meeting, lk: Lookup, tz: tzinfo | None = None) -> dict[str, Any]:
    """The meeting and every record it refers to, each with its full fields (``records.to_dict``).

    A meeting with a snapshot gives what the room saw instead of today's live records, so its export never changes.
    """
    tz = tz or lk.tz
    row = summarise(meeting, lk, tz)
    if has_snapshot(meeting):
        snap = meeting.snapshot
        return {
            "meeting": to_dict(meeting),
            "summary": row.to_json(),
            "teams": [{"id": k, "name": v} for k, v in snap.get("teams", {}).items()],
            "people": [{"id": k, "name": v} for k, v in snap.get("people", {}).items()],
            "issues": [*snap.get("issues", []), *snap.get("issues_added", [])],
            "todos": [*snap.get("todos", []), *snap.get("todos_created", [])],
            "headlines": list(snap.get("headlines", [])),
            "rocks": list(snap.get("rocks", [])),
            "scorecard_week": snap.get("week"),
            "measurables": list(snap.get("measurables", [])),
            "scores": [
                {"measurable": m["id"], "week": snap.get("week"), "value": m["value"]}
                for m in snap.get("measurables", [])
                if m.get("value") is not None and not m.get("derived")
            ],
        }
    issue_ids = list(dict.fromkeys([*(d.issue for d in meeting.issues_discussed), *meeting.issues_added]))
    todo_ids = list(dict.fromkeys([*meeting.todos_created, *(t.id for t, _ in todo_reviews(meeting, lk))]))
    for iid in issue_ids:
        if iid in lk.issues:
            todo_ids += [t for t in lk.issues[iid].todos if t not in todo_ids]
    people_ids = list(dict.fromkeys([*meeting.attendance, *(r.person for r in meeting.ratings)]))
    measurables = meeting_measurables(meeting, lk)
    week = scorecard_week(meeting, tz, lk)
    wanted = {m.id for m in measurables} | {
        p for m in measurables if m.formula for p in (m.formula.numerator, m.formula.denominator)
    }
    return {
        "meeting": to_dict(meeting),
        "summary": row.to_json(),
        "teams": [to_dict(lk.teams[t]) for t in meeting.teams if t in lk.teams],
        "people": [to_dict(lk.people[p]) for p in people_ids if p in lk.people],
        "issues": [to_dict(lk.issues[i]) for i in issue_ids if i in lk.issues],
        "todos": [to_dict(lk.todos[t]) for t in todo_ids if t in lk.todos],
        "headlines": [to_dict(lk.headlines[h]) for h in meeting.headlines if h in lk.headlines],
        "rocks": [to_dict(lk.rocks[r]) for r in meeting.items_reviewed if r in lk.rocks],
        "scorecard_week": week.isoformat(),
        "measurables": [to_dict(m) for m in measurables],
        "scores": [to_dict(s) for s in lk.scores if s.week == week and s.measurable in wanted],
    }


# -- the funnel: a step's reading in words, shared by `l10 funnel show` (commands/funnel_render.py) and the app's
# funnel bars (tui/widgets/funnel_bars.py)


def step_cell(step: Step, week: date) -> str:
    """``✗ 18 %, median 35 %``; ``· gap (a stage not entered)``; ``~ 9 % noisy (6 at the start)``."""
    w = step.at(week)
    median = f"median {pct(step.median)}"
    if w is None or w.state == "gap":
        return f"· gap (a stage not entered), {median}"
    if w.state == "zero":
        return f"· no rate (0 at the start), {median}"
    assert w.conversion is not None
    if w.noisy:
        return f"~ {pct(w.conversion)} noisy ({w.start:g} at the start), {median}"
    below = step.median is not None and w.conversion < step.median
    return f"{'✗' if below else '✓'} {pct(w.conversion)}, {median}{' (below)' if below else ''}"
