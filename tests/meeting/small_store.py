"""A small, fully known store for the meeting tests: two teams, four people, measurables, rocks, to-dos, issues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from l10tui.domain.models import Formula
from l10tui.store import L10Store


@dataclass
class Small:
    db: L10Store
    sales: str
    marketing: str
    ann: str  # Sales
    bob: str  # Sales
    cat: str  # Marketing
    dan: str  # Marketing
    revenue: str  # shared
    leads: str  # Marketing
    calls: str  # Sales
    conv: str  # derived
    rock_s: str
    rock_m: str
    todo_old: str  # Bob, not done last meeting already
    todo_new: str  # Cat
    issue_s1: str
    issue_s2: str
    issue_m1: str
    issue_m2: str


def build_small(db: L10Store, today: date) -> Small:
    sales = db.teams.add("Sales", weekday=0, hour=9, minute=0)
    marketing = db.teams.add("Marketing", agenda_minutes=[5, 5, 5, 5, 5, 50, 5])
    ann = db.people.add("Ann", [sales.id])
    bob = db.people.add("Bob", [sales.id])
    cat = db.people.add("Cat", [marketing.id])
    dan = db.people.add("Dan", [marketing.id])
    revenue = db.measurables.add("Revenue", owner=ann.id, goal=10000, unit="$", teams=[sales.id, marketing.id])
    leads = db.measurables.add("Leads", owner=cat.id, goal=50, teams=[marketing.id])
    calls = db.measurables.add("Calls", owner=bob.id, goal=40, teams=[sales.id])
    conv = db.measurables.add(
        "Lead->Call %",
        owner=ann.id,
        goal=50,
        unit="%",
        teams=[sales.id, marketing.id],
        formula=Formula(calls.id, leads.id),
    )
    monday = today - timedelta(days=today.weekday())
    for w in range(1, 5):
        db.scores.set(leads.id, monday - timedelta(weeks=w), 40 + w * 5)
        db.scores.set(calls.id, monday - timedelta(weeks=w), 30 + w * 3)
    rock_s = db.rocks.add("Hire two AEs", owner=ann.id, team=sales.id, quarter="2026-Q4")
    rock_m = db.rocks.add("Launch webinar series", owner=cat.id, team=marketing.id, quarter="2026-Q4")
    todo_old = db.todos.add("Call back Acme", owner=bob.id, today=today - timedelta(days=14), team=sales.id)
    db.todos.review(todo_old.id, "MT-0", False)
    todo_new = db.todos.add("Draft the SLA", owner=cat.id, today=today - timedelta(days=7), team=marketing.id)
    s1 = db.issues.add("Leads are junk", team=sales.id, raised_by=ann.id, raised_by_team=sales.id)
    s2 = db.issues.add("CRM is slow", team=sales.id, raised_by=bob.id, raised_by_team=sales.id)
    m1 = db.issues.add("Sales ignores MQLs", team=marketing.id, raised_by=cat.id, raised_by_team=marketing.id)
    m2 = db.issues.add("No budget for ads", team=marketing.id, raised_by=dan.id, raised_by_team=marketing.id)
    return Small(
        db, sales.id, marketing.id, ann.id, bob.id, cat.id, dan.id, revenue.id, leads.id, calls.id, conv.id,
        rock_s.id, rock_m.id, todo_old.id, todo_new.id, s1.id, s2.id, m1.id, m2.id,
    )  # fmt: skip
