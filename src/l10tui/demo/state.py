"""The demo being built: its calendar on a private fake clock (:class:`Timeline`) and what it has made so far
(:class:`Demo`, the store's ids by story key)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import quarter_first_day, quarter_of, week_monday
from l10tui.domain.models import Meeting
from l10tui.store import L10Store

from .cast import MEETINGS, SCORE_WEEKS
from .words import HEADLINES, TODO_POOL


@dataclass
class Meet:
    """A meeting being simulated."""

    index: int
    day: date
    record: Meeting
    start: datetime
    cursor: datetime
    present: list[str] = field(default_factory=list)


class Timeline:
    """When things happen: the weeks of numbers, the meeting days, the windows between meetings, and the fake clock
    every timestamp of the demo comes from."""

    def __init__(self, today: date, tz: tzinfo, rng: random.Random) -> None:
        self.today = today
        self.tz = tz
        self.rng = rng
        self.now = self.local(today, 8, 0)  # the demo stands on the morning of ``today``, before any meeting
        self.clock = FakeClock(wall=self.now)
        this_monday = week_monday(today)
        self.score_weeks = [this_monday - timedelta(weeks=n) for n in range(SCORE_WEEKS, 0, -1)]
        mondays = [this_monday - timedelta(weeks=n) for n in range(MEETINGS, -1, -1)]
        self.meeting_days = [d for d in mondays if self.local(d, 9, 0) < self.now][-MEETINGS:]
        self.setup_at = self.local(min(self.score_weeks[0], self.meeting_days[0]) - timedelta(days=3), 10, 0)
        self.quarter = quarter_of(today)
        self.last_quarter = quarter_of(quarter_first_day(self.quarter) - timedelta(days=1))
        self.meetings: list[Meet] = []  # the meetings held so far (each one's end opens the next week)

    def local(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.tz).astimezone(UTC)

    def at(self, moment: datetime) -> None:
        self.clock.wall = moment.astimezone(UTC).replace(microsecond=0)

    def window(self, before: int) -> tuple[datetime, datetime]:
        """The time between the end of meeting ``before - 1`` (or set-up) and meeting ``before`` (or now)."""
        start = self.setup_at + timedelta(hours=2) if before == 0 else self.meeting_end(before - 1)
        end = self.now - timedelta(minutes=30) if before >= len(self.meeting_days) else self.planned(before)
        return start, end

    def between(self, before: int, share: float) -> datetime:
        """A moment ``share`` of the way through the window before meeting ``before``, in office hours if it can."""
        start, end = self.window(before)
        moment = start + (end - start) * share
        local = moment.astimezone(self.tz)
        if local.hour < 8 or local.hour >= 18:
            shifted = datetime.combine(local.date(), time(10 + self.rng.randrange(6), self.rng.randrange(60)))
            candidate = shifted.replace(tzinfo=self.tz).astimezone(UTC)
            if start < candidate < end:
                moment = candidate
        return moment

    def planned(self, index: int) -> datetime:
        return self.local(self.meeting_days[index], 9, 0)

    def meeting_end(self, index: int) -> datetime:
        end = self.meetings[index].record.actual_end if index < len(self.meetings) else None
        return end if end is not None else self.planned(index) + timedelta(minutes=95)


class Demo:
    """The build in progress: the store, the seeded random source, the timeline, and the ids of what it made."""

    def __init__(self, db: L10Store, rng: random.Random, today: date, tz: tzinfo) -> None:
        self.db = db
        self.rng = rng
        self.time = Timeline(today, tz, rng)
        self.clock = self.time.clock
        self.team: dict[str, str] = {}
        self.person: dict[str, str] = {}
        self.measurable: dict[str, str] = {}
        self.rock: dict[str, str] = {}
        self.issue: dict[str, str] = {}
        self.pool = list(TODO_POOL)
        self.rng.shuffle(self.pool)
        self.late: dict[date, list[str]] = {}  # week -> measurables whose number is given in the meeting
        self.headline_pool = list(HEADLINES)
        self.rng.shuffle(self.headline_pool)
        self.scores_plan: dict[str, list[float | None]] = {}
