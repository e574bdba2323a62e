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


class Txn:
    def __init__(self) -> None:
        self.depth = 0
        self.dirty = False
        self.poisoned = False  # a nested change failed after writing: the outer one must not save
        self.writes = 0  # changes made in memory, to tell whether a failed nested block touched the data
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

    def changed(self) -> None:
        """The data in memory was changed: the transaction saves it when it ends."""
        self.dirty = True
        self.writes += 1

    def touch(self, table: str, key: int, before: dict[str, Any] | None) -> None:
        """Note a record's image before this transaction first changes it (None: it did not exist)."""
        if self.depth and (table, key) not in self.touched:
            self.touched[(table, key)] = None if before is None else copy.deepcopy(dict(before))

    def name_change(self, name: str) -> None:
        """The first name given wins (an outer change's name over an inner one's)."""
        if self.depth and self.name is None:
            self.name = name

    def fail(self) -> None:
        if self.depth:
            self.poisoned = True
