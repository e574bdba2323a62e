"""The funnel on the store side (store/funnel.py, issue #18): kept in ``_meta.settings`` with each stage's team,
refused whole (nothing written) when a stage is wrong, and read over weeks the live file no longer holds (the archive
years the window reaches, read once and reused while they do not change). Fails before issue #18."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from l10tui.domain.clock import FakeClock
from l10tui.domain.funnel import FunnelError
from l10tui.store import L10Store
from l10tui.store import funnel as store_funnel
from l10tui.store.archive import archive_files, compact
from l10tui.store.funnel import read_funnel, set_funnel, stage_specs, stages_named


@pytest.fixture
def company(db: L10Store) -> dict[str, str]:
    sales, mkt = db.teams.add("Sales"), db.teams.add("Marketing")
    ann, cat = db.people.add("Ann", [sales.id]), db.people.add("Cat", [mkt.id, sales.id])
    mqls = db.measurables.add("MQLs", owner=cat.id, goal=100, teams=[mkt.id])
    sqls = db.measurables.add("SQLs", owner=ann.id, goal=20, teams=[sales.id])
    return {"sales": sales.id, "mkt": mkt.id, "mqls": mqls.id, "sqls": sqls.id}


def test_set_keeps_each_stages_team_and_a_refusal_writes_nothing(db: L10Store, company: dict[str, str]) -> None:
    specs = set_funnel(db, stages_named(db, ["MQLs", "SQLs"]))
    # Cat is in Marketing and Sales: the stage keeps the team she answers for it in (the measurable's).
    assert [(s.measurable, s.team) for s in specs] == [
        (company["mqls"], company["mkt"]),
        (company["sqls"], company["sales"]),
    ]
    assert stage_specs(db) == specs
    before = db.path.read_bytes()
    with pytest.raises(FunnelError):
        set_funnel(db, stages_named(db, ["MQLs"]))
    assert db.path.read_bytes() == before
    db.set_setting(store_funnel.SETTING, {"stages": "junk"})  # edited by hand: read as no funnel, never an error
    assert stage_specs(db) == [] and read_funnel(db, date(2026, 11, 23)) is None


def test_weeks_moved_to_the_archive_are_read_back(db: L10Store, clock: FakeClock, company: dict[str, str]) -> None:
    tuesday = date(2026, 11, 24)
    clock.wall = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
    first = date(2026, 5, 4)
    week = first
    while week <= date(2026, 11, 16):
        db.scores.set(company["mqls"], week, 100)
        db.scores.set(company["sqls"], week, 20 if week != date(2026, 11, 16) else 10)
        week += timedelta(weeks=1)
    set_funnel(db, stages_named(db, ["MQLs", "SQLs"]))
    assert compact(db, tuesday) > 0 and archive_files(db.path)
    live_weeks = {s.week for s in db.scores.all()}
    assert date(2026, 8, 24) not in live_weeks  # the 13-week window's first week left the live file on Tuesday
    f = read_funnel(db, tuesday, 13)
    assert f is not None and f.weeks[0] == date(2026, 8, 24) and f.this_week == date(2026, 11, 16)
    assert f.stages[0].values[0] == 100.0 and f.steps[0].weeks[0].conversion == 20.0  # read from the archive
    assert all(v is not None for v in f.stages[0].values)  # no made-up gaps
    leak = f.leak()
    assert leak is not None and leak.text() == "MQLs -> SQLs 10 %, median 20 %: Sales"
    long = read_funnel(db, tuesday, 26)
    assert long is not None and long.weeks[0] == date(2026, 5, 25) and long.stages[1].values[0] == 20.0
    again = read_funnel(db, tuesday, 26)  # the archived part again, from the reader's cache: the same answer
    assert again == long
