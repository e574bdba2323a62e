"""The store: one JSON file behind TinyDB, with our own crash-safe storage and an inter-process lock.

* Reads never re-parse an unchanged file: the parsed data is cached by the file's (inode, size, mtime_ns), and
  re-read when another process (``l10 issue add`` in another terminal) replaced it.
* Every change runs inside :meth:`Store.transaction`: take ``<store>.lock``, re-read if the file changed, apply the
  change in memory, serialise once, replace the file atomically, release. A failed change drops the in-memory copy
  so nothing half-made survives, and the file on disk is the one from before.
* A damaged file is refused with a message naming it and the newest good backup; it is never overwritten.
"""

from __future__ import annotations

import contextlib
import copy
import errno
import functools
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from l10tui.domain.calendar import SETTING as ZONE_SETTING
from l10tui.domain.calendar import CompanyCalendar
from l10tui.domain.clock import Clock, SystemClock
from l10tui.domain.ids import IdError, format_id, key_of, split_key, valid_key, valid_tag
from l10tui.domain.models import ID_PREFIX
from l10tui.domain.records import RecordError, from_dict

from . import atomic
from .backups import list_backups, make_backup
from .errors import StoreBusy, StoreDamaged, StoreError, StoreTooNew, StoreWriteError
from .lock import LockTimeout, StoreLock
from .manifest import archived_max_id
from .manifest import check_on_open as check_archives
from .schema import META, MIGRATIONS, SCHEMA_VERSION, TABLES, Data, empty_data

if TYPE_CHECKING:
    from .archive import Archive

LOCK_TIMEOUT_S = 30.0
DEVICE_SUFFIX = ".device"


@dataclass(frozen=True)
class Signature:
    inode: int
    size: int
    mtime_ns: int


def _signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns)


class _Pin:
    """An open descriptor on the file version we hold in memory.

    While it is open the kernel cannot give that inode number to another file, so "same (inode, size, mtime_ns)"
    really means "same file": without it, two quick replaces within one mtime tick could recycle the inode and make a
    changed file look unchanged (and a write would then drop another process's change).
    """

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        if self.fd >= 0:
            fd, self.fd = self.fd, -1
            os.close(fd)

    def __del__(self) -> None:
        try:
            self.close()
        except OSError:
            pass


def _open_pinned(path: Path) -> tuple[_Pin, Signature]:
    fd = os.open(path, os.O_RDONLY)
    st = os.fstat(fd)
    return _Pin(fd), Signature(st.st_ino, st.st_size, st.st_mtime_ns)


def _read_fd(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, max(size, 1 << 16))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def real_path(path: Path | str) -> Path:
    """The store's real path: absolute, with every symlink (of the file or of a folder above it) followed."""
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def serialise(data: Data) -> bytes:
    atomic.inject("serialise")
    return orjson.dumps(data)


def _check_meta(meta: dict[str, Any]) -> str | None:
    counters = meta.get("counters", {})
    if not isinstance(counters, dict):
        return "_meta.counters is not an object"
    for prefix, n in counters.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            return f"_meta.counters[{prefix!r}] is {n!r}, not a count"
    if not isinstance(meta.get("settings", {}), dict):
        return "_meta.settings is not an object"
    return None


def parse(path: Path, raw: bytes, loads: Callable[[bytes], Any] | None = None) -> Data:
    """Parse and check the shape of a store file; raise :class:`StoreDamaged` (without backup hint) if wrong.

    ``loads``: another parser for the JSON (``archive.lean_loads`` for yearly archives); orjson by default."""

    def damaged(reason: str) -> StoreDamaged:
        return StoreDamaged(path, reason, None)

    if not raw.strip():
        raise damaged("the file is empty")
    try:
        data = (loads or orjson.loads)(raw)
    except ValueError as exc:  # orjson's and json's JSONDecodeError both are ValueErrors
        raise damaged(f"not valid JSON ({exc}); it may have been cut short") from None
    if not isinstance(data, dict):
        raise damaged(f"expected a JSON object at the top, found {type(data).__name__}")
    meta = data.get(META)
    if not isinstance(meta, dict) or not isinstance(meta.get("1"), dict):
        raise damaged("it has no _meta table (is it an l10tui store?)")
    version = meta["1"].get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise damaged(f"_meta.schema_version is {version!r}, not a version number")
    problem = _check_meta(meta["1"])
    if problem:
        raise damaged(problem)
    for name, table in data.items():
        if not isinstance(table, dict):
            raise damaged(f"table {name!r} is not an object")
        prefix = ID_PREFIX.get(name)
        for key, doc in table.items():
            # TinyDB turns keys into ints: "07" would collide with "7", and "²".isdigit() but int("²") fails
            if not (key.isascii() and key.isdigit() and str(int(key)) == key) or not isinstance(doc, dict):
                raise damaged(f"table {name!r} has a malformed entry {str(key)[:40]!r}")
            if prefix is not None:
                if not valid_key(int(key)):
                    raise damaged(f"table {name!r} has a malformed entry {str(key)[:40]!r}")
                expected = format_id(prefix, int(key))
                if doc.get("id") != expected:
                    raise damaged(f"{name}[{key}] has id {str(doc.get('id'))[:40]!r}, expected {expected}")
    return data


