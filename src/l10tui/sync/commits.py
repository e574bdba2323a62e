"""Trees and commits made without touching the working copy, git's index or any ref: the snapshot of this laptop's
files, and a tree built from chosen blobs (a merge's result). Each uses a scratch index of its own process."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
from collections.abc import Iterator

from .replica import Replica


def _identity(rep: Replica) -> dict[str, str]:
    """The commit author: git's own settings if there are any, else this machine's name."""
    env: dict[str, str] = {}
    for key, var in (("user.name", "NAME"), ("user.email", "EMAIL")):
        if os.environ.get(f"GIT_AUTHOR_{var}") and os.environ.get(f"GIT_COMMITTER_{var}"):
            continue
        if not rep.git.config(key):
            host = socket.gethostname() or "laptop"
            value = f"l10 on {host}" if var == "NAME" else f"l10@{host}"
            env[f"GIT_AUTHOR_{var}"] = env[f"GIT_COMMITTER_{var}"] = value
    return env


@contextlib.contextmanager
def scratch_index(rep: Replica, name: str) -> Iterator[dict[str, str]]:
    """The environment of git commands that use an index file of their own (one per process), removed after."""
    path = rep.git_dir / f"{name}-{os.getpid()}"
    path.unlink(missing_ok=True)
    try:
        yield {"GIT_INDEX_FILE": str(path)}
    finally:
        path.unlink(missing_ok=True)


def working_tree(rep: Replica, head: str | None) -> str:
    """The tree id of the working files as ``git add -A`` would record them (no ref or index of ours moves)."""
    with scratch_index(rep, "l10-snapshot-index") as env:
        index = rep.git_dir / "index"
        if index.exists():  # git's own index knows the files' stat data: only changed files are hashed again
            shutil.copyfile(index, env["GIT_INDEX_FILE"])
        elif head is not None:
            rep.git.run("read-tree", head, env=env)
        rep.git.run("add", "-A", ".", env=env)
        return rep.git.out("write-tree", env=env)


def tree_of(rep: Replica, commit: str | None) -> str | None:
    return None if commit is None else rep.git.out("rev-parse", commit + "^{tree}")


def make_tree(rep: Replica, files: dict[str, str]) -> str:
    """The tree of ``files`` (path -> blob id)."""
    with scratch_index(rep, "l10-merge-index") as env:
        rep.git.run("read-tree", "--empty", env=env)
        lines = b"".join(
            f"100644 {sha}\t{path}".encode("utf-8", "surrogateescape") + b"\0" for path, sha in sorted(files.items())
        )
        if lines:
            rep.git.run("update-index", "-z", "--index-info", input=lines, env=env)
        return rep.git.out("write-tree", env=env)


def commit(rep: Replica, tree: str, parents: list[str], message: str) -> str:
    args = ["commit-tree", tree, "-m", message]
    for p in parents:
        args += ["-p", p]
    return rep.git.out(*args, env=_identity(rep))


def snapshot(rep: Replica, head: str | None) -> str | None:
    """A commit of the working files on top of ``head`` (``head`` itself when nothing changed)."""
    tree = working_tree(rep, head)
    if tree == tree_of(rep, head):
        return head
    tag = rep.device_tag() or "first"
    return commit(rep, tree, [head] if head else [], f"l10: changes on {socket.gethostname()} ({tag})")
