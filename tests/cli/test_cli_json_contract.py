"""The --json contract (docs/JSON.md), over every command that has --json: each prints JSON; each record carries its
id and the names of what it refers to; a meeting's id is "id". Fails on the code before issue #20 (no names, no
--json on solve/drop/done/status, "meeting" as the only id key in history)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from cli_helpers import Cli, Company

from l10tui.cli import COMMANDS, main
from l10tui.commands.common import REF_FIELDS, REF_LISTS

CALLS: dict[str, list[str]] = {
    "team add": ["team", "add", "Ops"],
    "team list": ["team", "list"],
    "team edit": ["team", "edit", "Sales", "--reports", "own"],
    "team zone": ["team", "zone"],
    "person add": ["person", "add", "Zoe", "--team", "Sales"],
    "person list": ["person", "list"],
    "person leave": ["person", "leave", "Eve", "--to", "Cleo"],
    "issue add": ["issue", "add", "New one", "--team", "Sales", "--by", "Ana"],
    "issue list": ["issue", "list", "--all"],
    "issue show": ["issue", "show", "I-1"],
    "issue edit": ["issue", "edit", "I-4", "--title", "Reworded"],
    "issue solve": ["issue", "solve", "I-4"],
    "issue reopen": ["issue", "reopen", "I-4"],
    "issue drop": ["issue", "drop", "I-3"],
    "issue trash": ["issue", "trash"],
    "todo add": ["todo", "add", "Call", "--owner", "Ben"],
    "todo list": ["todo", "list", "--all"],
    "todo done": ["todo", "done", "T-4"],
    "todo edit": ["todo", "edit", "T-4", "--owner", "Dev"],
    "measurable add": ["measurable", "add", "Calls", "--owner", "Ben", "--goal", "5"],
    "measurable list": ["measurable", "list"],
    "measurable edit": ["measurable", "edit", "Calls", "--goal", "3-8", "--trailing", "avg4"],
    "measurable move": ["measurable", "move", "Revenue", "1"],
    "measurable retire": ["measurable", "retire", "Calls"],
    "score set": ["score", "set", "Leads", "41"],
    "score show": ["score", "show"],
    "score import": ["score", "import", "{csv}"],
    "rock add": ["rock", "add", "Ship it", "--owner", "Ben"],
    "rock list": ["rock", "list"],
    "rock status": ["rock", "status", "R-1", "on"],
    "rock edit": ["rock", "edit", "R-1", "--title", "Hire three AEs"],
    "rock reopen": ["rock", "reopen", "R-1"],
    "rock show": ["rock", "show", "R-1"],
    "rock milestone add": ["rock", "milestone", "add", "R-1", "Job ad out", "--due", "4 Dec"],
    "rock milestone list": ["rock", "milestone", "list", "R-1"],
    "rock milestone done": ["rock", "milestone", "done", "R-1.1"],
    "rock milestone drop": ["rock", "milestone", "drop", "R-1.1"],
    "team calendar": ["team", "calendar", "Sales"],
    "history": ["history"],
    "show": ["show", "MT-1"],
    "alignment": ["alignment"],
    "funnel set": ["funnel", "set", "Leads", "SQLs"],
    "funnel show": ["funnel", "show"],
    "doctor": ["doctor"],
    "undo": ["undo"],
    "company": ["company", "Acme"],
}
BEFORE: dict[str, list[str]] = {"rock reopen": ["rock", "status", "R-1", "done"]}


def json_commands() -> set[str]:
    """Every leaf command with a --json option, as "group sub"."""
    ctx = click.Context(main)
    found: set[str] = set()
    for name in COMMANDS:
        cmd = main.get_command(ctx, name)
        assert cmd is not None
        subs = list(cmd.commands.items()) if isinstance(cmd, click.Group) else [("", cmd)]
        for sub, leaf in subs:
            if isinstance(leaf, click.Group):  # one level deeper: rock milestone add
                subs += [(f"{sub} {deeper}", c) for deeper, c in leaf.commands.items()]
                continue
            if any("--json" in p.opts for p in leaf.params if isinstance(p, click.Option)):
                found.add(f"{name} {sub}".strip())
    return found


def check_record(obj: dict[str, Any], where: str) -> None:
    assert isinstance(obj.get("id"), str) and obj["id"], f"{where}: no id"
    for key in REF_FIELDS:
        if key in obj and isinstance(obj[key], str | None):
            assert f"{key}_name" in obj, f"{where}: {key} without {key}_name"
            if obj[key]:
                assert obj[f"{key}_name"] != obj[key] or key == "created_by", f"{where}: {key}_name is the id"
    for key in REF_LISTS:
        if isinstance(obj.get(key), list):
            assert len(obj[f"{key}_names"]) == len(obj[key]), f"{where}: {key}_names"


def records_in(value: Any) -> list[dict[str, Any]]:
    """Dicts that look like stored records (they have an id and created_at), anywhere in the output."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if "id" in value and "created_at" in value:
            found.append(value)
        for v in value.values():
            found += records_in(v)
    elif isinstance(value, list):
        for v in value:
            found += records_in(v)
    return found


def test_every_json_command_is_covered() -> None:
    assert json_commands() == set(CALLS)  # export's JSON (--format json) is the same as show's


def test_every_command_keeps_the_contract(cli: Cli, company: Company, tmp_path: Path) -> None:
    csv = tmp_path / "n.csv"
    csv.write_text("Leads,2026-11-16,44\n")
    for name, args in CALLS.items():
        if name in BEFORE:
            cli.ok(*BEFORE[name])
        data = cli.json(*[str(csv) if a == "{csv}" else a for a in args])
        for rec in records_in(data):
            check_record(rec, name)
    history = cli.json("history")
    assert history[0]["id"] == history[0]["meeting"] == "MT-1" and history[0]["teams"] == ["TM-1", "TM-2"]
