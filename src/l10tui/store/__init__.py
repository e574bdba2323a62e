"""Persistence on TinyDB: crash-safe storage, locking, schema versions, backups, one repository per record kind."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from l10tui.domain.clock import Clock

from .db import Store
from .errors import Conflict, NotFound, StoreBusy, StoreDamaged, StoreError, StoreTooNew, StoreWriteError
from .headlines import Headlines
from .issues import Issues
from .measurables import Measurables
from .meetings import Meetings
from .people import People
from .rocks import Rocks
from .scores import Scores
from .teams import Teams
from .todos import Todos


class L10Store(Store):
    """The store with a repository per kind of record: ``db.issues.add(...)``, ``db.todos.set_done(...)``."""

    @cached_property
    def teams(self) -> Teams:
        return Teams(self)

    @cached_property
    def people(self) -> People:
        return People(self)

    @cached_property
    def measurables(self) -> Measurables:
        return Measurables(self)

    @cached_property
    def scores(self) -> Scores:
        return Scores(self)

    @cached_property
    def rocks(self) -> Rocks:
        return Rocks(self)

    @cached_property
    def headlines(self) -> Headlines:
        return Headlines(self)

    @cached_property
    def todos(self) -> Todos:
        return Todos(self)

    @cached_property
    def issues(self) -> Issues:
        return Issues(self)

    @cached_property
    def meetings(self) -> Meetings:
        return Meetings(self)


def open_store(path: Path, clock: Clock | None = None, *, create_dirs: bool = True) -> L10Store:
    store = L10Store(path, clock, create_dirs=create_dirs)
    store._check_directory()
    store._current()
    return store


__all__ = [
    "Conflict",
    "L10Store",
    "NotFound",
    "Store",
    "StoreBusy",
    "StoreDamaged",
    "StoreError",
    "StoreTooNew",
    "StoreWriteError",
    "open_store",
]
