"""Packaging as users get it: the wheel carries the styles, and an installed wheel starts the app and finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--sdist", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (whl,) = out.glob("l10tui-*.whl")
    return whl


def test_wheel_ships_the_styles(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    sheets = [n for n in names if n.startswith("l10tui/styles/") and n.endswith(".tcss")]
    in_checkout = sorted(p.name for p in (ROOT / "styles").glob("*.tcss"))
    assert sorted(Path(n).name for n in sheets) == in_checkout
    assert "l10tui/tui/app.py" in names


@pytest.mark.slow
def test_installed_wheel_runs_from_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, timeout=900)
    l10 = env_dir / "bin" / "l10"
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    env.pop("L10_DB", None)
    run = {"cwd": tmp_path, "env": env, "capture_output": True, "text": True, "timeout": 120}
    version = subprocess.run([str(l10), "--version"], **run)  # type: ignore[call-overload]
    assert version.returncode == 0, version.stderr
    assert "0.1" in version.stdout
    helptext = subprocess.run([str(l10), "--help"], **run)  # type: ignore[call-overload]
    assert helptext.returncode == 0 and "issue" in helptext.stdout
    store = tmp_path / "one.json"
    subprocess.run([str(l10), "--db", str(store), "team", "add", "Sales"], check=True, **run)  # type: ignore[call-overload]
    frame = subprocess.run(
        [str(l10), "--db", str(store)],
        **{**run, "env": {**env, "L10_HEADLESS_FRAME": "1"}},  # type: ignore[arg-type]
    )
    assert frame.returncode == 0, frame.stderr
    assert "first frame" in frame.stdout
    # The installed package finds its styles inside itself, not in a checkout.
    where = subprocess.run(
        [str(py), "-c", "from l10tui.tui.styles import styles_dir; print(styles_dir())"],
        **run,  # type: ignore[arg-type]
    )
    assert str(env_dir) in where.stdout, where.stdout
