"""Fuzzed input through the CLI: a command either succeeds and what it stored renders everywhere, or it is refused
in one line with the store unchanged. Never a traceback, never another exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import Cli, snapshot
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# any text, plus the characters that cause trouble: controls, bidi overrides, zero-width, combining, wide, emoji
nasty = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\x00", "\x1b", "\x7f", "\u202e", "\u2066", "\u200b", "\u0301", "日", "🙂", "\n", "\t"]),
    ),
    max_size=260,
)


@pytest.fixture
def base(cli: Cli) -> Cli:
    cli.ok("team", "add", "Sales")
    cli.ok("person", "add", "Ana", "--team", "Sales")
    cli.ok("measurable", "add", "MQLs", "--owner", "Ana", "--goal", "40")
    return cli


def check(cli: Cli, *args: str) -> bool:
    """Run; on refusal check the contract and the bytes; return whether it succeeded."""
    before = snapshot(cli.store)
    result = cli.run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        return True
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("l10: error: "), result.stderr
    assert snapshot(cli.store) == before
    return False


def renders(cli: Cli) -> None:
    for args in (["issue", "list", "--all"], ["issue", "list", "--json"], ["todo", "list", "--all"], ["score", "show"]):
        cli.ok(*args)


@FUZZ
@given(title=nasty)
@example(title="\udcff bad byte")
@example(title="x" * 200)
@example(title="--team")
def test_issue_titles(base: Cli, title: str) -> None:
    if check(base, "issue", "add", title, "--team", "Sales", "--details", title):
        renders(base)
        last = base.json("issue", "list")[-1]
        assert last["title"] == title.strip()
        base.ok("issue", "show", last["id"])


@FUZZ
@given(due=nasty)
@example(due="+9999d")
@example(due="9999-12-31")
@example(due="0001-01-01")
def test_due_dates(base: Cli, due: str) -> None:
    if check(base, "todo", "add", "Call", "--owner", "Ana", "--due", due):
        renders(base)


@FUZZ
@given(value=st.one_of(nasty, st.floats(allow_nan=True).map(str), st.integers().map(str)))
@example(value="1e308")
@example(value="-0")
@example(value="$12k")
def test_score_values(base: Cli, value: str) -> None:
    if check(base, "score", "set", "MQLs", value, "--week", "2026-11-16"):
        renders(base)


@FUZZ
@given(ref=nasty)
@example(ref="I-999999999999")
@example(ref="I--1")
def test_ids(base: Cli, ref: str) -> None:
    base.ok("issue", "add", "Something", "--team", "Sales")
    check(base, "issue", "drop", ref)
    check(base, "todo", "done", ref)
    check(base, "show", ref)
    renders(base)


@FUZZ
@given(rows=st.lists(st.tuples(nasty, nasty, nasty), max_size=6))
def test_csv_rows(base: Cli, tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    path = tmp_path / "fuzz.csv"
    path.write_text(buf.getvalue(), encoding="utf-8", errors="surrogatepass")
    check(base, "score", "import", str(path))
    check(base, "score", "import", str(path), "--skip-bad")
    renders(base)
