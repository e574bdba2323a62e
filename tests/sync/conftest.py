"""Fixtures for the sync tests: git that ignores this user's config, a bare "hub" repository and laptops."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the tests run with --import-mode=importlib

from sync_helpers import Laptop, git

if shutil.which("git") is None:  # the only reason to skip: CI installs git (.ci/run)
    pytest.skip("git is not installed", allow_module_level=True)


@pytest.fixture(autouse=True)
def git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every git the tests run: a fixed identity, no global or system config, no prompts."""
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Test Laptop")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "laptop@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Test Laptop")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "laptop@example.com")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-global-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("L10_DB", raising=False)
    monkeypatch.delenv("L10_SYNC_KILL", raising=False)
    yield


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    path = tmp_path / "hub.git"
    git(tmp_path, "init", "-q", "--bare", "--initial-branch=main", str(path))
    return path


@pytest.fixture
def laptops(tmp_path: Path, hub: Path) -> list[Laptop]:
    """Three laptops sharing ``hub``: the first sets the company up, the other two join."""
    first = Laptop(tmp_path / "ana", "ana")
    first.db().teams.add("Sales")
    first.init(hub)
    others = [Laptop(tmp_path / name, name) for name in ("ben", "cleo")]
    for laptop in others:
        laptop.init(hub)
    return [first, *others]
