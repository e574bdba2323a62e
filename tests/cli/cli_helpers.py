"""Helpers of the CLI tests: a runner that checks the error contract, and a small hand-built company.

``Cli.ok(...)`` expects exit 0; ``Cli.fail(...)`` expects a refusal: the given exit code, exactly one line on stderr
starting ``l10: error:``, and the store file byte-for-byte unchanged.

The company's numbers are known, for the CLI, report and alignment tests:

Teams Sales (TM-1) and Marketing (TM-2). Ana, Ben: Sales; Cleo, Eve: Marketing; Dev: both.
One finished joint meeting MT-1 on Monday 2026-11-16, planned 09:00 UTC, started 09:03, ended 10:35 (3 min late,
ran over by 2 min). Ratings: Ana 9, Ben 7 ("Start on time"), Cleo 6 ("Less arguing about leads"), Dev 10, Eve
absent. To-dos reviewed there: T-1 (Ben) done, T-2 (Cleo) not done, T-3 (Dev) done; T-4 (Cleo) made there.

Issues (created -> ended):
  I-1 Sales, raised by Marketing/Cleo, 11-09 09:00 -> solved in MT-1 11-16 09:30 (7.02 days)
  I-2 Marketing, raised by Sales/Ben, 11-10 09:00 -> dropped in MT-1 11-16 09:40
  I-3 Marketing, raised by Sales/Ana, 11-16 10:00 (added in MT-1), open
  I-4 Sales, raised by Sales/Ben, 11-18 09:00, open
  I-5 Sales, raised by Marketing/Cleo, 11-19 12:00 -> solved 11-22 12:00 (3.0 days)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from l10tui.cli import main
from l10tui.domain.clock import FakeClock
from l10tui.domain.models import Formula, IssueDiscussion, Rating, SegmentTime
from l10tui.store import L10Store

TODAY = date(2026, 11, 23)
MEETING_DAY = date(2026, 11, 16)


def ts(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass
class Company:
    db: L10Store
    meeting: str


def build_company(db: L10Store, clock: FakeClock) -> Company:
    def at(when: datetime) -> None:
        clock.wall = when

    at(ts(11, 2))
    sales = db.teams.add("Sales").id
    marketing = db.teams.add("Marketing", weekday=1, hour=10, minute=30).id
    ana = db.people.add("Ana", [sales]).id
    ben = db.people.add("Ben", [sales]).id
    cleo = db.people.add("Cleo", [marketing]).id
    dev = db.people.add("Dev", [sales, marketing]).id
    eve = db.people.add("Eve", [marketing]).id
    leads = db.measurables.add("Leads", owner=cleo, goal=40, teams=[marketing]).id
    sqls = db.measurables.add("SQLs", owner=ben, goal=10, teams=[sales]).id
    revenue = db.measurables.add("Revenue", owner=ana, goal=10000, unit="$", teams=[sales, marketing]).id
    conv = db.measurables.add(
        "SQL rate", owner=ana, goal=25, unit="%", teams=[sales, marketing], formula=Formula(sqls, leads)
    ).id
    db.scores.set(leads, date(2026, 11, 9), 38)
    db.scores.set(sqls, date(2026, 11, 9), 12)
    db.scores.set(revenue, date(2026, 11, 9), 8000)
    db.scores.set(leads, date(2026, 11, 16), 45)
    db.scores.set(sqls, date(2026, 11, 16), 9)
    db.scores.set(revenue, date(2026, 11, 16), 12000)
    rock = db.rocks.add("Hire two AEs", owner=ana, team=sales, quarter="2026-Q4").id

    at(ts(11, 9))
    i1 = db.issues.add("Leads arrive without phone numbers", team=sales, raised_by=cleo, raised_by_team=marketing).id
    t1 = db.todos.add("Call back Acme", owner=ben, today=date(2026, 11, 9), team=sales).id
    at(ts(11, 10))
    i2 = db.issues.add("Webinar leads are junk", team=marketing, raised_by=ben, raised_by_team=sales).id
    t2 = db.todos.add("Draft the December newsletter", owner=cleo, today=date(2026, 11, 10), team=marketing).id
    t3 = db.todos.add("Update the pricing deck", owner=dev, today=date(2026, 11, 10), team=sales).id

    # The meeting, 09:03 - 10:35 on Monday 2026-11-16.
    at(ts(11, 16, 9, 5))
    db.rocks.set_status(rock, "on", MEETING_DAY)
    h1 = db.headlines.add("Acme renewed for two years", kind="customer", by=ben, meeting="MT-1").id
    db.todos.review(t1, "MT-1", True)
    db.todos.review(t2, "MT-1", False)
    db.todos.review(t3, "MT-1", True)
    at(ts(11, 16, 9, 30))
    t4 = db.todos.add(
        "Make phone a required field on the lead form",
        owner=cleo,
        today=MEETING_DAY,
        meeting="MT-1",
        source_issue=i1,
        team=marketing,
    ).id
    issue = db.issues.get(i1)
    issue.todos.append(t4)
    issue.meetings.append("MT-1")
    db.issues.save(issue)
    db.issues.solve(i1, "Marketing makes the phone field required; Sales calls within a day")
    at(ts(11, 16, 9, 40))
    issue = db.issues.get(i2)
    issue.meetings.append("MT-1")
    db.issues.save(issue)
    db.issues.drop(i2, "dropped in the meeting")
    at(ts(11, 16, 10, 0))
    i3 = db.issues.add("Sales ignores the lead score", team=marketing, raised_by=ana, raised_by_team=sales).id
    at(ts(11, 16, 10, 35))
    planned = [300, 300, 300, 300, 300, 3600, 300]
    actual = [240.0, 300.0, 290.0, 310.0, 280.0, 3900.0, 200.0]
    names = ["Segue", "Scorecard", "Rock review", "Headlines", "To-do list", "IDS", "Conclude"]
    meeting = db.meetings.add(
        teams=[sales, marketing],
        planned_start=ts(11, 16, 9, 0),
        actual_start=ts(11, 16, 9, 3),
        actual_end=ts(11, 16, 10, 35),
        attendance={ana: True, ben: True, cleo: True, dev: True, eve: False},
        segments=[SegmentTime(n, p, a) for n, p, a in zip(names, planned, actual, strict=True)],
        items_reviewed=[leads, sqls, revenue, conv, rock, t1, t2, t3],
        issues_discussed=[
            IssueDiscussion(i1, 450.0, "Identify: the form does not ask for a phone number", "solved"),
            IssueDiscussion(i2, 120.0, "", "dropped"),
        ],
        todos_created=[t4],
        issues_added=[i3],
        headlines=[h1],
        cascading_messages=["Tell support that the lead form changes on Friday"],
        ratings=[
            Rating(ana, 9),
            Rating(ben, 7, comment="Start on time"),
            Rating(cleo, 6, comment="Less arguing about leads"),
            Rating(dev, 10),
            Rating(eve, None, absent=True),
        ],
        state="finished",
    )
    assert meeting.id == "MT-1"

    at(ts(11, 18))
    db.issues.add("Quotes take three days", team=sales, raised_by=ben, raised_by_team=sales)
    at(ts(11, 19, 12))
    i5 = db.issues.add("Trial users get no follow-up", team=sales, raised_by=cleo, raised_by_team=marketing).id
    at(ts(11, 22, 12))
    db.issues.solve(i5, "Ben calls every trial user on day 2")
    at(ts(11, 23, 9))
    return Company(db=db, meeting=meeting.id)


def snapshot(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


@dataclass
class Cli:
    store: Path
    runner: CliRunner

    def run(self, *args: str, db: bool = True, input: str | None = None) -> Result:
        argv = ["--db", str(self.store), *args] if db else list(args)
        return self.runner.invoke(main, argv, input=input, catch_exceptions=True)

    def ok(self, *args: str, **kw: Any) -> Result:
        result = self.run(*args, **kw)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        assert result.exit_code == 0, f"exit {result.exit_code}: {result.stderr}"
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self.ok(*args, "--json").stdout)

    def fail(self, *args: str, code: int = 1, match: str = "", **kw: Any) -> str:
        """Run a command that must be refused; return its one error line."""
        before = snapshot(self.store)
        result = self.run(*args, **kw)
        assert result.exit_code == code, f"exit {result.exit_code} (wanted {code}): {result.stdout} {result.stderr}"
        assert isinstance(result.exception, SystemExit | None), repr(result.exception)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("l10: error: "), lines[0]
        assert "Traceback" not in result.output
        assert match.lower() in lines[0].lower(), lines[0]
        assert snapshot(self.store) == before, "a refused command changed the store"
        return lines[0]
