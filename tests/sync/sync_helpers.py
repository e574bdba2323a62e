"""Helpers of the sync tests: a laptop (a store in its own folder, its own fake clock) and git without config."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store
from l10tui.store.archive import archive_files
from l10tui.sync.git import SyncResult, init, sync

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True, stdin=subprocess.DEVNULL)
    return done.stdout.decode().strip()


@dataclass
class Laptop:
    folder: Path
    name: str
    clock: FakeClock = field(default_factory=lambda: FakeClock(wall=START, mono=0.0))

    @property
    def store(self) -> Path:
        return self.folder / "l10.json"

    def db(self) -> L10Store:
        self.folder.mkdir(parents=True, exist_ok=True)
        return open_store(self.store, self.clock)

    def tick(self, seconds: float = 60) -> None:
        self.clock.advance(seconds)

    def init(self, hub: Path | None) -> str:
        return init(self.store, str(hub) if hub else None)

    def sync(self) -> SyncResult:
        return sync(self.store)

    def l10(
        self, *args: str, env: dict[str, str] | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        """The real ``l10`` in a subprocess (so that it can be killed)."""
        full = {**os.environ, "L10_DB": str(self.store), **(env or {})}
        done = subprocess.run(
            [sys.executable, "-m", "l10tui", *args], capture_output=True, text=True, env=full, stdin=subprocess.DEVNULL
        )
        if check and done.returncode != 0:
            raise AssertionError(f"l10 {' '.join(args)} failed ({done.returncode}): {done.stderr}")
        return done

    def files(self) -> dict[str, Any]:
        """The store and its archive years, parsed (what must be equal on every laptop after a sync)."""
        out: dict[str, Any] = {}
        if self.store.exists():
            out["l10.json"] = orjson.loads(self.store.read_bytes())
        for path in archive_files(self.store):
            out[f"archive/{path.name}"] = orjson.loads(path.read_bytes())
        return out

    def records(self, table: str) -> dict[str, dict[str, Any]]:
        """Every record of ``table`` by id, archive years included (the live copy wins)."""
        out: dict[str, dict[str, Any]] = {}
        for path in archive_files(self.store):
            for doc in orjson.loads(path.read_bytes()).get(table, {}).values():
                out[doc["id"]] = doc
        if self.store.exists():
            for doc in orjson.loads(self.store.read_bytes()).get(table, {}).values():
                out[doc["id"]] = doc
        return out

    def head(self) -> str:
        return git(self.folder, "rev-parse", "HEAD")

    def status(self) -> str:
        return git(self.folder, "status", "--porcelain")


def week(n: int) -> timedelta:
    return timedelta(weeks=n)
