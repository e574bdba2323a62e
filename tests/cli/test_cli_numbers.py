"""Numbers as meant: a decimal comma is refused with a hint, thousands separators keep working, a measurable that may
not be negative refuses -3, a wrong number can be cleared after a confirmation, and CSV import names bad rows by
line. One parser (domain.rules.parse_number / parse_score) for the CLI, CSV import, the app and the meeting."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from tests.cli.cli_helpers import Cli

from l10tui.domain.clock import FakeClock
from l10tui.domain.models import Measurable
from l10tui.domain.rules import InputError, parse_number, parse_score
from l10tui.meeting import MeetingError, MeetingRun
from l10tui.store import open_store


@pytest.mark.parametrize(
    ("typed", "value"),
    [("1,200", 1200.0), ("$40,000", 40000.0), ("1,234,567.5", 1234567.5), ("12.5", 12.5), ("-3", -3.0), ("37%", 37.0)],
)
def test_thousands_separators_keep_working(typed: str, value: float) -> None:
    assert parse_number(typed) == value


@pytest.mark.parametrize(("typed", "hint"), [("12,5", "write 12.5"), ("0,75", "write 0.75"), ("1,2345", "1.2345")])
def test_a_decimal_comma_is_refused_with_a_hint(typed: str, hint: str) -> None:
    with pytest.raises(InputError, match=hint):
        parse_number(typed)


def test_negative_only_where_the_measurable_allows_it() -> None:
    sqls = Measurable(id="M-1", created_at=None, updated_at=None, name="SQLs")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="SQLs may not be negative"):
        parse_score("-3", sqls)
    sqls.negative = True
    assert parse_score("-3", sqls) == -3.0


@pytest.fixture
def card(cli: Cli) -> Cli:
    cli.ok("team", "add", "Sales")
    cli.ok("person", "add", "Ann", "--team", "Sales")
    cli.ok("measurable", "add", "SQLs", "--owner", "Ann", "--goal", "30")
    cli.ok("measurable", "add", "Cash change", "--owner", "Ann", "--goal", "0", "--negative")
    return cli


def test_cli_score_set_refuses_comma_and_negative(card: Cli) -> None:
    card.fail("score", "set", "SQLs", "12,5", match="12,5' has a decimal comma: write 12.5")
    card.fail("score", "set", "SQLs", "--", "-3", match="SQLs may not be negative")
    assert "-1,500" in card.ok("score", "set", "Cash change", "--", "-1500").stdout
    assert "1,200" in card.ok("score", "set", "SQLs", "1,200").stdout


def test_cli_score_clear_asks_first(card: Cli) -> None:
    card.ok("score", "set", "SQLs", "31", "--week", "2026-11-16")
    card.fail("score", "clear", "SQLs", "--week", "2026-11-16", input="n\n", match="nothing cleared")
    assert "Cleared SQLs" in card.ok("score", "clear", "SQLs", "--week", "2026-11-16", input="y\n").stdout
    card.fail("score", "clear", "SQLs", "--week", "2026-11-16", "--yes", match="no number")
    assert card.json("score", "show") is not None


def test_csv_import_names_bad_rows_by_line(card: Cli, tmp_path: Path) -> None:
    path = tmp_path / "scores.csv"
    path.write_text('measurable,week,value\nSQLs,2026-11-16,31\nSQLs,2026-11-09,"12,5"\nSQLs,2026-11-02,-3\n')
    line = card.fail("score", "import", str(path), match="2 bad rows")
    assert "line 3:" in line and "write 12.5" in line and "line 4:" in line and "may not be negative" in line


def test_the_meeting_refuses_a_negative_count(card: Cli) -> None:
    clock = FakeClock()
    db = open_store(card.store, clock)
    run = MeetingRun.open(db, clock, tz=UTC)
    sqls = db.measurables.lookup("SQLs")
    with pytest.raises(MeetingError, match="may not be negative"):
        run.set_score(sqls.id, -3.0)
