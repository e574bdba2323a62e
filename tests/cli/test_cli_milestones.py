"""``l10 rock milestone`` and the milestones among the owner's to-dos (today is Monday 2026-11-23; R-1 is Ana's
Sales rock of 2026-Q4)."""

from __future__ import annotations

from cli_helpers import Cli, Company


def test_add_list_show_and_the_rock_shows_its_progress(cli: Cli, company: Company) -> None:
    said = cli.ok("rock", "milestone", "add", "R-1", "Job ad out", "--due", "2026-11-20").stdout
    assert "Added milestone R-1.1 to R-1, due 2026-11-20" in said
    cli.ok("rock", "milestone", "add", "R-1", "First interviews", "--due", "27 Nov")
    cli.ok("rock", "milestone", "add", "r1", "Offers signed", "--due", "2026-12-18")
    got = cli.json("rock", "milestone", "add", "R-1", "Onboarding plan", "--due", "2026-12-30")
    assert got["id"] == "R-1.4" and got["state"] == "open"
    cli.ok("rock", "milestone", "done", "R-1.2")
    cli.ok("rock", "milestone", "drop", "R-1.4")
    rows = cli.json("rock", "milestone", "list", "R-1")
    assert [(r["id"], r["state"]) for r in rows] == [("R-1.1", "late"), ("R-1.2", "done"), ("R-1.3", "open")]
    assert len(cli.json("rock", "milestone", "list", "R-1", "--all")) == 4
    listing = cli.ok("rock", "list").stdout
    assert "MILESTONES" in listing and "1/3 late" in listing
    (r,) = cli.json("rock", "list")
    assert len(r["milestones"]) == 4  # the stored list, dropped one included
    assert cli.json("rock", "show", "R-1")["milestone_progress"] == {
        "done": 1,
        "total": 3,
        "next": "Job ad out",
        "next_due": "2026-11-20",
        "next_late": True,
    }
    shown = cli.ok("rock", "show", "R-1").stdout
    assert "1 of 3 milestones, next 20 Nov LATE" in shown and "Offers signed" in shown
    assert cli.json("rock", "show", "R-1")["milestone_progress"]["total"] == 3


def test_due_within_a_week_they_are_the_owners_todos_and_ticking_one_marks_the_milestone(
    cli: Cli, company: Company
) -> None:
    cli.ok("rock", "milestone", "add", "R-1", "Job ad out", "--due", "2026-11-20")  # late
    cli.ok("rock", "milestone", "add", "R-1", "First interviews", "--due", "2026-11-30")  # in 7 days
    cli.ok("rock", "milestone", "add", "R-1", "Offers signed", "--due", "2026-12-01")  # 8 days: not yet
    out = cli.ok("todo", "list", "--owner", "Ana").stdout
    assert "R-1.1" in out and "Job ad out (milestone of R-1)" in out and "2026-11-20 late" in out
    assert "R-1.2" in out and "R-1.3" not in out
    assert "R-1.1" not in cli.ok("todo", "list", "--owner", "Ben").stdout
    rows = [r for r in cli.json("todo", "list") if r.get("kind") == "milestone"]
    assert [(r["id"], r["rock"], r["owner_name"], r["late"]) for r in rows] == [
        ("R-1.1", "R-1", "Ana", True),
        ("R-1.2", "R-1", "Ana", False),
    ]
    assert "Done milestone R-1.1" in cli.ok("todo", "done", "R-1.1").stdout
    assert "R-1.1" not in cli.ok("todo", "list").stdout
    assert cli.json("rock", "show", "R-1")["milestone_progress"]["done"] == 1
    cli.ok("todo", "done", "R-1.1", "--undo")
    assert "R-1.1" in cli.ok("todo", "list").stdout


def test_bad_milestones_are_refused_in_one_line_with_nothing_written(cli: Cli, company: Company) -> None:
    cli.fail("rock", "milestone", "add", "R-1", "Too late", "--due", "2027-01-04", match="after R-1's quarter 2026-Q4")
    cli.fail("rock", "milestone", "add", "R-9", "No rock", "--due", "4 Dec", match="no rock R-9")
    cli.fail("rock", "milestone", "add", "R-1", "Bad day", "--due", "someday", match="not a date")
    cli.fail("rock", "milestone", "add", "R-1", "   ", "--due", "4 Dec", match="title")
    cli.fail("rock", "milestone", "done", "R-1.7", match="no milestone R-1.7")
    cli.fail("rock", "milestone", "done", "R-1", match="not a milestone id")
    cli.ok("rock", "milestone", "add", "R-1", "Job ad out", "--due", "4 Dec")
    cli.ok("rock", "milestone", "done", "R-1.1")
    cli.fail("rock", "milestone", "done", "R-1.1", match="already done")
    cli.fail("todo", "done", "R-1.1", match="already done")
    cli.ok("rock", "status", "R-1", "not-done")
    cli.fail("rock", "milestone", "add", "R-1", "After closing", "--due", "4 Dec", match="closed as not-done")
