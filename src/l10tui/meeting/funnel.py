"""The funnel in the live meeting: the one line under the scorecard, and what the meeting's record keeps of it.

The window is the funnel's usual 13 weeks, ending with the week the meeting reports (its scorecard week), read by the
store's one reader (store/funnel.py), so the room, ``l10 funnel show`` on the meeting's day and the record agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from l10tui.domain.funnel import Funnel
from l10tui.domain.snapshot import funnel_record
from l10tui.store.funnel import DEFAULT_WEEKS, read_funnel

if TYPE_CHECKING:
    from .agenda import AgendaReads as MeetingRun  # the reads the funnel line needs (store, today, scorecard week)


def meeting_funnel(run: MeetingRun) -> Funnel | None:
    """The funnel as this meeting shows it (None when the company has none)."""
    return read_funnel(run.store, run.today, DEFAULT_WEEKS, last=run.scorecard_week())


def funnel_line(run: MeetingRun) -> str | None:
    """The one line the Scorecard segment shows under its table."""
    f = meeting_funnel(run)
    return None if f is None else f.leak_line()


def snapshot_funnel(run: MeetingRun) -> dict[str, Any] | None:
    """What the meeting's record keeps of the funnel line (domain/snapshot.py), None without a funnel."""
    f = meeting_funnel(run)
    return None if f is None else funnel_record(f)
