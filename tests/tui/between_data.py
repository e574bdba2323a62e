"""A small hand-made company for the between-meetings screens' tests (the demo store is used where it exists)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from l10tui.domain.dates import week_monday, weeks_back
from l10tui.domain.models import Formula, IssueDiscussion, Rating, SegmentTime
from l10tui.store import L10Store


def fill_small(db: L10Store, today: date) -> dict[str, str]:
    """Two teams, four people, three measurables (one derived), issues both ways, two finished meetings."""
    ids: dict[str, str] = {}
    db.set_setting("company", "Acme Ltd")
    sales = db.teams.add("Sales", weekday=0, hour=9)
    mkt = db.teams.add("Marketing", weekday=2, hour=14, minute=30)
    ids.update(sales=sales.id, mkt=mkt.id)
    ana = db.people.add("Ana", [sales.id])
    ben = db.people.add("Ben", [mkt.id])
    cy = db.people.add("Cy", [sales.id, mkt.id])
    ids.update(ana=ana.id, ben=ben.id, cy=cy.id)
    mql = db.measurables.add("MQLs", owner=ben.id, goal=40, teams=[mkt.id])
    sql = db.measurables.add("SQLs", owner=ana.id, goal=12, teams=[sales.id])
    conv = db.measurables.add(
        "MQL->SQL", owner=cy.id, goal=30, unit="%", teams=[sales.id, mkt.id], formula=Formula(sql.id, mql.id)
    )
    ids.update(mql=mql.id, sql=sql.id, conv=conv.id)
    weeks = weeks_back(today, 13)
    for n, w in enumerate(weeks[:-1]):
        db.scores.set(mql.id, w, 35 + n)
        db.scores.set(sql.id, w, 10 + n % 4)
    i1 = db.issues.add("Leads go cold before first call", team=sales.id, raised_by_team=mkt.id, raised_by=ben.id)
    i2 = db.issues.add("MQL definition too loose", team=mkt.id, raised_by_team=sales.id, raised_by=ana.id)
    i3 = db.issues.add("CRM fields missing", team=sales.id, raised_by_team=sales.id, raised_by=cy.id)
    ids.update(i1=i1.id, i2=i2.id, i3=i3.id)
    r1 = db.rocks.add("Launch partner programme", owner=ana.id, team=sales.id, quarter="2026-Q4")
    db.rocks.set_status(r1.id, "on", today - timedelta(weeks=1))
    ids["r1"] = r1.id
    t1 = db.todos.add("Call back the three cold leads", owner=ana.id, today=today - timedelta(days=7), team=sales.id)
    t2 = db.todos.add("Rewrite the MQL checklist", owner=ben.id, today=today - timedelta(days=3), team=mkt.id)
    ids.update(t1=t1.id, t2=t2.id)
    for k, back in enumerate((2, 1)):
        day = week_monday(today) - timedelta(weeks=back)
        start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
        m = db.meetings.add(
            teams=[sales.id, mkt.id],
            planned_start=start,
            actual_start=start + timedelta(minutes=3 * k),
            actual_end=start + timedelta(minutes=92),
            attendance={ana.id: True, ben.id: True, cy.id: k == 0},
            segments=[SegmentTime("Segue", 300, 280.0), SegmentTime("IDS", 3600, 3900.0)],
            issues_discussed=[IssueDiscussion(issue=i3.id, seconds=420.0, notes="", outcome="")],
            ratings=[
                Rating(ana.id, 8),
                Rating(ben.id, 6 + k, comment="start on time"),
                Rating(cy.id, 9, absent=k == 1),
            ],
            cascading_messages=["Tell support about the new SLA"],
            state="finished",
        )
        ids[f"m{k}"] = m.id
        db.todos.review(t1.id, m.id, done=k == 0)
    return ids


def screen_text(app: object) -> str:
    """What the terminal shows now, as plain text (one line per row)."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


async def text_showing(app: object, pilot: object, *needles: str, tries: int = 100) -> str:
    """The screen's text once every needle is on it (or after ``tries`` pauses of 50 ms, for the assertion's message).

    A table filled from a worker has its rows at once, but Textual measures them on its next idle: on a loaded
    machine the screen read right after could still show the rows before (CI, 2026-12-02)."""
    text = screen_text(app)
    for _ in range(tries):
        if all(needle in text for needle in needles):
            break
        await pilot.pause(0.05)  # type: ignore[attr-defined]
        text = screen_text(app)
    return text
