"""Blame counted honestly (issue #20): a hand-made store whose alignment figures equal a hand count.

Fails on the code before issue #20: dropped/merged issues and the owner's issues counted as cross-team blame, the
trend depended on the window's length, the 4-week columns began with a part-block, no quarter line."""

from __future__ import annotations

from datetime import UTC, date, datetime

from l10tui.commands.alignment_render import render_text, report_json
from l10tui.domain import alignment as al
from l10tui.domain import alignment_issues as ai
from l10tui.domain import alignment_window as aw
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store

TODAY = date(2026, 11, 23)


def at(clock: FakeClock, month: int, day: int) -> None:
    clock.wall = datetime(2026, month, day, 9, 0, tzinfo=UTC)


def build(db: L10Store, clock: FakeClock) -> None:
    at(clock, 7, 1)
    sales, marketing = db.teams.add("Sales").id, db.teams.add("Marketing").id
    olga = db.people.add("Olga", [sales, marketing]).id  # the owner: in every team
    sam = db.people.add("Sam", [sales]).id
    mia = db.people.add("Mia", [marketing]).id

    def raise_(month: int, day: int, title: str, team: str, by: str, by_team: str) -> str:
        at(clock, month, day)
        return db.issues.add(title, team=team, raised_by=by, raised_by_team=by_team).id

    raise_(8, 10, "Q3 early", marketing, sam, sales)  # I-1: last quarter, before "the same point"
    raise_(9, 20, "Q3 late", sales, mia, marketing)  # I-2: last quarter, after it
    raise_(10, 5, "Leads late", sales, mia, marketing)  # I-3: M -> S
    raise_(11, 2, "No phone numbers", sales, mia, marketing)  # I-4: M -> S
    dropped = raise_(11, 3, "Test issue", marketing, sam, sales)  # I-5: dropped
    dup = raise_(11, 10, "Webinar leads junk", marketing, sam, sales)  # I-6: merged into I-7
    keep = raise_(11, 10, "Webinar leads are junk", marketing, sam, sales)  # I-7: S -> M
    raise_(11, 17, "Owner on Sales", sales, olga, sales)  # I-8: the owner, not Sales
    raise_(11, 18, "Owner on Marketing", marketing, olga, sales)  # I-9: the owner, not cross-team
    at(clock, 11, 20)
    db.issues.drop(dropped, "test")
    db.issues.merge(dup, keep)
    at(clock, 11, 23)


def report(db: L10Store, weeks: int) -> al.AlignmentReport:
    return al.alignment_report(
        teams=db.teams.all(),
        people=db.people.all(),
        issues=db.issues.all(),
        meetings=[],
        todos=[],
        measurables=[],
        scores=[],
        today=TODAY,
        weeks=weeks,
    )


def test_figures_equal_a_hand_count(db: L10Store, clock: FakeClock) -> None:
    build(db, clock)
    r = report(db, 13)
    S, M = "TM-1", "TM-2"
    # window 2026-08-31 .. 11-29: M -> S is I-2, I-3, I-4; S -> M only I-7; the owner's two issues apart
    assert r.matrix == {M: {S: 3}, S: {M: 1}, ai.ALL_TEAMS: {S: 1, M: 1}}
    assert r.dropped == {S: {M: 2}}
    assert r.dropped_cross == 2
    assert {w.isoformat(): n for w, n in r.cross_by_week if n} == {
        "2026-09-14": 1,
        "2026-10-05": 1,
        "2026-11-02": 1,
        "2026-11-09": 1,
    }
    # last 4 weeks (11-02 .. 11-23): 2; the 4 before (10-05 .. 10-26): 1
    assert r.trend == "growing"
    assert r.quarters == ai.QuarterLine("2026-Q4", 3, "2026-Q3", 1, 2)
    data = report_json(r)
    assert data["raised_matrix"]["(all teams)"] == {"Marketing": 1, "Sales": 1}
    assert data["dropped_cross_team"] == 2
    text = render_text(r)
    assert "2026-Q4 so far: 3 raised by one team about another; 2026-Q3 at the same point: 1" in text
    assert "Dropped or merged, not counted: 2" in text


def test_the_trend_does_not_depend_on_the_window(db: L10Store, clock: FakeClock) -> None:
    build(db, clock)
    assert {report(db, weeks).trend for weeks in (8, 13, 26, 52)} == {"growing"}


def test_equal_four_week_blocks_end_with_this_week() -> None:
    found = ai.blocks(aw.window_for(TODAY, 13))
    assert [(b.start.isoformat(), len(b.weeks)) for b in found] == [
        ("2026-09-07", 4),
        ("2026-10-05", 4),
        ("2026-11-02", 4),
    ]
    assert found[-1].end == date(2026, 11, 29)
