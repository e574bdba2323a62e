"""A new company from nothing, in a real terminal (tmux): ``l10`` on an empty store opens the first-run set-up;
teams and people are typed in the app; an issue added from the command line in another window shows on the open
app without a restart; then a short meeting, and ``l10 history --json`` has it."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from .tmux import L10, Terminal, needs_tmux, set_meeting, tab_and_type, terminal, type_in_row, type_lines

pytestmark = [pytest.mark.slow, needs_tmux]

PEOPLE = ["Ann Lee: Sales", "Bob Stone: Sales", "Cat Ward: Marketing", "Dan Moss: Marketing"]
ISSUE = "Webinar leads are junk"
# A fixed "today" (L10_TODAY, TZ=UTC), a Wednesday: the next Tuesday 10:30 meeting is six days ahead whatever the
# hour the test runs at, so the run date never changes what the home screen shows.
TODAY = "2026-11-25"


def store(term: Terminal) -> Path:
    return term.home / ".local" / "share" / "l10tui" / "l10.json"


def replace_field(term: Terminal, old: str, new: str, tries: int = 3) -> None:
    """Type ``new`` over a one-line field that tab just focused (focus selects its text), and check that the field
    holds exactly ``new``; else clear it (end, ctrl+u) and type again."""
    for n in range(tries):
        if n:
            term.keys("End", "C-u")
        term.type(new)
        try:
            term.wait_match(rf"(?m)^\s*{re.escape(new)}\s*$", timeout=3)
        except AssertionError:
            continue
        if old == new or old not in term.screen():
            return
    raise AssertionError(f"could not type {new!r}; the screen was:\n{term.screen()}")


def test_first_run_setup_cli_issue_and_a_short_meeting(tmp_path: Path) -> None:
    with terminal(tmp_path, width=100, height=30, today=TODAY) as term:
        term.start(L10)
        term.wait_for_all("Welcome", "Company", "When each team meets", timeout=60)
        tab_and_type(term, "Northwind Traders", key=None)  # the company field has the focus
        term.keys("tab")
        replace_field(term, "Sales, Marketing", "Sales, Marketing")  # two teams
        assert "MarketingSales" not in term.screen()
        type_lines(term, PEOPLE)  # four people, one a line
        # each team its own meeting (issue 20): Sales Tuesday 10:30, Marketing Thursday 14:00 for 75 minutes
        term.keys("tab")  # Sales' meeting day
        set_meeting(term, "Sales", "Tuesday", "10:30")
        term.keys("tab", "tab")  # past Sales' minutes, to Marketing's day
        set_meeting(term, "Marketing", "Thursday", "14:00")
        term.keys("tab")
        type_in_row(term, "Marketing", r"14:00\s+", "5,5,5,5,5,45,5")
        term.keys("C-s")
        home = term.wait_for_all("Northwind Traders", "Next meeting", "Marketing", "m Meeting", timeout=30)
        assert "Tue " in home and "10:30" in home and "No meeting held yet" in home
        assert "Welcome" not in home
        assert term.wait_line("Sales", "10:30") and term.wait_line("Marketing", "14:00")
        assert "0" in term.wait_line("Marketing", "14:00").split("14:00")[1]

        teams = json.loads(term.run("team", "list", "--json").stdout)
        assert sorted(t["name"] for t in teams) == ["Marketing", "Sales"]
        rules = {t["name"]: (t["meeting_rule"], sum(t["agenda_minutes"])) for t in teams}
        assert rules == {
            "Sales": ("FREQ=WEEKLY;BYDAY=TU;BYHOUR=10;BYMINUTE=30", 90),
            "Marketing": ("FREQ=WEEKLY;BYDAY=TH;BYHOUR=14;BYMINUTE=0", 75),
        }
        people = json.loads(term.run("person", "list", "--json").stdout)
        assert sorted(p["name"] for p in people) == ["Ann Lee", "Bob Stone", "Cat Ward", "Dan Moss"]

        # -- another window: an issue from the command line while the app is open --------------------------------
        term.start(f"{L10} issue add {shlex.quote(ISSUE)} --team Marketing --by 'Ann Lee'", window="cli")
        assert term.wait_exit(window="cli") == 0
        # the home screen re-reads the store by itself (about once a second): Marketing now has 1 open issue
        term.wait_match(r"Marketing\s+Thu \d+ \w{3} 14:00\s+1\s+0", timeout=20)
        assert re.search(r"Sales\s+Tue \d+ \w{3} 10:30\s+0\s+0", term.screen())
        term.press("b", expect=ISSUE, timeout=20)  # the issues board shows it too
        term.press("escape", expect="Next meeting")

        # -- a short meeting: all seven segments, everyone rates, finish --------------------------------------------
        term.keys("m")
        # far from the team's Tuesday 10:30 slot (the real clock), the app asks once: moved, or an extra meeting
        if term.wait_match(r"1/7 Segue|move that meeting", timeout=30).group(0) != "1/7 Segue":
            term.press("down", "enter", expect="1/7 Segue", timeout=30)
        term.wait_for("1/7 Segue")
        term.wait_match(r"total (0:0[2-9]|0:[1-5]\d)")  # see test_demo_meeting: let the screen settle
        for n, name in enumerate(["Scorecard", "Rock review", "Headlines", "To-do list", "IDS", "Conclude"], start=2):
            term.press("n", expect=f"{n}/7 {name}")
        for person in ["Ann Lee", "Bob Stone", "Cat Ward", "Dan Moss"]:
            term.press("r", expect=f"Rating from {person}")
            tab_and_type(term, "9", key=None, shown=r"▊\s+9\s+▎")
            term.keys("enter")
            term.wait_gone(f"Rating from {person}")
        term.wait_for("Average: ✓ 9.0")
        term.press("f", expect="Finish the meeting?")
        term.press("y", expect="Meeting finished", timeout=30)
        term.press("enter", expect="Last meeting", timeout=30)
        term.keys("C-q")
        assert term.wait_exit() == 0

        history = json.loads(term.run("history", "--json").stdout)
        assert len(history) == 1
        row = history[0]
        assert row["state"] == "finished" and row["present"] == 4 and row["rating_average"] == 9
        assert sorted(row["teams_names"]) == ["Marketing", "Sales"]  # the --json contract: "teams" holds ids
        assert store(term).exists()
