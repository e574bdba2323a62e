"""4b. A store edited by hand or damaged in a way JSON still parses: seeded random mutations of the demo company's
store (a value replaced by another type, an odd number, a bad date, a key removed). Each one is either refused on
start with one line naming the file, untouched, or accepted, and then every listing renders without an error."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest
from click.testing import CliRunner
from tests.reliability.reliability_helpers import TODAY, count, need_cli

from l10tui.domain.clock import FakeClock
from l10tui.store import StoreError, open_store

SEED = 20261123
MUTATIONS = 500
VALUES: list[Any] = [None, 0, -1, 1.5, -0.0, 1e308, 2**63, True, "", "x", "I-999", "TM-99", "2026-13-45",
                     "2026-11-23", "2026-11-23T09:00:00+00:00", [], {}, [1], {"a": 1}]  # fmt: skip
RENDERS = (
    ["issue", "list", "--all"],
    ["todo", "list", "--all"],
    ["score", "show"],
    ["rock", "list"],
    ["measurable", "list"],
    ["person", "list"],
    ["team", "list"],
    ["history"],
    ["alignment"],
    ["show", "latest"],
    ["export", "latest"],
)
REPOS = ("teams", "people", "measurables", "scores", "rocks", "headlines", "todos", "issues", "meetings")


def paths_of(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    for key, value in items:
        found.append((*path, key))
        found.extend(paths_of(value, (*path, key)))
    return found


@pytest.mark.slow
def test_mutated_stores_are_refused_or_work(tmp_path: Path) -> None:
    need_cli("issue", "list")
    from l10tui.cli import main
    from l10tui.demo import build_demo

    base = tmp_path / "demo.json"
    build_demo(open_store(base, FakeClock()), seed=7, today=date.fromisoformat(TODAY))
    good = orjson.loads(base.read_bytes())
    paths = paths_of(good)
    rng = random.Random(SEED)
    runner = CliRunner()
    work = tmp_path / "l10.json"
    refused = accepted = 0
    for _ in range(MUTATIONS):
        data = orjson.loads(orjson.dumps(good))
        path = rng.choice(paths)
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        if isinstance(parent, dict) and rng.random() < 0.2:
            del parent[path[-1]]
        else:
            parent[path[-1]] = rng.choice(VALUES)
        raw = orjson.dumps(data)
        work.write_bytes(raw)
        try:
            db = open_store(work, FakeClock())
            for repo in REPOS:
                getattr(db, repo).all()
        except StoreError as exc:
            message = str(exc)
            assert "\n" not in message and str(work) in message, (path, message)
            assert work.read_bytes() == raw
            refused += 1
            continue
        for args in RENDERS:
            res = runner.invoke(main, ["--db", str(work), *args], env={"L10_TODAY": TODAY, "L10_DB": None})
            assert res.exception is None or isinstance(res.exception, SystemExit), (path, args, repr(res.exception))
            assert not res.stderr.startswith("l10: error: unexpected "), (path, args, res.stderr)
        accepted += 1
    count("mutated stores refused on start", refused)
    count("mutated stores accepted and rendered", accepted)
    assert refused and accepted
