"""Hostile text written straight into a store file (bypassing every input check, as anyone who can write a shared
or synced store could): markup that would crash or hijack the app, terminal escapes, bidi and invisible characters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import orjson

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.store.archive import archive_files

OSC_TITLE = "\x1b]0;pwned\x07"
CSI_CLEAR = "\x1b[2J"
PIECES = (
    "[/]",
    "[b]x",
    "[@click=app.quit]x",
    OSC_TITLE,
    CSI_CLEAR,
    "\u202e",
    "\u200b",
    "\U000e0041",
    "\x9b31m",
    "[Q4] pricing",
)
HOSTILE = "[/]Ops " + " ".join(PIECES) + " "
# What must never reach a terminal: ESC (and so every OSC/CSI), the one-byte CSI, BEL, bidi, zero-width and tags.
FORBIDDEN = ("\x1b", "\x9b", "\x07", "\u202e", "\u200b", "\U000e0041")

TEXT_KEYS = {
    "name",
    "title",
    "text",
    "details",
    "solution",
    "end_reason",
    "notes",
    "comment",
    "segue_notes",
    "unit",
    "outcome_note",
    "identify",
    "discuss",
}


def _spoil(value: Any) -> Any:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for k, v in value.items():
            if k in TEXT_KEYS and isinstance(v, str):
                out[k] = HOSTILE + v if k != "unit" else "[/]\x1b[2J"
            elif k == "cascading_messages" and isinstance(v, list):
                out[k] = [HOSTILE + str(m) for m in v] + [HOSTILE]
            else:
                out[k] = _spoil(v)
        return out
    if isinstance(value, list):
        return [_spoil(v) for v in value]
    return value


def spoil_file(path: Path) -> None:
    data = orjson.loads(path.read_bytes())
    for name, table in data.items():
        if name == "_meta":
            settings = table["1"].setdefault("settings", {})
            settings["company"] = HOSTILE + "Acme"
            continue
        data[name] = {key: _spoil(doc) for key, doc in table.items()}
    path.write_bytes(orjson.dumps(data))


def spoil_store(db: L10Store) -> None:
    """Every text field of every record (live and archived) and the company name made hostile."""
    for path in [db.path, *archive_files(db.path)]:
        spoil_file(path)
    # The archives changed behind the store's back, as a synced or hand-copied store would bring them: the manifest
    # (issue 14) would rightly refuse them, so it is dropped and rebuilt from the files on the next open.
    live = json.loads(db.path.read_text(encoding="utf-8"))
    live["_meta"]["1"].pop("archives", None)
    db.path.write_text(json.dumps(live, ensure_ascii=False), encoding="utf-8")
    db.close()


def hostile_demo(folder: Path, clock: FakeClock, *, meeting: bool = True) -> Path:
    """The demo company, a meeting in progress with notes, messages and a rating, then every text made hostile."""
    from l10tui.demo import build_demo
    from l10tui.meeting.run import MeetingRun
    from l10tui.store import open_store

    db = open_store(folder / "l10.json", clock)
    build_demo(db, seed=7, today=clock.today())
    db.compact()
    if meeting:
        run = MeetingRun.open(db, clock)
        run.set_segue_notes("good news all round")
        run.add_message("tell finance")
        issue = run.panels()[0][1][0]
        run.start_issue(issue.id)
        run.set_notes(issue.id, identify="why", discuss="how")
        run.add_todo("call back", run.people()[0].id)
        run.rate(run.people()[0].id, 6, "shorter please")
    spoil_store(db)
    return folder / "l10.json"


def clean(text: str) -> list[str]:
    """The forbidden characters found in ``text`` (empty when it is safe to print)."""
    return [repr(ch) for ch in FORBIDDEN if ch in text]
