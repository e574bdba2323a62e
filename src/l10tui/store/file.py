"""The store file on disk and the version of it this process holds in memory.

One job: bytes in and out of ``l10.json``. Reading opens the file, keeps it open (:class:`~.pinned.Pin`, so its
(inode, size, mtime_ns) signature cannot be recycled while we trust it) and parses it through the codec; a damaged
file is refused naming the newest good backup. Writing serialises once and replaces the file atomically
(:mod:`.atomic`: temp file, fsync, rename, fsync the folder), then pins the new version. Locking, transactions and
schema upgrades are the callers' business (``db.py``, ``opening.py``).
"""

from __future__ import annotations

import errno
import os
from datetime import datetime
from pathlib import Path

from . import atomic, schema
from .backups import make_backup
from .codec import check_records, newest_good_backup, parse, serialise
from .errors import StoreDamaged, StoreError, StoreTooNew, StoreWriteError
from .lock import StoreLock
from .pinned import Pin, Signature, open_pinned, read_fd, signature
from .schema import META, Data


def real_path(path: Path | str) -> Path:
    """The store's real path: absolute, with every symlink (of the file or of a folder above it) followed."""
    return Path(os.path.realpath(Path(path).expanduser().absolute()))


def reason(exc: OSError) -> str:
    """An OS error in a user's words ("the disk is full")."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    return exc.strerror or str(exc)


class StoreFile:
    """``l10.json`` and the parsed version of it held in memory (``data``, with its ``sig`` and ``pin``)."""

    def __init__(self, path: Path, *, create_dirs: bool = True) -> None:
        self.path = path
        self.create_dirs = create_dirs
        self.data: Data | None = None
        self.sig: Signature | None = None
        self._pin: Pin | None = None
        self.generation = 0  # +1 each time data read from the file replaces what is in memory (not our own writes)
        self.commits = 0  # how many times this object wrote the file
        self.bytes_written = 0  # and how many bytes in all (a deterministic cost proxy for tests and benchmarks)

    # -- the folder ----------------------------------------------------------------------------------------------

    def check_directory(self) -> None:
        folder = self.path.parent
        if folder.is_dir():
            return
        if folder.exists():
            raise StoreError(f"cannot use {self.path}: {folder} is not a directory")
        if not self.create_dirs:
            raise StoreError(f"cannot use {self.path}: the directory {folder} does not exist")

    def make_directory(self) -> None:
        folder = self.path.parent
        if folder.is_dir() or not self.create_dirs:
            return
        try:
            atomic.ensure_dir(folder)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {folder}: {reason(exc)}") from None

    # -- reading -------------------------------------------------------------------------------------------------

    def signature(self) -> Signature | None:
        """The file's (inode, size, mtime_ns) now: one ``stat``, no read."""
        return signature(self.path)

    def read(self) -> tuple[Pin, Signature, bytes] | None:
        """Open the file, keep it open (see :class:`Pin`), and read it; None if there is no file yet."""
        try:
            pin, sig = open_pinned(self.path)
        except FileNotFoundError:
            return None
        except PermissionError:
            raise StoreError(f"cannot read {self.path}: permission denied") from None
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None
        try:
            raw = read_fd(pin.fd, sig.size)
        except IsADirectoryError:
            pin.close()
            raise StoreError(f"cannot use {self.path}: it is a directory") from None
        except OSError as exc:
            pin.close()
            raise StoreError(f"cannot read {self.path}: {exc.strerror}") from None
        return pin, sig, raw

    def parse(self, raw: bytes) -> Data:
        """The file's bytes as data; damaged or too new is refused, naming the newest good backup."""
        try:
            data = parse(self.path, raw)
        except StoreDamaged as exc:
            raise StoreDamaged(self.path, exc.reason, newest_good_backup(self.path)) from None
        version = data[META]["1"]["schema_version"]
        if version > schema.SCHEMA_VERSION:
            raise StoreTooNew(self.path, version, schema.SCHEMA_VERSION, newest_good_backup(self.path))
        return data

    def check(self, data: Data, checked: Data | None = None) -> None:
        """Build every record that is not already in ``checked``; a bad one refuses the file."""
        try:
            check_records(self.path, data, checked)
        except StoreDamaged as exc:
            raise StoreDamaged(self.path, exc.reason, newest_good_backup(self.path)) from None

    def adopt(self, data: Data | None, sig: Signature | None, pin: Pin | None) -> None:
        """Hold ``data`` as the version of the file with ``sig`` (None: nothing held, read again next time)."""
        if data is not None and data is not self.data:
            self.generation += 1
        old, self._pin = self._pin, pin
        self.data, self.sig = data, sig
        if old is not None and old is not pin:
            old.close()

    # -- writing -------------------------------------------------------------------------------------------------

    def write(self, data: Data, lock: StoreLock) -> None:
        """Replace the file with ``data`` (the caller holds ``lock``); on failure the file is the one from before."""
        self.make_directory()
        try:
            payload = serialise(data)
        except OSError as exc:
            raise StoreWriteError(f"could not save {self.path}: {reason(exc)}; nothing was changed") from None
        except (TypeError, ValueError) as exc:  # orjson: an integer too big for JSON, a value of an unknown type
            raise StoreWriteError(
                f"could not save {self.path}: a value cannot be stored ({exc}); nothing was changed"
            ) from None
        if lock.is_locked and not lock.still_held():
            # The lock file was deleted (or replaced) while we held it: another l10 may have taken a new one and
            # written meanwhile. Saving now could overwrite its confirmed change, so this change is refused.
            raise StoreWriteError(
                f"could not save {self.path}: its lock file {lock.lock_file} was removed while this change "
                "was being made, so another l10 may have written meanwhile; nothing was changed, try again"
            )
        try:
            atomic.remove_stale_temps(self.path)  # left by a writer that was killed; we hold the lock
            atomic.atomic_write(self.path, payload)
        except OSError as exc:
            where = f" (cannot create a file in {self.path.parent})" if str(exc.filename).endswith(".tmp") else ""
            raise StoreWriteError(f"could not save {self.path}: {reason(exc)}{where}; nothing was changed") from None
        try:
            pin, sig = open_pinned(self.path)
        except OSError:
            self.adopt(data, signature(self.path), None)
        else:
            self.adopt(data, sig, pin)
        self.commits += 1
        self.bytes_written += len(payload)
        for folder in ("backups", "archive"):  # left open to others (0755, by hand or an old version): 0700 again
            atomic.tighten_dir(self.path.parent / folder)

    def backup(self, when: datetime, label: str = "") -> Path:
        """A dated copy of the file as it is now (the caller holds the lock)."""
        try:
            return make_backup(self.path, when, label)  # named in UTC
        except OSError as exc:
            raise StoreWriteError(f"could not write a backup of {self.path}: {reason(exc)}") from None
