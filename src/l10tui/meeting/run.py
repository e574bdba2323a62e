"""The live Level 10 meeting, without a user interface: :class:`MeetingRun`.

The TUI (or a test) drives it with method calls and reads its state a few times a second. Every change is written to
the store at once (the meeting record's fields plus an opaque checkpoint in ``Meeting.run``), so a crash, a closed
terminal or ``kill -9`` loses nothing and :meth:`MeetingRun.open` resumes the meeting where it stood, timers included
(see :mod:`l10tui.meeting.timing` for how the time while the process was dead is counted).
"""

from __future__ import annotations

import contextlib
import copy
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any, Literal

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.clock import Clock, iso, parse_iso
from l10tui.domain.dates import DateError, next_meeting, quarter_of
from l10tui.domain.goals import measurable_goal
from l10tui.domain.models import (
    DEFAULT_AGENDA_MINUTES,
    SEGMENTS,
    Headline,
    HeadlineKind,
    Issue,
    IssueDiscussion,
    Measurable,
    Meeting,
    Person,
    Rating,
    Rock,
    SegmentTime,
    SourceKind,
    SourceLink,
    Team,
    Todo,
)
from l10tui.domain.rules import (
    InputError,
    check_score,
    clean_text,
    format_number,
    not_done_twice,
    on_track,
    rating_average,
    team_of_person,
)
from l10tui.domain.schedule import OFF_SLOT_S, Slot, nearest_slot, reported_week, reported_week_label
from l10tui.domain.snapshot import build_snapshot, frozen
from l10tui.domain.todo_life import (
    Completion,
    check_movable,
    check_reviewable,
    close_as_moved,
    completion,
    creation_order,
    due_for_review,
    moved_title,
    review_in,
)
from l10tui.domain.trailing import trailing_weeks
from l10tui.store import L10Store, schedule
from l10tui.store.errors import Conflict, StoreError
from l10tui.store.seats import SeatError, merge_ratings, seat_rating
from l10tui.store.solve import TodoToMake, solve_with_todos

from .funnel import snapshot_funnel
from .projection import Projection, ids_bonus, project
from .throttle import Throttle
from .timing import HEARTBEAT_S, MAX_GAP_S, Gap, mmss, resume_gap

RUN_VERSION = 1
IDS = SEGMENTS.index("IDS")
CONCLUDE = SEGMENTS.index("Conclude")
ISSUE_SOFT_CAP_S = 10 * 60  # practitioners' soft cap per issue


class MeetingError(InputError):
    """Something the facilitator asked that the meeting cannot do now (one clear line)."""


OffSlotChoice = Literal["moved", "extra"]


