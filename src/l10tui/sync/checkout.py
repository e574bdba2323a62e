"""Moving this clone's working files and branch to a commit, under the store's lock, so that a sync killed at any
moment loses nothing: a journal names the target first, each file is replaced atomically (a file changed since is
merged with what comes in, never overwritten), the branch moves, the journal goes; :func:`finish_pending` completes
a move that was killed half-way."""

from __future__ import annotations

import contextlib
from pathlib import Path

from l10tui.store import atomic

from .killpoints import kill_point
from .merge import SIDES, Side, merge_bytes
from .replica import Replica


def write_files(rep: Replica, local: str | None, target: str) -> int:
    """Make the working files those of ``target`` (they were ``local``'s); a file changed since (after a killed
    sync) is merged with what comes in, never overwritten. Returns how many files were written."""
    old, new = rep.git.ls_tree(local), rep.git.ls_tree(target)
    written = 0
    for path in sorted(set(old) | set(new), key=lambda p: (p == rep.store_path.name, p)):
        if old.get(path) == new.get(path) or not rep.travels(path):
            continue  # a path outside the store (e.g. ".git/hooks/x" in a crafted commit) is never written
        dest = rep.folder / path
        sha = new.get(path)
        if sha is None:
            with contextlib.suppress(FileNotFoundError):
                dest.unlink()
            continue
        want = rep.git.blob(sha)
        try:
            current: bytes | None = dest.read_bytes()
        except FileNotFoundError:
            current = None
        if current == want:
            continue
        was = old.get(path)
        if current is not None and was is not None and rep.is_store_file(path) and current.strip():
            base = rep.git.blob(was)
            if current != base:
                where = Path(path)
                mine, theirs = Side(where, current, "this laptop's file"), Side(where, want, "the incoming file")
                want = merge_bytes(Side(where, base, SIDES[0]), mine, theirs, empty=f"{path} is empty on one side")
        atomic.ensure_dir(dest.parent)
        atomic.remove_stale_temps(dest)
        atomic.atomic_write(dest, want)
        written += 1
        kill_point("file")
    return written


def apply(rep: Replica, head: str | None, local: str | None, target: str, branch: str) -> None:
    """Move this clone from ``head`` (working files = ``local``) to ``target``; the caller holds the lock."""
    if target == head:
        return
    atomic.atomic_write(rep.journal, f"{target} {local or '-'} {head or '-'} {branch}\n".encode())
    kill_point("journal")
    write_files(rep, local, target)
    _move(rep, branch, target)


def _move(rep: Replica, branch: str, target: str) -> None:
    rep.git.run("update-ref", f"refs/heads/{branch}", target)
    kill_point("ref")
    rep.git.run("read-tree", target)
    rep.git.run("update-index", "-q", "--refresh", check=False)
    rep.journal.unlink(missing_ok=True)


def finish_pending(rep: Replica) -> bool:
    """Complete a sync that was killed after it began to write (True if there was one)."""
    try:
        text = rep.journal.read_text().split()
    except FileNotFoundError:
        return False
    if len(text) != 4:
        rep.journal.unlink(missing_ok=True)
        return False
    target, local, head, branch = text
    with rep.locked():
        now = rep.head()
        if now not in (target, None if head == "-" else head):
            rep.journal.unlink(missing_ok=True)  # the branch was moved by hand since: nothing to complete
            return False
        write_files(rep, None if local == "-" else local, target)
        _move(rep, branch, target)
    return True
