"""What the room sees: a read-only snapshot of the meeting in progress, built from the store alone.

``l10 room`` (and ``l10 serve``) follow the facilitator's ``l10 meet`` in another process: they re-read the store when
its file changed and call :func:`room_snapshot`, which never writes. The snapshot is plain data (no Textual), so the
view can build it in a worker thread and render it on the event loop; the timers run on from ``taken_at`` (a
monotonic reading) between two snapshots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Literal

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.clock import Clock
from l10tui.domain.dates import DateError, next_meeting
from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import Meeting, Team
from l10tui.domain.rules import RATING_GOAL, TRACK_SYMBOL, format_number, on_track, week_values
from l10tui.domain.snapshot import rock_status_at
from l10tui.store import L10Store

from .run import MeetingRun
from .types import CONCLUDE, IDS, ISSUE_SOFT_CAP_S, SegmentView

RoomState = Literal["waiting", "live", "finished"]
Status = Literal["on", "off", "missing", ""]
SUMMARY_HOURS = 12  # a meeting finished less than this long ago is shown as its summary


@dataclass(frozen=True)
class RoomRow:
    """One row of the segment's table: ``cells`` are plain text (user text: rendered as Text, never markup)."""

    key: str
    cells: tuple[str, ...]
    status: Status = ""  # colours the status cell (the text carries a symbol too)


@dataclass(frozen=True)
class RoomSnapshot:
    state: RoomState
    title: str
    message: str = ""  # waiting: when the next meeting is
    meeting: str = ""
    segments: tuple[SegmentView, ...] = ()
    current: int = 0
    paused: bool = False
    taken_at: float = 0.0  # clock.monotonic() when the elapsed times below were read
    planned_total: float = 0.0
    projected_end: datetime | None = None  # the engine's projected end
    projection_text: str = ""  # "ends 10:32 · 2 min over", in the company's time
    heading: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[RoomRow, ...] = ()
    focus: str | None = None  # the row the facilitator is on (highlighted)
    status_column: int = -1
    issue: str | None = None
    issue_title: str = ""
    issue_elapsed: float = 0.0
    top3: tuple[str, ...] = ()
    footer: str = ""  # e.g. the rating average, to-do completion
    summary: tuple[str, ...] = field(default_factory=tuple)

    def elapsed(self, now_mono: float, index: int | None = None) -> float:
        """Seconds in segment ``index`` (default: the current one) at monotonic time ``now_mono``."""
        i = self.current if index is None else index
        if not self.segments:
            return 0.0
        return self.segments[i].elapsed_s + (self._running(now_mono) if i == self.current else 0.0)

    def remaining(self, now_mono: float) -> float:
        if not self.segments:
            return 0.0
        return self.segments[self.current].planned_s - self.elapsed(now_mono)

    def total_elapsed(self, now_mono: float) -> float:
        return sum(s.elapsed_s for s in self.segments) + self._running(now_mono)

    def issue_seconds(self, now_mono: float) -> float:
        return self.issue_elapsed + (self._running(now_mono) if self.issue and self.current == IDS else 0.0)

    def _running(self, now_mono: float) -> float:
        return 0.0 if self.paused or self.state != "live" else max(0.0, now_mono - self.taken_at)

    def segments_at(self, now_mono: float) -> list[SegmentView]:
        return [
            SegmentView(s.index, s.name, s.planned_s, self.elapsed(now_mono, s.index), s.current) for s in self.segments
        ]


def _teams(db: L10Store, team: str | None) -> list[Team]:
    if team is not None:
        return [db.teams.lookup(team)]
    return list(db.teams.active())


def _follow(db: L10Store, teams: list[Team], team: str | None) -> Meeting | None:
    """The meeting to follow: these teams' own; without --team the joint one, else any one in progress."""
    ids = [t.id for t in teams]
    found = db.meetings.in_progress(ids)
    if found is None and team is None:
        found = db.meetings.in_progress(None)
    if found is None and team is not None:
        live = [m for m in db.meetings.all() if m.state == "in-progress" and ids[0] in m.teams]
        found = max(live, key=lambda m: m.created_at) if live else None
    return found


