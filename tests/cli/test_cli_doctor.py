"""``l10 doctor``: checks without changing anything, lists backups good and bad, restores keeping the damaged file."""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import Cli

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store


def two_backups_then_damage(cli: Cli, clock: FakeClock) -> tuple[Path, Path, bytes]:
    """A store with two good backups and one bad one; then the store itself is cut short."""
    db = open_store(cli.store, clock)
    db.teams.add("Sales")
    first = db.backup()
    clock.advance(60)
    db.issues.add("Leads go cold", team="TM-1")
    second = db.backup()
    clock.advance(60)
    assert first is not None and second is not None
    bad = second.with_name(second.name.replace(".json", "-z.json"))
    bad.write_bytes(b"{not json")
    damaged = cli.store.read_bytes()[:40]
    cli.store.write_bytes(damaged)
    return first, second, damaged


def test_healthy_store(cli: Cli) -> None:
    cli.ok("team", "add", "Sales")
    out = cli.ok("doctor").stdout
    assert "OK: nothing wrong found" in out and "1 teams" in out
    report = cli.json("doctor")
    assert report["ok"] is True and report["counts"]["teams"] == 1 and report["problems"] == []


def test_no_store_yet_is_fine(cli: Cli) -> None:
    assert "no store yet" in cli.ok("doctor").stdout
    assert not cli.store.exists()


def test_damaged_store_lists_backups_and_says_how_to_restore(cli: Cli, clock: FakeClock) -> None:
    first, second, damaged = two_backups_then_damage(cli, clock)
    result = cli.run("doctor")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"l10: error: store {cli.store} has 1 problem"
    out = result.stdout
    assert "not valid JSON" in out
    assert f"{first.name}" in out and f"{second.name}" in out
    assert "bad: not valid JSON" in out  # the -z backup
    assert f"l10 doctor --restore {second}" in out  # the newest good one, not the newer bad one
    assert cli.store.read_bytes() == damaged
    report = json.loads(cli.run("doctor", "--json").stdout)
    assert report["ok"] is False and report["newest_good_backup"] == str(second)
    assert [b["ok"] for b in report["backups"]] == [True, True, False]


def test_restore_keeps_the_damaged_file(cli: Cli, clock: FakeClock) -> None:
    _, second, damaged = two_backups_then_damage(cli, clock)
    out = cli.ok("doctor", "--restore", str(second)).stdout
    assert f"Restored {second}" in out
    assert cli.store.read_bytes() == second.read_bytes()
    copies = list(cli.store.parent.glob("l10.damaged-*.json"))
    assert len(copies) == 1 and copies[0].read_bytes() == damaged
    assert copies[0].name in out
    assert [i["title"] for i in cli.json("issue", "list")] == ["Leads go cold"]


def test_restore_by_name_inside_the_backups_folder(cli: Cli, clock: FakeClock) -> None:
    first, _, _ = two_backups_then_damage(cli, clock)
    cli.ok("doctor", "--restore", first.name)
    assert cli.json("issue", "list") == []
    assert [t["name"] for t in cli.json("team", "list")] == ["Sales"]


def test_restore_refuses_a_bad_backup_and_a_missing_one(cli: Cli, clock: FakeClock) -> None:
    _, second, damaged = two_backups_then_damage(cli, clock)
    bad = second.with_name(second.name.replace(".json", "-z.json"))
    line = cli.fail("doctor", "--restore", str(bad), match="is not good either")
    assert f"the store {cli.store} is damaged: not valid JSON" in line  # the store's real state, after "either"
    cli.fail("doctor", "--restore", "nope.json", match="no backup 'nope.json'")
    assert cli.store.read_bytes() == damaged
    assert not list(cli.store.parent.glob("l10.damaged-*.json"))


def test_a_refused_restore_says_the_store_is_healthy_when_it_is(cli: Cli) -> None:
    """Old code: an archive year given to --restore was refused with "is not good either" over a healthy store (the
    refusal said so whatever the store was)."""
    cli.ok("team", "add", "Sales")
    year = cli.store.parent / "archive" / f"{cli.store.stem}-2025.json"
    year.parent.mkdir()
    year.write_bytes(json.dumps({"_meta": {"1": {"schema_version": 2, "archive_year": 2025}}, "issues": {}}).encode())
    for force in ((), ("--force",)):
        line = cli.fail("doctor", "--restore", str(year), *force, match="it is the archive of 2025")
        assert "either" not in line, line
        assert line.endswith(f"nothing was changed; the store {cli.store} is healthy"), line


def test_a_refused_restore_with_no_store_says_there_is_none(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "old.json"
    bad.write_bytes(b"{not json")
    line = cli.fail("doctor", "--restore", str(bad), match="not valid JSON")
    assert "either" not in line and line.endswith(f"there is no store at {cli.store}"), line
    assert not cli.store.exists()


def test_restore_over_a_healthy_store_needs_force(cli: Cli, clock: FakeClock) -> None:
    db = open_store(cli.store, clock)
    db.teams.add("Sales")
    backup = db.backup()
    assert backup is not None
    db.teams.add("Marketing")
    cli.fail("doctor", "--restore", str(backup), match="is healthy")
    cli.ok("doctor", "--restore", str(backup), "--force")
    assert [t["name"] for t in cli.json("team", "list")] == ["Sales"]
    (kept,) = cli.store.parent.glob("l10.damaged-*.json")
    assert b"Marketing" in kept.read_bytes()


def test_bad_record_and_orphan_references(cli: Cli) -> None:
    cli.ok("team", "add", "Sales")
    cli.ok("issue", "add", "Leads go cold", "--team", "Sales")
    data = json.loads(cli.store.read_bytes())
    data["issues"]["1"]["team"] = "TM-9"
    data["issues"]["1"]["raised_by"] = "P-4"
    cli.store.write_text(json.dumps(data))
    out = cli.ok("doctor").stdout  # missing references are warnings: the store still opens
    assert "issue I-1: team TM-9 does not exist" in out
    assert "issue I-1: raised-by person P-4 does not exist" in out
    data["issues"]["1"]["title"] = 42
    cli.store.write_text(json.dumps(data))
    before = cli.store.read_bytes()
    result = cli.run("doctor")
    assert result.exit_code == 1
    assert "bad record issues[1].title: expected text" in result.stdout
    assert cli.store.read_bytes() == before


def test_missing_store_with_backups_is_a_problem(cli: Cli, clock: FakeClock) -> None:
    db = open_store(cli.store, clock)
    db.teams.add("Sales")
    backup = db.backup()
    cli.store.unlink()
    result = cli.run("doctor")
    assert result.exit_code == 1
    assert "missing" in result.stdout and f"--restore {backup}" in result.stdout
    cli.ok("doctor", "--restore", str(backup))
    assert [t["name"] for t in cli.json("team", "list")] == ["Sales"]


def test_newer_schema(cli: Cli) -> None:
    cli.store.write_text(json.dumps({"_meta": {"1": {"schema_version": 99, "counters": {}}}}))
    result = cli.run("doctor")
    assert result.exit_code == 1 and "newer l10tui" in result.stdout
