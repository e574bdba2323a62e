"""The lazily loaded commands: the table in cli.py matches the commands, and a command loads only its own module."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from l10tui.cli import COMMANDS, SHORT_HELP, LazyGroup, main

SRC = Path(__file__).resolve().parents[2] / "src"


def _load(name: str) -> click.Command:
    command = main.get_command(click.Context(main), name)
    assert command is not None, name
    return command


def test_every_command_is_listed_with_a_short_help() -> None:
    assert set(SHORT_HELP) == set(COMMANDS)
    assert main.list_commands(click.Context(main)) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_short_help_is_the_commands_own(name: str) -> None:
    command = _load(name)
    assert command.name == name
    stub = click.Command(name, help=SHORT_HELP[name])
    for limit in (20, 45, 74, 200):
        assert stub.get_short_help_str(limit) == command.get_short_help_str(limit), (name, limit)


def test_help_lists_the_same_lines_before_and_after_loading() -> None:
    group = LazyGroup("l10", lazy_subcommands=COMMANDS, lazy_short_help=SHORT_HELP)
    before = group.get_help(click.Context(group, info_name="l10", max_content_width=60))
    for name in COMMANDS:
        assert group.get_command(click.Context(group), name) is not None
    after = group.get_help(click.Context(group, info_name="l10", max_content_width=60))
    assert before == after
    assert all(f"  {name} " in before for name in COMMANDS)


def test_an_unknown_command_is_not_loaded() -> None:
    assert main.get_command(click.Context(main), "nope") is None


_PROBE = """
import json, sys
from l10tui.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
print("@@" + json.dumps(sorted(m for m in sys.modules if m.startswith(("l10tui", "textual", "csv")))))
"""


def _modules(args: list[str], tmp_path: Path) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("L10_DB", None)
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, "-", *args], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60
    )
    _, sep, tail = proc.stdout.rpartition("@@")
    assert sep, proc.stderr[-2000:]
    return set(json.loads(tail))


@pytest.mark.slow
def test_help_imports_no_command_module(tmp_path: Path) -> None:
    loaded = _modules(["--help"], tmp_path)
    assert {m for m in loaded if m.startswith("l10tui.commands.")} == {"l10tui.commands.common"}
    assert "l10tui.store" not in loaded


@pytest.mark.slow
def test_issue_add_imports_only_its_own_command_module(tmp_path: Path) -> None:
    store = str(tmp_path / "s.json")
    _modules(["--db", store, "team", "add", "Sales"], tmp_path)
    loaded = _modules(["--db", store, "issue", "add", "x", "--team", "Sales"], tmp_path)
    assert {m for m in loaded if m.startswith("l10tui.commands.")} == {
        "l10tui.commands.common",
        "l10tui.commands.issue",
    }
    assert not {m for m in loaded if m.startswith(("textual", "l10tui.tui"))}