def _recent_finished(db: L10Store, teams: list[Team], now: datetime) -> Meeting | None:
    ids = {t.id for t in teams}
    for m in db.meetings.finished():
        if not ids & set(m.teams):
            continue
        end = m.actual_end or m.updated_at
        if end is not None and now - end <= timedelta(hours=SUMMARY_HOURS):
            return m
        return None
    return None


def next_start_text(teams: list[Team], now: datetime, calendar: CompanyCalendar) -> str:
    """``Monday 09:00`` (the next occurrence of the first team's weekly rule, in the company's time zone)."""
    if not teams:
        return ""
    local = calendar.local(now).replace(tzinfo=None)
    try:
        nxt = next_meeting(teams[0].meeting_rule, local - timedelta(minutes=30))
    except DateError:
        return ""
    if nxt is None:
        return ""
    days_away = nxt.toordinal() - local.toordinal()  # both are the company's wall-clock times
    day = "today" if days_away == 0 else nxt.strftime("%A")
    if days_away > 6:
        day = nxt.strftime("%A %d %b")
    return f"{day} {nxt:%H:%M}"


def room_snapshot(db: L10Store, clock: Clock, team: str | None = None, tz: tzinfo | None = None) -> RoomSnapshot:
    """Read the store (never write it) and describe what the room should see now."""
    db.refresh()
    teams = _teams(db, team)
    names = " + ".join(t.name for t in teams) or "the team"
    meeting = _follow(db, teams, team)
    if meeting is None:
        done = _recent_finished(db, teams, clock.now())
        if done is not None:
            run = MeetingRun.observe(db, clock, done)
            return RoomSnapshot(
                state="finished",
                title=f"{' + '.join(t.name for t in run.teams)} L10",
                meeting=done.id,
                summary=tuple(run.summary().lines),
                taken_at=clock.monotonic(),
            )
        when = next_start_text(teams, clock.now(), CompanyCalendar(tz, str(tz)) if tz else db.calendar)
        message = f"Waiting for {names}'s meeting to start" + (f", {when}" if when else "")
        return RoomSnapshot(state="waiting", title=f"{names} L10", message=message, taken_at=clock.monotonic())
    run = MeetingRun.observe(db, clock, meeting)
    taken = clock.monotonic()
    heading, headers, rows, status_col, footer = _content(run)
    titles = {i.id: i.title for _t, issues in run.panels() for i in issues}
    projection = run.projection()  # the same projected end as the facilitator's screen (meeting/projection.py)
    return RoomSnapshot(
        state="live",
        title=f"{' + '.join(t.name for t in run.teams)} L10",
        meeting=meeting.id,
        segments=tuple(run.segments()),
        current=run.current,
        paused=run.paused,
        taken_at=taken,
        planned_total=run.planned_total,
        projected_end=projection.projected_end,
        projection_text=run.projection_text(),
        heading=heading,
        headers=headers,
        rows=rows,
        focus=run.issue if run.current == IDS and run.issue else run.focus,
        status_column=status_col,
        issue=run.issue if run.current == IDS else None,
        issue_title=titles.get(run.issue or "", run.issue or ""),
        issue_elapsed=run.issue_elapsed() if run.current == IDS else 0.0,
        top3=tuple(f"#{n} {titles.get(i, i)}" for n, i in enumerate(run.top3, start=1) if i),
        footer=footer,
    )


Content = tuple[str, tuple[str, ...], tuple[RoomRow, ...], int, str]


def _mark(ok: bool | None, yes: str, no: str, unset: str = "not reported") -> tuple[str, Status]:
    if ok is None:
        return f"· {unset}", "missing"
    return (f"✓ {yes}", "on") if ok else (f"✗ {no}", "off")


