"""After the hot/cold split moves closed records into yearly archives, the reports still see the whole history."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_helpers import Cli, Company

from l10tui.domain.clock import FakeClock
from l10tui.store import open_store

GOLDEN = Path(__file__).parent / "golden" / "meeting-MT-1.md"


@pytest.fixture
def archived(cli: Cli, company: Company, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Cli:
    clock.wall = datetime(2027, 4, 10, 9, 0, tzinfo=UTC)  # 2027-Q2: everything closed in 2026 is old
    db = open_store(cli.store, clock)
    moved = db.compact()
    assert moved > 0
    live = open_store(cli.store)
    assert live.meetings.all() == [] and "I-1" not in {i.id for i in live.issues.all()}
    monkeypatch.setenv("L10_TODAY", "2027-04-10")
    return cli


def test_history_and_export_read_the_archives(archived: Cli) -> None:
    assert [r["meeting"] for r in archived.json("history")] == ["MT-1"]
    assert archived.ok("export", "latest").stdout == GOLDEN.read_text(encoding="utf-8")
    assert archived.ok("export", "MT-1").stdout == GOLDEN.read_text(encoding="utf-8")


def test_listings_with_all_include_archived_records(archived: Cli) -> None:
    assert {i["id"] for i in archived.json("issue", "list")} == {"I-3", "I-4"}
    assert {i["id"] for i in archived.json("issue", "list", "--all")} == {"I-1", "I-2", "I-3", "I-4", "I-5"}
    assert archived.json("issue", "show", "I-1")["status"] == "solved"
    assert {t["id"] for t in archived.json("todo", "list", "--all")} >= {"T-1", "T-3"}
    assert [r["id"] for r in archived.json("rock", "list", "--quarter", "2026-Q4")] == ["R-1"]


def test_alignment_and_doctor_see_the_archives(archived: Cli) -> None:
    a = archived.json("alignment", "--weeks", "30")
    assert a["raised_matrix"] == {"Marketing": {"Sales": 2}, "Sales": {"Marketing": 1, "Sales": 1}}  # I-2 dropped
    assert a["time_to_solve"]["Sales"]["solved"] == 2
    assert a["rating"]["Sales"] == {"average": 8.67, "ratings": 3}
    card = archived.json("score", "show", "--weeks", "30")
    leads = next(r for r in card["rows"] if r["measurable"]["name"] == "Leads")
    assert leads["values"]["2026-11-16"] == 45.0
    report = archived.json("doctor")
    assert report["ok"] is True and report["archived"] > 0
    assert not [w for w in report["warnings"] if "does not exist" in w]  # references into the archives resolve


def test_alignment_all_time_from_the_summaries_equals_the_window_over_every_week(archived: Cli) -> None:
    """Issue 14: ``--all`` counts the archived years from their summaries; the same figures as a window that reaches
    back over all of them (read from the records). On the code before, ``--all`` did not exist (usage error)."""
    every = archived.json("alignment", "--all")
    weeks = len(every["cross_team_by_week"])
    wide = archived.json("alignment", "--weeks", str(weeks))
    assert every["window"] == wide["window"] and every["window"]["start"] == "2026-11-09"  # the first week held
    for key in every:
        if key != "funnel":
            assert every[key] == wide[key], key
    assert every["raised_matrix"] == {"Marketing": {"Sales": 2}, "Sales": {"Marketing": 1, "Sales": 1}}
