"""git's merge driver for the store (``l10 merge-driver O A B``): how a repository is told to call it, and what it
does when git calls it on a store file changed on both sides (docs/SYNC.md "The merge: record by record")."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from l10tui.store import atomic

from .errors import MergeError
from .gitrun import Git
from .merge import SIDES, Side, merge_bytes

ATTRIBUTES_LINE = "merge=l10"
GITATTRIBUTES = (
    f"# l10 sync: the store's files are merged record by record by l10's merge driver\n*.json {ATTRIBUTES_LINE}\n"
)


def driver_command() -> str:
    return f"{shlex.quote(sys.executable)} -m l10tui merge-driver %O %A %B"


def register_driver(git: Git) -> None:
    """Tell the repository how to call the driver (``.gitattributes`` sends the store's files to it)."""
    git.run("config", "merge.l10.name", "l10 store: record by record")
    git.run("config", "merge.l10.driver", driver_command())


def driver_problems(git: Git, folder: Path) -> list[str]:
    """What keeps git from calling the driver in ``folder`` (for ``l10 doctor``)."""
    problems: list[str] = []
    driver = git.config("merge.l10.driver")
    if not driver:
        problems.append("sync: the merge driver is not registered; run l10 sync init again")
    else:
        exe = shlex.split(driver)[0]
        if not Path(exe).exists():
            problems.append(f"sync: the merge driver's python {exe} is gone; run l10 sync init again")
    attrs = folder / ".gitattributes"
    if not attrs.exists() or ATTRIBUTES_LINE not in attrs.read_text(errors="replace"):
        problems.append("sync: .gitattributes does not send the store to l10's merge driver; run l10 sync init again")
    return problems


def run_driver(base: Path, ours: Path, theirs: Path) -> None:
    """git's merge driver: merge ``theirs`` into ``ours`` (in place, atomically); MergeError if it cannot."""
    try:
        o_raw, a_raw, b_raw = base.read_bytes(), ours.read_bytes(), theirs.read_bytes()
    except OSError as exc:
        raise MergeError(f"cannot read {exc.filename}: {exc.strerror}") from None
    o, a, b = Side(base, o_raw, SIDES[0]), Side(ours, a_raw, SIDES[1]), Side(theirs, b_raw, SIDES[2])
    atomic.atomic_write(ours, merge_bytes(o, a, b, empty="one side is empty"))
