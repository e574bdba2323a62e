"""The inter-process lock on ``<store>.lock``: one writer at a time across every l10 process.

On POSIX this is ``fcntl.flock`` on a 0600 lock file: the kernel drops the lock when its holder dies, so a
``.lock`` file left by a killed process never blocks anyone. It is the same mechanism filelock's ``UnixFileLock``
uses, without filelock's import cost (about 50-65 ms here, most of it asyncio and ssl pulled in by its async
variants), which alone put ``l10 issue add`` over its budget (DESIGN.md: <= 2.5x ``import tinydb, click``).
Where ``fcntl`` does not exist (Windows) filelock does the job.

Re-entrant within one ``StoreLock`` object and one thread, like filelock, so a transaction can take a backup under its
own lock. Within the process it is also a lock between threads: the app re-reads the store in a worker thread while
its event loop may write. Before, a second thread was let in as if its hold were a nested one, and a re-read (which
takes no ``flock``) could land in memory after another thread's transaction - the file from before a new meeting was
saved replaced it ("Cannot open the meeting: no meeting MT-11"). The timeout is measured with the process's monotonic
clock: it is plumbing, not meeting logic.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import StoreBusy, StoreError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_MODE = 0o600
POLL_S = 0.005
LOCK_TIMEOUT_S = 30.0  # how long a change waits for another l10 before it says the store is busy


def _is_path_of(fd: int, path: str) -> bool:
    try:
        at_path = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (held.st_dev, held.st_ino) == (at_path.st_dev, at_path.st_ino)


def _tighten(fd: int) -> None:
    """A lock file left 0666 (by an old version, or a umask of 0) is made 0600 again, when it is ours."""
    st = os.fstat(fd)
    if st.st_mode & 0o077 and st.st_uid == os.getuid():
        try:
            os.fchmod(fd, LOCK_MODE)
        except OSError:
            pass


class LockTimeout(Exception):
    """Another process held the lock for longer than the timeout."""


class StoreLock:
    def __init__(self, lock_file: Path | str, timeout: float) -> None:
        self.lock_file = str(lock_file)
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0
        self._fallback: Any = None
        self._threads = threading.RLock()  # one thread of this process at a time; taken before the file's lock
        self._owner: int | None = None  # the thread that holds it (depth counts its nested holds)

    @property
    def is_locked(self) -> bool:
        """This thread holds the lock (another thread of the process holding it does not count)."""
        return self._depth > 0 and self._owner == threading.get_ident()

    def acquire(self, timeout: float | None = None) -> None:
        wait = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + wait
        if not self._threads.acquire(timeout=max(wait, 0.0)):  # 0: try once, as flock's LOCK_NB
            raise LockTimeout(self.lock_file)
        if self._depth:
            self._depth += 1
            return
        try:
            if fcntl is None:  # pragma: no cover - Windows
                self._acquire_fallback(max(0.0, deadline - time.monotonic()))
            else:
                self._acquire_flock(max(0.0, deadline - time.monotonic()))
        except BaseException:
            self._threads.release()
            raise
        self._depth, self._owner = 1, threading.get_ident()

    @contextlib.contextmanager
    def this_process(self) -> Iterator[None]:
        """Keep this process's other threads out (not other processes): a re-read of the file, which needs no
        ``flock``, must not land in memory in the middle of (or after) another thread's transaction."""
        with self._threads:
            yield

    def _acquire_flock(self, wait: float) -> None:
        """Lock the file at the path, proven: after ``flock`` the path must still name the inode we locked.

        Someone may delete (or replace) ``<store>.lock`` while another process holds it; a newcomer would then create
        a fresh file, lock it at once and write alongside the holder. So, the usual recipe: once locked, compare the
        descriptor's (device, inode) with the path's; if they differ the lock is on an orphan, so drop it and retry.
        """
        deadline = time.monotonic() + wait
        while True:
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT, LOCK_MODE)
            try:
                _tighten(fd)
                while True:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            raise LockTimeout(self.lock_file) from None
                        time.sleep(POLL_S)
                if _is_path_of(fd, self.lock_file):
                    self._fd = fd
                    return
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # the file we locked is no longer the one at the path: closing drops the lock; retry
            if time.monotonic() >= deadline:
                raise LockTimeout(self.lock_file)

    def _acquire_fallback(self, wait: float) -> None:  # pragma: no cover - Windows
        from filelock import FileLock, Timeout

        lock = FileLock(self.lock_file, timeout=wait, mode=LOCK_MODE)
        try:
            lock.acquire()
        except Timeout:
            raise LockTimeout(self.lock_file) from None
        self._fallback = lock

    def still_held(self) -> bool:
        """True when the lock we hold is still the file at the path (someone may have deleted it meanwhile)."""
        if self._fd is None:
            return self._depth > 0  # the fallback lock (Windows): nothing more to prove
        return _is_path_of(self._fd, self.lock_file)

    def release(self) -> None:
        if not self.is_locked:
            return
        try:
            self._depth -= 1
            if self._depth:
                return
            self._owner = None
            if self._fd is not None:
                fd, self._fd = self._fd, None
                try:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                finally:
                    os.close(fd)
            elif self._fallback is not None:  # pragma: no cover - Windows
                self._fallback.release()
                self._fallback = None
        finally:
            self._threads.release()

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def store_lock(store_path: Path) -> StoreLock:
    """The lock of the store at ``store_path``: ``<store>.lock``, waiting at most :data:`LOCK_TIMEOUT_S`."""
    return StoreLock(str(store_path) + ".lock", LOCK_TIMEOUT_S)


def _busy(lock: StoreLock, store_path: Path) -> StoreBusy:
    return StoreBusy(
        f"store {store_path} is busy: another l10 process has held {lock.lock_file} for over {lock.timeout:.0f} s"
    )


@contextlib.contextmanager
def held(lock: StoreLock, store_path: Path) -> Iterator[None]:
    """Hold ``lock`` for the block; a timeout or an unusable lock file is one clear store error."""
    try:
        lock.acquire()
    except LockTimeout:
        raise _busy(lock, store_path) from None
    except PermissionError:
        raise StoreError(f"cannot lock {lock.lock_file}: permission denied") from None
    except OSError as exc:
        raise StoreError(f"cannot lock {lock.lock_file}: {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def held_if_possible(lock: StoreLock, store_path: Path) -> Iterator[bool]:
    """Hold ``lock`` for the block if its folder can hold a lock file (yields True); a read-only copy of a store
    is read without one (yields False): nothing can write it then either. A timeout is still "busy"."""
    try:
        lock.acquire()
    except LockTimeout:
        raise _busy(lock, store_path) from None
    except OSError:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()
