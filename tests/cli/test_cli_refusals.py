"""Bad input is refused with one clear line, exit 1 (2 for a malformed command line), and the store unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli


@pytest.fixture
def base(cli: Cli) -> Cli:
    cli.ok("team", "add", "Sales")
    cli.ok("team", "add", "Marketing")
    cli.ok("person", "add", "Ana", "--team", "Sales")
    cli.ok("person", "add", "Ben", "--team", "Marketing")
    cli.ok("measurable", "add", "MQLs", "--owner", "Ben", "--goal", "40")
    cli.ok("measurable", "add", "SQLs", "--owner", "Ana", "--goal", "10")
    cli.ok("measurable", "add", "Rate", "--owner", "Ana", "--goal", "25", "--derived", "SQLs/MQLs")
    cli.ok("issue", "add", "Leads go cold", "--team", "Sales")
    cli.ok("issue", "add", "Closed one", "--team", "Sales")
    cli.ok("issue", "solve", "I-2")
    cli.ok("todo", "add", "Call Acme", "--owner", "Ana")
    cli.ok("rock", "add", "Hire two AEs", "--owner", "Ana")
    return cli


REFUSED: list[tuple[list[str], str]] = [
    # unknown names say which names exist
    (["issue", "add", "A title", "--team", "Sals"], "known teams: Marketing, Sales"),
    (["issue", "add", "A title", "--team", "Sales", "--by", "Zed"], "known persons: Ana, Ben"),
    (["issue", "add", "A title", "--team", "Sales", "--by-team", "Ops"], "no team 'Ops'"),
    (["person", "add", "Cleo", "--team", "Nope"], "known teams"),
    (["todo", "add", "Call", "--owner", "Nobody"], "known persons: Ana, Ben"),
    (["score", "set", "Leeds", "4"], "known measurables: MQLs, Rate, SQLs"),
    (["measurable", "add", "X", "--owner", "Ana", "--goal", "1", "--derived", "SQLs/Leeds"], "no measurable 'Leeds'"),
    (["measurable", "add", "X", "--owner", "Ana", "--goal", "1", "--derived", "SQLs"], "NUMERATOR/DENOMINATOR"),
    (["measurable", "add", "Y", "--owner", "Ana", "--goal", "1", "--derived", "Rate/MQLs"], "itself derived"),
    (["measurable", "add", "Z", "--owner", "Ana", "--goal", "1", "--derived", "MQLs/MQLs"], "two different"),
    (["issue", "list", "--team", "Nope"], "known teams"),
    (["rock", "add", "R", "--owner", "Ana", "--team", "Nope"], "known teams"),
    # control characters, bidi overrides, empty and over-long titles
    (["issue", "add", "bell\x07", "--team", "Sales"], "control character"),
    (["issue", "add", "esc \x1b[31m red", "--team", "Sales"], "control character"),
    (["issue", "add", "evil \u202e txt", "--team", "Sales"], "control character"),
    (["issue", "add", "   ", "--team", "Sales"], "empty"),
    (["issue", "add", "", "--team", "Sales"], "empty"),
    (["issue", "add", "x" * 201, "--team", "Sales"], "too long"),
    (["issue", "add", "ok", "--team", "Sales", "--details", "nul\x00"], "control character"),
    (["todo", "add", "", "--owner", "Ana"], "empty"),
    (["rock", "add", "tab\tin title", "--owner", "Ana"], "control character"),
    (["team", "add", "Sales"], "already a team"),
    (["team", "add", "sales"], "already a team"),
    (["team", "add", "\x1b"], "control character"),
    (["person", "add", "", "--team", "Sales"], "empty"),
    (["measurable", "add", "MQLs", "--owner", "Ana", "--goal", "1"], "already a measurable"),
    # dates
    (["todo", "add", "Call", "--owner", "Ana", "--due", "31 Feb"], "not a date"),
    (["todo", "add", "Call", "--owner", "Ana", "--due", "someday"], "not a date"),
    (["score", "set", "MQLs", "4", "--week", "last blue moon"], "not a date"),
    (["rock", "add", "R", "--owner", "Ana", "--quarter", "2026-Q5"], "not a quarter"),
    (["rock", "add", "R", "--owner", "Ana", "--due", "\x07"], "not a date"),
    # numbers
    (["score", "set", "MQLs", "lots"], "not a number"),
    (["score", "set", "MQLs", "nan"], "out of range"),
    (["score", "set", "MQLs", "1e400"], "out of range"),
    (["score", "set", "MQLs", ""], "empty"),
    (["score", "set", "Rate", "40"], "computed from SQLs / MQLs"),
    (["measurable", "add", "X", "--owner", "Ana", "--goal", "ten"], "not a number"),
    # ids
    (["issue", "solve", "I-99"], "no issue I-99"),
    (["issue", "solve", "T-1"], "not an id like I-12"),
    (["issue", "drop", "banana"], "not an id like I-12"),
    (["issue", "show", "I-0"], "no issue"),
    (["todo", "done", "T-9"], "no to-do T-9"),
    (["rock", "status", "R-7", "on"], "no rock R-7"),
    (["show", "MT-4"], "no meeting MT-4"),
    (["export", "latest"], "no finished meeting yet"),
    # closed records
    (["issue", "solve", "I-2"], "already solved"),
    (["issue", "drop", "I-2"], "already solved"),
    # options that are well-formed but wrong
    (["team", "add", "Ops", "--colour", "red"], "not like #4c8dff"),
    (["team", "add", "Ops", "--day", "someday"], "not a weekday"),
    (["team", "add", "Ops", "--time", "25:00"], "not a time"),
]


@pytest.mark.parametrize(("args", "message"), REFUSED, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_refused_with_one_line_and_no_change(base: Cli, args: list[str], message: str) -> None:
    base.fail(*args, code=1, match=message)


USAGE: list[tuple[list[str], str]] = [
    (["issue", "add", "Title"], "Missing option '--team'"),
    (["issue", "add"], "Missing argument 'TITLE'"),
    (["issue", "add", "T", "--team", "Sales", "--bogus"], "No such option '--bogus'"),
    (["issue", "frobnicate"], "No such command 'frobnicate'"),
    (["nothing-here"], "No such command"),
    (["rock", "status", "R-1", "sideways"], "'sideways' is not one of"),
    (["measurable", "add", "X", "--owner", "Ana", "--goal", "1", "--op", ">"], "is not one of"),
    (["score", "show", "--weeks", "zero"], "'zero' is not a valid integer"),
    (["history", "--last", "0"], "--last"),
    (["alignment", "--weeks", "-3"], "--weeks"),
    (["export", "latest", "--format", "pdf"], "'pdf' is not one of"),
]


@pytest.mark.parametrize(("args", "message"), USAGE, ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_usage_errors_exit_2_in_one_line(base: Cli, args: list[str], message: str) -> None:
    line = base.fail(*args, code=2, match=message)
    assert "--help" in line  # says where to look


def test_store_in_missing_directory_is_refused(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "l10.json"
    result = cli.run("--db", str(missing), "team", "add", "Sales", db=False)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"l10: error: cannot use {missing}: the directory {missing.parent} does not exist"
    assert not missing.parent.exists()


def test_a_group_without_its_command_shows_its_help(cli: Cli) -> None:
    result = cli.run("issue")
    assert result.exit_code == 2
    assert "add" in result.stdout and "solve" in result.stdout
    assert result.stderr == "l10: error: l10 issue: which command? (see above)\n"


def test_empty_db_option_is_refused(cli: Cli) -> None:
    cli.fail("--db", "", "team", "add", "Sales", db=False, match="--db is empty")
    assert not (cli.store.parent / "xdg").exists()  # the default store was not used instead


def test_damaged_store_is_refused_untouched(cli: Cli) -> None:
    cli.store.write_bytes(b'{"_meta": {"1": {"schema_version": 1}}, "issues": {"1": ')
    line = cli.fail("issue", "add", "A title", "--team", "Sales", code=1, match="is damaged")
    assert str(cli.store) in line
    cli.fail("issue", "list", code=1, match="it was left untouched")


def test_bad_today_env_is_refused(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10_TODAY", "tomorrow-ish")
    cli.fail("todo", "list", code=1, match="L10_TODAY")


def test_bad_import_rows_are_reported_by_line_and_nothing_is_imported(base: Cli, tmp_path: Path) -> None:
    csv_file = tmp_path / "numbers.csv"
    csv_file.write_text(
        "measurable,week,value\n"
        "MQLs,2026-11-09,41\n"  # good
        "Leeds,2026-11-09,3\n"  # line 3: unknown
        "MQLs,2026-13-40,3\n"  # line 4: bad date
        "SQLs,2026-11-09,many\n"  # line 5: bad number
        "MQLs,2026-11-10,5\n"  # line 6: same week as line 2
        "Rate,2026-11-09,5\n"  # line 7: derived
        "MQLs,2026-11-09\n"  # line 8: too few columns
    )
    line = base.fail("score", "import", str(csv_file), match="6 bad rows")
    for expected in ("line 3: no measurable 'Leeds'", "line 4:", "line 5: value is not a number", "line 6:"):
        assert expected in line
    assert "and 1 more" in line


def test_import_refuses_unreadable_files(base: Cli, tmp_path: Path) -> None:
    binary = tmp_path / "bad.csv"
    binary.write_bytes(b"MQLs,2026-11-09,\xff\xfe\n")
    base.fail("score", "import", str(binary), match="not UTF-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("measurable,week,value\n")
    base.fail("score", "import", str(empty), match="has no rows")
    base.fail("score", "import", str(tmp_path / "missing.csv"), match="no such file")


def test_already_done_todo_and_closed_rock(base: Cli) -> None:
    base.ok("todo", "done", "T-1")
    base.fail("todo", "done", "T-1", match="already done")
    base.ok("rock", "status", "R-1", "not-done")
    base.fail("rock", "status", "R-1", "on", match="already closed")


def test_export_to_a_missing_directory(
    base: Cli, company_free_meeting: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("out")  # outside the store's folder tree
    base.fail("export", "latest", "-o", str(out / "nope" / "out.md"), match="does not exist")


@pytest.fixture
def company_free_meeting(base: Cli) -> None:
    """A finished meeting added straight through the store (so ``export latest`` has something to export)."""
    from datetime import UTC, datetime

    from l10tui.store import open_store

    db = open_store(base.store)
    when = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    db.meetings.add(teams=[db.teams.lookup("Sales").id], actual_start=when, actual_end=when, state="finished")
