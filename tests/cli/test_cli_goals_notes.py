"""Issue 19 on the command line: range goals, ``--trailing``, ``measurable edit``, ``score set --note``, the trailing
column and the notes in ``score show`` (text and --json), and the record score in ``history``/``show``/``export``.

Every test fails on the code before issue 19 (no range goals, no ``--trailing``, no ``measurable edit``, no
``--note``, no ``record_score``).
"""

from __future__ import annotations

import json

import pytest
from cli_helpers import Cli, Company


@pytest.fixture
def base(cli: Cli) -> Cli:
    cli.ok("team", "add", "Sales")
    cli.ok("person", "add", "Ana", "--team", "Sales")
    cli.ok("person", "add", "Ben", "--team", "Sales")
    cli.ok("measurable", "add", "Demos", "--owner", "Ana", "--goal", "10-16")
    cli.ok("measurable", "add", "Balance", "--owner", "Ana", "--goal", "-5-5", "--negative", "--trailing", "avg13")
    cli.ok("measurable", "add", "Win rate", "--owner", "Ben", "--goal", "25", "--unit", "%")
    return cli


def test_a_range_goal_is_stored_and_judged_inside_inclusive(base: Cli) -> None:
    demos = base.json("measurable", "list")[0]
    assert (demos["op"], demos["goal"], demos["goal_high"], demos["trailing"]) == ("range", 10.0, 16.0, "")
    assert "on track (goal 10–16)" in base.ok("score", "set", "Demos", "16", "--week", "16 Nov").stdout
    assert "off track (goal 10–16)" in base.ok("score", "set", "Demos", "17", "--week", "9 Nov").stdout
    balance = base.json("measurable", "list")[1]
    assert (balance["goal"], balance["goal_high"], balance["trailing"]) == (-5.0, 5.0, "avg13")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["measurable", "add", "Calls", "--owner", "Ana", "--goal", "30-20"], "written backwards"),
        (["measurable", "add", "Calls", "--owner", "Ana", "--goal", "-5-5"], "may not be negative"),
        (["measurable", "add", "Calls", "--owner", "Ana", "--goal", "20-30", "--op", "<="], "a range takes no --op"),
        (["measurable", "add", "Calls", "--owner", "Ana", "--goal", "5", "--trailing", "avg5"], "not one of"),
        (
            [
                "measurable",
                "add",
                "Conv",
                "--owner",
                "Ana",
                "--goal",
                "5",
                "--derived",
                "Demos/Balance",
                "--trailing",
                "total4",
            ],
            "only be an average",
        ),
        (["measurable", "edit", "Demos", "--goal", "16-10"], "written backwards"),
        (["measurable", "edit", "Demos", "--trailing", "sum4"], "not one of"),
        (["measurable", "edit", "Demos", "--op", "<="], "is a range"),
        (["measurable", "edit", "Win rate", "--goal", "-10-10"], "may not be negative"),
        (["score", "set", "Demos", "12", "--note", "bad\x1b[2Jnote"], "control character"),
        (["score", "set", "Demos", "12", "--note", "x" * 121], "too long"),
    ],
)
def test_bad_input_is_refused_in_one_line_with_nothing_written(base: Cli, args: list[str], message: str) -> None:
    base.fail(*args, match=message)  # compares the store file's bytes before and after


def test_measurable_edit_changes_only_what_is_given(base: Cli) -> None:
    out = base.ok("measurable", "edit", "Win rate", "--goal", "20-30", "--trailing", "avg13").stdout
    assert "goal 20%–30%, trailing avg13" in out
    rate = base.json("measurable", "edit", "Win rate", "--owner", "Ana")
    assert (rate["op"], rate["goal"], rate["goal_high"], rate["trailing"], rate["owner_name"]) == (
        "range",
        20.0,
        30.0,
        "avg13",
        "Ana",
    )
    back = base.json("measurable", "edit", "Win rate", "--goal", ">=25", "--trailing", "default")
    assert (back["op"], back["goal"], back["goal_high"], back["trailing"]) == (">=", 25.0, None, "")


def test_a_note_on_a_number_is_kept_replaced_and_removed(base: Cli) -> None:
    saved = base.json("score", "set", "Demos", "131", "--week", "16 Nov", "--note", "  webinar week ")
    assert saved["note"] == "webinar week"
    again = base.json("score", "set", "Demos", "132", "--week", "16 Nov")  # a corrected number keeps its note
    assert (again["value"], again["note"]) == (132.0, "webinar week")
    gone = base.json("score", "set", "Demos", "132", "--week", "16 Nov", "--note", "")
    assert gone["note"] == ""


def test_score_show_has_the_trailing_column_and_the_notes(base: Cli) -> None:
    for week, demos, rate in (
        ("26 Oct", "12", "20"),
        ("2 Nov", "14", "30"),
        ("9 Nov", "9", "25"),
        ("16 Nov", "15", "27"),
    ):
        base.ok("score", "set", "Demos", demos, "--week", week)
        base.ok("score", "set", "Win rate", rate, "--week", week)
    base.ok("score", "set", "Demos", "15", "--week", "16 Nov", "--note", "trade show")
    text = base.ok("score", "show", "--weeks", "4").stdout
    assert text.splitlines()[0].split()[-1] == "TRAILING"
    demos_line = next(line for line in text.splitlines() if line.startswith("Demos"))
    assert "15* ✓" in demos_line and demos_line.endswith("total 13w 50 (4/13)")
    rate_line = next(line for line in text.splitlines() if line.startswith("Win rate"))
    assert rate_line.endswith("avg 4w 25.5%")  # the week in progress (23 Nov) is not counted until entered
    assert "* Demos, week of 2026-11-16: trade show" in text
    shown = base.json("score", "show", "--weeks", "2")
    rows = {r["measurable"]["name"]: r for r in shown["rows"]}
    assert rows["Demos"]["trailing"] == {"kind": "total", "weeks": 13, "value": 50.0, "entered": 4}
    assert rows["Demos"]["notes"] == {"2026-11-16": "trade show"}
    assert rows["Win rate"]["trailing"]["kind"] == "avg" and rows["Balance"]["trailing"]["value"] is None
    assert any(s["note"] == "trade show" for s in shown["scores"])


def test_the_record_score_in_show_and_export(cli: Cli, company: Company) -> None:
    shown = cli.json("show", "MT-1")
    record = shown["summary"]["record_score"]
    assert record["score"] == 5.0 and [p["ok"] for p in record["points"]] == [False, False, True, True, None]
    text = cli.ok("export", "MT-1", "--format", "md").stdout
    assert "- Record score: 5/10 (✗ started on time (3 min late); ✗ ended on time (ran over by 2 min);" in text
    exported = json.loads(cli.ok("export", "MT-1", "--format", "json").stdout)
    assert exported["summary"]["record_score"] == record
