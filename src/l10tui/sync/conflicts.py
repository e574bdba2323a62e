"""Two histories made one, on git's objects only (the working copy is not touched): the commit both sides end at,
file by file; a store file changed on both sides is merged record by record (:mod:`.merge`), any other file
changed on both by git's own line merge, and overlapping changes refuse (:class:`MergeError`)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from l10tui.store import atomic

from .commits import commit, make_tree
from .errors import MergeError
from .merge import SIDES, Side, merge_bytes
from .notes import MergeNotes
from .replica import Replica


def merge_commits(rep: Replica, local: str | None, upstream: str | None, notes: MergeNotes) -> str | None:
    """The commit both sides end at: one of them when one contains the other, else a merge commit."""
    if upstream is None or local == upstream:
        return local
    if local is None or rep.git.is_ancestor(local, upstream):
        return upstream
    if rep.git.is_ancestor(upstream, local):
        return local
    base = rep.git.answer("merge-base", local, upstream)  # None: the two histories share no commit
    o, a, b = rep.git.ls_tree(base), rep.git.ls_tree(local), rep.git.ls_tree(upstream)
    files: dict[str, str] = {}
    for path in sorted(set(o) | set(a) | set(b)):
        ov, av, bv = o.get(path), a.get(path), b.get(path)
        if av == bv:
            value = av
        elif av == ov:
            value = bv
        elif bv == ov:
            value = av
        elif av is None or bv is None:
            value = av or bv  # removed on one side, changed on the other: the change is kept
        else:
            value = merge_file(rep, path, ov, av, bv, notes)
        if value is not None:
            files[path] = value
    return commit(rep, make_tree(rep, files), [local, upstream], "l10 sync: merge")


def merge_file(rep: Replica, path: str, o: str | None, a: str, b: str, notes: MergeNotes) -> str:
    """The blob of one file changed on both sides (``o``: the common version's blob, if any)."""
    git = rep.git
    if rep.is_store_file(path) or path.endswith(".json"):
        where = Path(path)
        base = Side(where, git.blob(o), SIDES[0]) if o else None
        ours, theirs = Side(where, git.blob(a), SIDES[1]), Side(where, git.blob(b), SIDES[2])
        return git.hash_blob(merge_bytes(base, ours, theirs, empty=f"{path} is empty on one side", notes=notes))
    tmp = rep.git_dir / f"l10-merge-tmp-{os.getpid()}"
    atomic.ensure_dir(tmp)
    try:
        names = []
        for label, sha in (("base", o), ("ours", a), ("theirs", b)):
            f = tmp / label
            f.write_bytes(git.blob(sha) if sha else b"")
            names.append(str(f))
        done = git.run("merge-file", "-p", names[1], names[0], names[2], check=False)
        if done.returncode != 0:
            raise MergeError(f"{path} was changed on both sides and the changes overlap")
        return git.hash_blob(done.stdout)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
