"""The owner's afternoon between meetings, in a real terminal (tmux): a mistaken drop undone with ctrl+z, a merged
issue reopened from the command line, a person leaving with their work handed over, a week of numbers typed
straight into the scorecard grid. Fails on the code before issue #20 (no undo, no reopen, no hand-over, no typing)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from .tmux import L10, Terminal, needs_tmux, terminal

pytestmark = [pytest.mark.slow, needs_tmux]


def cli(term: Terminal, *args: str) -> str:
    done = term.run(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def home(term: Terminal) -> None:
    """Back to the home screen (escape; again if a toast or the focus took the first one)."""
    for _ in range(3):
        term.keys("Escape")
        try:
            term.wait_for("No meeting held yet", timeout=4)
            return
        except AssertionError:
            continue
    term.wait_for("No meeting held yet")


def test_the_owners_afternoon(tmp_path: Path) -> None:
    with terminal(tmp_path, width=120, height=32) as term:
        for args in (
            ("company", "Northwind"),
            ("team", "add", "Sales"),
            ("team", "add", "Marketing"),
            ("person", "add", "Ann", "--team", "Sales"),
            ("person", "add", "Tom", "--team", "Sales"),
            ("person", "add", "Cat", "--team", "Marketing"),
            ("issue", "add", "Leads go cold", "--team", "Sales", "--by", "Cat"),
            ("issue", "add", "Webinar leads junk", "--team", "Marketing", "--by", "Ann"),
            ("issue", "add", "Webinar leads are junk", "--team", "Marketing", "--by", "Ann"),
            ("todo", "add", "Call Acme back", "--owner", "Tom"),
            ("rock", "add", "Hire two AEs", "--owner", "Tom"),
            ("measurable", "add", "MQLs", "--owner", "Cat", "--goal", "40"),
        ):
            cli(term, *args)
        term.start(L10)
        term.wait_for("Northwind", timeout=60)

        # a mistaken drop on the board, undone with ctrl+z
        term.press("b", expect="Leads go cold")
        term.press("x", expect="Drop I-1")
        term.press("y", expect="I-1 dropped")
        term.wait_gone("Leads go cold")
        term.keys("C-z")
        term.wait_for("undo: dropped I-1")
        term.wait_for("Leads go cold")

        # a merged issue reopened from the command line, while the app is open
        home(term)
        history = json.loads(cli(term, "undo", "--list", "--json"))
        assert history[0]["name"] == "added MQLs" or history[0]["ids"] == ["M-1"]  # the undo itself left no entry
        term.wait_for("Northwind")
        term.press("b", expect="Webinar leads junk")
        term.keys("Tab")  # the Marketing panel
        term.press("m", expect="Merge I-2")
        term.keys("Down")  # the choices: I-1 (Sales), I-3
        term.keys("Enter")
        term.wait_for("I-2 merged into I-3")
        back = json.loads(cli(term, "issue", "reopen", "I-2", "--json"))
        assert back["status"] == "open" and "had been merged" in back["notes"]
        term.wait_for("2 open")  # the open board shows it back

        # Tom leaves: the app asks who takes his work
        home(term)
        term.press("e", expect="Teams")
        term.keys("Down", "Down")  # rows by name: Ann, Cat, Tom
        term.press("x", expect="Who takes Tom's 1 to-do, 1 rock, 0 measurables?")
        term.keys("C-s")
        term.wait_for("Tom has left")
        todos = json.loads(cli(term, "todo", "list", "--json"))
        assert [t["owner_name"] for t in todos] == ["Ann"]

        # a week of numbers typed straight into the grid
        home(term)
        term.press("s", expect="this wk")
        term.type("45")
        term.wait_for("MQLs, week of")
        term.keys("Enter")
        term.wait_for("✓ 45")
        header = term.line_with("this wk")
        last_week = header.split("this wk")[0].split()[-2:]  # the label left of "this wk", e.g. "23 Nov"
        for _ in range(3):  # a key sent while the editor was closing may land in it: check the week, then type
            time.sleep(0.5)
            term.keys("Left")
            term.type("3")
            try:
                term.wait_for(f"MQLs, week of {' '.join(last_week)}", timeout=4)
                break
            except AssertionError:
                term.keys("Escape")
        term.type("8")
        term.keys("Enter")
        term.wait_for("✗ 38")
        shown = json.loads(cli(term, "score", "show", "--json"))
        values = [v for v in shown["rows"][0]["values"].values() if v is not None]
        assert values == [38.0, 45.0]  # oldest first, the newest week on the right, as the grid shows
        term.keys("C-q")
        assert term.wait_exit() == 0
