"""Write a realistic synthetic history through the store's own code and schema.

    python bench/gen_history.py --years 10 --teams 3 --db /tmp/h10.json [--seed 1]

Per team per week: a finished meeting with attendance, ratings and segment times, ~10 issues (most solved within
a few weeks), ~10 to-dos (most done), ~12 scores; rocks every quarter. One transaction per week, and the hot/cold
compaction once a quarter, exactly as a company that has used l10 for years would have it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from l10tui.domain.clock import FakeClock
from l10tui.domain.dates import quarter_of, week_monday
from l10tui.domain.models import SEGMENTS, Formula, IssueDiscussion, Rating, SegmentTime
from l10tui.store import L10Store, open_store

TEAM_NAMES = ("Sales", "Marketing", "Leadership", "Operations", "Support", "Finance")
FIRST = ("Ann", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jo", "Kai", "Lea", "Max", "Nia", "Oli")
WORDS = ("leads", "pricing", "handoff", "webinar", "churn", "pipeline", "CRM", "onboarding", "budget", "quota")


def generate(db: L10Store, clock: FakeClock, *, years: int, teams: int, seed: int, end: date) -> dict[str, int]:
    rng = random.Random(seed)
    start = week_monday(end - timedelta(weeks=52 * years))
    clock.wall = datetime(start.year, start.month, start.day, 8, 0, tzinfo=UTC)
    counts = {"meetings": 0, "issues": 0, "todos": 0, "scores": 0, "rocks": 0}
    with db.transaction():
        team_ids = [db.teams.add(TEAM_NAMES[k % len(TEAM_NAMES)] + ("" if k < 6 else f" {k}")).id for k in range(teams)]
        people: dict[str, list[str]] = {}
        for k, tid in enumerate(team_ids):
            people[tid] = [db.people.add(f"{FIRST[(k * 5 + j) % len(FIRST)]} {k}{j}", [tid]).id for j in range(5)]
        measurables: dict[str, list[str]] = {}
        for tid in team_ids:
            ids = [
                db.measurables.add(f"{tid} metric {j}", owner=people[tid][j % 5], goal=50, teams=[tid]).id
                for j in range(11)
            ]
            derived = db.measurables.add(
                f"{tid} ratio", owner=people[tid][0], goal=30, unit="%", teams=[tid], formula=Formula(ids[0], ids[1])
            )
            measurables[tid] = [*ids, derived.id]
    open_issues: dict[str, list[str]] = {tid: [] for tid in team_ids}
    open_todos: dict[str, list[str]] = {tid: [] for tid in team_ids}
    week = start
    last_quarter = ""
    while week <= end:
        clock.wall = datetime(week.year, week.month, week.day, 9, 0, tzinfo=UTC)
        quarter = quarter_of(week)
        with db.transaction():
            for tid in team_ids:
                members = people[tid]
                if quarter != last_quarter:
                    for j in range(4):
                        db.rocks.add(f"{quarter} rock {j}", owner=members[j], team=tid, quarter=quarter)
                        counts["rocks"] += 1
                for mid in measurables[tid][:11]:
                    db.scores.set(mid, week, float(rng.randint(20, 80)))
                    counts["scores"] += 1
                meeting = db.meetings._new(
                    teams=[tid],
                    planned_start=clock.now(),
                    actual_start=clock.now() + timedelta(minutes=rng.choice((0, 0, 0, 2, 5))),
                    actual_end=clock.now() + timedelta(minutes=rng.randint(85, 100)),
                    attendance={p: rng.random() > 0.1 for p in members},
                    segments=[
                        SegmentTime(name, planned * 60, planned * 60 * rng.uniform(0.7, 1.3))
                        for name, planned in zip(SEGMENTS, (5, 5, 5, 5, 5, 60, 5), strict=True)
                    ],
                    state="finished",
                )
                discussed = []
                for iid in open_issues[tid][:3]:
                    db.issues.solve(iid, f"solved with {rng.choice(WORDS)}")
                    discussed.append(IssueDiscussion(iid, rng.uniform(120, 900), "", "solved"))
                open_issues[tid] = open_issues[tid][3:]
                # A healthy list: 5-10 new a week, a handful carried over (L10-RULES.md); the rest killed or merged.
                while len(open_issues[tid]) > rng.randint(3, 6):
                    db.issues.drop(open_issues[tid].pop(0))
                for tid_todo in open_todos[tid]:
                    db.todos.review(tid_todo, meeting.id, rng.random() < 0.9)
                open_todos[tid] = [t.id for t in db.todos.open() if t.team == tid]
                new_todos = []
                for j in range(10):
                    todo = db.todos.add(
                        f"do {rng.choice(WORDS)} {j}",
                        owner=rng.choice(members),
                        today=week,
                        meeting=meeting.id,
                        team=tid,
                    )
                    new_todos.append(todo.id)
                open_todos[tid].extend(new_todos)
                for j in range(10):
                    raiser = rng.choice(team_ids)
                    issue = db.issues.add(
                        f"{rng.choice(WORDS)} problem {j}", team=tid, raised_by_team=raiser, raised_by=people[raiser][0]
                    )
                    open_issues[tid].append(issue.id)
                meeting.issues_discussed = discussed
                meeting.todos_created = new_todos
                meeting.ratings = [Rating(p, rng.randint(6, 10)) for p in members]
                db.meetings.save(meeting)
                counts["meetings"] += 1
                counts["issues"] += 10
                counts["todos"] += 10
        if quarter != last_quarter:
            db.compact()
            last_quarter = quarter
        week += timedelta(weeks=1)
    db.compact()
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--years", type=float, default=10)
    ap.add_argument("--teams", type=int, default=3)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--end", type=date.fromisoformat, default=date(2026, 11, 16), help="last week (default 2026-11-16)")
    args = ap.parse_args(argv)
    if args.db.exists():
        print(f"gen_history: {args.db} exists; remove it first", file=sys.stderr)
        return 1
    clock = FakeClock()
    db = open_store(args.db, clock)
    t0 = time.perf_counter()
    counts = generate(db, clock, years=args.years, teams=args.teams, seed=args.seed, end=args.end)
    took = time.perf_counter() - t0
    archives = sorted((args.db.parent / "archive").glob(f"{args.db.stem}-*.json"))
    total = args.db.stat().st_size + sum(p.stat().st_size for p in archives)
    print(
        f"gen_history: {args.years:g} years x {args.teams} teams in {took:.1f} s: {counts}; "
        f"live file {args.db.stat().st_size / 1024:.0f} KiB, {len(archives)} archives, {total / 2**20:.1f} MiB in all"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
