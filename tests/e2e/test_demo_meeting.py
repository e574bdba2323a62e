"""The README's first command, as a new user runs it: ``l10 demo`` in a real terminal (tmux), a whole meeting with
the documented keys, then ``l10 history --json`` and ``l10 export latest`` show what happened in the room.

Every step waits for what a person in the room would see (capture-pane text), never for a fixed time.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .tmux import L10, Terminal, needs_tmux, tab_and_type, terminal

pytestmark = [pytest.mark.slow, needs_tmux]

SOLUTION = "Weekly CRM clean-up by the SDRs"
SOLVE_TODO = "Dedupe the CRM accounts"
HEADLINE = "Helios renewed for two more years"
MESSAGE = "Tell support: new pricing from 1 December"
FIELD = r"▊\s+{}\s+▎"  # a dialog's one-line field holding exactly this
# The demo is built for this "today" (L10_TODAY, TZ=UTC): the run date never changes what the test sees. A Tuesday
# after the demo's Monday meeting time, in the last month of a quarter (rocks due soon, some off track already).
TODAY = "2026-12-01"


def demo_store(term: Terminal) -> Path:
    return term.home / ".local" / "share" / "l10tui" / "demo.json"


def l10_json(term: Terminal, *args: str) -> object:
    done = term.run("--db", str(demo_store(term)), *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def names_in_table(screen: str, names: list[str]) -> list[str]:
    """The given people's names in the order they show on screen."""
    found = [(screen.find(n), n) for n in names if n in screen]
    return [n for _, n in sorted(found)]


def choose(term: Terminal, name: str) -> None:
    """Pick ``name`` in the open drop-down list by typing it and Enter, until the list closed on it. On a loaded
    machine letters typed just as the list opens can be lost (seen in CI): the list then stays open, so type again."""
    for _ in range(3):
        term.type(name)
        term.keys("enter")
        try:
            term.wait_line(name, "▼", timeout=5)  # chosen, the list closed
            return
        except AssertionError:
            continue
    term.wait_line(name, "▼")


