"""Issue #20 from the command line: every mistake can be fixed, a leaver's work handed over, undo, future weeks
refused, ranks without gaps, the day's first backup. Every test here fails on the code before issue #20 (the
commands or options did not exist, or the old behaviour was the one complained about)."""

from __future__ import annotations

import pytest
from cli_helpers import Cli, Company

from l10tui.store import open_store
from l10tui.store.backups import list_backups


def test_a_mistaken_drop_is_undone_and_named(cli: Cli, company: Company) -> None:
    cli.ok("issue", "drop", "I-4", "--reason", "oops")
    assert cli.ok("undo").stdout == "undo: dropped I-4\n"
    assert open_store(cli.store).issues.get("I-4").status == "open"
    cli.ok("todo", "done", "T-4")
    cli.ok("issue", "solve", "I-3")
    listed = cli.json("undo", "--list")
    assert [c["name"] for c in listed[:2]] == ["solved I-3", "done T-4"]
    assert cli.ok("undo", "--steps", "2").stdout == "undo: solved I-3\nundo: done T-4\n"


def test_undo_refuses_over_a_change_it_does_not_know(cli: Cli, company: Company) -> None:
    cli.ok("issue", "drop", "I-4")
    db = open_store(cli.store)
    db.keep_history = False
    db.issues.edit("I-4", title="Changed by hand")
    cli.fail("undo", match="I-4 was changed since")


def test_reopen_dropped_merged_solved_issues_and_closed_rocks(cli: Cli, company: Company) -> None:
    back = cli.json("issue", "reopen", "I-2")  # dropped in MT-1
    assert (back["status"], back["raised_by_name"], back["created_at"][:10]) == ("open", "Ben", "2026-11-10")
    assert back["notes"].startswith("reopened 2026-11-23; had been dropped on 2026-11-16")
    cli.ok("rock", "status", "R-1", "done")
    cli.fail("rock", "status", "R-1", "on", match="reopen it with: l10 rock reopen R-1")
    assert cli.json("rock", "reopen", "R-1")["final"] is None
    cli.fail("issue", "reopen", "I-4", match="already open")


def test_edit_and_reassign_todos_and_rocks(cli: Cli, company: Company) -> None:
    t = cli.json("todo", "edit", "T-4", "--owner", "Dev", "--due", "2026-12-04", "--title", "Call Acme back")
    assert (t["owner_name"], t["due"], t["title"]) == ("Dev", "2026-12-04", "Call Acme back")
    r = cli.json("rock", "edit", "R-1", "--owner", "Ben", "--quarter", "2027-Q1")
    assert (r["owner_name"], r["quarter"], r["due"]) == ("Ben", "2027-Q1", "2027-03-31")
    cli.fail("todo", "edit", "T-4", code=2, match="say what to change")
    i = cli.json("issue", "edit", "I-4", "--by", "Cleo")
    assert (i["raised_by_name"], i["raised_by_team_name"]) == ("Cleo", "Marketing")


def test_leaver_hands_over_and_is_refused_as_owner(cli: Cli, company: Company) -> None:
    out = cli.ok("person", "leave", "Ana", "--to", "Ben").stdout
    assert out.splitlines()[0] == "Ana has left; 0 to-dos, 1 rock, 2 measurables now Ben's"
    db = open_store(cli.store)
    assert db.rocks.get("R-1").owner == db.people.lookup("Ben").id
    line = cli.fail("todo", "add", "Call", "--owner", "Ana", match="Ana has left")
    assert "active people: Ben, Cleo, Dev, Eve" in line
    cli.fail("rock", "edit", "R-1", "--owner", "Ana", match="has left")
    cli.fail("measurable", "add", "X", "--owner", "Ana", "--goal", "1", match="has left")
    cli.fail("person", "leave", "Ben", "--to", "Ana", match="has left")


def test_retire_and_move_measurables(cli: Cli, company: Company) -> None:
    cli.ok("measurable", "move", "Revenue", "1")
    assert [m["name"] for m in cli.json("measurable", "list")][:2] == ["Revenue", "Leads"]
    cli.fail("measurable", "retire", "Leads", match="SQL rate is computed from Leads")
    cli.ok("measurable", "retire", "Revenue")
    assert "Revenue" not in [m["name"] for m in cli.json("measurable", "list")]
    assert "Revenue" not in cli.ok("score", "show").stdout
    cli.ok("measurable", "retire", "Revenue", "--restore")


def test_company_rename_and_undo(cli: Cli, company: Company) -> None:
    cli.ok("company", "Acme")
    assert cli.json("company", "Acme Ltd") == {"company": "Acme Ltd"}
    assert cli.ok("undo").stdout == "undo: renamed the company to Acme Ltd\n"
    assert cli.ok("company").stdout == "Acme\n"


def test_future_week_refused(cli: Cli, company: Company) -> None:
    cli.fail("score", "set", "Leads", "50", "--week", "+7d", match="has not started yet")
    cli.ok("score", "set", "Leads", "50", "--week", "2026-11-20")


