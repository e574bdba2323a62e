"""Every between-meetings command against a temp store, read back through the store and through ``--json``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import Cli

from l10tui.domain.models import Issue, Measurable, Person, Rock, Score, Team, Todo
from l10tui.domain.records import from_dict, to_dict
from l10tui.store import L10Store, open_store


def reopen(cli: Cli) -> L10Store:
    return open_store(cli.store)


def roundtrip(cls: type[Any], items: list[dict[str, Any]], stored: list[Any]) -> None:
    """The JSON holds every field: each item rebuilds to exactly the stored record; the rest are the names of what
    it refers to (docs/JSON.md)."""
    assert [from_dict(cls, d) for d in items] == stored
    fields = [to_dict(r) for r in stored]
    assert [{k: v for k, v in d.items() if k in f} for d, f in zip(items, fields, strict=True)] == fields
    for d, f in zip(items, fields, strict=True):
        assert all(k.endswith(("_name", "_names")) for k in set(d) - set(f))


@pytest.fixture
def base(cli: Cli) -> Cli:
    cli.ok("team", "add", "Sales")
    cli.ok("team", "add", "Marketing", "--day", "tue", "--time", "10:30", "--colour", "#ff8800")
    cli.ok("person", "add", "Ana", "--team", "Sales")
    cli.ok("person", "add", "Ben", "--team", "sales", "--team", "Marketing")
    cli.ok("person", "add", "Cleo", "--team", "Marketing")
    return cli


def test_team_and_person(base: Cli) -> None:
    db = reopen(base)
    teams = db.teams.all()
    assert [t.name for t in teams] == ["Sales", "Marketing"]
    assert teams[1].meeting_rule == "FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=30"
    assert teams[1].colour == "#ff8800"
    ben = db.people.lookup("Ben")
    assert ben.teams == [teams[0].id, teams[1].id]
    roundtrip(Team, base.json("team", "list"), teams)
    roundtrip(Person, base.json("person", "list"), db.people.all())
    assert [p["name"] for p in base.json("person", "list", "--team", "Marketing")] == ["Ben", "Cleo"]
    out = base.ok("team", "list").stdout
    assert "Sales" in out and "Tue 10:30" in out


def test_issue_add_list_show_solve_drop(base: Cli) -> None:
    out = base.ok("issue", "add", "Leads from the webinar are junk — ünïcode 日本", "--team", "Sales", "--by", "Cleo")
    assert "I-1" in out.stdout
    base.ok("issue", "add", "Pricing page is stale", "--team", "Sales", "--by", "Ben", "--by-team", "Sales")
    base.ok("issue", "add", "No follow-up on trials", "--team", "Marketing", "--details", "line one\nline two")
    db = reopen(base)
    i1, i2, i3 = db.issues.all()
    sales, marketing = db.teams.lookup("Sales").id, db.teams.lookup("Marketing").id
    assert i1.title == "Leads from the webinar are junk — ünïcode 日本"
    assert (i1.team, i1.raised_by, i1.raised_by_team) == (sales, db.people.lookup("Cleo").id, marketing)
    assert (i2.raised_by_team, i2.rank) == (sales, 2)
    assert (i3.raised_by, i3.raised_by_team, i3.details) == (None, None, "line one\nline two")

    roundtrip(Issue, base.json("issue", "list"), [i3, i1, i2])  # by team name, then rank
    roundtrip(Issue, base.json("issue", "list", "--team", "Sales"), [i1, i2])
    roundtrip(Issue, [base.json("issue", "show", "I-2")], [i2])
    shown = base.ok("issue", "show", "i1").stdout
    assert "Marketing · Cleo" in shown and "日本" in shown

    base.ok("issue", "solve", "I-1", "--solution", "Phone number required on the form")
    base.ok("issue", "drop", "2", "--reason", "not an issue")
    db = reopen(base)
    assert db.issues.get("I-1").status == "solved"
    assert db.issues.get("I-1").solution == "Phone number required on the form"
    assert (db.issues.get("I-2").status, db.issues.get("I-2").end_reason) == ("dropped", "not an issue")
    assert [i["id"] for i in base.json("issue", "list")] == ["I-3"]
    assert {i["id"]: i["status"] for i in base.json("issue", "list", "--all")} == {
        "I-1": "solved",
        "I-2": "dropped",
        "I-3": "open",
    }
    listing = base.ok("issue", "list", "--all").stdout
    assert "solved" in listing and "dropped" in listing


def test_todo_add_list_done(base: Cli) -> None:
    base.ok("todo", "add", "Call back Acme", "--owner", "Ana")
    base.ok("todo", "add", "Send the deck", "--owner", "ben", "--due", "friday")
    base.ok("issue", "add", "Trials", "--team", "Sales")
    base.ok("todo", "add", "Email every trial user", "--owner", "Cleo", "--due", "2026-12-04", "--issue", "I-1")
    db = reopen(base)
    t1, t2, t3 = db.todos.all()
    assert t1.due == date(2026, 11, 30)  # today (L10_TODAY, a Monday) + 7 days
    assert t2.due == date(2026, 11, 27)  # the next Friday
    assert (t3.due, t3.source_issue, t3.team) == (date(2026, 12, 4), "I-1", db.teams.lookup("Sales").id)
    assert db.issues.get("I-1").todos == ["T-3"]
    roundtrip(Todo, base.json("todo", "list"), [t2, t1, t3])  # by due date
    assert [t["id"] for t in base.json("todo", "list", "--owner", "Ben")] == ["T-2"]

    base.ok("todo", "done", "T-2")
    db = reopen(base)
    assert db.todos.get("T-2").status == "done" and db.todos.get("T-2").done_at is not None
    assert [t["id"] for t in base.json("todo", "list")] == ["T-1", "T-3"]
    assert [t["id"] for t in base.json("todo", "list", "--all")] == ["T-1", "T-3", "T-2"]
    base.ok("todo", "done", "T-2", "--undo")
    assert reopen(base).todos.get("T-2").status == "open"


def test_measurables_scores_and_derived(base: Cli) -> None:
    base.ok("measurable", "add", "MQLs", "--owner", "Cleo", "--goal", "40", "--team", "Marketing")
    base.ok("measurable", "add", "SQLs", "--owner", "Ben", "--goal", "10")
    base.ok("measurable", "add", "Revenue", "--owner", "Ana", "--goal", "$10k", "--unit", "$", "--team", "Sales",
            "--team", "Marketing")  # fmt: skip
    base.ok(
        "measurable", "add", "Lead / call time", "--owner", "Ana", "--goal", "24", "--op", "<=", "--unit", "h",
        "--negative",
    )  # fmt: skip
    base.ok("measurable", "add", "MQL->SQL", "--owner", "Ana", "--goal", "25", "--derived", "SQLs/MQLs",
            "--team", "Sales", "--team", "Marketing")  # fmt: skip
    db = reopen(base)
    mql, sql, rev, slash, conv = db.measurables.all()
    assert sql.teams == db.people.lookup("Ben").teams[:1]  # default: the owner's first team
    assert (rev.goal, rev.unit, rev.shared) == (10000.0, "$", True)
    assert slash.op == "<="
    assert conv.formula is not None and (conv.formula.numerator, conv.formula.denominator) == (sql.id, mql.id)
    assert conv.unit == "%"
    roundtrip(Measurable, base.json("measurable", "list"), [mql, sql, rev, slash, conv])
    # a name holding "/" still splits the right way
    base.ok("measurable", "add", "Calls per slash", "--owner", "Ana", "--goal", "1", "--derived", "Lead / call time/SQLs",
            "--ratio")  # fmt: skip
    odd = reopen(base).measurables.lookup("Calls per slash")
    assert odd.formula is not None and odd.formula.numerator == slash.id and odd.formula.percent is False

    out = base.ok("score", "set", "MQLs", "45", "--week", "today").stdout
    assert "on track" in out and "2026-11-23" in out
    base.ok("score", "set", "sqls", "9", "--week", "2026-11-18")
    base.ok("score", "set", "SQLs", "12", "--week", "19 Nov")  # same week: corrected, not doubled; a week
    # typed without a year is the last one, not next year's (scores are about weeks that happened)
    base.ok("score", "set", "Lead / call time", "-1.5", "--week", "2026-11-16")  # allowed: added with --negative
    db = reopen(base)
    scores = db.scores.all()
    assert {(s.measurable, s.week, s.value) for s in scores} == {
        (mql.id, date(2026, 11, 23), 45.0),
        (sql.id, date(2026, 11, 16), 12.0),
        (slash.id, date(2026, 11, 16), -1.5),
    }
    card = base.json("score", "show", "--weeks", "2")
    assert card["weeks"] == ["2026-11-16", "2026-11-23"]
    rows = {r["measurable"]["name"]: r for r in card["rows"]}
    assert rows["MQLs"]["values"] == {"2026-11-16": None, "2026-11-23": 45.0}
    assert rows["MQLs"]["status"] == {"2026-11-16": "missing", "2026-11-23": "on"}
    assert rows["MQL->SQL"]["values"] == {"2026-11-16": None, "2026-11-23": None}
    roundtrip(Score, card["scores"], sorted(scores, key=lambda s: s.id))
    shown = base.ok("score", "show").stdout
    assert "45 ✓" in shown and "12 ✓" in shown


def test_score_import(base: Cli, tmp_path: Path) -> None:
    base.ok("measurable", "add", "MQLs", "--owner", "Cleo", "--goal", "40")
    base.ok("measurable", "add", "SQLs", "--owner", "Ben", "--goal", "10")
    base.ok("score", "set", "MQLs", "30", "--week", "2026-11-09")
    csv_file = tmp_path / "numbers.csv"
    csv_file.write_text('week,value,measurable\n2026-11-09,41,MQLs\n2026-11-16,44,mqls\n\n2026-11-16,"1,250",SQLs\n')
    out = base.ok("score", "import", str(csv_file)).stdout
    assert "Imported 3 scores (2 new, 1 changed)" in out
    db = reopen(base)
    got = {(s.measurable, s.week.isoformat(), s.value) for s in db.scores.all()}
    assert got == {("M-1", "2026-11-09", 41.0), ("M-1", "2026-11-16", 44.0), ("M-2", "2026-11-16", 1250.0)}

    no_header = tmp_path / "plain.csv"
    no_header.write_text("SQLs,2026-11-09,7\n")
    result = base.json("score", "import", str(no_header))
    assert result["imported"] == 1 and result["new"] == 1 and result["skipped"] == []

    other_header = tmp_path / "other.csv"
    other_header.write_text("metric,date,number\r\nSQLs,2026-11-02,3\r\n")
    assert "Imported 1 score (1 new, 0 changed)" in base.ok("score", "import", str(other_header)).stdout


def test_score_import_skip_bad(base: Cli, tmp_path: Path) -> None:
    base.ok("measurable", "add", "MQLs", "--owner", "Cleo", "--goal", "40")
    csv_file = tmp_path / "mixed.csv"
    csv_file.write_text("measurable,week,value\nMQLs,2026-11-09,41\nLeeds,2026-11-09,3\nMQLs,2026-11-16,lots\n")
    out = base.ok("score", "import", str(csv_file), "--skip-bad").stdout
    assert "Imported 1 score" in out
    assert "line 3: no measurable 'Leeds'" in out and "line 4: value is not a number" in out
    assert [(s.week.isoformat(), s.value) for s in reopen(base).scores.all()] == [("2026-11-09", 41.0)]


def test_rocks(base: Cli) -> None:
    base.ok("rock", "add", "Hire two AEs", "--owner", "Ana")
    base.ok("rock", "add", "Launch webinars", "--owner", "Ben", "--team", "Marketing", "--quarter", "2027-q1")
    db = reopen(base)
    r1, r2 = db.rocks.all()
    assert (r1.quarter, r1.due, r1.team) == ("2026-Q4", date(2026, 12, 31), db.teams.lookup("Sales").id)
    assert (r2.quarter, r2.due, r2.team) == ("2027-Q1", date(2027, 3, 31), db.teams.lookup("Marketing").id)
    roundtrip(Rock, base.json("rock", "list"), [r1])
    roundtrip(Rock, base.json("rock", "list", "--all"), [r1, r2])
    assert [r["id"] for r in base.json("rock", "list", "--quarter", "2027-Q1")] == ["R-2"]

    base.ok("rock", "status", "R-1", "off")
    base.ok("rock", "status", "R-1", "on")  # the same week: replaced
    rock = reopen(base).rocks.get("R-1")
    assert [(h.week, h.status) for h in rock.history] == [(date(2026, 11, 23), "on")]
    base.ok("rock", "status", "R-1", "done")
    assert reopen(base).rocks.get("R-1").final == "done"
    assert "done" in base.ok("rock", "list").stdout


def test_add_commands_print_the_new_record_as_json(base: Cli) -> None:
    made = base.json("issue", "add", "Leads go cold", "--team", "Sales", "--by", "Ana")
    db = reopen(base)
    assert from_dict(Issue, made) == db.issues.get(made["id"])
    todo = base.json("todo", "add", "Call", "--owner", "Ana")
    assert from_dict(Todo, todo) == reopen(base).todos.get(todo["id"])
    team = base.json("team", "add", "Ops")
    assert from_dict(Team, team) == reopen(base).teams.get(team["id"])
    m = base.json("measurable", "add", "MQLs", "--owner", "Cleo", "--goal", "40")
    assert from_dict(Measurable, m) == reopen(base).measurables.get(m["id"])
    score = base.json("score", "set", "MQLs", "41")
    assert from_dict(Score, score) == reopen(base).scores.get(score["id"])
    rock = base.json("rock", "add", "Hire", "--owner", "Ana")
    assert from_dict(Rock, rock) == reopen(base).rocks.get(rock["id"])
    person = base.json("person", "add", "Dee", "--team", "Ops")
    assert from_dict(Person, person) == reopen(base).people.get(person["id"])


def test_empty_listings_say_so(cli: Cli) -> None:
    assert "No teams yet" in cli.ok("team", "list").stdout
    assert cli.ok("issue", "list").stdout.strip() == "No open issues."
    assert cli.json("issue", "list") == []
    assert cli.json("history") == []
    assert not cli.store.exists()  # reading never creates the file


def test_version_and_help(cli: Cli) -> None:
    from l10tui import __version__

    assert cli.ok("--version", db=False).stdout.strip() == f"l10 {__version__}"
    text = cli.ok("--help", db=False).stdout
    assert "L10_TODAY" in text and "L10_DB" in text and "--db PATH" in text
    for command in ("team", "person", "issue", "todo", "measurable", "score", "rock", "history", "show", "export",
                    "alignment", "doctor", "demo", "meet"):  # fmt: skip
        assert command in text


def test_store_from_env_and_default_location(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_store = tmp_path / "from-env.json"
    monkeypatch.setenv("L10_DB", str(env_store))
    cli.ok("team", "add", "Sales", db=False)
    assert open_store(env_store).teams.lookup("Sales").name == "Sales"
    monkeypatch.delenv("L10_DB")
    cli.ok("team", "add", "Ops", db=False)  # the default location (under XDG_DATA_HOME here) is created
    default = tmp_path / "xdg" / "l10tui" / "l10.json"
    assert open_store(default).teams.lookup("Ops").name == "Ops"
    assert not env_store.with_name("l10.json").exists() or env_store.with_name("l10.json") == cli.store
