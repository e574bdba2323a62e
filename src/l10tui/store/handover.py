"""A person leaves: their open work goes to someone else, in one change (``l10 person leave``, the app's people
screen). Open to-dos, rocks of this and the next quarter not yet closed, and their active measurables move; what is
finished stays theirs, so history still says who did it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from l10tui.domain.dates import quarter_last_day, quarter_of

from .errors import Conflict
from .people import check_active

if TYPE_CHECKING:
    from l10tui.domain.models import Measurable, Rock, Todo

    from . import L10Store


@dataclass
class Work:
    """What a person owns that is still open."""

    todos: list[Todo] = field(default_factory=list)
    rocks: list[Rock] = field(default_factory=list)
    measurables: list[Measurable] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.todos) + len(self.rocks) + len(self.measurables)

    def summary(self) -> str:
        parts = [
            plural(len(self.todos), "to-do"),
            plural(len(self.rocks), "rock"),
            plural(len(self.measurables), "measurable"),
        ]
        return ", ".join(parts)


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def next_quarter(quarter: str) -> str:
    return quarter_of(quarter_last_day(quarter) + timedelta(days=1))


def open_work(db: L10Store, person_id: str, today: date) -> Work:
    """A person's open to-dos, open rocks of this and next quarter, and active measurables."""
    this = quarter_of(today)
    quarters = {this, next_quarter(this)}
    return Work(
        todos=sorted(db.todos.open(person_id), key=lambda t: t.id),
        rocks=[r for r in db.rocks.all() if r.owner == person_id and r.final is None and r.quarter in quarters],
        measurables=[m for m in db.measurables.active() if m.owner == person_id],
    )


def hand_over(db: L10Store, person_id: str, to_id: str, today: date, *, deactivate: bool = True) -> Work:
    """Move ``person_id``'s open work to ``to_id`` and (by default) mark them as left; return what moved."""
    with db.transaction():
        who, to = db.people.get(person_id), db.people.get(to_id)
        if who.id == to.id:
            raise Conflict(f"{who.name} cannot hand their work to themselves")
        check_active(to, db.people.active())
        if deactivate and not who.active:
            raise Conflict(f"{who.name} has already left")
        db.name_change(f"{who.name} left; work to {to.name}" if deactivate else f"{who.name}'s work to {to.name}")
        work = open_work(db, who.id, today)
        for todo in work.todos:
            db.todos.edit(todo.id, owner=to.id)
        for rock in work.rocks:
            db.rocks.edit(rock.id, owner=to.id)
        for m in work.measurables:
            m.owner = to.id
            db.measurables.save(m)
        if deactivate:
            who.active = False
            db.people.save(who)
        return work
