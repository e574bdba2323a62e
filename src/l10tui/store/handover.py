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
    return hand_over_each(db, person_id, today, to=to_id, deactivate=deactivate).work


@dataclass
class Handed:
    """What moved, and to whom: item id (``T-3``, ``R-1``, ``M-2``) -> new owner's person id."""

    work: Work
    owners: dict[str, str]


def work_items(work: Work) -> list[tuple[str, str]]:
    """(id, title) of every open item, to-dos first, then rocks, then measurables (the order they are asked in)."""
    items = [(t.id, t.title) for t in work.todos] + [(r.id, r.title) for r in work.rocks]
    return items + [(m.id, m.name) for m in work.measurables]


def hand_over_each(
    db: L10Store,
    person_id: str,
    today: date,
    *,
    to: str | None = None,
    give: dict[str, str] | None = None,
    deactivate: bool = True,
) -> Handed:
    """A leaver's work, one by one: ``give`` maps an item id to its new owner's id; ``to`` takes every item not in
    ``give`` ("one person for all" when ``give`` is empty). Refused, with nothing written, when an item would have no
    owner, when ``give`` names an item that is not their open work, or when a new owner has left (the active
    people listed) or is the leaver. One change, undone as one: "Tom left; work to Ann and Bob"."""
    give = {key.strip().upper(): who for key, who in (give or {}).items()}
    with db.transaction():
        who = db.people.get(person_id)
        if deactivate and not who.active:
            raise Conflict(f"{who.name} has already left")
        work = open_work(db, who.id, today)
        items = work_items(work)
        ids = {item for item, _ in items}
        strangers = sorted(set(give) - ids)
        if strangers:
            listed = ", ".join(item for item, _ in items) or "none"
            raise Conflict(f"{', '.join(strangers)} is not {who.name}'s open work (theirs: {listed})")
        missing = [item for item, _ in items if not (give.get(item) or to)]
        if missing:
            raise Conflict(f"nobody takes {', '.join(missing)}: name one person for all, or one for each")
        owners: dict[str, str] = {item: give.get(item) or to or "" for item, _ in items}
        active = db.people.active()
        people = {}
        for pid in dict.fromkeys([*owners.values(), *([to] if to else [])]):
            person = db.people.get(pid)
            if person.id == who.id:
                raise Conflict(f"{who.name} cannot hand their work to themselves")
            check_active(person, active)
            people[person.id] = person
        names = [people[pid].name for pid in dict.fromkeys(owners.values())]
        if not names and to:
            names = [people[to].name]
        takers = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
        what = f"work to {takers}" if takers else "no open work"
        db.name_change(f"{who.name} left; {what}" if deactivate else f"{who.name}'s {what}")
        for todo in work.todos:
            db.todos.edit(todo.id, owner=owners[todo.id])
        for rock in work.rocks:
            db.rocks.edit(rock.id, owner=owners[rock.id])
        for m in work.measurables:
            m.owner = owners[m.id]
            db.measurables.save(m)
        if deactivate:
            who.active = False
            db.people.save(who)
        return Handed(work, owners)
