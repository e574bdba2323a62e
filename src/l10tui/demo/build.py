"""``build_demo``: the empty-store check, the private clock swapped in, and the demo's events played in time order
(numbers on Fridays, rocks at the quarterly planning, milestones ticked, each week then its meeting)."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import partial

from l10tui.store import L10Store
from l10tui.store.errors import StoreError

from .between import finish_between
from .company import set_up
from .meetings import hold_meeting
from .rocks import add_milestones, add_rocks, milestone_ticks, rocks_at, tick_milestone
from .scores import enter_late_scores, enter_scores, enter_this_week, plan_scores
from .state import Demo

RECORD_TABLES = ("teams", "people", "measurables", "scores", "rocks", "headlines", "todos", "issues", "meetings")


class DemoError(StoreError):
    """The demo cannot be built here (the store is not empty)."""


def build_demo(db: L10Store, *, seed: int = 7, today: date, tz: tzinfo | None = None) -> None:
    """Fill the empty store ``db`` with the demo company as it stands on the morning of ``today``.

    Meetings are on Mondays at 09:00 in ``tz`` (default UTC, which keeps the file the same on every machine).
    Raises :class:`DemoError` if the store already holds any record.
    """
    raw = db.raw()
    used = [t for t in RECORD_TABLES if raw.get(t)]
    if used:
        raise DemoError(
            f"store {db.path} is not empty (it has {', '.join(used)}); the demo is built only in an empty store"
        )
    saved = db.clock
    demo = Demo(db, random.Random(seed), today, tz or UTC)
    db.clock = demo.clock
    kept, db.keep_history = db.keep_history, False  # the demo's making is not a change anyone undoes
    try:
        with db.transaction():
            build(demo)
    finally:
        db.clock = saved
        db.keep_history = kept


def build(d: Demo) -> None:
    set_up(d)
    d.scores_plan = plan_scores(d)
    events: list[tuple[datetime, int, Callable[[], None]]] = []

    def add(when: datetime, fn: Callable[[], None]) -> None:
        events.append((when, len(events), fn))

    for w_index, week in enumerate(d.time.score_weeks):
        add(d.time.local(week + timedelta(days=4), 16, 0), partial(enter_scores, d, w_index))
    add(rocks_at(d, d.time.last_quarter), partial(add_rocks, d, d.time.last_quarter))
    add(rocks_at(d, d.time.quarter), partial(add_rocks, d, d.time.quarter))
    add(rocks_at(d, d.time.quarter) + timedelta(minutes=15), partial(add_milestones, d))  # after the rocks (12 min)
    for n, when in milestone_ticks(d):
        add(when, partial(tick_milestone, d, n))
    for k in range(len(d.time.meeting_days)):
        add(d.time.planned(k), partial(hold_meeting, d, k))
    # What happens between two meetings depends on when the first one ended: each meeting event first plays
    # the week before it (finish_between), then the meeting.
    play(d, events)
    finish_between(d, len(d.time.meeting_days))
    enter_late_scores(d)
    enter_this_week(d)
    for team in d.team.values():
        d.db.issues.rerank(team, [])


def play(d: Demo, events: list[tuple[datetime, int, Callable[[], None]]]) -> None:
    for when, _, fn in sorted(events, key=lambda e: (e[0], e[1])):
        d.time.at(when)
        fn()
