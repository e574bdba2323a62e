"""The meeting engine's core: the clock and the checkpoint (see :mod:`l10tui.meeting.timing` for resumes).

Every action of a segment (segments/*.py) runs inside :meth:`RunCore._change`: the store's changes and the
checkpoint are written in one transaction, or the in-memory state goes back to what it was."""

from __future__ import annotations

import contextlib
import copy
import secrets
from abc import ABC, abstractmethod
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any, Self

from l10tui.domain.clock import Clock, iso, parse_iso
from l10tui.domain.models import (
    IssueDiscussion,
    Meeting,
    Rating,
    Team,
)
from l10tui.domain.snapshot import frozen
from l10tui.store import L10Store
from l10tui.store.errors import StoreError
from l10tui.store.seats import merge_ratings

from .projection import ids_bonus
from .throttle import Throttle
from .timing import HEARTBEAT_S, MAX_GAP_S, Gap
from .types import IDS, RUN_VERSION, MeetingError, SegmentView


class RunCore(ABC):
    """One meeting in progress: its clock (segment and issue timers, pause), its checkpoint in the store (every change
    saved with the timers, or nothing), the attendees' seats merged in, and moving along the agenda."""

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
    def observe(cls, store: L10Store, clock: Clock, meeting: Meeting) -> Self:
        """A read-only view of a meeting as its last checkpoint left it (for the room view; never writes)."""
        return cls(store, clock, meeting, observe=True)

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

    @abstractmethod
    def _snapshot(self, frozen_at: datetime | None = None) -> dict[str, Any]:
        """What the room sees now, written with every checkpoint (agenda.py builds it from the agenda's reads)."""

    def notes(self, issue_id: str) -> dict[str, str]:
        return dict(self._notes.get(issue_id, {"identify": "", "discuss": ""}))

    def _notes_text(self, issue_id: str) -> str:
        n = self._notes.get(issue_id, {})
        parts = [
            f"Identify: {n['identify']}" if n.get("identify") else "",
            f"Discuss: {n['discuss']}" if n.get("discuss") else "",
        ]
        return "\n".join(p for p in parts if p)

    @contextlib.contextmanager
    def _change(self) -> Iterator[None]:
        """One facilitator action: store changes and the checkpoint are saved together, or not at all."""
        if self.observer:
            raise MeetingError("the room view only reads the meeting")
        self._flush()
        before = copy.deepcopy(self._run_dict())
        before_mark, before_paused_s = self._mark, self._paused_s
        meeting_before = copy.deepcopy(self.meeting)
        try:
            with self.store.transaction():
                self._merge_seats(self.store.meetings.find(self.meeting.id))
                yield
                self._save()
        except BaseException:
            self._undo(before, meeting_before)
            # the clock runs on from before the change: the time the refused change took (a wait on the lock)
            # counts in the segment the meeting is still in
            self._mark, self._paused_s = before_mark, before_paused_s
            raise

    def _undo(self, run: dict[str, Any], meeting_before: Meeting) -> None:
        """A change that was not saved: back to what is saved. The record is the store's copy, or, when the
        meeting is no longer in the store (a backup restored by another l10) or the store cannot be read, the copy
        from before the change; the run's state (segment, pause, issue, top 3, notes, outcomes...) is always the one
        from before. It used to re-read the record with ``get``, which raised for a meeting gone from the store, so
        the run kept the refused change (the bar and agenda moved on while nothing was saved)."""
        stored: Meeting | None = None
        with contextlib.suppress(StoreError, OSError):
            stored = self.store.meetings.find(self.meeting.id)
        self.meeting = stored if stored is not None else meeting_before
        self._ratings_base = copy.deepcopy(self.meeting.ratings)
        self._restore(run)

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
