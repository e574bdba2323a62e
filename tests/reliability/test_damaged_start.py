"""4. Damaged files on start, through the real CLI: refused with one line naming the file and the newest backup."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from tests.reliability.reliability_helpers import assert_one_clear_line, count, l10, need_cli, need_doctor
from tests.store.store_helpers import DAMAGES

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.store.backups import list_backups


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with two good backups and a newer, damaged one."""
    path = tmp_path_factory.mktemp("template") / "l10.json"
    clock = FakeClock()
    db = open_store(path, clock)
    team = db.teams.add("Sales").id
    db.issues.add("Leads go cold", team=team)
    db.backup()
    clock.advance(3600)
    db.issues.add("Pricing page is stale", team=team)
    db.backup()
    clock.advance(3600)
    bad = db.backup()
    assert bad is not None
    bad.write_bytes(bad.read_bytes()[:20])
    return path


@pytest.fixture
def store(template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "store"
    shutil.copytree(template.parent, folder)
    return folder / template.name


def newest_good(store: Path) -> Path:
    return list_backups(store)[-2]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DAMAGES))
def test_damaged_store_is_refused_by_the_cli(store: Path, name: str) -> None:
    need_cli("issue", "list")
    damaged = DAMAGES[name](store.read_bytes())
    store.write_bytes(damaged)
    for args in (["issue", "list"], ["issue", "add", "never saved", "--team", "Sales"]):
        line = assert_one_clear_line(l10(store, *args))
        assert str(store) in line and "damaged" in line, line
        assert f"newest backup: {newest_good(store)}" in line, line
        assert store.read_bytes() == damaged
        count("damaged files refused through the CLI")


def test_newer_schema_is_refused_by_the_cli(store: Path) -> None:
    need_cli("issue", "list")
    data = orjson.loads(store.read_bytes())
    data["_meta"]["1"]["schema_version"] = 99
    raw = orjson.dumps(data)
    store.write_bytes(raw)
    line = assert_one_clear_line(l10(store, "issue", "list"))
    assert str(store) in line and "newer l10tui" in line and str(newest_good(store)) in line, line
    assert store.read_bytes() == raw
    count("damaged files refused through the CLI")


def test_stale_lock_file_does_not_block_the_cli(store: Path) -> None:
    need_cli("issue", "add")
    Path(str(store) + ".lock").write_text("4242\n")
    res = l10(store, "issue", "add", "after a crash", "--team", "Sales")
    assert res.code == 0, res.err
    assert [i.title for i in open_store(store).issues.all()][-1] == "after a crash"


def test_lock_of_a_killed_process_does_not_block_the_cli(store: Path) -> None:
    need_cli("issue", "add")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys,time; from filelock import FileLock; FileLock(sys.argv[1]).acquire(); "
         "print('held', flush=True); time.sleep(60)", str(store) + ".lock"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    res = l10(store, "issue", "add", "after the kill", "--team", "Sales")
    assert res.code == 0, res.err


def test_missing_directory_is_a_clear_error(tmp_path: Path) -> None:
    need_cli("issue", "list")
    path = tmp_path / "gone" / "l10.json"
    for args in (["issue", "list"], ["issue", "add", "x", "--team", "Sales"]):
        line = assert_one_clear_line(l10(path, *args))
        assert str(path) in line and "does not exist" in line, line
    assert not path.parent.exists()


def test_store_path_that_is_a_directory(tmp_path: Path) -> None:
    need_cli("issue", "list")
    path = tmp_path / "l10.json"
    path.mkdir()
    line = assert_one_clear_line(l10(path, "issue", "list"))
    assert str(path) in line, line


@pytest.mark.slow
@pytest.mark.parametrize("name", ["empty", "truncated at half", "trailing garbage", "title a number"])
def test_doctor_explains_and_restores(store: Path, name: str) -> None:
    need_doctor()
    good = newest_good(store)
    healthy = l10(store, "doctor")
    assert healthy.code == 0, healthy.err

    damaged = DAMAGES[name](store.read_bytes())
    store.write_bytes(damaged)
    res = l10(store, "doctor")
    assert res.code == 1 and "Traceback" not in res.out + res.err
    said = res.out + res.err
    assert str(store) in said and str(good) in said and "--restore" in said, said
    assert store.read_bytes() == damaged

    res = l10(store, "doctor", "--restore", str(good))
    assert res.code == 0, res.err
    assert store.read_bytes() == good.read_bytes()
    kept = re.search(r"Kept the previous file as (\S+)", res.out)
    assert kept is not None, res.out
    assert Path(kept.group(1)).read_bytes() == damaged
    listing = l10(store, "issue", "list")
    assert listing.code == 0 and "Pricing page is stale" in listing.out
    count("doctor restores checked")


def test_doctor_refuses_bad_restores_and_changes_nothing(store: Path, tmp_path: Path) -> None:
    need_doctor()
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{")
    newer = tmp_path / "newer.json"
    data = orjson.loads(store.read_bytes())
    data["_meta"]["1"]["schema_version"] = 99
    newer.write_bytes(orjson.dumps(data))
    cases = {
        "no such file": ["--restore", str(tmp_path / "nope.json"), "--force"],
        "a folder": ["--restore", str(tmp_path), "--force"],
        "empty name": ["--restore", "", "--force"],
        "a damaged backup": ["--restore", str(bad), "--force"],
        "the newest, damaged backup": ["--restore", str(list_backups(store)[-1]), "--force"],
        "a too-new backup": ["--restore", str(newer), "--force"],
        "the store itself": ["--restore", str(store), "--force"],
        "a healthy store without --force": ["--restore", str(newest_good(store))],
    }
    for name, args in cases.items():
        before = store.read_bytes()
        files = sorted(p.name for p in store.parent.rglob("*"))
        line = assert_one_clear_line(l10(store, "doctor", *args))
        assert line.startswith("l10: error: "), (name, line)
        assert store.read_bytes() == before, name
        assert sorted(p.name for p in store.parent.rglob("*")) == files, name
        count("doctor restores refused with nothing changed")
