"""One clone: the store file's folder, its git repository and its lock, and where things are in it (the store's
files, the journal of a sync under way, this laptop's device tag)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from l10tui.store import atomic
from l10tui.store.db import DEVICE_SUFFIX, LOCK_TIMEOUT_S, parse
from l10tui.store.errors import StoreError
from l10tui.store.lock import LockTimeout, StoreLock

from .errors import SyncError
from .gitrun import Git

JOURNAL = "l10-sync-journal"
DEFAULT_BRANCH = "main"
REMOTE = "origin"


class Replica:
    """One clone: the store file's folder, its git repository, its lock."""

    def __init__(self, store_path: Path) -> None:
        path = Path(store_path).expanduser().absolute()
        self.store_path = path.resolve() if path.is_symlink() else path
        self.folder = self.store_path.parent
        self.git = Git(self.folder)
        self._lock = StoreLock(str(self.store_path) + ".lock", LOCK_TIMEOUT_S)

    # -- where things are --------------------------------------------------------------------------------------

    @property
    def git_dir(self) -> Path:
        return self.folder / ".git"

    @property
    def journal(self) -> Path:
        return self.git_dir / JOURNAL

    @property
    def device_path(self) -> Path:
        return Path(str(self.store_path) + DEVICE_SUFFIX)

    def archive_files(self) -> list[Path]:
        """This store's archive years in the working copy, oldest first."""
        return sorted((self.folder / "archive").glob(f"{self.store_path.stem}-*.json"))

    def is_store_file(self, path: str) -> bool:
        stem = self.store_path.stem
        if path == self.store_path.name:
            return True
        head, _sep, name = path.partition("/")
        return head == "archive" and name.startswith(stem + "-") and name.endswith(".json") and "/" not in name

    def travels(self, path: str) -> bool:
        """The only paths a sync ever writes in the working copy, whatever a remote's commits hold."""
        return path in (".gitignore", ".gitattributes") or self.is_store_file(path)

    def device_tag(self) -> str:
        """This clone's device tag ("" for the first replica, or when there is none yet)."""
        try:
            return self.device_path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    # -- the repository --------------------------------------------------------------------------------------------

    def is_repo(self) -> bool:
        if not self.git_dir.is_dir():
            return False
        top = self.git.answer("rev-parse", "--show-toplevel")
        return top is not None and Path(top).resolve() == self.folder.resolve()

    def require_repo(self) -> None:
        if not self.is_repo():
            raise SyncError(f"{self.folder} is not set up for sync: run l10 sync init [REMOTE] first")

    def remote_url(self) -> str | None:
        return self.git.answer("remote", "get-url", REMOTE)

    def branch_name(self) -> str:
        """The branch checked out ("" when HEAD is detached)."""
        return self.git.answer("symbolic-ref", "--short", "-q", "HEAD") or ""

    def branch(self) -> str:
        name = self.branch_name()
        if not name:
            raise SyncError(f"the repository in {self.folder} is not on a branch (detached HEAD); nothing was changed")
        return name

    def head(self) -> str | None:
        return self.git.rev("HEAD")

    def upstream(self, branch: str) -> str | None:
        return self.git.rev(f"refs/remotes/{REMOTE}/{branch}")

    # -- the store's files -----------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        atomic.ensure_dir(self.folder)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise SyncError(f"the store {self.store_path} is busy (another l10 is writing); try again") from None
        try:
            yield
        finally:
            self._lock.release()

    def check_store_files(self) -> None:
        """Never commit a damaged store: every tracked store file must parse."""
        for path in [self.store_path, *self.archive_files()]:
            if not path.exists():
                continue
            try:
                parse(path, path.read_bytes())
            except StoreError as exc:
                raise SyncError(f"{exc} (run l10 doctor); nothing was synced") from None
            except OSError as exc:
                raise SyncError(f"cannot read {path}: {exc.strerror}; nothing was synced") from None
