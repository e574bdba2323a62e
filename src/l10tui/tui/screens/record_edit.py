"""Editing a rock or a to-do from its board: the same form (wording, owner, due date) and the same save, once.

The store's ``rocks.edit`` / ``todos.edit`` take the owner's id; the form shows active people by name and the due
date is read like everywhere else (``+7d``, ``friday``, ``4 Dec``) relative to the app's clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from l10tui.domain.dates import parse_date
from l10tui.domain.models import Rock, Todo
from l10tui.store import L10Store

from ..widgets.board_form import FormField
from .base import L10Screen

R = TypeVar("R", Rock, Todo)


def active_people(db: L10Store) -> list[tuple[str, str]]:
    """(name, id) of the active people, by name: who can own a rock or a to-do."""
    return sorted(((p.name, p.id) for p in db.people.active()), key=lambda x: x[0].casefold())


def edit_title_owner_due(
    screen: L10Screen,
    record: R,
    edit: Callable[..., R],
    *,
    title_label: str,
    owner_label: str,
    refresh: Callable[[], None],
) -> None:
    """The form for ``record``; on save ``edit(id, title=, owner=, due=)`` in one transaction, then ``refresh``."""
    db = screen.db
    fields = [
        FormField("title", title_label, record.title),
        FormField("owner", owner_label, record.owner, active_people(db)),
        FormField("due", "Due", record.due.isoformat() if record.due else ""),
    ]
    today: date = screen.l10.clock.today()

    def save(values: dict[str, str]) -> R:
        due = parse_date(values["due"], today) if values["due"].strip() else None
        with db.transaction():
            who = db.people.owner(values["owner"]) if values["owner"] else None
            return edit(record.id, title=values["title"], owner=who.id if who else None, due=due)

    def saved(changed: R) -> None:
        screen.notify(f"Saved {changed.id}", timeout=2)
        refresh()

    screen.open_form(f"Edit {record.id}", fields, save, saved)
