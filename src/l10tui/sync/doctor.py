"""What ``l10 doctor`` says about the sync repository: a sync stopped half-way, a git merge left by hand, the merge
driver, the device tag, folders others can read, changes not yet pushed."""

from __future__ import annotations

import shutil
from pathlib import Path

from l10tui.domain.ids import valid_tag

from .driver import driver_problems
from .replica import Replica


def check(store_path: Path) -> tuple[list[str], list[str]]:
    """(problems, notes) about the sync repository of ``store_path`` for ``l10 doctor``."""
    problems: list[str] = []
    notes: list[str] = []
    if not shutil.which("git"):
        if (Path(store_path).parent / ".git").is_dir():
            problems.append("sync: the store's folder is a git repository but git is not installed")
        return problems, notes
    rep = Replica(store_path)
    if not rep.is_repo():
        notes.append("sync: not set up (l10 sync init [REMOTE] shares this store between laptops)")
        return problems, notes
    if rep.journal.exists():
        problems.append("sync: a sync was stopped half-way; run l10 sync to complete it")
    if (rep.git_dir / "MERGE_HEAD").exists():
        problems.append(f"sync: a git merge is in progress in {rep.folder}; run git merge --abort there, then l10 sync")
    if rep.git.run("ls-files", "-u", check=False).stdout.strip():
        problems.append(f"sync: {rep.folder} has files with unresolved git conflicts; git merge --abort, then l10 sync")
    problems += driver_problems(rep.git, rep.folder)
    tag = rep.device_tag()
    if not valid_tag(tag):
        problems.append(f"sync: the device tag in {rep.device_path} is not one or two letters")
    for path in (rep.git_dir, rep.folder / "archive"):
        if path.is_dir() and path.stat().st_mode & 0o077:
            problems.append(f"sync: {path} can be read by others (chmod 700 it)")
    head = rep.head()
    remote = rep.remote_url()
    branch = rep.branch_name()
    if head and remote and branch and rep.upstream(branch) != head:
        notes.append(f"sync: changes here not yet pushed to {remote} (run l10 sync)")
    who = f"device tag {tag}" if tag else "the first replica"
    notes.append(f"sync: {rep.folder} is a git repository ({who}; remote: {remote or 'none'})")
    return problems, notes