def _content(run: MeetingRun) -> Content:
    i = run.current
    if i == 0:
        rows = []
        for p in run.people():
            text, st = _mark(run.present(p.id), "present", "absent")
            rows.append(RoomRow(p.id, (p.name, ", ".join(run.team_name(t) for t in p.teams), text), st))
        return "Good news: one personal, one professional each", ("Person", "Team", "Here"), tuple(rows), 2, ""
    if i == 1:
        monday = run.scorecard_week()  # the week this meeting reports (one rule, in the engine)
        scores = run.store.scores.grid([monday])
        rows = []
        for m in run.measurables():
            value = week_values(m, scores, monday)
            track = on_track(value, m.goal, m.op, m.goal_high)
            shown = format_number(value, m.unit) if value is not None else "—"
            mark = TRACK_SYMBOL[track]
            rows.append(
                RoomRow(
                    m.id,
                    (m.name, run.name_of(m.owner), measurable_goal(m), f"{mark} {shown}"),
                    track,
                )
            )
        return (
            "Scorecard: each number reported, no discussion",
            ("Measurable", "Who", "Goal", "This week"),
            tuple(rows),
            3,
            "",
        )
    if i == 2:
        rows = []
        for r in run.rocks():
            status = rock_status_at(r, run.scorecard_week())  # the same rule as the rock review and the record
            if status in ("done", "not-done"):
                text, st = _mark(status == "done", "done", "not done")
            else:
                text, st = _mark(None if status is None else status == "on", "on track", "off track")
            rows.append(RoomRow(r.id, (r.title, text, run.name_of(r.owner), _day(r.due)), st))
        return "Rock review: on track or off track", ("Rock", "Status", "Owner", "Due"), tuple(rows), 1, ""
    if i == 3:
        rows = [RoomRow(h.id, (h.kind.capitalize(), h.text, run.name_of(h.by))) for h in run.headlines()]
        return "Customer and employee headlines", ("Kind", "Headline", "By"), tuple(rows), -1, ""
    if i == 4:
        rows = []
        todos = run.todos_to_review()
        for t in todos:
            text, st = _mark(run.review_of(t), "done", "not done")
            rows.append(RoomRow(t.id, (t.title, run.name_of(t.owner), _day(t.due), text), st))
        rate = run.todo_completion()
        footer = f"Done: {rate:.0%} (goal 90%)" if rate is not None else "Done: — (goal 90%)"
        return "Last week's to-dos: done or not done", ("To-do", "Owner", "Due", "Review"), tuple(rows), 3, footer
    if i == IDS:
        rows = []
        for team, issues in run.panels():
            for issue in issues:
                slot = run.slot_of(issue.id)
                votes = run.votes_for(issue.id)
                rows.append(
                    RoomRow(
                        issue.id,
                        (
                            team.name,
                            f"#{slot}" if slot else "",
                            ("▶ " if issue.id == run.issue else "") + issue.title,
                            f"{votes} vote{'s' if votes != 1 else ''}" if votes else "",
                        ),
                    )
                )
        return "IDS: Identify, Discuss, Solve", ("Team", "Top", "Issue", "Votes"), tuple(rows), -1, ""
    if i == CONCLUDE:
        rows = []
        for rt in run.ratings():
            if rt.absent:
                rows.append(RoomRow(rt.person, (run.name_of(rt.person), "absent", ""), "missing"))
            elif rt.score is None:
                rows.append(RoomRow(rt.person, (run.name_of(rt.person), "· —", ""), "missing"))
            else:
                ok = rt.score >= RATING_GOAL
                rows.append(
                    RoomRow(
                        rt.person,
                        (run.name_of(rt.person), f"{'✓' if ok else '✗'} {rt.score}", rt.comment),
                        "on" if ok else "off",
                    )
                )
        avg = run.average()
        footer = f"Average: {avg:.1f} (goal {RATING_GOAL:g}+)" if avg is not None else "Average: — (no ratings yet)"
        n_todos = sum(len(ts) for _o, ts in run.todos_by_owner())
        msgs = len(run.meeting.cascading_messages)
        footer += f"   New to-dos: {n_todos}   Cascading messages: {msgs}"
        return (
            "Conclude: rate the meeting 1-10",
            ("Person", "Rating", "What would make it a 10"),
            tuple(rows),
            1,
            footer,
        )
    return run.segment_name, (), (), -1, ""


def _day(d: date | None) -> str:
    return d.strftime("%d %b") if d else ""


__all__ = ["ISSUE_SOFT_CAP_S", "RoomRow", "RoomSnapshot", "next_start_text", "room_snapshot"]
