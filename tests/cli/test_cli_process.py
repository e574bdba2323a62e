"""The real ``l10`` in a subprocess: exit codes, exactly one line on stderr, no traceback, Textual never loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import Cli

L10 = Path(sys.executable).parent / "l10"
SRC = Path(__file__).resolve().parents[2] / "src"

pytestmark = pytest.mark.slow


def run(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
        "L10_TODAY": "2026-11-23",
        **env,
    }
    full_env.pop("L10_DB", None)
    return subprocess.run(
        [str(L10), *args], capture_output=True, text=True, env=full_env, timeout=60, cwd=tmp_path, check=False
    )


def test_exit_codes_and_one_line_errors(tmp_path: Path) -> None:
    store = tmp_path / "l10.json"
    db = ["--db", str(store)]
    ok = run([*db, "team", "add", "Sales"], tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    ok = run([*db, "issue", "add", "Leads from the webinar are junk", "--team", "Sales"], tmp_path)
    assert ok.returncode == 0 and "I-1" in ok.stdout

    before = store.read_bytes()
    for args, code, text in [
        ([*db, "issue", "add", "x", "--team", "Nope"], 1, "known teams: Sales"),
        ([*db, "issue", "solve", "I-9"], 1, "no issue I-9"),
        ([*db, "issue", "add", "x"], 2, "Missing option '--team'"),
        ([*db, "issue", "add", "x", "--team", "Sales", "--nope"], 2, "No such option"),
        ([*db, "teem"], 2, "No such command 'teem'"),
        (["--db", str(tmp_path / "none" / "l10.json"), "team", "list"], 1, "does not exist"),
    ]:
        proc = run(args, tmp_path)
        assert proc.returncode == code, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("l10: error: "), proc.stderr
        assert text in proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
    assert store.read_bytes() == before


def test_a_failed_write_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "l10.json"
    assert run(["--db", str(store), "team", "add", "Sales"], tmp_path).returncode == 0
    before = store.read_bytes()
    proc = run(["--db", str(store), "issue", "add", "x", "--team", "Sales"], tmp_path, L10_TEST_FAULT="fsync:28")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "the disk is full" in proc.stderr and "nothing was changed" in proc.stderr
    assert store.read_bytes() == before
    assert run(["--db", str(store), "issue", "add", "x", "--team", "Sales"], tmp_path).returncode == 0


def test_python_dash_m(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "l10tui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )
    assert proc.returncode == 0 and proc.stdout.startswith("l10 ")


PROBE = """
import json, sys
sys.argv = ["l10", *json.loads(sys.argv[1])]
from l10tui.cli import main
try:
    main()
except SystemExit as exc:
    code = exc.code
print("@@" + json.dumps({"code": code, "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual")}))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["issue", "add", "Leads go cold", "--team", "Sales"],
        ["issue", "list", "--json"],
        ["score", "show"],
        ["history"],
        ["export", "latest"],
        ["alignment"],
        ["doctor"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_light_commands_do_not_import_textual(args: list[str], tmp_path: Path) -> None:
    store = tmp_path / "l10.json"
    env = {**os.environ, "PYTHONPATH": str(SRC), "L10_TODAY": "2026-11-23", "HOME": str(tmp_path)}
    env.pop("L10_DB", None)
    setup = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["--db", str(store), "team", "add", "Sales"])],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert '"code": 0' in setup.stdout, setup.stderr
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["--db", str(store), *args])],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    result = json.loads(proc.stdout.rpartition("@@")[2])
    assert result["textual"] == [], f"l10 {' '.join(args)} imported {result['textual'][:5]}"
    assert result["code"] in (0, 1), proc.stderr  # export latest on a store without meetings is refused (1)


def test_an_unexpected_error_is_still_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from l10tui.store.issues import Issues

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    cli.ok("team", "add", "Sales")
    monkeypatch.setattr(Issues, "add", boom)
    line = cli.fail("issue", "add", "A title", "--team", "Sales", match="unexpected RuntimeError: boom second line")
    assert line == "l10: error: unexpected RuntimeError: boom second line"


@pytest.mark.parametrize("platform", ["win32", "cygwin"])
def test_native_windows_is_refused_in_one_line(platform: str, tmp_path: Path) -> None:
    # click itself cannot import on a faked win32, so the platform check is handed the name instead
    code = (
        "import l10tui.cli as c; real = c.unsupported_platform\n"
        f"c.unsupported_platform = lambda _p: real({platform!r})\n"
        "c.main(['issue', 'list'])"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "l10: error: l10 runs on Linux and macOS; on Windows, run it inside WSL (native Windows is not supported yet)"
    ]
    assert not (tmp_path / "xdg").exists()


def test_linux_and_macos_are_supported() -> None:
    from l10tui.cli import unsupported_platform

    assert unsupported_platform("linux") is None and unsupported_platform("darwin") is None