class OffSlot(MeetingError):
    """A new meeting more than two hours from its slot: the caller asks once, then opens again with ``off_slot``:
    ``"moved"`` (this week's meeting moved to now: late start counted against now) or ``"extra"`` (no late start)."""

    def __init__(self, slot: Slot, now: datetime, calendar: CompanyCalendar) -> None:
        self.slot = slot
        when = calendar.local(slot.at)
        away = abs((now - slot.at).total_seconds())
        hours = int(away // 3600)
        span = f"{hours // 24} days" if hours >= 48 else f"{hours} h {int(away % 3600 // 60)} min"
        side = "ago" if now > slot.at else "from now"
        self.question = (
            f"This team's meeting is {when:%a} {when.day} {when:%b %H:%M} ({span} {side}): "
            "move that meeting to now, or hold an extra one?"
        )
        super().__init__(self.question)


@dataclass(frozen=True)
class SegmentView:
    index: int
    name: str
    planned_s: float
    elapsed_s: float
    current: bool
    bonus_s: float = 0.0  # IDS: the minutes early Nexts left unused (already in planned_s)

    @property
    def remaining_s(self) -> float:
        return self.planned_s - self.elapsed_s

    @property
    def over(self) -> bool:
        return self.elapsed_s > self.planned_s


@dataclass(frozen=True)
class NewTodo:
    """A to-do to create while solving an issue (``due`` None = meeting day + 7)."""

    title: str
    owner: str
    due: date | None = None


@dataclass
class Summary:
    meeting: str
    teams: list[str]
    planned_start: datetime | None
    actual_start: datetime | None
    actual_end: datetime | None
    late_s: float | None
    length_s: float
    over_s: float
    segments: list[SegmentTime]
    present: list[str]
    absent: list[str]
    issues_solved: list[str]
    issues_dropped: list[str]
    todos_created: list[str]
    todo_completion: float | None
    cascading_messages: list[str]
    rating_average: float | None
    backup: str | None = None
    todos_due: int = 0
    todos_not_reviewed: int = 0
    backup_error: str = ""  # the meeting was saved, but its backup could not be written (why)
    lines: list[str] = field(default_factory=list)


def planned_start_for(
    rule: str, now: datetime, tz: tzinfo | None = None, *, calendar: CompanyCalendar | None = None
) -> datetime | None:
    """The occurrence of a weekly meeting rule nearest to ``now`` (the one this meeting is meant to be).

    Built with the planned day's own UTC offset (the company calendar), not the offset of the moment it is asked.
    """
    cal = calendar or (CompanyCalendar(tz, str(tz)) if tz is not None else CompanyCalendar.named(None))
    local = cal.local(now).replace(tzinfo=None)
    try:
        occ = next_meeting(rule, local - timedelta(days=7, minutes=1))
    except DateError:
        return None
    prev: datetime | None = None
    guard = 0
    while occ is not None and occ <= local and guard < 20:
        prev, occ = occ, next_meeting(rule, occ)
        guard += 1
    candidates = [c for c in (prev, occ) if c is not None]
    if not candidates:
        return None
    best = min(candidates, key=lambda c: abs((c - local).total_seconds()))
    return cal.at_local(best)


class MeetingRun:
    """One meeting in progress. Create or resume with :meth:`open`."""

    def __init__(
        self,
        store: L10Store,
        clock: Clock,
        meeting: Meeting,
        *,
        gap: Gap | None = None,
        observe: bool = False,
        writer: str | None = None,
    ) -> None:
        """``observe``: a read-only copy for the room view; it never writes and its timers run on from the
        checkpoint's wall time (see :mod:`l10tui.meeting.room`). ``writer``: this window's id (default random;
        the demo names it, so that two builds write the same bytes)."""
        self.store = store
        self.observer = observe
        self.clock = clock
        self.meeting = meeting
        self.gap = gap
        self.teams: list[Team] = [store.teams.get(t) for t in meeting.teams]
        run = meeting.run
        n = len(meeting.segments)
        self.current: int = int(run.get("current", 0))
        self.paused: bool = bool(run.get("paused", False))
        self._acc: list[float] = [float(x) for x in run.get("acc", [0.0] * n)]
        self._paused_s: float = float(run.get("paused_s", 0.0))
        self.issue: str | None = run.get("issue")
        self._issue_acc: dict[str, float] = {k: float(v) for k, v in run.get("issue_acc", {}).items()}
        self.top3: list[str | None] = list(run.get("top3", [None, None, None]))
        self._notes: dict[str, dict[str, str]] = dict(run.get("notes", {}))
        self._outcomes: dict[str, str] = dict(run.get("outcomes", {}))
        self._resumes: list[dict[str, Any]] = list(run.get("resumes", []))
        self._offered: list[str] = list(run.get("offered", []))
        # What the room view follows (the row under the facilitator's cursor) and what attendees wrote from their
        # own seats (votes; ratings live in meeting.ratings and are merged against the last version we saw).
        self.focus: str | None = run.get("focus")
        self.votes: dict[str, list[str]] = {k: list(v) for k, v in dict(run.get("votes", {})).items()}
        self._ratings_base: list[Rating] = copy.deepcopy(meeting.ratings)
        self._seat_news = False
        self._focus_throttle = Throttle(clock.monotonic)
        try:
            self.day = date.fromisoformat(str(run["day"]))
        except (KeyError, ValueError):
            self.day = store.calendar.day(clock.now())
        self._mark = clock.monotonic()
        self._last_save = self._mark
        # The last window to open the meeting drives it; an older one still open is refused (see _save).
        self.writer = writer or secrets.token_hex(4)
        if gap is not None:
            self._acc[self.current] += gap.counted_s
            if self.issue is not None and self.current == IDS:
                self._issue_acc[self.issue] = self._issue_acc.get(self.issue, 0.0) + gap.counted_s
            self.paused = self.paused or gap.paused
            self._resumes.append({"at": iso(clock.now()), "gap_s": round(gap.wall_s, 1), "counted_s": gap.counted_s})
        if observe:
            self._run_on_from_checkpoint(run)
        elif meeting.state != "finished":
            with store.transaction():
                self._save(claim=True)

    def _run_on_from_checkpoint(self, run: dict[str, Any]) -> None:
        """An observer counts the wall time since the facilitator's last checkpoint (as a resume would)."""
        if self.paused or self.meeting.state == "finished":
            return
        ts = run.get("saved_ts")
        saved: datetime | None = None
        if isinstance(ts, (int, float)) and not isinstance(ts, bool):
            saved = datetime.fromtimestamp(float(ts), UTC)
        elif isinstance(run.get("saved_at"), str):
            with contextlib.suppress(ValueError):
                saved = parse_iso(run["saved_at"])
        if saved is None:
            return
        gap = min(max(0.0, (self.clock.now() - saved).total_seconds()), MAX_GAP_S)
        self._acc[self.current] += gap
        if self.issue is not None and self.current == IDS:
            self._issue_acc[self.issue] = self._issue_acc.get(self.issue, 0.0) + gap

    @classmethod
    def observe(cls, store: L10Store, clock: Clock, meeting: Meeting) -> MeetingRun:
        """A read-only view of a meeting as its last checkpoint left it (for the room view; never writes)."""
        return cls(store, clock, meeting, observe=True)

    # -- opening ---------------------------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        store: L10Store,
        clock: Clock,
        team: str | None = None,
        *,
        tz: tzinfo | None = None,
        by: str = "",
        off_slot: OffSlotChoice | None = None,
        writer: str | None = None,
    ) -> MeetingRun:
        """Resume the unfinished meeting of these teams, or start a new one now.

        ``team`` None means one joint meeting of all active teams (each keeps its own issues panel). A new meeting
        more than two hours from its slot raises :class:`OffSlot` unless ``off_slot`` says what it is.
        """
        # Decided under the lock: two `l10 meet` started at the same moment must find (or make) the same meeting.
        with store.transaction():
            if team is None:
                teams = [t for t in store.teams.active()]
                if not teams:
                    raise MeetingError("there are no teams yet (add one with: l10 team add NAME)")
            else:
                teams = [store.teams.lookup(team)]
            ids = [t.id for t in teams]
            existing = store.meetings.in_progress(ids)
            if existing is not None:
                saved_at = existing.run.get("saved_at")
                gap = None
                if isinstance(saved_at, str):
                    gap = resume_gap(parse_iso(saved_at), clock.now(), was_paused=bool(existing.run.get("paused")))
                return cls(store, clock, existing, gap=gap, writer=writer)
            busy = [m for m in store.meetings.all() if m.state == "in-progress" and set(m.teams) & set(ids)]
            if busy:
                names = ", ".join(t.name for t in teams if t.id in busy[0].teams)
                raise MeetingError(
                    f"{names} already {'is' if ',' not in names else 'are'} in meeting {busy[0].id}, still in "
                    f"progress: resume it with `l10 meet{'' if len(busy[0].teams) > 1 else ' --team ' + names}` "
                    "and finish it first (one meeting in progress per team)"
                )
            minutes = list(teams[0].agenda_minutes) if len(teams[0].agenda_minutes) == len(SEGMENTS) else []
            minutes = minutes or list(DEFAULT_AGENDA_MINUTES)
            now = clock.now()
            cal = CompanyCalendar(tz, str(tz)) if tz else store.calendar
            planned, moved = cls.planned_for(store, teams, now, cal, off_slot)
            people = cls._people_of(store, ids)
            meeting = store.meetings.add(
                teams=ids,
                planned_start=planned,
                actual_start=now,
                attendance={p.id: True for p in people},
                segments=[SegmentTime(name=n, planned_s=m * 60) for n, m in zip(SEGMENTS, minutes, strict=True)],
                created_by=by,
            )
            for t in ids:
                if moved is not None:
                    schedule.move_week(store, t, moved, now, "started then")
                elif off_slot == "extra" and planned is None:
                    schedule.mark_extra(store, t, meeting.id)
            return cls(store, clock, meeting, writer=writer)

    @staticmethod
    def planned_for(
        store: L10Store, teams: Sequence[Team], now: datetime, cal: CompanyCalendar, off_slot: OffSlotChoice | None
    ) -> tuple[datetime | None, date | None]:
        """(planned start, week to record as moved) of a new meeting starting ``now``.

        The slot is the nearest of the first team's weeks (moved weeks at their new time, skipped weeks left out);
        started further than :data:`OFF_SLOT_S` from it, the meeting is moved there (late against now) or extra.
        """
        rule = teams[0].meeting_rule
        slot = nearest_slot(rule, now, cal, schedule.changes(store, teams[0].id))
        if slot is None:
            return planned_start_for(rule, now, calendar=cal), None
        if abs((now - slot.at).total_seconds()) <= OFF_SLOT_S:
            return slot.at, None
        if off_slot is None:
            raise OffSlot(slot, now, cal)
        if off_slot == "moved":
            return now, slot.week
        return None, None

    @staticmethod
    def off_slot_question(
        store: L10Store, clock: Clock, team: str | None = None, *, tz: tzinfo | None = None
    ) -> str | None:
        """The one-line question to ask before starting a new meeting now (None: nothing to ask, or resuming)."""
        teams = [store.teams.lookup(team)] if team else list(store.teams.active())
        if not teams or store.meetings.in_progress([t.id for t in teams]) is not None:
            return None
        cal = CompanyCalendar(tz, str(tz)) if tz else store.calendar
        try:
            MeetingRun.planned_for(store, teams, clock.now(), cal, None)
        except OffSlot as exc:
            return exc.question
        return None

    @staticmethod
    def _people_of(store: L10Store, team_ids: list[str]) -> list[Person]:
        people = [p for p in store.people.active() if any(t in p.teams for t in team_ids)]
        return sorted(people, key=lambda p: p.name.casefold())

    # -- time ------------------------------------------------------------------------------------------------------

    def _live(self) -> float:
        return 0.0 if self.paused or self.meeting.state == "finished" else max(0.0, self.clock.monotonic() - self._mark)

    def _flush(self) -> None:
        now = self.clock.monotonic()
        d = max(0.0, now - self._mark)
        if self.paused:
            self._paused_s += d
        else:
            self._acc[self.current] += d
            if self.issue is not None and self.current == IDS:
                self._issue_acc[self.issue] = self._issue_acc.get(self.issue, 0.0) + d
        self._mark = now

    def elapsed(self, index: int | None = None) -> float:
        """Seconds spent in segment ``index`` (default: the current one), pauses excluded."""
        i = self.current if index is None else index
        return self._acc[i] + (self._live() if i == self.current else 0.0)

    def remaining(self, index: int | None = None) -> float:
        i = self.current if index is None else index
        return self.planned_s(i) - self.elapsed(i)

    def planned_s(self, index: int) -> float:
        """A segment's planned seconds; IDS's include the minutes left unused by early Nexts before it."""
        return self.meeting.segments[index].planned_s + (self.ids_bonus_s if index == IDS else 0.0)

    @property
    def ids_bonus_s(self) -> float:
        """Seconds the segments before IDS left unused (they go to IDS, the EOS practice)."""
        planned = [float(s.planned_s) for s in self.meeting.segments]
        return ids_bonus(planned, [self.elapsed(i) for i in range(len(planned))], self.current, IDS)

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

    @property
    def total_elapsed(self) -> float:
        return sum(self._acc) + self._live()

    @property
    def planned_total(self) -> float:
        return float(sum(s.planned_s for s in self.meeting.segments))

    @property
    def total_remaining(self) -> float:
        return self.planned_total - self.total_elapsed

    @property
    def paused_seconds(self) -> float:
        return self._paused_s + (max(0.0, self.clock.monotonic() - self._mark) if self.paused else 0.0)

    def overrun(self, index: int | None = None) -> float:
        """Seconds over the plan (0 when within it)."""
        return max(0.0, -self.remaining(index))

    def segments(self) -> list[SegmentView]:
        bonus = self.ids_bonus_s
        return [
            SegmentView(
                i,
                s.name,
                float(s.planned_s) + (bonus if i == IDS else 0.0),
                self.elapsed(i),
                i == self.current,
                bonus if i == IDS else 0.0,
            )
            for i, s in enumerate(self.meeting.segments)
        ]

    @property
    def segment_name(self) -> str:
        return self.meeting.segments[self.current].name

    def issue_elapsed(self, issue_id: str | None = None) -> float:
        iid = issue_id or self.issue
        if iid is None:
            return 0.0
        live = self._live() if iid == self.issue and self.current == IDS else 0.0
        return self._issue_acc.get(iid, 0.0) + live

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

    # -- checkpoint ------------------------------------------------------------------------------------------------

    def _run_dict(self) -> dict[str, Any]:
        return {
            "v": RUN_VERSION,
            "current": self.current,
            "paused": self.paused,
            "acc": [round(x, 3) for x in self._acc],
            "paused_s": round(self._paused_s, 3),
            "saved_at": iso(self.clock.now()),
            "saved_ts": round(self.clock.now().timestamp(), 3),
            "issue": self.issue,
            "issue_acc": {k: round(v, 3) for k, v in self._issue_acc.items()},
            "top3": list(self.top3),
            "notes": self._notes,
            "outcomes": self._outcomes,
            "resumes": self._resumes,
            "offered": self._offered,
            "day": self.day.isoformat(),
            "writer": self.writer,
            "focus": self.focus,
            "votes": self.votes,
        }

    def _save(self, *, claim: bool = False) -> None:
        """Flush the timers and write the meeting record and checkpoint (inside any open transaction).

        Refused when another ``l10 meet`` opened this meeting after us: two windows must not overwrite each
        other's timers (the newer one wins; the older one is told to close).
        """
        m = self.meeting
        if self.observer:
            raise MeetingError("the room view only reads the meeting")
        stored = self.store.meetings.find(m.id)
        if not claim:
            other = stored.run.get("writer") if stored is not None else None
            if other not in (None, self.writer):
                raise MeetingError(f"meeting {m.id} was opened in another window, which now runs it; close this one")
        self._merge_seats(stored)
        self._flush()
        for i, seg in enumerate(m.segments):
            seg.actual_s = round(self._acc[i], 1)
        m.issues_discussed = [
            IssueDiscussion(
                issue=iid,
                seconds=round(secs, 1),
                notes=self._notes_text(iid),
                outcome=self._outcomes.get(iid, ""),
            )
            for iid, secs in self._issue_acc.items()
        ]
        m.run = self._run_dict()
        if not frozen(m):  # written as the meeting goes; frozen at Finish
            m.snapshot = self._snapshot(frozen_at=self.clock.now() if m.state == "finished" else None)
        self.store.meetings.save(m)
        self._ratings_base = copy.deepcopy(m.ratings)
        self._last_save = self.clock.monotonic()
        self._focus_throttle.written()

    def _merge_seats(self, stored: Meeting | None) -> bool:
        """Take what attendees wrote from their own terminals (``l10 rate`` / ``l10 vote``) into this copy: their
        votes as they are, their ratings unless the facilitator changed the same person's since. True if changed."""
        if stored is None:
            return False
        votes = {k: list(v) for k, v in dict(stored.run.get("votes", {})).items()}
        ratings = merge_ratings(self._ratings_base, self.meeting.ratings, stored.ratings)
        changed = votes != self.votes or ratings != self.meeting.ratings
        self._seat_news = self._seat_news or changed
        self.votes = votes
        self.meeting.ratings = ratings
        self._ratings_base = copy.deepcopy(stored.ratings)
        return changed

    def take_seat_news(self) -> bool:
        """True once after attendees' ratings or votes came in (by any re-read): the display shows them."""
        news, self._seat_news = self._seat_news, False
        return news

    def sync_seats(self) -> bool:
        """Re-read the attendees' ratings and votes from the store (the app calls it when the file changed)."""
        if self.observer:
            return False
        return self._merge_seats(self.store.meetings.find(self.meeting.id))

    def votes_for(self, issue_id: str) -> int:
        return len(self.votes.get(issue_id, []))

    def note_focus(self, row_id: str | None) -> None:
        """The row under the facilitator's cursor; the room highlights it. Written by :meth:`tick`, throttled."""
        if row_id != self.focus:
            self.focus = row_id
            self._focus_throttle.note()

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
        due = self.todos_to_review()
        headlines = self.headlines()
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

    @contextlib.contextmanager
    def _change(self) -> Iterator[None]:
        """One facilitator action: store changes and the checkpoint are saved together, or not at all."""
        if self.observer:
            raise MeetingError("the room view only reads the meeting")
        self._flush()
        before = copy.deepcopy(self._run_dict())
        try:
            with self.store.transaction():
                self._merge_seats(self.store.meetings.find(self.meeting.id))
                yield
                self._save()
        except BaseException:
            self.meeting = self.store.meetings.get(self.meeting.id)
            self._ratings_base = copy.deepcopy(self.meeting.ratings)
            self._restore(before)
            raise

    def _restore(self, run: dict[str, Any]) -> None:
        self.current = run["current"]
        self.paused = run["paused"]
        self.issue = run["issue"]
        self.top3 = list(run["top3"])
        self._issue_acc = dict(run["issue_acc"])
        self._acc = list(run["acc"])
        self._notes = run["notes"]
        self._outcomes = run["outcomes"]
        self._offered = run["offered"]

    def checkpoint(self) -> None:
        """Write the timers now (the TUI calls it on quit and when the terminal is going away)."""
        with self._change():
            pass

    def tick(self) -> bool:
        """Called often by the display; writes a heartbeat checkpoint every HEARTBEAT_S of running time."""
        if self.finished:
            return False
        if self._focus_throttle.due():
            self.checkpoint()
            return True
        if self.paused:
            return False
        if self.clock.monotonic() - self._last_save >= HEARTBEAT_S:
            self._last_save = self.clock.monotonic()  # a refused heartbeat is retried a heartbeat later, not at once
            self.checkpoint()
            return True
        return False

    @property
    def finished(self) -> bool:
        return self.meeting.state == "finished"

    def _check_open(self) -> None:
        if self.finished:
            raise MeetingError("this meeting is finished")

    # -- agenda ----------------------------------------------------------------------------------------------------

    def goto(self, index: int) -> None:
        self._check_open()
        if not 0 <= index < len(self.meeting.segments):
            raise MeetingError("no such segment")
        with self._change():
            self._flush()
            self.current = index

    def next_segment(self) -> bool:
        self._check_open()
        if self.current >= len(self.meeting.segments) - 1:
            return False
        self.goto(self.current + 1)
        return True

    def prev_segment(self) -> bool:
        self._check_open()
        if self.current == 0:
            return False
        self.goto(self.current - 1)
        return True

    def toggle_pause(self) -> bool:
        """Pause or resume; returns True when now paused."""
        self._check_open()
        with self._change():
            self._flush()
            self.paused = not self.paused
        return self.paused

    # -- people ----------------------------------------------------------------------------------------------------

    def people(self) -> list[Person]:
        """Everyone expected: the members of the meeting's teams (and anyone recorded in its attendance)."""
        found = {p.id: p for p in self._people_of(self.store, self.meeting.teams)}
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

    def set_attendance(self, person_id: str, present: bool) -> None:
        self._check_open()
        self.store.people.get(person_id)
        with self._change():
            self.meeting.attendance[person_id] = present

    def set_segue_notes(self, text: str) -> None:
        self._check_open()
        value = clean_text(text, "notes", max_len=4000, multiline=True) if text.strip() else ""
        with self._change():
            self.meeting.segue_notes = value

    def _reviewed(self, item_id: str) -> None:
        if item_id not in self.meeting.items_reviewed:
            self.meeting.items_reviewed.append(item_id)

    def _team_of_person(self, person_id: str | None) -> str | None:
        return team_of_person(self.store.people.find(person_id), self.meeting.teams) if person_id else None

    # -- scorecard -------------------------------------------------------------------------------------------------

    def measurables(self) -> list[Measurable]:
        if len(self.meeting.teams) == 1:
            return self.store.measurables.for_team(self.meeting.teams[0])
        return [m for m in self.store.measurables.active() if not m.teams or set(m.teams) & set(self.meeting.teams)]

    def set_score(self, measurable_id: str, value: float, by: str = "") -> None:
        self._check_open()
        m = self.store.measurables.get(measurable_id)
        if m.formula is not None:
            raise MeetingError(f"{m.name} is computed from two other numbers; enter those")
        with _as_meeting_error():
            check_score(value, m)
        with self._change():
            self.store.scores.set(m.id, self.scorecard_week(), value, by=by)
            self._reviewed(m.id)

    def set_note(self, measurable_id: str, note: str) -> None:
        """A one-line note on this week's number (store/scores.py; "" removes it); the snapshot keeps it."""
        self._check_open()
        with _as_meeting_error(), self._change():
            self.store.scores.set_note(measurable_id, self.scorecard_week(), note)

    # -- rocks -----------------------------------------------------------------------------------------------------

    def rocks(self) -> list[Rock]:
        q = quarter_of(self.today)
        return [r for r in self.store.rocks.for_quarter(q) if r.team in self.meeting.teams]

    def set_rock(self, rock_id: str, status: str) -> None:
        """``on`` / ``off`` this week, or ``done`` / ``not-done`` at quarter end."""
        self._check_open()
        with self._change():
            self.store.rocks.set_status(rock_id, status, self.scorecard_week())
            self._reviewed(rock_id)

    # -- headlines -------------------------------------------------------------------------------------------------

    def _previous(self) -> Meeting | None:
        """The last finished meeting that shared a team with this one."""
        mine = set(self.meeting.teams)
        return next(
            (m for m in self.store.meetings.finished() if set(m.teams) & mine and m.id != self.meeting.id), None
        )

    def _since(self) -> datetime:
        prev = self._previous()
        start = prev.actual_start if prev is not None else None
        return start or (self.clock.now() - timedelta(days=7))

    def headlines(self) -> list[Headline]:
        since = self._since()
        return [
            h
            for h in self.store.headlines.all()
            if h.meeting == self.meeting.id
            or (h.meeting is None and h.created_at >= since and (h.team is None or h.team in self.meeting.teams))
        ]

    def add_headline(self, kind: HeadlineKind, text: str, by: str) -> Headline:
        self._check_open()
        with self._change():
            h = self.store.headlines.add(
                text, kind=kind, by=by, meeting=self.meeting.id, team=self._team_of_person(by) or self.meeting.teams[0]
            )
            self.meeting.headlines.append(h.id)
        return h

    # -- to-dos ----------------------------------------------------------------------------------------------------

    def todos_to_review(self) -> list[Todo]:
        """The to-dos of the meeting's teams and people due for review here, oldest first (todo_life.py)."""
        people = {p.id for p in self.people()}
        prev = self._previous()
        prev_end = (prev.actual_end or prev.actual_start) if prev is not None else None
        mid = self.meeting.id
        mine = [t for t in self.store.todos.all() if t.team in self.meeting.teams or t.owner in people]
        return creation_order(t for t in mine if due_for_review(t, mid, prev_end))

    def review_todo(self, todo_id: str, done: bool) -> Todo:
        self._check_open()
        todo = self.store.todos.get(todo_id)
        with _as_meeting_error():
            check_reviewable(todo, self.meeting.id, any(t.id == todo.id for t in self.todos_to_review()))
        with self._change():
            todo = self.store.todos.review(todo.id, self.meeting.id, done)
            self._reviewed(todo.id)
        return todo

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

    def add_todo(self, title: str, owner: str, due: date | None = None, *, source_issue: str | None = None) -> Todo:
        self._check_open()
        self.store.people.get(owner)
        with self._change():
            todo = self._new_todo(NewTodo(title, owner, due), source_issue)
        return todo

    def _new_todo(self, spec: NewTodo, source_issue: str | None) -> Todo:
        team = self._team_of_person(spec.owner) or self.meeting.teams[0]
        todo = self.store.todos.add(
            spec.title,
            owner=spec.owner,
            today=self.today,
            due=spec.due,
            meeting=self.meeting.id,
            source_issue=source_issue,
            team=team,
        )
        self.meeting.todos_created.append(todo.id)
        return todo

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
            with _as_meeting_error():
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

    def dismiss_offer(self, todo_id: str) -> None:
        """The room chose not to send a twice-not-done to-do to the issues list."""
        with self._change():
            if todo_id not in self._offered:
                self._offered.append(todo_id)

    def _monday(self) -> date:
        return self.scorecard_week()

    def scorecard_week(self) -> date:
        """The one place that says which scorecard week this meeting shows and reports: the team's setting, the
        week that ended before the meeting (the default) or the meeting's own (domain/schedule.reported_week)."""
        return self.reported_week

    # -- IDS -------------------------------------------------------------------------------------------------------

    def pick(self, slot: int, issue_id: str) -> None:
        """Put an open issue in top-3 slot 1, 2 or 3 (an issue holds one slot at a time)."""
        self._check_open()
        if slot not in (1, 2, 3):
            raise MeetingError("the top 3 has slots 1, 2 and 3")
        issue = self.store.issues.get(issue_id)
        if issue.status != "open":
            raise MeetingError(f"{issue.id} is {issue.status}")
        with self._change():
            self.top3 = [None if x == issue.id else x for x in self.top3]
            self.top3[slot - 1] = issue.id

    def unpick(self, slot: int) -> None:
        """Empty top-3 slot 1, 2 or 3 (a pick made by mistake)."""
        self._check_open()
        if slot not in (1, 2, 3):
            raise MeetingError("the top 3 has slots 1, 2 and 3")
        with self._change():
            self.top3[slot - 1] = None

    def slot_of(self, issue_id: str) -> int | None:
        return self.top3.index(issue_id) + 1 if issue_id in self.top3 else None

    def start_issue(self, issue_id: str) -> Issue:
        """Start IDS on an issue: its own timer runs while the meeting is in IDS and not paused."""
        self._check_open()
        issue = self.store.issues.get(issue_id)
        if issue.status != "open":
            raise MeetingError(f"{issue.id} is {issue.status}")
        with self._change():
            issue = self.store.issues.get(issue_id)  # again, under the lock: saving the copy above could undo a change
            self._flush()
            self.issue = issue.id
            self._issue_acc.setdefault(issue.id, 0.0)
            if self.meeting.id not in issue.meetings:
                issue.meetings.append(self.meeting.id)
                self.store.issues.save(issue)
        return issue

    def close_current_issue(self) -> None:
        with self._change():
            self._flush()
            self.issue = None

    def notes(self, issue_id: str) -> dict[str, str]:
        return dict(self._notes.get(issue_id, {"identify": "", "discuss": ""}))

    def _notes_text(self, issue_id: str) -> str:
        n = self._notes.get(issue_id, {})
        parts = [
            f"Identify: {n['identify']}" if n.get("identify") else "",
            f"Discuss: {n['discuss']}" if n.get("discuss") else "",
        ]
        return "\n".join(p for p in parts if p)

    def set_notes(self, issue_id: str, *, identify: str | None = None, discuss: str | None = None) -> None:
        self._check_open()
        cur = self.notes(issue_id)
        if identify is not None:
            cur["identify"] = clean_text(identify, "notes", max_len=4000, multiline=True) if identify.strip() else ""
        if discuss is not None:
            cur["discuss"] = clean_text(discuss, "notes", max_len=4000, multiline=True) if discuss.strip() else ""
        with self._change():
            self._notes[issue_id] = cur
            self._issue_acc.setdefault(issue_id, 0.0)

    def _ended(self, issue_id: str, outcome: str) -> None:
        self._flush()
        self._outcomes[issue_id] = outcome
        self._issue_acc.setdefault(issue_id, 0.0)
        if self.issue == issue_id:
            self.issue = None
        self.top3 = [None if x == issue_id else x for x in self.top3]

    def _record_discussed(self, issue: Issue) -> None:
        if self.meeting.id not in issue.meetings:
            issue.meetings.append(self.meeting.id)

    def solve(self, issue_id: str, solution: str, todos: Sequence[NewTodo] = ()) -> Issue:
        """Solved: the solution text and the to-dos it produces (linked both ways)."""
        self._check_open()
        specs = [TodoToMake(t.title, t.owner, t.due) for t in todos]
        for spec in specs:
            self.store.people.get(spec.owner)
            clean_text(spec.title, "to-do title")
        with self._change():
            current = self.store.issues.get(issue_id)
            if current.status != "open":
                raise Conflict(f"{current.id} is already {current.status}")
            issue, made = solve_with_todos(  # the same rule as the issues board (store/solve.py)
                self.store, issue_id, solution, specs, today=self.today, meeting=self.meeting.id
            )
            self.meeting.todos_created.extend(t.id for t in made)
            self._ended(issue_id, "solved")
        return issue

    def drop_issue(self, issue_id: str, reason: str = "") -> Issue:
        self._check_open()
        with self._change():
            issue = self.store.issues.get(issue_id)
            self._record_discussed(issue)
            self.store.issues.save(issue)
            issue = self.store.issues.drop(issue_id, reason or "dropped in the meeting")
            self._ended(issue_id, "dropped")
        return issue

    def long_term(self, issue_id: str) -> Issue:
        self._check_open()
        with self._change():
            issue = self.store.issues.to_long_term(issue_id)
            self._ended(issue_id, "long-term")
        return issue

    def merge(self, issue_id: str, into_id: str) -> Issue:
        self._check_open()
        with self._change():
            into = self.store.issues.get(into_id)
            issue = self.store.issues.merge(issue_id, into.id)
            self._ended(issue_id, f"merged into {into.id}")
        return issue

    # -- conclude --------------------------------------------------------------------------------------------------

    def add_message(self, text: str) -> None:
        self._check_open()
        value = clean_text(text, "cascading message", max_len=500)
        with self._change():
            self.meeting.cascading_messages.append(value)

    def remove_message(self, index: int) -> None:
        with self._change():
            if 0 <= index < len(self.meeting.cascading_messages):
                del self.meeting.cascading_messages[index]

    def rating(self, person_id: str) -> Rating | None:
        return next((r for r in self.meeting.ratings if r.person == person_id), None)

    def rate(self, person_id: str, score: int | None, comment: str = "") -> Rating:
        """A 1-10 rating; under 8 needs "what would have made it a 10?". ``None`` clears it."""
        self._check_open()
        self.store.people.get(person_id)
        try:
            rating = seat_rating(self.name_of(person_id), person_id, self.present(person_id), score, comment)
        except SeatError as exc:
            raise MeetingError(str(exc)) from None
        with self._change():
            self.meeting.ratings = [r for r in self.meeting.ratings if r.person != person_id] + [rating]
        return rating

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

    def finish(self, *, backup: bool = True) -> Summary:
        """End the meeting: state finished, end time, final times and ratings saved, a backup made."""
        self._check_open()
        with self._change():
            self._flush()
            self.issue = None
            self.paused = False
            m = self.meeting
            for h in self.headlines():  # those added between meetings belong to the meeting that showed them
                if h.meeting is None:
                    h.meeting = m.id
                    self.store.headlines.save(h)
                if h.id not in m.headlines:
                    m.headlines.append(h.id)
            m.ratings = self.ratings()
            m.actual_end = self.clock.now()
            m.state = "finished"
        try:
            path = self.store.backup() if backup else None
        except StoreError as exc:  # the meeting IS saved (above); only its copy failed: say exactly that
            s = self.summary(None)
            s.backup_error = str(exc)
            s.lines = summary_lines(s)
            return s
        return self.summary(str(path) if path else None)

    def summary(self, backup: str | None = None) -> Summary:
        m = self.meeting
        solved = [i for i, o in self._outcomes.items() if o == "solved"]
        dropped = [i for i, o in self._outcomes.items() if o == "dropped"]
        length = (
            (m.actual_end - m.actual_start).total_seconds() if m.actual_end and m.actual_start else self.total_elapsed
        )
        present = [self.name_of(p) for p, here in m.attendance.items() if here]
        absent = [self.name_of(p) for p, here in m.attendance.items() if not here]
        done = self.completion()
        s = Summary(
            meeting=m.id,
            teams=[t.name for t in self.teams],
            planned_start=m.planned_start,
            actual_start=m.actual_start,
            actual_end=m.actual_end,
            late_s=self.late_s,
            length_s=length,
            over_s=length - self.planned_total,
            segments=[SegmentTime(s.name, s.planned_s, round(self.elapsed(i), 1)) for i, s in enumerate(m.segments)],
            present=present,
            absent=absent,
            issues_solved=solved,
            issues_dropped=dropped,
            todos_created=list(m.todos_created),
            todo_completion=done.rate,
            cascading_messages=list(m.cascading_messages),
            rating_average=self.average(),
            backup=backup,
            todos_due=done.due,
            todos_not_reviewed=done.not_reviewed,
        )
        s.lines = summary_lines(s)
        return s


