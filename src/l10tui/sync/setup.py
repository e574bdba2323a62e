"""``l10 sync init [REMOTE]`` and ``l10 sync auto``: the store's folder made a git repository (or joined to one
that already holds a store), what travels in it, this clone's settings and device tag."""

from __future__ import annotations

import os
import secrets
import shutil
from pathlib import Path

from l10tui.domain.ids import valid_tag
from l10tui.store import atomic
from l10tui.store.db import parse
from l10tui.store.errors import StoreError
from l10tui.store.schema import META

from .checkout import apply
from .devices import draw_tag, register_device
from .driver import GITATTRIBUTES, register_driver
from .errors import SyncError
from .gitrun import Git
from .remote import fetch, ls_remote
from .replica import DEFAULT_BRANCH, REMOTE, Replica
from .steps import sync


def gitignore_text(store_path: Path) -> str:
    return (
        "# l10 sync: only the store and its archive years travel; the lock, temp files, this laptop's device tag,\n"
        "# backups and the demo stay here.\n"
        "/*\n"
        "!/.gitignore\n"
        "!/.gitattributes\n"
        f"!/{store_path.name}\n"
        "!/archive/\n"
        "/archive/*\n"
        f"!/archive/{store_path.stem}-*.json\n"
    )


def _has_records(path: Path) -> bool:
    try:
        data = parse(path, path.read_bytes())
    except FileNotFoundError:
        return False
    except (StoreError, OSError):
        return True  # a file we cannot read is not ours to overwrite
    return any(docs for name, docs in data.items() if name != META)


def _clone_id(git: Git) -> str:
    """This clone's random id (``git config l10.clone``, 128 bits), drawn once."""
    clone_id = git.config("l10.clone")
    if not clone_id:
        clone_id = secrets.token_hex(16)
        git.run("config", "l10.clone", clone_id)
    return clone_id


def _write_dotfiles(rep: Replica) -> None:
    """``.gitattributes`` (the store's files go to l10's merge driver) and ``.gitignore`` (what travels)."""
    for name, text in ((".gitattributes", GITATTRIBUTES), (".gitignore", gitignore_text(rep.store_path))):
        path = rep.folder / name
        if not path.exists() or path.read_text(encoding="utf-8", errors="replace") != text:
            atomic.atomic_write(path, text.encode())


def init(store_path: Path, remote: str | None) -> str:
    """``l10 sync init [REMOTE]``: set the folder up (or join a repository that already has a store)."""
    rep = Replica(store_path)
    git = rep.git
    atomic.ensure_dir(rep.folder)
    already = rep.is_repo()
    current = rep.remote_url() if already else None
    heads: dict[str, str] = {}
    default: str | None = None
    if remote:
        if current and current != remote:
            raise SyncError(f"{rep.folder} already syncs with {current}; nothing was changed")
        heads, default = ls_remote(git, remote)
    joining = bool(heads) and not (already and rep.head() is not None)
    if joining and _has_records(rep.store_path):
        raise SyncError(
            f"{remote} already holds a store and so does {rep.store_path}: move this one away (or use another "
            "--db) to join, or push this one to an empty repository; nothing was changed"
        )
    branch = default if default in heads else (sorted(heads)[0] if heads else DEFAULT_BRANCH)
    if not already:
        git.run("init", "-q", f"--initial-branch={branch}")
    os.chmod(rep.git_dir, 0o700)
    register_driver(git)
    git.run("config", "core.fileMode", "false")
    clone_id = _clone_id(git)
    _write_dotfiles(rep)
    if remote and not current:
        git.run("remote", "add", REMOTE, remote)
    if joining:
        fetch(rep)
        target = rep.upstream(branch)
        assert target is not None
        with rep.locked():
            apply(rep, rep.head(), rep.head(), target, branch)
    tag = draw_tag(rep, clone_id)
    if not valid_tag(tag):
        raise SyncError(f"the device tag in {rep.device_path} is {tag[:8]!r}, not one or two letters")
    register_device(rep.store_path, tag, clone_id)
    result = sync(rep.store_path)
    who = f"device tag {tag!r}: new ids look like I-12{tag}" if tag else "the first replica: ids stay plain (I-12)"
    return f"sync set up in {rep.folder} ({who}); {result.line()}"


def auto_enabled(store_path: Path) -> bool:
    """True when this clone asked for automatic syncs (``l10 sync auto on``; a per-laptop git setting)."""
    folder = Path(store_path).expanduser().absolute().parent
    if not (folder / ".git").is_dir() or shutil.which("git") is None:
        return False
    rep = Replica(store_path)
    if not rep.is_repo():
        return False
    return rep.git.config("--bool", "l10.auto") == "true"


def set_auto(store_path: Path, on: bool) -> None:
    """``l10 sync auto on|off``: sync in the background when the app starts and after ``l10 meet`` (this laptop)."""
    rep = Replica(store_path)
    rep.require_repo()
    rep.git.run("config", "--bool", "l10.auto", "true" if on else "false")
