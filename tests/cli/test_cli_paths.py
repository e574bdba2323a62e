"""Where the store is, and what "today" is: --db beats L10_DB beats the user data dir; L10_TODAY shifts the clock."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from l10tui.cli import ShiftedClock, make_clock
from l10tui.domain.clock import SystemClock
from l10tui.domain.rules import InputError
from l10tui.paths import default_store_path, demo_store_path, resolve_store, same_file


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    env = {"L10_DB": str(tmp_path / "env.json")}
    assert resolve_store(str(tmp_path / "opt.json"), env).path == tmp_path / "opt.json"
    assert resolve_store(None, env).path == tmp_path / "env.json"
    assert resolve_store(None, env).explicit and resolve_store(None, env).source == "L10_DB"
    default = resolve_store(None, {"L10_DB": "  "})
    assert default.path == tmp_path / "xdg" / "l10tui" / "l10.json" == default_store_path()
    assert not default.explicit
    assert demo_store_path() == tmp_path / "xdg" / "l10tui" / "demo.json"
    monkeypatch.chdir(tmp_path)
    assert resolve_store("rel.json", {}).path == tmp_path / "rel.json"  # made absolute


def test_same_file(tmp_path: Path) -> None:
    a = tmp_path / "a.json"
    a.write_text("{}")
    (tmp_path / "link.json").symlink_to(a)
    assert same_file(a, tmp_path / "link.json")
    assert same_file(tmp_path / "x" / ".." / "b.json", tmp_path / "b.json")  # neither exists
    assert not same_file(a, tmp_path / "b.json")


def test_clock_from_env() -> None:
    assert isinstance(make_clock({}), SystemClock)
    clock = make_clock({"L10_TODAY": "2031-02-28"})
    assert isinstance(clock, ShiftedClock)
    assert clock.today() == date(2031, 2, 28)
    assert abs(clock.now().date() - date(2031, 2, 28)) <= timedelta(days=1)  # UTC vs local near midnight
    with pytest.raises(InputError, match="L10_TODAY"):
        make_clock({"L10_TODAY": "28/02/2031"})