def test_demo_meeting_end_to_end(tmp_path: Path) -> None:
    with terminal(tmp_path, width=100, height=30, today=TODAY) as term:
        assert not demo_store(term).exists()
        term.start(f"{L10} demo")
        home = term.wait_for_all("Brightline Software", "Next meeting", "m Meeting", timeout=60)
        assert "No meeting held yet" not in home and "Last meeting" in home
        people = [p["name"] for p in l10_json(term, "person", "list", "--json")]  # type: ignore[union-attr]
        assert len(people) >= 5

        # -- 1 Segue: everyone present, one toggled absent ---------------------------------------------------
        term.keys("m")
        # far from the demo's Monday 09:00 slot (the real clock), the app asks once: moved, or an extra meeting
        if term.wait_match(r"1/7 Segue|move that meeting", timeout=30).group(0) != "1/7 Segue":
            term.press("down", "enter", expect="1/7 Segue", timeout=30)
        segue = term.wait_for("1/7 Segue")
        term.wait_for("✓ present")
        # Work-around (reported): a key that redraws the attendance table within a second of the meeting screen
        # appearing squeezes its columns to their header widths for good. Wait until the meeting clock has run 2 s.
        term.wait_match(r"total (0:0[2-9]|0:[1-5]\d)")
        order = sorted(people, key=str.casefold)  # the attendance list, by name
        assert names_in_table(term.wait_for(order[-1]), people) == order, segue
        absent = order[1]
        term.press("down", "a", expect="✗ absent")
        assert absent in term.line_with("✗ absent")

        # -- 2 Scorecard: this week's number, one row dropped to issues ----------------------------------------
        term.press("n", expect="2/7 Scorecard")
        second = term.wait_match(r"Wk \d+ \w{3}").string  # a Monday meeting reports last week's numbers
        measurables = [m for m in l10_json(term, "measurable", "list", "--json")]  # type: ignore[union-attr]
        first, entered, _dropped = (m["name"] for m in measurables[:3])  # type: ignore[index]
        assert first in second
        term.keys("down")
        term.press("enter", expect=f"{entered}, week of")
        tab_and_type(term, "131", key=None, shown=r"▊\s+131\s+▎")
        term.keys("enter")
        assert "131" in term.wait_line(entered, "✓ 131")
        term.press("down", "d", expect="Dropped to")

        # -- 3 Rock review: one off track, then dropped ------------------------------------------------------
        rocks_screen = term.press("n", expect="3/7 Rock review")
        rock_list = l10_json(term, "rock", "list", "--json")
        assert isinstance(rock_list, list)
        titles = [r["title"] for r in rock_list]
        rows = [line for line in rocks_screen.splitlines() if any(t[:20] in line for t in titles)]
        issues_before = l10_json(term, "issue", "list", "--json")
        assert isinstance(issues_before, list)
        raised = {i["source"]["id"] for i in issues_before if i["source"]}
        open_titles = [r["title"] for r in rock_list if r["final"] is None and r["id"] not in raised]
        # the first rock the screen shows on track (or not yet reviewed): chosen by what is on screen, not by date
        at, rock = next(
            (n, t)
            for n, line in enumerate(rows)
            for t in open_titles
            if t[:20] in line and "off track" not in line and "done" not in line
        )
        term.keys(*["down"] * at)
        term.keys("f")
        term.wait_line(rock[:20], "✗ off track")
        term.wait_gone("Dropped to")  # the scorecard's notice timed out
        term.press("d", expect="Dropped to")

        # -- 4 Headlines: one added with h -------------------------------------------------------------------
        term.press("n", expect="4/7 Headlines")
        term.press("h", expect="one sentence")
        tab_and_type(term, HEADLINE, key=None)  # the dialog opens on its text
        term.keys("tab")
        term.press("enter", expect=order[-1])  # the By list is open
        choose(term, order[0].split()[0])
        term.keys("C-s")
        assert order[0] in term.wait_line(HEADLINE, order[0])

        # the rest of the meeting at 80x24: everything must still read
        term.resize(80, 24)

        # -- 5 To-do list: one done, one not done ----------------------------------------------------------
        term.press("n", expect="5/7 To-do list")
        term.press("y", expect="✓ done")
        term.keys("u")  # the cursor moved on to the next to-do by itself
        # "✗ not done", or its first word when the table's columns are squeezed at 80 columns (reported)
        term.wait_match(r"Move it to the issues list|✗ not")
        try:  # a to-do not done two meetings running is offered to the issues list
            term.wait_for("Move it to the issues list", timeout=3)
            offered = True
        except AssertionError:
            offered = False
        if offered:  # keep it on the list
            term.keys("n")
            term.wait_gone("Move it to the issues list")
        term.wait_for("Reviewed 2 of")

        # -- 6 IDS: top 3, solve #1 with a to-do, drop another -----------------------------------------------
        ids = term.press("n", expect="6/7 IDS")
        issues = l10_json(term, "issue", "list", "--json")
        assert isinstance(issues, list)
        term.wait_line("Sales", " open")  # the team panels are up
        # Work-around (reported): a pick pressed as the IDS panels mount can go nowhere; press again if so.
        for slot in ("1", "2", "3"):
            if slot != "1":
                term.keys("down")
            for _ in range(3):
                term.keys(slot)
                try:
                    term.wait_gone(f"#{slot}  —", timeout=3)
                    break
                except AssertionError:
                    continue
        top = term.wait_gone("#3  —")
        line = term.line_with("Top 3:")
        found = re.search(r"#1\s+(.+?)\s{2,}#2\s+(.+?)\s{2,}#3", line)
        assert found is not None and "#3  —" not in line, top
        first_issue = found.group(1)
        assert first_issue != "—" and found.group(2) != "—"
        term.keys("up", "up")
        term.press("enter", expect=f"▶ {first_issue}")
        term.wait_for("of 10:00")
        term.press("s", expect=f"Solve: {first_issue}")
        tab_and_type(term, SOLUTION, key=None)
        tab_and_type(term, SOLVE_TODO)
        term.keys("tab")
        owner = order[0]
        term.press("enter", expect=order[-1])  # the owner list is open
        choose(term, owner.split()[0])
        term.keys("C-s")
        term.wait_for("#1  —")  # solved: it left the top 3 (the "solved" notice may be gone already)
        term.wait_gone(f"▶ {first_issue}")
        # drop another: the one now under the cursor of the panel
        term.wait_gone(first_issue)
        assert "Sales" in ids
        term.press("x", expect="Drop I-")
        drop_question = term.line_with("Drop I-")
        dropped_id = re.search(r"Drop (I-\d+)", drop_question).group(1)  # type: ignore[union-attr]
        dropped_title = next(i["title"] for i in issues if i["id"] == dropped_id)
        term.keys("y")
        term.wait_gone("Drop I-")
        term.wait_gone(dropped_title[:30])

        # -- 7 Conclude: rate everyone (the absent one is marked), a cascading message, finish ------------------
        conclude = term.press("n", expect="7/7 Conclude")
        term.wait_line(absent, "absent")
        assert SOLVE_TODO[:10] in conclude or "New to-dos" in conclude
        for n, person in enumerate(order):
            if person == absent:
                if n == 0:
                    term.keys("down")  # after a rating the cursor skips the absent by itself
                continue
            term.press("r", expect=f"Rating from {person}")
            if n == 0:
                tab_and_type(term, "7", key=None, shown=FIELD.format("7"))
                tab_and_type(term, "Fewer issues, solved properly", key="enter")  # under 8 asks why
                term.keys("enter")
            else:
                tab_and_type(term, "9", key=None, shown=FIELD.format("9"))
                term.keys("enter")
            term.wait_gone(f"Rating from {person}")
        term.wait_for("Average:")
        term.press("c", expect="Cascading message")
        tab_and_type(term, MESSAGE, key=None)
        term.keys("enter")
        term.wait_for(f"1. {MESSAGE[:30]}")  # in the recap: the dialog closed
        term.press("f", expect="Finish the meeting?")
        term.press("y", expect="Meeting finished", timeout=30)
        term.press("enter", expect="Last meeting", timeout=30)
        # home at 80x24: every way out is on screen even though the footer is cut; ? explains home
        term.wait_for_all("y history", "g trends", "a Sales-Marketing", "e people & teams")
        term.type("?")
        help_screen = term.wait_for("Help: Home")
        assert "Same day, same time" in help_screen and "Back" not in help_screen
        term.press("escape", expect="Last meeting")
        term.keys("C-q")
        assert term.wait_exit() == 0

        # -- the record: history --json and export latest -------------------------------------------------
        history = l10_json(term, "history", "--json", "--last", "1")
        assert isinstance(history, list) and len(history) == 1
        row = history[0]
        record = row["record"]
        assert row["state"] == "finished"
        assert row["present"] == len(order) - 1 and row["expected"] == len(order)
        assert row["rating_average"] == pytest.approx((7 + 9 * (len(order) - 2)) / (len(order) - 1), abs=0.01)
        assert dropped_id in row["issues_dropped"]
        assert len(row["issues_solved"]) == 1
        solved_id = row["issues_solved"][0]
        assert len(row["issues_added"]) >= 2  # the scorecard row and the rock dropped to issues
        assert MESSAGE in record["cascading_messages"]
        ratings = {r["person"]: r for r in record["ratings"]}
        by_name = {p["name"]: p["id"] for p in l10_json(term, "person", "list", "--json")}  # type: ignore[union-attr]
        assert record["attendance"][by_name[absent]] is False
        assert by_name[absent] not in ratings or ratings[by_name[absent]].get("score") is None
        assert ratings[by_name[order[0]]]["score"] == 7 and "Fewer issues" in ratings[by_name[order[0]]]["comment"]
        todos = l10_json(term, "todo", "list", "--json")
        made = [t for t in todos if t["title"] == SOLVE_TODO]  # type: ignore[index]
        assert len(made) == 1 and made[0]["owner"] in (owner, by_name[owner])  # type: ignore[index]
        assert made[0]["id"] in record["todos_created"]  # type: ignore[index]
        solved = next(i for i in l10_json(term, "issue", "list", "--all", "--json") if i["id"] == solved_id)  # type: ignore[union-attr,index]
        assert solved["status"] == "solved" and solved["solution"] == SOLUTION
        sources = {i["source"]["kind"] for i in l10_json(term, "issue", "list", "--json") if i.get("source")}  # type: ignore[union-attr,index]
        assert {"measurable", "rock"} <= sources

        export = term.run("--db", str(demo_store(term)), "export", "latest")
        assert export.returncode == 0, export.stderr
        md = export.stdout
        for text in (SOLUTION, SOLVE_TODO, MESSAGE, first_issue, dropped_title, absent, HEADLINE):
            assert text in md, text