@contextlib.contextmanager
def _as_meeting_error() -> Iterator[None]:
    """A domain rule's refusal, told as the meeting's own (one clear line)."""
    try:
        yield
    except MeetingError:
        raise
    except InputError as exc:
        raise MeetingError(str(exc)) from None


def summary_lines(s: Summary) -> list[str]:
    late = ""
    if s.late_s is not None:
        late = f"started late by {mmss(s.late_s)}" if s.late_s >= 60 else "started on time"
    over = f"ran over by {mmss(s.over_s)}" if s.over_s >= 60 else "ended on time"
    lines = [
        f"Meeting {s.meeting} ({' + '.join(s.teams)}): {late}, {over}, length {mmss(s.length_s)}",
        f"Present: {', '.join(s.present) or '-'}" + (f"; absent: {', '.join(s.absent)}" if s.absent else ""),
        f"Issues solved: {len(s.issues_solved)}, dropped: {len(s.issues_dropped)}; to-dos created: {len(s.todos_created)}",
    ]
    if s.todo_completion is not None:
        unreviewed = f", {s.todos_not_reviewed} not reviewed" if s.todos_not_reviewed else ""
        lines.append(f"To-do completion: {s.todo_completion:.0%} of {s.todos_due} due (goal 90%{unreviewed})")
    for msg in s.cascading_messages:
        lines.append(f"Cascade: {msg}")
    avg = f"{s.rating_average:.1f}" if s.rating_average is not None else "-"
    lines.append(f"Rating: {avg} (goal 8+)")
    if s.backup:
        lines.append(f"Backup: {s.backup}")
    if s.backup_error:
        lines.append(f"The meeting is saved, but NO backup was made: {s.backup_error}")
    return lines
