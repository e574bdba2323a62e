"""The live Level 10 meeting, without a user interface: :class:`MeetingRun`.

The TUI (or a test) drives it with method calls and reads its state a few times a second. Every change is written to
the store at once (the meeting record's fields plus an opaque checkpoint in ``Meeting.run``), so a crash, a closed
terminal or ``kill -9`` loses nothing and :meth:`MeetingRun.open` resumes the meeting where it stood, timers included
(see :mod:`l10tui.meeting.timing` for how the time while the process was dead is counted).

``MeetingRun`` is put together from parts of one job each:

* :mod:`.core` — the clock (segment and issue timers, pause), the checkpoint, the seats, moving along the agenda;
* :mod:`.agenda` — what each segment lists (reads) and the room's snapshot;
* :mod:`.segments` — one module per segment with its actions (segue, scorecard, rocks, headlines, to-dos, issues,
  IDS, conclude);
* :mod:`.opening` — which slot a new meeting is for; :mod:`.summary` — the summary at Finish;
* :mod:`.types` — the refusals, segment indexes and small value types they share.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.clock import Clock, parse_iso
from l10tui.domain.models import DEFAULT_AGENDA_MINUTES, SEGMENTS, SegmentTime, Team
from l10tui.store import L10Store, schedule

from .opening import people_of, planned_for
from .segments.conclude import ConcludeActions
from .segments.headlines import HeadlineActions
from .segments.ids import IdsActions
from .segments.issues import IssueActions
from .segments.rocks import RockActions
from .segments.scorecard import ScorecardActions
from .segments.segue import SegueActions
from .segments.todos import TodoActions
from .timing import resume_gap
from .types import MeetingError, OffSlot, OffSlotChoice
from .types import NewTodo as NewTodo  # demo.py imports it from here


class MeetingRun(
    SegueActions,
    ScorecardActions,
    RockActions,
    HeadlineActions,
    TodoActions,
    IssueActions,
    IdsActions,
    ConcludeActions,
):
    """One meeting in progress. Create or resume with :meth:`open`; a read-only copy with :meth:`observe`."""

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
            people = people_of(store, ids)
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
        """(planned start, week to record as moved) of a new meeting starting ``now`` (see :func:`.opening.planned_for`)."""
        return planned_for(store, teams, now, cal, off_slot)

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
