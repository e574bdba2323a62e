"""The commands that open the app (bare ``l10``, ``meet``, ``demo``) call ``run_app`` with the right store and start.

``run_app`` is replaced by a recorder so no terminal UI starts. ``demo`` builds the real demo company.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Cli

from l10tui.store import open_store


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, dict[str, Any]]]:
    import l10tui.tui.app as app

    seen: list[tuple[Path, dict[str, Any]]] = []

    def record(db_path: Path, **kwargs: Any) -> None:
        seen.append((db_path, kwargs))

    monkeypatch.setattr(app, "run_app", record)
    return seen


def test_bare_l10_opens_home(cli: Cli, calls: list[tuple[Path, dict[str, Any]]]) -> None:
    cli.ok()
    ((path, kwargs),) = calls
    assert path == cli.store and kwargs["start"] == "home"
    assert kwargs["clock"].today().isoformat() == "2026-11-23"  # the same clock as every command (L10_TODAY)


def test_meet_with_and_without_team(cli: Cli, calls: list[tuple[Path, dict[str, Any]]]) -> None:
    cli.fail("meet", match="no teams yet")
    cli.ok("team", "add", "Sales")
    cli.ok("meet")
    cli.ok("meet", "--team", "sales", "--projector")
    assert [(c[1]["start"], c[1]["team"], c[1]["projector"]) for c in calls] == [
        ("meeting", None, False),
        ("meeting", "TM-1", True),
    ]
    cli.fail("meet", "--team", "Ops", match="known teams: Sales")
    assert len(calls) == 2


def test_app_refuses_a_damaged_store_before_starting(cli: Cli, calls: list[tuple[Path, dict[str, Any]]]) -> None:
    cli.store.write_text("")
    cli.fail(match="is damaged")
    cli.fail("meet", match="is damaged")
    assert calls == []


def test_demo_builds_in_demo_json_and_never_in_the_real_store(
    cli: Cli, tmp_path: Path, calls: list[tuple[Path, dict[str, Any]]]
) -> None:
    demo = tmp_path / "xdg" / "l10tui" / "demo.json"
    real = tmp_path / "xdg" / "l10tui" / "l10.json"
    out = cli.ok("demo", db=False).stdout
    assert f"Built the demo company in {demo}" in out
    assert calls == [(demo, {"clock": calls[0][1]["clock"], "start": "home"})]
    assert not real.exists()
    db = open_store(demo)
    assert db.setting("demo") is True
    assert {"Sales", "Marketing"} <= {t.name for t in db.teams.all()}
    assert len(db.meetings.finished()) >= 8

    # again: kept as it is; --reset: built afresh (an issue added since is gone)
    cli.ok("--db", str(demo), "issue", "add", "Added by hand", "--team", "Sales", db=False)
    before = demo.read_bytes()
    assert "l10 demo --reset" in cli.ok("demo", "--no-open", db=False).stdout
    assert demo.read_bytes() == before
    cli.ok("demo", "--reset", "--no-open", db=False)
    assert "Added by hand" not in {i.title for i in open_store(demo).issues.all()}
    assert len(calls) == 1  # --no-open opened nothing


def test_demo_refuses_a_real_store(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli.ok("team", "add", "Sales")
    cli.fail("demo", "--reset", "--no-open", match="not a demo")  # --db names a store with real records
    default = tmp_path / "xdg" / "l10tui" / "l10.json"
    default.parent.mkdir(parents=True)
    cli.fail("--db", str(default), "demo", "--no-open", db=False, match="is the real store")
    monkeypatch.setenv("L10_DB", str(cli.store))
    cli.fail("--db", str(cli.store), "demo", "--no-open", db=False, match="is the real store")
    assert not default.exists()


def test_demo_into_an_empty_explicit_path(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "my-demo.json"
    cli.ok("--db", str(target), "demo", "--no-open", "--seed", "3", db=False)
    assert open_store(target).setting("demo") is True