def test_ranks_shown_without_gaps_and_duplicates_noted(cli: Cli, company: Company) -> None:
    cli.ok("issue", "add", "Third", "--team", "Sales")  # Sales open: I-4, and I-6 after I-1, I-5 were solved
    ranks = [line.split()[2] for line in cli.ok("issue", "list", "--team", "Sales").stdout.splitlines()[1:]]
    assert ranks == ["1", "2"]
    result = cli.ok("issue", "add", "third ", "--team", "Sales")
    assert "I-6 on Sales's list has the same title" in result.stderr


def test_first_change_of_the_day_keeps_a_backup(cli: Cli, company: Company) -> None:
    before = cli.store.read_bytes()
    assert list_backups(cli.store) == []
    cli.ok("issue", "add", "One", "--team", "Sales")
    cli.ok("issue", "add", "Two", "--team", "Sales")
    found = list_backups(cli.store)
    assert len(found) == 1 and found[0].read_bytes() == before


def test_the_trash_lists_dropped_and_merged(cli: Cli, company: Company) -> None:
    cli.ok("issue", "drop", "I-4", "--reason", "duplicate of I-3")
    out = cli.ok("issue", "trash").stdout.splitlines()
    assert out[1].split()[:4] == ["I-4", "Sales", "dropped", "2026-11-23"] or out[1].startswith("I-4")
    assert [line.split()[0] for line in out[1:]] == ["I-4", "I-2"]
    cli.ok("issue", "reopen", "I-4")
    assert [t["id"] for t in cli.json("issue", "trash")] == ["I-2"]


def test_leaver_one_by_one_with_give(cli: Cli, company: Company) -> None:
    """``--give ITEM=NAME`` for some items, ``--to`` for the rest; one change, undone as one (issue 20)."""
    items = [m["id"] for m in cli.json("measurable", "list") if m["owner_name"] == "Ana"]
    assert len(items) == 2
    out = cli.ok("person", "leave", "Ana", "--give", "r-1=Ben", "--give", f"{items[0]}=Cleo", "--to", "Dev").stdout
    assert out.splitlines()[0] == "Ana has left; 0 to-dos, 1 rock, 2 measurables handed over"
    assert "  R-1  Hire two AEs  -> Ben" in out.splitlines()
    db = open_store(cli.store)
    assert db.rocks.get("R-1").owner == db.people.lookup("Ben").id
    assert [db.people.get(db.measurables.get(m).owner).name for m in items] == ["Cleo", "Dev"]
    assert cli.json("undo", "--list")[0]["name"] == "Ana left; work to Ben, Cleo and Dev"
    cli.ok("undo")
    assert open_store(cli.store).people.lookup("Ana").active


def test_leaver_one_by_one_refusals_write_nothing(cli: Cli, company: Company) -> None:
    line = cli.fail("person", "leave", "Ana", "--give", "R-1=Ben", match="who takes Ana's M-")
    assert "--to NAME" in line and "--give" in line and "R-1" not in line.split("?")[0]
    cli.ok("person", "leave", "Eve", "--to", "Cleo")
    line = cli.fail("person", "leave", "Ana", "--give", "R-1=Eve", "--to", "Ben", match="Eve has left")
    assert "active people: Ana, Ben, Cleo, Dev" in line
    cli.fail("person", "leave", "Ana", "--to", "Ben", "--give", "R-1=Nobody", match="no person 'Nobody'")
    cli.fail("person", "leave", "Ana", "--to", "Ben", "--give", "T-99=Dev", match="T-99 is not Ana's open work")
    cli.fail("person", "leave", "Ana", "--give", "R-1", code=2, match="ITEM=NAME")


def test_leaver_asked_for_each_item_at_a_terminal(cli: Cli, company: Company, monkeypatch: pytest.MonkeyPatch) -> None:
    """No --to at a terminal: asked who takes each item; an unknown or departed name is asked again."""
    from l10tui.commands import person

    monkeypatch.setattr(person, "stdin_is_terminal", lambda: True)
    cli.ok("person", "leave", "Eve", "--to", "Cleo")
    items = {m["id"] for m in cli.json("measurable", "list") if m["owner_name"] == "Ana"}
    result = cli.ok("person", "leave", "Ana", input="Nobody\nEve\nBen\n\nDev\n")
    assert "no person 'Nobody'" in result.stdout and "Eve has left" in result.stdout
    db = open_store(cli.store)
    owners = [db.people.get(db.rocks.get("R-1").owner).name]
    owners += [db.people.get(m.owner).name for m in db.measurables.all() if m.id in items]
    moved = cli.json("undo", "--list")[0]["name"]
    assert moved == "Ana left; work to Ben and Dev", (moved, owners)
    assert owners[0] == "Ben" and sorted(owners[1:]) == ["Ben", "Dev"]
