"""The life of a to-do, one rule in one place (L10-RULES.md, "To-do list").

open -> done (reported done once, never reviewed again) / not done (back next week) -> not done at two meetings
running -> moved to the issues list exactly once: the to-do is closed as "moved to I-N" and the issue's source names
the to-do (linked both ways). The meeting engine, the CLI and the app all call these functions.

- Review order is creation order (the oldest first; ids compare by their number, so T-2 comes before T-10).
- A to-do made in a meeting is not reviewed in that meeting.
- A to-do is due for review in a meeting when it is open, or was ticked done after the previous meeting ended and no
  meeting has yet recorded it done, or this meeting already reviewed it.
- Completion counts every to-do due for review, reviewed or not, and says how many were not reviewed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from .models import Todo
from .rules import InputError, not_done_twice

__all__ = [
    "Completion",
    "Outcome",
    "check_movable",
    "check_reviewable",
    "close_as_moved",
    "completion",
    "creation_order",
    "due_for_review",
    "id_number",
    "moved_title",
    "not_done_twice",
    "review_in",
]

_NUMBER = re.compile(r"(\d+)$")

# What a to-do's review showed in a meeting: done, not done, or not reviewed (the room never said).
Outcome = bool | None


def id_number(record_id: str) -> int:
    """The number at the end of an id (``T-12`` -> 12); ids without one sort last."""
    found = _NUMBER.search(record_id)
    return int(found.group(1)) if found else 1 << 62


def creation_order(todos: Iterable[Todo]) -> list[Todo]:
    """To-dos oldest first: by when they were made, then by the number in their id (never by the id as text)."""
    return sorted(todos, key=lambda t: (t.created_at, id_number(t.id), t.id))


def review_in(todo: Todo, meeting: str) -> Outcome:
    """How ``meeting`` reviewed ``todo``: True done, False not done, None not reviewed."""
    for review in todo.reviews:
        if review.meeting == meeting:
            return review.done
    return None


def due_for_review(todo: Todo, meeting: str, previous_end: datetime | None) -> bool:
    """Whether ``meeting`` reviews ``todo`` (the caller has already chosen the meeting's teams' and people's to-dos).

    ``previous_end`` is when the previous meeting of these teams ended (None: there was none).
    """
    if todo.created_in_meeting == meeting:
        return False
    if review_in(todo, meeting) is not None:
        return True
    if todo.status == "open":
        return True
    if todo.status != "done":  # moved to the issues list: its life as a to-do is over
        return False
    if any(r.done for r in todo.reviews):  # a meeting already heard it was done
        return False
    return todo.done_at is not None and (previous_end is None or todo.done_at >= previous_end)


def check_reviewable(todo: Todo, meeting: str, due: bool) -> None:
    """Refuse a review the rules do not allow (the engine calls it, not only the screen)."""
    if todo.created_in_meeting == meeting:
        raise InputError(f"{todo.id} was made in this meeting; it is reviewed at the next one")
    if todo.status == "moved":
        raise InputError(f"{todo.id} was moved to the issues list as {todo.moved_to}")
    if not due:
        raise InputError(f"{todo.id} is not due for review in this meeting")


def check_movable(todo: Todo) -> None:
    """A to-do goes to the issues list once: refuse one already moved or done."""
    if todo.status == "moved" or todo.moved_to is not None:
        raise InputError(f"{todo.id} was already moved to the issues list as {todo.moved_to}")
    if todo.status == "done":
        raise InputError(f"{todo.id} is done")


def close_as_moved(todo: Todo, issue: str) -> None:
    """The to-do's life ends as "moved to ``issue``" (the issue's source names the to-do: linked both ways)."""
    check_movable(todo)
    todo.status = "moved"
    todo.moved_to = issue


def moved_title(title: str) -> str:
    """The title of the issue a twice-not-done to-do becomes."""
    return f"To-do not done: {title}"


@dataclass(frozen=True)
class Completion:
    """To-do completion of one meeting: every to-do due for review counts, reviewed or not."""

    due: int
    done: int
    not_reviewed: int

    @property
    def rate(self) -> float | None:
        return None if self.due == 0 else self.done / self.due

    @property
    def reviewed(self) -> int:
        return self.due - self.not_reviewed

    def describe(self) -> str:
        """``60% of 5 done (2 not reviewed)``."""
        if self.rate is None:
            return "no to-dos due"
        text = f"{self.rate:.0%} of {self.due} done"
        return text + (f" ({self.not_reviewed} not reviewed)" if self.not_reviewed else "")


def completion(outcomes: Sequence[Outcome]) -> Completion:
    """Completion from the outcome of every to-do due for review (None = not reviewed)."""
    return Completion(
        due=len(outcomes),
        done=sum(1 for o in outcomes if o is True),
        not_reviewed=sum(1 for o in outcomes if o is None),
    )