def check_records(path: Path, data: Data) -> None:
    """Every record of every known table must build its dataclass; the first one that does not is reported."""
    for name, model in TABLES.items():
        for key, doc in data.get(name, {}).items():
            try:
                from_dict(model, doc, f"{name}[{key}]")
            except RecordError as exc:
                raise StoreDamaged(path, f"bad record {exc}", None) from None


def load_file(path: Path) -> Data:
    """Read, parse and check a store file (used for the live file and to check backups)."""
    data = parse(path, path.read_bytes())
    version = data[META]["1"]["schema_version"]
    if version > SCHEMA_VERSION:
        raise StoreTooNew(path, version, SCHEMA_VERSION)
    if version == SCHEMA_VERSION:
        check_records(path, data)
    return data


def newest_good_backup(path: Path) -> Path | None:
    for candidate in reversed(list_backups(path)):
        try:
            load_file(candidate)
        except (StoreError, OSError):
            continue
        return candidate
    return None


class _Storage(Storage):
    """TinyDB's view of our store: reads come from the cached parse, writes only mark the transaction dirty."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self._store._current()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self._store._mark_dirty(data)

    def close(self) -> None:
        pass


class Store:
    """One l10tui store file. Open it with :meth:`open`; change it only inside :meth:`transaction`."""

    def __init__(self, path: Path, clock: Clock | None = None, *, create_dirs: bool = True) -> None:
        # Resolved once: the lock, backups, archives, restore and export all use the real file, not a link to it
        # (a store kept in a synced folder), so two names for one store share one lock and one set of backups.
        self.path = real_path(path)
        self.clock: Clock = clock or SystemClock()
        self.create_dirs = create_dirs
        self._data: Data | None = None
        self._sig: Signature | None = None
        self._pin: _Pin | None = None
        self._depth = 0
        self._dirty = False
        self._poisoned = False  # a nested change failed after writing: the outer one must not save
        self._writes = 0  # changes made in memory, to tell whether a failed nested block touched the data
        self.commits = 0  # how many times this store object wrote the file
        self.bytes_written = 0  # and how many bytes in all (a deterministic cost proxy for tests and benchmarks)
        self.notices: list[str] = []  # things done on the user's behalf that they should hear of (one line each)
        self._lock = StoreLock(str(self.path) + ".lock", LOCK_TIMEOUT_S)
        self._db = TinyDB(storage=_Storage, store=self)
        self._tables: dict[str, Table] = {}
        # the store's own history of changes (changes.py): before-images of what this transaction touched
        self._touched: dict[tuple[str, int], Any] = {}
        self._change_name: str | None = None
        self.keep_history = True  # record each change for undo
        self.daily_backup = False  # a copy of the file before the first change of the day (on in the CLI and app)
        # The app sets this: plain reads then use the copy in memory, and only refresh() (which the app runs off
        # its event loop) or a transaction (under the lock) re-reads a file another l10 replaced. Without it, each
        # read after another process's commit re-parsed the whole file on the event loop (issue 12).
        self.reads_refreshed_by_poll = False
        self._calendar: tuple[str | None, CompanyCalendar] | None = None

    @classmethod
    def open(cls, path: Path, clock: Clock | None = None, *, create_dirs: bool = True) -> Store:
        """Open (and check) a store; a missing file is an empty store, created at the first change."""
        store = cls(path, clock, create_dirs=create_dirs)
        store._check_directory()
        store._current()
        return store

    # -- reading -------------------------------------------------------------------------------------------------

    def _check_directory(self) -> None:
        folder = self.path.parent
        if folder.is_dir():
            return
        if folder.exists():
            raise StoreError(f"cannot use {self.path}: {folder} is not a directory")
        if not self.create_dirs:
            raise StoreError(f"cannot use {self.path}: the directory {folder} does not exist")

    def _current(self, *, fresh: bool = False) -> Data:
        """The parsed data, re-read if another process replaced the file (never inside our own transaction)."""
        if self._depth and self._data is not None:
            return self._data
        if self.reads_refreshed_by_poll and not fresh and self._data is not None:
            return self._data
        sig = _signature(self.path)
        if self._data is not None and sig == self._sig:
            return self._data
        self._load(sig)
        assert self._data is not None
        return self._data

    def _load(self, sig: Signature | None = None) -> None:
        got = self._read_pinned()
        if got is None:
            self._adopt(empty_data(), None, None)
            return
        pin, sig, raw = got
        data = self._parse(raw)
        if data[META]["1"]["schema_version"] < SCHEMA_VERSION:
            pin.close()
            self._migrate()
            return
        self._check(data)
        if check_archives(self, data[META]["1"]):
            pin.close()
            self._build_manifest()
            return
        self._adopt(data, sig, pin)

    def _build_manifest(self) -> None:
        """List the archive years on disk in the manifest (an older store, or a year it does not know), under the lock."""
        from .manifest import build

        with self._locked():
            got = self._read_pinned()
            if got is None:
                self._adopt(empty_data(), None, None)
                return
            pin, sig, raw = got
            data = self._parse(raw)
            self._check(data)
            if not check_archives(self, data[META]["1"]):  # another process built it while we waited
                self._adopt(data, sig, pin)
                return
            pin.close()
            self.notices += build(self, data)
            self._write(data)

    def _read_pinned(self) -> tuple[_Pin, Signature, bytes] | None:
        """Open the file, keep it open (see :class:`_Pin`), and read it; None if there is no file yet."""
        try:
            pin, sig = _open_pinned(self.path)
        except FileNotFoundError:
            return None
        except PermissionError:
            raise StoreError(f"cannot read {self.path}: permission denied") from None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None
        try:
            raw = _read_fd(pin.fd, sig.size)
        except IsADirectoryError:
            pin.close()
            raise StoreError(f"cannot use {self.path}: it is a directory") from None
        except OSError as exc:
            pin.close()
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None
        return pin, sig, raw

    def _parse(self, raw: bytes) -> Data:
        try:
            data = parse(self.path, raw)
        except StoreDamaged as exc:
            raise StoreDamaged(self.path, exc.reason, newest_good_backup(self.path)) from None
        version = data[META]["1"]["schema_version"]
        if version > SCHEMA_VERSION:
            raise StoreTooNew(self.path, version, SCHEMA_VERSION, newest_good_backup(self.path))
        return data

    def _check(self, data: Data) -> None:
        try:
            check_records(self.path, data)
        except StoreDamaged as exc:
            raise StoreDamaged(self.path, exc.reason, newest_good_backup(self.path)) from None

    def _adopt(self, data: Data | None, sig: Signature | None, pin: _Pin | None) -> None:
        old, self._pin = self._pin, pin
        self._data, self._sig = data, sig
        if old is not None and old is not pin:
            old.close()

    def _migrate(self) -> None:
        """Bring an older store up to date, keeping a copy of it first (under the lock, from a fresh read)."""
        with self._locked():
            got = self._read_pinned()
            if got is None:  # it went away meanwhile
                self._adopt(empty_data(), None, None)
                return
            pin, sig, raw = got
            data = self._parse(raw)
            version = data[META]["1"]["schema_version"]
            if version == SCHEMA_VERSION:  # another process upgraded it while we waited for the lock
                self._check(data)
                self._adopt(data, sig, pin)
                return
            pin.close()
            try:
                make_backup(self.path, self.clock.now(), label=f"pre-v{SCHEMA_VERSION}", keep=0)
            except OSError as exc:
                raise StoreWriteError(
                    f"could not keep a copy of {self.path} before upgrading it: {_reason(exc)}; nothing was changed"
                ) from None
            for v in range(version, SCHEMA_VERSION):
                step = MIGRATIONS.get(v)
                if step is None:
                    raise StoreError(f"store {self.path} has schema {v}, which this version cannot upgrade")
                data = step(data)
                data[META]["1"]["schema_version"] = v + 1
            self._check(data)
            self._write(data)

    # (lead) refresh/is_empty are used by the app's store poll; archive/compact by the hot/cold split: keep them.
    def refresh(self) -> bool:
        """Re-read the file if another process replaced it; True when it did (the app polls this)."""
        before = self._sig
        self._current(fresh=True)
        return self._sig != before

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
        """The TinyDB table ``name`` (query cache off: the file may change under us)."""
        tbl = self._tables.get(name)
        if tbl is None:
            tbl = self._tables[name] = self._db.table(name, cache_size=0)
        return tbl

    def raw(self) -> Data:
        """The whole parsed store (read-only use: export, doctor, benchmarks)."""
        return self._current()

    @property
    def meta(self) -> dict[str, Any]:
        meta: dict[str, Any] = self._current()[META]["1"]
        return meta

    # -- writing -------------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self._lock.acquire()
        except LockTimeout:
            raise StoreBusy(
                f"store {self.path} is busy: another l10 process has held {self._lock.lock_file} "
                f"for over {LOCK_TIMEOUT_S:.0f} s"
            ) from None
        except PermissionError:
            raise StoreError(f"cannot lock {self._lock.lock_file}: permission denied") from None
        except OSError as exc:
            raise StoreError(f"cannot lock {self._lock.lock_file}: {exc.strerror}") from None
        try:
            yield
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Store]:
        """Read under the lock, so the live file and its archives are one state (export; never half a compaction).

        Re-entrant; inside a transaction it is a no-op. A store whose folder cannot hold a lock file (a read-only
        copy) is read without one: nothing can write it then either.
        """
        if self._depth or self._lock.is_locked:
            yield self
            return
        try:
            self._lock.acquire()
        except LockTimeout:
            raise StoreBusy(
                f"store {self.path} is busy: another l10 process has held {self._lock.lock_file} "
                f"for over {LOCK_TIMEOUT_S:.0f} s"
            ) from None
        except OSError:
            yield self
            return
        try:
            self._current(fresh=True)
            yield self
        finally:
            self._lock.release()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """All changes inside are saved together, atomically, or not at all. Re-entrant."""
        if self._depth:
            self._depth += 1
            writes = self._writes
            try:
                yield self
            except BaseException:
                if self._writes != writes:
                    # It changed the data and then failed: even if the caller catches this, the outer
                    # transaction must not save half a change.
                    self._poisoned = True
                raise
            finally:
                self._depth -= 1
            return
        self._check_directory()
        self._make_directory()  # before the lock file goes in it (filelock would make it 0755)
        with self._locked():
            self._current(fresh=True)  # re-read under the lock if someone else wrote
            self._depth, self._dirty, self._poisoned = 1, False, False
            self._touched, self._change_name = {}, None
            try:
                yield self
                if self._poisoned:
                    raise StoreError(f"a change to {self.path} failed part-way; nothing was saved")
                if self._dirty:
                    assert self._data is not None
                    self._before_write()
                    self._write(self._data)
            except BaseException:
                self._adopt(None, None, None)  # may hold half a change: re-read from disk next time
                raise
            finally:
                self._depth, self._dirty = 0, False
                self._touched, self._change_name = {}, None

    def _before_write(self) -> None:
        from . import changes

        if self.keep_history and self._touched:
            changes.record(self, self._touched, self._change_name)
        if self.daily_backup:
            try:
                changes.backup_if_first_today(self)
            except OSError as exc:
                raise StoreWriteError(
                    f"could not keep the day's first copy of {self.path}: {_reason(exc)}; nothing was changed"
                ) from None

    def touch(self, table: str, key: int, before: dict[str, Any] | None) -> None:
        """Note a record's image before this transaction first changes it (None: it did not exist)."""
        if self._depth and (table, key) not in self._touched:
            self._touched[(table, key)] = None if before is None else copy.deepcopy(dict(before))

    def name_change(self, name: str) -> None:
        """Name the change being made for the history (\"dropped I-12\"); the first name given wins."""
        if self._depth and self._change_name is None:
            self._change_name = name

    @contextlib.contextmanager
    def change(self, name: str) -> Iterator[Store]:
        """A transaction named for the history (\"dropped I-12\"); an outer name wins over an inner one."""
        with self.transaction():
            if self._change_name is None:
                self._change_name = name
            yield self

    def _mark_dirty(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._depth:
            self._adopt(None, None, None)  # TinyDB already changed our cached dict in place: drop it
            raise RuntimeError("store changes must happen inside Store.transaction()")
        self._data = data
        self._dirty = True
        self._writes += 1

    def _make_directory(self) -> None:
        folder = self.path.parent
        if folder.is_dir() or not self.create_dirs:
            return
        try:
            atomic.ensure_dir(folder)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {folder}: {_reason(exc)}") from None

    def _write(self, data: Data) -> None:
        """Replace the file with ``data`` (the caller holds the lock); on failure the file is the one from before."""
        self._make_directory()
        try:
            payload = serialise(data)
        except OSError as exc:
            raise StoreWriteError(f"could not save {self.path}: {_reason(exc)}; nothing was changed") from None
        except (TypeError, ValueError) as exc:  # orjson: an integer too big for JSON, a value of an unknown type
            raise StoreWriteError(
                f"could not save {self.path}: a value cannot be stored ({exc}); nothing was changed"
            ) from None
        if self._lock.is_locked and not self._lock.still_held():
            # The lock file was deleted (or replaced) while we held it: another l10 may have taken a new one and
            # written meanwhile. Saving now could overwrite its confirmed change, so this change is refused.
            raise StoreWriteError(
                f"could not save {self.path}: its lock file {self._lock.lock_file} was removed while this change "
                "was being made, so another l10 may have written meanwhile; nothing was changed, try again"
            )
        try:
            atomic.remove_stale_temps(self.path)  # left by a writer that was killed; we hold the lock
            atomic.atomic_write(self.path, payload)
        except OSError as exc:
            where = f" (cannot create a file in {self.path.parent})" if str(exc.filename).endswith(".tmp") else ""
            raise StoreWriteError(f"could not save {self.path}: {_reason(exc)}{where}; nothing was changed") from None
        try:
            pin, sig = _open_pinned(self.path)
        except OSError:
            self._adopt(data, _signature(self.path), None)
        else:
            self._adopt(data, sig, pin)
        self.commits += 1
        self.bytes_written += len(payload)

    @property
    def device_path(self) -> Path:
        """This replica's device tag (``l10 sync init`` writes it; git ignores it): beside the store, never synced."""
        return Path(str(self.path) + DEVICE_SUFFIX)

    def device_tag(self) -> str:
        """The tag this replica mints ids with ("" on the first replica and on a store that is not synced).

        Read at every new id, so a process that was open while ``l10 sync init`` ran mints tagged ids at once."""
        try:
            tag = self.device_path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return ""
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"cannot read the device tag {self.device_path}: {exc}") from None
        if not valid_tag(tag):
            raise StoreError(f"the device tag in {self.device_path} is {tag[:8]!r}, not one or two letters")
        return tag

    def next_id(self, table: str, prefix: str) -> tuple[str, int]:
        """A new id for ``table`` (``I-13``, or ``I-13km`` on a replica tagged ``km``): counters only go up and
        each replica mints with its own tag, so an id is never handed out twice, not even on two laptops."""
        if not self._depth:
            raise RuntimeError("ids are handed out inside Store.transaction()")
        tag = self.device_tag()
        meta = self.meta
        counters: dict[str, int] = meta.setdefault("counters", {})
        existing = self._current().get(table, {})
        archived = archived_max_id(meta, table)  # above the archives' ids too, also after an older backup is restored
        n = max(counters.get(prefix, 0), max((split_key(int(k))[0] for k in existing), default=0), archived) + 1
        try:
            key = key_of(n, tag)
        except IdError as exc:
            raise StoreError(f"cannot hand out a new id: {exc}") from None
        counters[prefix] = n
        self._mark_dirty(self._current())
        return format_id(prefix, key), key

    def set_setting(self, key: str, value: Any) -> None:
        """Store a small JSON value; one that would not read back the same (NaN, a tuple, a huge int) is refused."""
        try:
            same = orjson.loads(orjson.dumps(value)) == value
        except (TypeError, ValueError) as exc:
            raise StoreWriteError(f"setting {key!r} cannot be stored ({exc}); nothing was changed") from None
        if not same:
            raise StoreWriteError(f"setting {key!r} would not read back as {value!r}; nothing was changed")
        with self.transaction():
            self.touch("_settings", 0, self.meta.get("settings", {}))
            self.meta.setdefault("settings", {})[key] = value
            self._mark_dirty(self._current())

    def setting(self, key: str, default: Any = None) -> Any:
        return self.meta.get("settings", {}).get(key, default)

    @property
    def calendar(self) -> CompanyCalendar:
        """The company calendar: the zone the store names, else the machine's (see :mod:`l10tui.domain.calendar`)."""
        name = self.setting(ZONE_SETTING)
        key = name if isinstance(name, str) else None
        cached = self._calendar
        if cached is None or cached[0] != key:
            cached = (key, CompanyCalendar.named(key))
            self._calendar = cached
        return cached[1]

    def today(self) -> date:
        """The company's day now (by the store's clock)."""
        return self.calendar.day(self.clock.now())

    def backup(self, label: str = "") -> Path | None:
        """A dated copy of the file as it is now (none if nothing was ever written)."""
        if not self.path.exists():
            return None
        with self._locked():
            try:
                return make_backup(self.path, self.clock.now(), label)  # named in UTC
            except OSError as exc:
                raise StoreWriteError(f"could not write a backup of {self.path}: {_reason(exc)}") from None

    def close(self) -> None:
        self._adopt(None, None, None)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)
