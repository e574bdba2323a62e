"""``l10 funnel set/show/clear`` (issue #18): refusals are one line and leave the store byte-for-byte as it was; the
funnel is kept with each stage's team; ``show`` and ``alignment`` (text and --json) carry it; the demo's funnel names
a leak its numbers really contain. Fails on the code before issue #18 (no ``l10 funnel``)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from cli_helpers import Cli, Company

from l10tui.domain.funnel import NOISY_BELOW


@pytest.fixture
def funnel_company(cli: Cli, company: Company) -> Cli:
    db = company.db
    demos = db.measurables.add("Demos", owner=db.people.lookup("Ben").id, goal=5, teams=[db.teams.lookup("Sales").id])
    db.scores.set(demos.id, date(2026, 11, 9), 6)
    db.scores.set(demos.id, date(2026, 11, 16), 2)
    return cli


REFUSED: list[tuple[list[str], str]] = [
    (["funnel", "set", "Leads"], "at least 2 stages"),
    (["funnel", "set"], "at least 2 stages"),
    (["funnel", "set", "Leads", "SQLs", "Leads"], "Leads is in the funnel twice"),
    (["funnel", "set", "Leads", "Revenue"], "Revenue is not a weekly count"),
    (["funnel", "set", "Leads", "SQL rate"], "SQL rate is not a weekly count (derived"),
    (["funnel", "set", "Leads", "Leeds"], "known measurables: Demos, Leads, Revenue, SQL rate, SQLs"),
    (["funnel", "set", *[f"x{i}" for i in range(9)]], "no measurable 'x0'"),
]


@pytest.mark.parametrize(("args", "match"), REFUSED)
def test_refusals_write_nothing(funnel_company: Cli, args: list[str], match: str) -> None:
    funnel_company.fail(*args, match=match)


def test_refusal_keeps_the_funnel_set_before(funnel_company: Cli) -> None:
    cli = funnel_company
    cli.ok("funnel", "set", "Leads", "SQLs")
    cli.fail("funnel", "set", "Leads", "Leads", match="twice")  # the bytes of the file with its funnel
    assert [s["measurable_name"] for s in cli.json("funnel", "show")["stages"]] == ["Leads", "SQLs"]


def test_show_without_a_funnel_says_how_to_make_one(funnel_company: Cli) -> None:
    line = funnel_company.fail("funnel", "show", match="no funnel yet")
    assert "l10 funnel set" in line
    assert funnel_company.json("funnel", "show") is None


def test_set_and_show(funnel_company: Cli) -> None:
    cli = funnel_company
    out = cli.ok("funnel", "set", "Leads", "SQLs", "Demos").stdout
    assert out.strip() == "Funnel: Leads (Marketing) -> SQLs (Sales) -> Demos (Sales)"
    data = cli.json("funnel", "show", "--weeks", "3")
    assert data["weeks"] == ["2026-11-02", "2026-11-09", "2026-11-16"]  # ends with the week a meeting reports
    assert [s["team_name"] for s in data["stages"]] == ["Marketing", "Sales", "Sales"]
    first, second = data["steps"]
    assert first["weeks"]["2026-11-02"] == {"conversion": None, "state": "gap", "noisy": False, "below_median_by": None}
    assert first["weeks"]["2026-11-09"]["conversion"] == round(12 / 38 * 100, 1)
    assert first["weeks"]["2026-11-16"]["conversion"] == 20.0
    assert first["median"] == round((31.6 + 20.0) / 2, 1)
    # Leads -> SQLs fell below its median this week (20 % against 25.8 %, shown 26 %), with 45 leads: the leak, Sales' side.
    assert data["leak"]["label"] == "Leads -> SQLs" and data["leak"]["team_name"] == "Sales"
    assert data["line"] == "Funnel leak, wk 16 Nov: Leads -> SQLs 20 %, median 26 %: Sales"
    # SQLs -> Demos: 9 SQLs this week, fewer than NOISY_BELOW: noisy, never the leak.
    assert NOISY_BELOW == 10 and second["weeks"]["2026-11-16"]["noisy"] is True
    text = cli.ok("funnel", "show", "--weeks", "3").stdout
    assert "Funnel leak, wk 16 Nov: Leads -> SQLs 20 %, median 26 %: Sales" in text
    assert "~ 22 % noisy (9 at the start)" in text


def test_alignment_includes_the_funnel(funnel_company: Cli) -> None:
    cli = funnel_company
    assert cli.json("alignment")["funnel"] is None
    cli.ok("funnel", "set", "Leads", "SQLs")
    data = cli.json("alignment")
    assert data["funnel"]["leak"]["label"] == "Leads -> SQLs"
    text = cli.ok("alignment").stdout
    assert "Funnel leak, wk 16 Nov: Leads -> SQLs" in text


def test_clear(funnel_company: Cli) -> None:
    cli = funnel_company
    cli.ok("funnel", "set", "Leads", "SQLs")
    assert cli.ok("funnel", "clear").stdout.strip() == "Funnel removed."
    assert cli.ok("funnel", "clear").stdout.strip() == "There was no funnel."
    cli.fail("funnel", "show", match="no funnel yet")


def test_the_demo_funnel_names_a_leak_its_numbers_contain(cli: Cli) -> None:
    """The demo sets MQLs -> SQLs -> Demos booked -> New customers; the leak named is the step that really fell
    furthest below its median in the reported week, recomputed here from the raw scores."""
    cli.ok("demo", "--no-open")
    data = cli.json("funnel", "show")
    assert [s["measurable_name"] for s in data["stages"]] == ["MQLs", "SQLs", "Demos booked", "New customers"]
    assert data["this_week"] == "2026-11-16" and data["leak"] is not None
    scores = cli.json("score", "show", "--weeks", "14")["scores"]
    by = {(s["measurable_name"], s["week"]): s["value"] for s in scores}
    weeks = [(date(2026, 11, 16) - timedelta(weeks=i)).isoformat() for i in range(12, -1, -1)]
    falls = {}
    for near, far in (("MQLs", "SQLs"), ("SQLs", "Demos booked"), ("Demos booked", "New customers")):
        rates = [
            round(by[(far, w)] / by[(near, w)] * 100, 1)
            for w in weeks
            if (near, w) in by and (far, w) in by and by[(near, w)]
        ]
        rates.sort()
        mid = len(rates) // 2
        median = rates[mid] if len(rates) % 2 else round((rates[mid - 1] + rates[mid]) / 2, 1)
        this = round(by[(far, weeks[-1])] / by[(near, weeks[-1])] * 100, 1)
        if this < median and by[(near, weeks[-1])] >= NOISY_BELOW:
            falls[f"{near} -> {far}"] = (median - this) / median
    assert falls, "the demo's numbers hold no leak"
    assert data["leak"]["label"] == max(falls, key=lambda k: falls[k])
