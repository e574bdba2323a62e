"""The demo's past meetings are made by the meeting engine, not written by hand (issue 10, bullet 3).

Fails on the old demo.py: it called ``db.meetings.add``/``save`` and ``build_snapshot`` itself, and its records held
what no meeting run makes (e.g. a rock's status on the meeting's own week, to-dos done on days between meetings).
"""

from __future__ import annotations

import re
from pathlib import Path

from cli_helpers import Cli

import l10tui.demo
from l10tui.domain.clock import FakeClock
from l10tui.store import open_store

# every module of the demo package (demo.py became l10tui/demo/, one job a module: issue 17)
DEMO_SOURCE = "\n".join(f.read_text(encoding="utf-8") for f in sorted(Path(l10tui.demo.__file__).parent.glob("*.py")))


def test_demo_writes_no_meeting_record_itself() -> None:
    for forbidden in ("meetings.add", "meetings.save", "build_snapshot", ".snapshot =", "TodoReview(", "RockWeek("):
        assert forbidden not in DEMO_SOURCE, forbidden
    assert "MeetingRun.open(" in DEMO_SOURCE and ".finish(" in DEMO_SOURCE


def test_every_demo_meeting_is_what_the_engine_recorded(cli: Cli, clock: FakeClock) -> None:
    cli.ok("demo", "--no-open")
    db = open_store(cli.store, clock)
    meetings = sorted(db.meetings.finished(), key=lambda m: m.actual_start or m.created_at)
    assert len(meetings) == 10
    for k, m in enumerate(meetings):
        # the engine's own checkpoint, left by the run that held it (the demo names its window)
        assert m.run.get("writer") == f"demo{k}" and m.run.get("current") == 6
        assert m.snapshot["complete"] is True and not m.snapshot["unknown"]
        assert m.snapshot["frozen_at"] == m.run["saved_at"]
        # every issue the engine timed and every to-do it reviewed
        assert all(d.seconds > 0 for d in m.issues_discussed)
        due = m.snapshot["completion"]["due"]
        assert due == len(m.snapshot["todos"]) and m.snapshot["completion"]["not_reviewed"] == 0
        md = cli.ok("export", m.id).stdout
        assert "## Scorecard" in md and "## Rocks" in md and "## Issues discussed" in md
        for marker in ("not reviewed", "[?]", "no status", "not known", "unknown"):
            assert marker not in md, (m.id, marker)
        assert not re.search(r"\b0\.0 ?s\b", md)
