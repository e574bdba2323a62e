"""Rock milestones: the rules, in one place, for the CLI, the app, the meeting engine, the export and the snapshot.

A rock has dated milestones. A milestone may not fall after its rock's quarter (the rock is judged at the quarter's
end). One that is open and due within :data:`TODO_WINDOW_DAYS` days (or already late) is among its rock owner's
to-dos; ticking it there marks the milestone done. A rock shows "2 of 5 milestones" and whether its next one is late.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import quarter_last_day
from .models import Milestone, Rock
from .rules import InputError

TODO_WINDOW_DAYS = 7  # an open milestone due within this many days is on its owner's to-do list

_MILESTONE_ID = re.compile(r"^\s*[Rr]\s*-?\s*(\d{1,9}[A-Za-z]{0,2})\s*\.\s*(\d{1,6}[A-Za-z]{0,2})\s*$")


def is_milestone_id(text: str) -> bool:
    """``R-3.2`` (or ``r3.2``, ``R-3km.4a``): a milestone's id rather than a record's."""
    return _MILESTONE_ID.match(text) is not None


def split_milestone_id(text: str) -> tuple[str, str]:
    """``r3.2`` -> (``R-3``, ``R-3.2``): the rock's id as typed-normalised and the milestone's canonical id."""
    m = _MILESTONE_ID.match(text)
    if m is None:
        raise InputError(f"{text[:30]!r} is not a milestone id (like R-3.2)")
    rock = f"R-{m.group(1).lower()}"
    return rock, f"{rock}.{m.group(2).lower()}"


def next_milestone_id(rock: Rock, tag: str = "") -> str:
    """The next id in ``rock``: one above the highest number used so far (dropped ones included), with the tag."""
    highest = 0
    for ms in rock.milestones:
        tail = ms.id.rsplit(".", 1)[-1]
        digits = "".join(ch for ch in tail if ch.isdigit())
        if digits:
            highest = max(highest, int(digits))
    return f"{rock.id}.{highest + 1}{tag}"


def check_due(rock: Rock, due: date) -> None:
    """Refuse a milestone after its rock's quarter ends (one line, nothing written)."""
    last = quarter_last_day(rock.quarter)
    if due > last:
        raise InputError(
            f"milestone due {due.isoformat()} is after {rock.id}'s quarter {rock.quarter} ends ({last.isoformat()})"
        )


def live(rock: Rock) -> list[Milestone]:
    """The rock's milestones that count (not dropped), by due date then id."""
    return sorted((m for m in rock.milestones if not m.dropped), key=lambda m: (m.due, m.id))


def next_open(rock: Rock) -> Milestone | None:
    """The earliest milestone not done yet."""
    return next((m for m in live(rock) if m.done_at is None), None)


def is_late(ms: Milestone, today: date) -> bool:
    return ms.done_at is None and not ms.dropped and ms.due < today


@dataclass(frozen=True)
class Progress:
    """How a rock stands on its milestones: ``done`` of ``total``, the next open one and whether it is late."""

    done: int
    total: int
    next_title: str = ""
    next_due: date | None = None
    next_late: bool = False

    def text(self) -> str:
        """``2 of 5 milestones, next 4 Dec LATE`` (empty when the rock has none)."""
        if not self.total:
            return ""
        out = f"{self.done} of {self.total} milestone" + ("s" if self.total != 1 else "")
        if self.next_due is not None:
            out += f", next {self.next_due.day} {self.next_due:%b}" + (" LATE" if self.next_late else "")
        return out

    def short(self) -> str:
        """``2/5 !`` for a narrow column (``!``: the next one is late; empty without milestones)."""
        if not self.total:
            return ""
        return f"{self.done}/{self.total}" + (" late" if self.next_late else "")

    def as_json(self) -> dict[str, object]:
        return {
            "done": self.done,
            "total": self.total,
            "next": self.next_title or None,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "next_late": self.next_late,
        }


def progress(rock: Rock, today: date) -> Progress:
    items = live(rock)
    done = sum(1 for m in items if m.done_at is not None)
    nxt = next_open(rock)
    if nxt is None:
        return Progress(done, len(items))
    return Progress(done, len(items), nxt.title, nxt.due, is_late(nxt, today))


@dataclass(frozen=True)
class MilestoneTodo:
    """An open milestone shown among its rock owner's to-dos."""

    id: str  # the milestone's id, R-3.2: ticking it marks the milestone done
    rock: str
    rock_title: str
    owner: str
    title: str
    due: date
    late: bool

    def label(self) -> str:
        """The to-do's title as lists show it: ``Pricing page copy (milestone of R-3)``."""
        return f"{self.title} (milestone of {self.rock})"


def due_soon(rocks: Iterable[Rock], today: date, owner: str | None = None) -> list[MilestoneTodo]:
    """Open milestones of open rocks due by ``today`` + 7 days (late ones included), as to-dos, by due date."""
    horizon = today + timedelta(days=TODO_WINDOW_DAYS)
    out = [
        MilestoneTodo(m.id, r.id, r.title, r.owner, m.title, m.due, is_late(m, today))
        for r in rocks
        if r.final is None and (owner is None or r.owner == owner)
        for m in live(r)
        if m.done_at is None and m.due <= horizon
    ]
    out.sort(key=lambda t: (t.due, t.id))
    return out


def find(rock: Rock, milestone_id: str) -> Milestone:
    for m in rock.milestones:
        if m.id == milestone_id:
            return m
    raise InputError(f"{rock.id} has no milestone {milestone_id}")
