"""Rock milestones in the store: add, tick done (or back), drop. The rules are :mod:`l10tui.domain.milestones`.

A milestone lives inside its rock record, so every change is one read-modify-write of that rock under the store's
lock; a refused change (a due date after the rock's quarter, an unknown id) writes nothing.
"""

from __future__ import annotations

from datetime import date

from l10tui.domain import milestones as rules
from l10tui.domain.models import Milestone, Rock
from l10tui.domain.rules import InputError, clean_text

from .errors import Conflict, NotFound
from .rocks import Rocks


def add(rocks: Rocks, rock_id: str, title: str, due: date) -> tuple[Rock, Milestone]:
    """A new milestone on an open rock; refused when it falls after the rock's quarter."""
    title = clean_text(title, "milestone title")
    with rocks.store.transaction():
        rock = rocks.get(rock_id)
        if rock.final is not None:
            raise Conflict(f"{rock.id} is closed as {rock.final}; reopen it to add milestones")
        rules.check_due(rock, due)
        ms = Milestone(
            id=rules.next_milestone_id(rock, rocks.store.device_tag()),
            title=title,
            due=due,
            created_at=rocks.store.clock.now(),
        )
        rocks.store.name_change(f"milestone {ms.id} added")
        rock.milestones.append(ms)
        return rocks.save(rock), ms


def _locate(rocks: Rocks, milestone_id: str) -> tuple[Rock, Milestone]:
    try:
        rock_id, canonical = rules.split_milestone_id(milestone_id)
    except InputError as exc:
        raise NotFound(str(exc)) from None
    rock = rocks.get(rock_id)
    for ms in rock.milestones:
        if ms.id == canonical:
            return rock, ms
    raise NotFound(f"no milestone {canonical}")


def get(rocks: Rocks, milestone_id: str) -> tuple[Rock, Milestone]:
    return _locate(rocks, milestone_id)


def set_done(rocks: Rocks, milestone_id: str, done: bool = True) -> tuple[Rock, Milestone]:
    """Tick a milestone done (also what ticking it among the owner's to-dos does), or open again."""
    with rocks.store.transaction():
        rock, ms = _locate(rocks, milestone_id)
        if ms.dropped:
            raise Conflict(f"milestone {ms.id} was dropped")
        if done and ms.done_at is not None:
            raise Conflict(f"milestone {ms.id} is already done")
        if not done and ms.done_at is None:
            raise Conflict(f"milestone {ms.id} is not done")
        rocks.store.name_change(f"milestone {ms.id} {'done' if done else 'reopened'}")
        ms.done_at = rocks.store.clock.now() if done else None
        return rocks.save(rock), ms


def drop(rocks: Rocks, milestone_id: str) -> tuple[Rock, Milestone]:
    """Take a milestone off its rock's count (it is kept, marked dropped: nothing is hard-deleted)."""
    with rocks.store.transaction():
        rock, ms = _locate(rocks, milestone_id)
        if ms.dropped:
            raise Conflict(f"milestone {ms.id} is already dropped")
        rocks.store.name_change(f"milestone {ms.id} dropped")
        ms.dropped = True
        return rocks.save(rock), ms
