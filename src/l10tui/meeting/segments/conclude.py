"""Conclude: the segment's actions on the meeting engine."""

from __future__ import annotations

from l10tui.domain.models import (
    Rating,
    SegmentTime,
)
from l10tui.domain.rules import (
    clean_text,
)
from l10tui.store.errors import StoreError
from l10tui.store.seats import SeatError, seat_rating

from ..agenda import AgendaReads
from ..summary import Summary, summary_lines
from ..types import MeetingError


class ConcludeActions(AgendaReads):
    """Conclude: cascading messages, the ratings, and Finish (the summary)."""

    def add_message(self, text: str) -> None:
        self._check_open()
        value = clean_text(text, "cascading message", max_len=500)
        with self._change():
            self.meeting.cascading_messages.append(value)

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
