"""The store: one JSON file behind TinyDB's table API, changed only inside :meth:`Store.transaction`.

:class:`Store` is the facade the rest of the code holds; each job is a collaborator of its own:

* ``file.py`` (:class:`StoreFile`): the file on disk and the version held in memory, cached by the file's
  (inode, size, mtime_ns) and re-read when another process (``l10 issue add`` in another terminal) replaced it;
  the atomic, fsynced write.
* ``opening.py``: reading it in, upgrading an older schema and listing archive years, under the lock.
* ``lock.py``: ``<store>.lock``, one writer at a time across processes.
* ``txn.py``: the open transaction's bookkeeping (nesting, dirty, poisoned, the records it touched).
* ``tables.py``: TinyDB's table API over the data; ``idmint.py``: new ids; ``settings.py``: settings and the
  company calendar; ``changes.py``: the undo history.

A transaction takes the lock, re-reads if the file changed, applies the change in memory, serialises once and
replaces the file atomically. A failed change drops the in-memory copy, and the file on disk is the one from before.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb.table import Table

from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.clock import Clock, SystemClock

from . import idmint
from .codec import check_records, load_file, newest_good_backup, parse, serialise
from .errors import StoreError
from .file import StoreFile, real_path
from .idmint import DEVICE_SUFFIX
from .lock import LOCK_TIMEOUT_S, held, held_if_possible, store_lock
from .opening import Opener
from .pinned import Signature
from .schema import META, Data
from .settings import Settings
from .tables import Tables
from .txn import Txn

if TYPE_CHECKING:
    from .archive import Archive

# DEVICE_SUFFIX, LOCK_TIMEOUT_S and the codec's functions are imported from here by sync/ and tests
__all__ = [
    "DEVICE_SUFFIX",
    "LOCK_TIMEOUT_S",
    "Store",
    "check_records",
    "load_file",
    "newest_good_backup",
    "parse",
    "real_path",
    "serialise",
]


class Store:
    """One l10tui store file. Open it with :func:`l10tui.store.open_store`; change it only inside :meth:`transaction`."""

    def __init__(self, path: Path, clock: Clock | None = None, *, create_dirs: bool = True) -> None:
        # Resolved once: the lock, backups, archives, restore and export all use the real file, not a link to it
        # (a store kept in a synced folder), so two names for one store share one lock and one set of backups.
        self.path = real_path(path)
        self.clock: Clock = clock or SystemClock()
        self.notices: list[str] = []  # things done on the user's behalf that they should hear of (one line each)
        self.keep_history = True  # record each change for undo
        self.daily_backup = False  # a copy of the file before the first change of the day (on in the CLI and app)
        # The app sets this: plain reads then use the copy in memory, and only refresh() (which the app runs off
        # its event loop) or a transaction (under the lock) re-reads a file another l10 replaced (issue 12).
        self.reads_refreshed_by_poll = False
        self._file = StoreFile(self.path, create_dirs=create_dirs)
        self._lock = store_lock(self.path)
        self._txn = Txn()
        self._opener = Opener(self, self._file, self._lock)
        self._settings = Settings(self)
        self._tables = Tables(self)

    def _check_directory(self) -> None:
        self._file.check_directory()

    def _current(self, *, fresh: bool = False) -> Data:
        """The parsed data, re-read if another process replaced the file (never inside our own transaction)."""
        data = self._file.data
        if data is not None and (self._txn.depth or (self.reads_refreshed_by_poll and not fresh)):
            return data
        if data is None or self._file.signature() != self._file.sig:
            with self._lock.this_process():  # not beside another thread's transaction (the app's worker; lock.py)
                if self._file.data is None or self._file.signature() != self._file.sig:
                    self._opener.load()
        assert self._file.data is not None
        return self._file.data

    def refresh(self) -> bool:
        """Re-read the file if another process replaced it; True when it did (the app polls this)."""
        with self._lock.this_process():
            before = self._file.sig
            self._current(fresh=True)
            return self._file.sig != before

    def disk_signature(self) -> Signature | None:
        """The file's (inode, size, mtime_ns) now: one ``stat``, no read, no lock (the app's store watch)."""
        return self._file.signature()

    @property
    def loaded_signature(self) -> Signature | None:
        """The signature of the version in memory: differs from :meth:`disk_signature` once another l10 wrote."""
        return self._file.sig

    @property
    def generation(self) -> int:  # +1 each time data read from the file replaces what is in memory
        return self._file.generation

    def data_version(self, *tables: str) -> tuple[int, ...]:
        """Differs once ``tables``' records in memory may have changed: a re-read (a failed change re-reads too), a
        change made here to them or to anything not a table's record (settings, undo). See meeting/agenda.py."""
        return self._file.generation, *self._txn.version(tables)

    @property
    def commits(self) -> int:  # the writes of this object, and their bytes (a cost proxy for tests and benchmarks)
        return self._file.commits

    @property
    def bytes_written(self) -> int:
        return self._file.bytes_written

    def is_empty(self) -> bool:
        """True for a store with no teams yet (first run: the app opens its set-up)."""
        return not self._current().get("teams")

    @functools.cached_property
    def archive(self) -> Archive:
        """The yearly archives of closed records (read lazily; see archive.py)."""
        from .archive import Archive

        return Archive(self)

    def compact(self) -> int:
        """Move closed records older than the current quarter to the yearly archives (hot/cold split)."""
        from .archive import compact

        return compact(self)

    def table(self, name: str) -> Table:
        """The TinyDB table ``name`` (tables.py)."""
        return self._tables.table(name)

    def raw(self) -> Data:
        """The whole parsed store (read-only use: export, doctor, benchmarks)."""
        return self._current()

    @property
    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = self._current()[META]["1"]
        return meta

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """Read under the lock, so the live file and its archives are one state (export; never half a compaction).
        Re-entrant; a no-op inside a transaction; a read-only copy, whose folder cannot hold a lock, is read without."""
        if self._lock.is_locked:  # this thread's transaction (another thread's is waited for)
            yield self
            return
        with held_if_possible(self._lock, self.path) as locked:
            if locked:
                self._current(fresh=True)
            yield self

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All changes inside are saved together, atomically, or not at all. Re-entrant."""
        txn = self._txn
        if txn.depth and self._lock.is_locked:  # another thread's transaction is waited for, never joined
            with txn.nested():
                yield self
            return
        self._file.check_directory()
        self._file.make_directory()  # before the lock file goes in it (filelock would make it 0755)
        with held(self._lock, self.path):
            self._current(fresh=True)  # re-read under the lock if someone else wrote
            txn.begin()
            try:
                yield self
                if txn.poisoned:
                    raise StoreError(f"a change to {self.path} failed part-way; nothing was saved")
                if txn.dirty:
                    from .changes import before_commit

                    before_commit(self, txn.touched, txn.name)
                    assert self._file.data is not None
                    self._file.write(self._file.data, self._lock)
            except BaseException:
                self._file.adopt(None, None, None)  # may hold half a change: re-read from disk next time
                raise
            finally:
                txn.end()

    def touch(self, table: str, key: int, before: dict[str, Any] | None) -> None:
        """Note a record's image before this transaction first changes it (None: it did not exist)."""
        self._txn.touch(table, key, before)

    def name_change(self, name: str) -> None:
        """Name the change being made for the history (\"dropped I-12\"); the first name given wins."""
        self._txn.name_change(name)

    @contextlib.contextmanager
    def change(self, name: str) -> Iterator[Store]:
        """A transaction named for the history (\"dropped I-12\"); an outer name wins over an inner one."""
        with self.transaction():
            self._txn.name_change(name)
            yield self

    @property
    def in_transaction(self) -> bool:
        """True inside :meth:`transaction` (a repository then writes straight into it, without a nested one)."""
        return self._txn.depth > 0 and self._lock.is_locked  # this thread's

    def put(self, table: str, key: int, doc: dict[str, Any]) -> None:
        """Put a record's document into this transaction's data (new or replacing), saved when it ends: the one door
        for a record into the store (not TinyDB's insert, which rebuilt the table and came back through the storage)."""
        if not self._txn.depth:
            raise RuntimeError("store changes must happen inside Store.transaction()")
        data = self._current()
        data.setdefault(table, {})[str(key)] = doc
        self._mark_dirty(data, table)

    def mark_changed(self) -> None:
        """The transaction's data was changed in place (settings, the archive's compaction, undo): save it."""
        self._mark_dirty(self._current())

    def failed_part_way(self) -> None:
        """A change inside this transaction failed after writing: it must not save (as after a failed nested one)."""
        self._txn.fail()

    def _mark_dirty(self, data: dict[str, dict[str, Any]], table: str | None = None) -> None:
        if not self._txn.depth:
            self._file.adopt(None, None, None)  # TinyDB already changed our cached dict in place: drop it
            raise RuntimeError("store changes must happen inside Store.transaction()")
        self._file.data = data
        self._txn.changed(table)

    def _write(self, data: Data) -> None:  # now, under the caller's lock (manifest.write_year's two-step write)
        self._file.write(data, self._lock)

    @property
    def device_path(self) -> Path:
        """This replica's device tag (``l10 sync init`` writes it; git ignores it): beside the store, never synced."""
        return idmint.device_path(self.path)

    def device_tag(self) -> str:
        """The tag this replica mints ids with (read at every new id: ``l10 sync init`` may have just written it)."""
        return idmint.device_tag(self.path)

    def next_id(self, table: str, prefix: str) -> tuple[str, int]:
        """A new id for ``table`` (``I-13``, or ``I-13km`` on a replica tagged ``km``; see idmint.py)."""
        if not self._txn.depth:
            raise RuntimeError("ids are handed out inside Store.transaction()")
        data = self._current()
        found = idmint.mint(data, table, prefix, self.device_tag())
        self._mark_dirty(data)
        return found

    def set_setting(self, key: str, value: Any) -> None:
        """Store a small JSON value; one that would not read back the same is refused (see settings.py)."""
        self._settings.set(key, value)

    def setting(self, key: str, default: Any = None) -> Any:
        return self._settings.get(key, default)

    @property
    def calendar(self) -> CompanyCalendar:
        """The company calendar: the zone the store names, else the machine's."""
        return self._settings.calendar

    def today(self) -> date:
        """The company's day now (by the store's clock)."""
        return self._settings.today()

    def backup(self, label: str = "") -> Path | None:
        """A dated copy of the file as it is now (none if nothing was ever written)."""
        if not self.path.exists():
            return None
        with held(self._lock, self.path):
            return self._file.backup(self.clock.now(), label)

    def close(self) -> None:
        self._file.adopt(None, None, None)
