"""Issue 17: the path of one issue title from the meeting's dialog to the disk, counted in function frames.

The tracer (``sys.setprofile``) follows ``MeetingRun.add_issue`` — what the dialog's callback reaches through the
screen's own five frames (:data:`SCREEN`) — down to the moment the new document lands in the store's data and to
``atomic_write``. ``python -m tests.perf.test_insert_path`` prints the figures
(docs/ARCHITECTURE.md quotes them).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any

from l10tui.domain.clock import FakeClock
from l10tui.meeting import MeetingRun
from l10tui.store import L10Store, open_store

SRC = str(Path(__file__).resolve().parents[2] / "src" / "l10tui")
# the dialog's callback to the engine (tui/screens/meeting_parts/anywhere.py, .../base.py, screens/base.py, writer.py)
SCREEN = [
    "tui/screens/meeting_parts/anywhere.py:AnywhereKeys._issue_made",
    "tui/screens/meeting_parts/base.py:MeetingBase.act",
    "tui/screens/base.py:L10Screen.attempt",
    "tui/screens/base.py:L10Screen.attempt_then",
    "tui/writer.py:StoreWriter.run",
]
SCREEN_FRAMES = len(SCREEN)


@dataclass
class Path_:
    landed: list[str] = field(default_factory=list)  # frames from add_issue to where the document enters the data
    written: list[str] = field(default_factory=list)  # frames from add_issue to atomic_write
    calls: int = 0  # function calls in l10tui and TinyDB during the insert
    transactions: int = 0  # Store.transaction entered (nested ones too)
    round_trips: int = 0  # to_dict / from_dict calls
    tinydb: int = 0  # calls into TinyDB (reads: Table.get / all)
    tinydb_writes: int = 0  # TinyDB's insert / update, which rebuilt the whole table and called back into the store


def _name(frame: FrameType) -> str:
    code = frame.f_code
    short = code.co_filename.split("/l10tui/")[-1].split("/site-packages/")[-1]
    return f"{short}:{code.co_qualname}"


def _ours(frame: FrameType) -> bool:
    f = frame.f_code.co_filename
    return f.startswith(SRC) or "/tinydb/" in f


LANDING = ("Store.put", "Store._mark_dirty")  # the first of these after the document exists is its landing


def trace_insert(db: L10Store, run: MeetingRun, team: str, person: str) -> Path_:
    found = Path_()
    stack: list[str] = []
    started = False
    seen: set[FrameType] = set()  # a generator (a context manager) is "called" again when it resumes: count it once

    def profile(frame: FrameType, event: str, _arg: Any) -> None:
        nonlocal started
        if event == "call" and _ours(frame):
            name = _name(frame)
            if name.endswith("MeetingRun.add_issue") or name.endswith("IssueActions.add_issue"):
                started = True
            if not started:
                return
            stack.append(name)
            found.calls += 1
            if name.endswith("Store.transaction") and frame not in seen:
                found.transactions += 1
                seen.add(frame)
            found.round_trips += name.endswith(("records.py:to_dict", "records.py:from_dict"))
            found.tinydb += "tinydb/" in name
            found.tinydb_writes += name.endswith(("Table._update_table", "Table.insert", "Table.update"))
            docs = db.raw().get("issues", {})
            if (
                not found.landed
                and name.endswith(LANDING)
                and any(d.get("title") == "Leads are junk" for d in docs.values())
            ):
                found.landed = list(stack)
            if not found.landed and name.endswith("Store.put"):
                found.landed = list(stack)
            if not found.written and name.endswith("atomic_write"):
                found.written = list(stack)
        elif event == "return" and started and _ours(frame) and stack:
            stack.pop()

    sys.setprofile(profile)
    try:
        run.add_issue("Leads are junk", team, raised_by=person)
    finally:
        sys.setprofile(None)
    return found


def _setup(tmp: Path) -> tuple[L10Store, MeetingRun, str, str]:
    clock = FakeClock(wall=datetime(2026, 11, 23, 9, 4, tzinfo=UTC), mono=5000.0)
    db = open_store(tmp / "l10.json", clock)
    team = db.teams.add("Sales").id
    person = db.people.add("Ana", teams=[team]).id
    run = MeetingRun.open(db, clock, None)
    return db, run, team, person


def test_one_title_takes_one_transaction_and_no_detour(tmp_path: Path) -> None:
    db, run, team, person = _setup(tmp_path)
    found = trace_insert(db, run, team, person)
    # one transaction (the meeting's change), not three nested ones (change -> Issues.add -> Repo._new)
    assert found.transactions == 1, found.landed
    # the document goes into the store's data directly, not Store -> TinyDB -> Storage -> back into Store
    assert found.tinydb_writes == 0
    assert [f.rpartition(":")[2] for f in found.landed] == [
        "IssueActions.add_issue",
        "Issues.add",
        "Repo._new",
        "Store.put",
    ]


def dialog_to_disk(found: Path_) -> list[str]:
    """The title's whole path: the screen's frames, down to where it lands, then back up and down to the disk."""
    return [*SCREEN, *found.landed, *found.written[1:]]


if __name__ == "__main__":  # pragma: no cover - figures for the docs
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        db, run, team, person = _setup(Path(d))
        f = trace_insert(db, run, team, person)
    path = dialog_to_disk(f)
    files = {x.split(":")[0] for x in path}
    db_entries = sum(x.startswith("store/db.py") for x in path)
    print(f"dialog to disk: {len(path)} frames over {len(files)} files, store/db.py entered {db_entries} times")
    print("  " + "\n  ".join(path))
    print(
        f"calls {f.calls}, transactions {f.transactions}, to_dict/from_dict {f.round_trips}, "
        f"tinydb {f.tinydb} (writes {f.tinydb_writes})"
    )
