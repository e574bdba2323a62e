"""The archive belongs to the store (issue 12, items 4 and 7): a manifest of the yearly archives in ``_meta``.

On the code before the manifest each of these passed silently: a restored backup older than the archives handed
out an archived id again (the next ``issue add`` was I-2 while the 2025 archive held another I-2), and a deleted,
emptied or swapped year made ``history`` list fewer meetings with exit 0 while ``doctor`` said OK.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import orjson
import pytest
from click.testing import CliRunner, Result

from l10tui.cli import main
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreDamaged, open_store
from l10tui.store.archive import archive_path
from l10tui.store.backups import list_backups
from l10tui.store.manifest import MANIFEST, archive_backup_path

RUNNER = CliRunner()


def cli(path: Path, *args: str) -> Result:
    return RUNNER.invoke(main, ["--db", str(path), *args], env={"L10_TODAY": "2026-11-23", "L10_DB": None})


def finished_meeting(db: L10Store, clock: FakeClock, team: str) -> str:
    meeting = db.meetings._new(
        teams=[team], planned_start=clock.now(), actual_start=clock.now(), actual_end=clock.now(), state="finished"
    )
    return meeting.id


@pytest.fixture
def two_years(tmp_path: Path) -> tuple[Path, Path]:
    """Issues and meetings closed in 2024 and in 2025, archived into two years; and a backup from before."""
    clock = FakeClock(wall=datetime(2024, 3, 4, 9, tzinfo=UTC))
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    db.issues.add("Open since 2024", team=team)
    early = db.backup(label="early")
    assert early is not None
    for year in (2024, 2025):
        clock.wall = datetime(year, 5, 6, 9, tzinfo=UTC)
        for k in range(3):
            issue = db.issues.add(f"{year} issue {k}", team=team)
            db.issues.solve(issue.id, "done")
            finished_meeting(db, clock, team)
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    assert db.compact() == 12
    return db.path, early


def test_a_restored_backup_older_than_the_archives_reuses_no_id(two_years: tuple[Path, Path]) -> None:
    path, early = two_years
    archived = {
        i["id"] for year in (2024, 2025) for i in orjson.loads(archive_path(path, year).read_bytes())["issues"].values()
    }
    restored = cli(path, "doctor", "--restore", str(early), "--force")
    assert restored.exit_code == 0, restored.output
    added = cli(path, "issue", "add", "After the restore", "--team", "Sales", "--json")
    assert added.exit_code == 0, added.output
    new_id = json.loads(added.stdout)["id"]
    assert new_id not in archived and new_id == "I-8"  # old code: I-2, which the 2024 archive already holds
    assert cli(path, "issue", "show", "I-2").exit_code == 0
    assert cli(path, "doctor").exit_code == 0


def test_a_backup_copied_back_by_hand_reuses_no_id_either(two_years: tuple[Path, Path]) -> None:
    path, early = two_years
    shutil.copyfile(early, path)  # no doctor: the manifest of the old copy lists no archive yet
    added = cli(path, "issue", "add", "After the copy", "--team", "Sales", "--json")
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["id"] == "I-8"
    assert "manifest" in added.stderr  # it says it listed the archives


def test_doctor_finds_an_id_used_twice_across_live_and_archive(two_years: tuple[Path, Path]) -> None:
    path, _ = two_years
    data = orjson.loads(path.read_bytes())
    clash = dict(orjson.loads(archive_path(path, 2024).read_bytes())["issues"]["2"])
    clash.update(title="Another record under an archived id", created_at="2026-11-20T09:00:00+00:00", status="open")
    data["issues"]["2"] = clash
    path.write_bytes(orjson.dumps(data))
    result = cli(path, "doctor")
    assert result.exit_code == 1
    assert "I-2 names two records" in result.output


def _damage(path: Path, how: str) -> Path:
    target = archive_path(path, 2025)
    if how == "deleted":
        target.unlink()
    elif how == "emptied":
        target.write_bytes(b"")
    elif how == "emptied of records":
        data = orjson.loads(target.read_bytes())
        for name in ("issues", "meetings"):
            data[name] = {}
        target.write_bytes(orjson.dumps(data))
    elif how == "swapped":
        shutil.copyfile(archive_path(path, 2024), target)
    elif how == "altered":
        data = orjson.loads(target.read_bytes())
        first = next(iter(data["issues"]))
        data["issues"][first]["title"] = "edited by hand"
        target.write_bytes(orjson.dumps(data))
    return target


@pytest.mark.parametrize("how", ["deleted", "emptied", "emptied of records", "swapped", "altered"])
def test_a_damaged_archive_year_is_refused_and_doctor_fails(two_years: tuple[Path, Path], how: str) -> None:
    path, _ = two_years
    assert len(json.loads(cli(path, "history", "--last", "100", "--json").stdout)) == 6
    target = _damage(path, how)
    result = cli(path, "history", "--last", "100")
    # Old code: exit 0 and 3 meetings instead of 6 (or the swapped year's meetings twice).
    assert result.exit_code == 1, result.output
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in result.output
    assert str(target) in line and str(archive_backup_path(path, 2025)) in line
    shown = cli(path, "show", "MT-5")
    assert shown.exit_code == 1 and str(target) in shown.stderr  # old code: "no meeting MT-5"
    doctor = cli(path, "doctor")
    assert doctor.exit_code == 1 and target.name in doctor.output
    # The backup it names puts the year back.
    shutil.copyfile(archive_backup_path(path, 2025), target)
    assert len(json.loads(cli(path, "history", "--last", "100", "--json").stdout)) == 6
    assert cli(path, "doctor").exit_code == 0


def test_the_live_file_stays_usable_while_a_year_is_refused(two_years: tuple[Path, Path]) -> None:
    path, _ = two_years
    _damage(path, "deleted")
    added = cli(path, "issue", "add", "Still works", "--team", "Sales", "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["id"] == "I-8"  # counters from the manifest


def test_an_older_store_gets_its_manifest_on_first_open(two_years: tuple[Path, Path]) -> None:
    path, _ = two_years
    data = orjson.loads(path.read_bytes())
    del data["_meta"]["1"][MANIFEST]
    path.write_bytes(orjson.dumps(data))
    first = cli(path, "issue", "list")
    assert first.exit_code == 0 and "manifest" in first.stderr
    assert set(orjson.loads(path.read_bytes())["_meta"]["1"][MANIFEST]) == {"2024", "2025"}
    assert "manifest" not in cli(path, "issue", "list").stderr  # said once
    assert cli(path, "doctor").exit_code == 0


def test_a_crash_between_archive_and_live_write_is_not_refused(tmp_path: Path) -> None:
    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC))
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    db.issues.solve(db.issues.add("Old", team=team).id, "done")
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)
    real_write = db._file.write
    calls: list[int] = []

    def crash_on_second(data: object, lock: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # killed after the archive was written, before the live file was
        real_write(data, lock)  # type: ignore[arg-type]

    db._file.write = crash_on_second  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        db.compact()
    fresh = open_store(db.path, clock)
    assert [i.id for i in fresh.issues.history()] == ["I-1"]
    assert fresh.compact() == 1
    assert [i.title for i in fresh.issues.history()] == ["Old"]
    assert not [b for b in list_backups(db.path) if "archive" in b.name]


def test_doctor_json_and_the_store_api_name_the_refused_year(two_years: tuple[Path, Path]) -> None:
    path, _ = two_years
    target = _damage(path, "swapped")
    db = open_store(path, FakeClock())
    with pytest.raises(StoreDamaged, match=target.name):
        db.meetings.history()
    report = json.loads(cli(path, "doctor", "--json").stdout)
    assert not report["ok"] and any(target.name in p for p in report["problems"])


def test_a_failed_first_write_of_a_year_leaves_nothing_to_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from l10tui.store import StoreWriteError
    from l10tui.store import manifest as manifest_mod

    clock = FakeClock(wall=datetime(2025, 3, 3, 9, tzinfo=UTC))
    db = open_store(tmp_path / "l10.json", clock)
    team = db.teams.add("Sales").id
    db.issues.solve(db.issues.add("Old", team=team).id, "done")
    clock.wall = datetime(2026, 11, 23, 9, tzinfo=UTC)

    real = manifest_mod.atomic.atomic_write

    def no_room(path: Path, payload: bytes) -> None:
        if path.parent.name == "archive":
            raise OSError(28, "No space left on device")
        real(path, payload)

    monkeypatch.setattr(manifest_mod.atomic, "atomic_write", no_room)
    with pytest.raises(StoreWriteError, match="nothing was moved"):
        db.compact()
    monkeypatch.undo()
    fresh = open_store(db.path, clock)
    assert [i.id for i in fresh.issues.history()] == ["I-1"]
    assert cli(db.path, "doctor").exit_code == 0
    assert fresh.compact() == 1
    assert [i.title for i in fresh.issues.history()] == ["Old"]
