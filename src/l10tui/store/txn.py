"""What one open transaction knows about itself: how deep it is nested, whether it changed anything, whether a
nested part failed after changing the data (then nothing may be saved), and the records it touched for the history.

One job: the bookkeeping. Taking the lock, re-reading and writing the file are :meth:`Store.transaction`'s
(``db.py``); the history entry made from :attr:`Txn.touched` is ``changes.py``'s.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from typing import Any

from .changes import NOT_KEPT


class Txn:
    def __init__(self) -> None:
        self.depth = 0
        self.dirty = False
        self.poisoned = False  # a nested change failed after writing: the outer one must not save
        self.writes = 0  # changes made in memory, to tell whether a failed nested block touched the data
        self.table_writes: dict[str, int] = {}  # of those, the ones made to a known table's records (Store.put)
        self.touched: dict[tuple[str, int], Any] = {}  # before-images of what this transaction touched
        self.name: str | None = None  # the change's name for the history ("dropped I-12")

    def begin(self) -> None:
        self.depth, self.dirty, self.poisoned = 1, False, False
        self.touched, self.name = {}, None

    def end(self) -> None:
        self.depth, self.dirty = 0, False
        self.touched, self.name = {}, None

    @contextlib.contextmanager
    def nested(self) -> Iterator[None]:
        """A transaction inside one already open: a failure after it changed the data poisons the outer one."""
        self.depth += 1
        writes = self.writes
        try:
            yield
        except BaseException:
            if self.writes != writes:
                # It changed the data and then failed: even if the caller catches this, the outer
                # transaction must not save half a change.
                self.poisoned = True
            raise
        finally:
            self.depth -= 1

    def changed(self, table: str | None = None) -> None:
        """The data in memory was changed (in ``table``'s records, if known): the transaction saves it when it ends."""
        self.dirty = True
        self.writes += 1
        if table is not None:
            self.table_writes[table] = self.table_writes.get(table, 0) + 1

    def version(self, tables: tuple[str, ...]) -> tuple[int, ...]:
        """Changes to ``tables``' records, and every change not made to a known table (settings, undo, TinyDB's)."""
        known = sum(self.table_writes.values())
        return (self.writes - known, *(self.table_writes.get(t, 0) for t in tables))

    def touch(self, table: str, key: int, before: dict[str, Any] | None) -> None:
        """Note a record's image before this transaction first changes it (None: it did not exist), for the undo
        history: not for a table it does not keep (a meeting's record: its checkpoints copied it whole each time)."""
        if self.depth and table not in NOT_KEPT and (table, key) not in self.touched:
            self.touched[(table, key)] = None if before is None else copy.deepcopy(dict(before))

    def name_change(self, name: str) -> None:
        """The first name given wins (an outer change's name over an inner one's)."""
        if self.depth and self.name is None:
            self.name = name

    def fail(self) -> None:
        if self.depth:
            self.poisoned = True
