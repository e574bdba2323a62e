"""The reusable meeting widgets on their own: scorecard grid, issue panel, dialogs."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Input, Select

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store
from l10tui.tui.widgets.dialogs import ConfirmDialog, NewIssueDialog, NewTodoDialog, RatingDialog, TodoSpec
from l10tui.tui.widgets.issue_panel import IssuePanel
from l10tui.tui.widgets.scorecard_data import load_scorecard
from l10tui.tui.widgets.scorecard_grid import ScorecardGrid


def small(db: L10Store, today: date) -> dict[str, str]:
    sales = db.teams.add("Sales")
    mkt = db.teams.add("Marketing")
    ann = db.people.add("Ann", [sales.id])
    cat = db.people.add("Cat", [mkt.id])
    leads = db.measurables.add("Leads", owner=cat.id, goal=50, teams=[mkt.id])
    rev = db.measurables.add("Revenue", owner=ann.id, goal=100, teams=[sales.id, mkt.id])
    db.scores.set(leads.id, today, 40)
    db.scores.set(rev.id, today, 120)
    i1 = db.issues.add("Leads are junk", team=sales.id, raised_by=cat.id, raised_by_team=mkt.id)
    return {
        "sales": sales.id,
        "mkt": mkt.id,
        "ann": ann.id,
        "cat": cat.id,
        "leads": leads.id,
        "rev": rev.id,
        "i1": i1.id,
    }


class Host(App[None]):
    def __init__(self, widget: Any) -> None:
        super().__init__()
        self.widget = widget
        self.messages: list[Any] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_scorecard_grid_score_submitted(self, message: ScorecardGrid.ScoreSubmitted) -> None:
        self.messages.append(message)

    def on_issue_panel_opened(self, message: IssuePanel.Opened) -> None:
        self.messages.append(message)


async def test_scorecard_grid_symbols_and_in_place_edit(db: L10Store, clock: FakeClock) -> None:
    ids = small(db, clock.today())
    grid = ScorecardGrid(load_scorecard(db, db.measurables.all(), clock.today()))
    app = Host(grid)
    async with app.run_test(size=(120, 20)) as pilot:
        table = grid.table
        await pilot.pause()
        # name, who, goal, trailing, then as many whole weeks as fit the width (issue 13), this week's always
        assert table.row_count == 2 and 4 + 4 <= len(table.columns) <= 4 + 13
        assert sum(c.get_render_width(table) for c in table.columns.values()) <= table.size.width
        # this week is the newest, on the right (issue 20: as the scorecard screen and `l10 score show`)
        leads = str(table.get_row(ids["leads"])[-1])
        rev_row = table.get_row(ids["rev"])
        assert leads == "✗ 40" and str(rev_row[-1]) == "✓ 120" and str(rev_row[-2]).startswith("·")
        assert "⇄" in str(rev_row[0])  # shared
        table.focus()
        await pilot.press("enter")
        assert grid.editing == ids["leads"]
        inp = grid.query_one("#score-input", Input)
        inp.value = ""
        await pilot.press("5", "5", "enter")
        await pilot.pause()
        (msg,) = app.messages
        assert (msg.measurable, msg.value, msg.week) == (ids["leads"], 55.0, date(2026, 11, 23))
        assert grid.editing is None


async def test_issue_panel_posts_opened(db: L10Store, clock: FakeClock) -> None:
    ids = small(db, clock.today())
    team = db.teams.get(ids["sales"])
    panel = IssuePanel(
        team, db.issues.open_for(team.id), people={ids["cat"]: "Cat"}, teams={ids["mkt"]: "Marketing"}, top3=[ids["i1"]]
    )
    app = Host(panel)
    async with app.run_test(size=(80, 12)) as pilot:
        row = panel.table.get_row(ids["i1"])
        assert str(row[1]) == "#1" and "Cat ← Marketing" in str(row[3])
        panel.table.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.messages[0].issue_id == ids["i1"]


async def test_dialogs_validate_and_return(db: L10Store, clock: FakeClock) -> None:
    ids = small(db, clock.today())
    app = Host(IssuePanel(db.teams.get(ids["sales"]), []))
    results: list[Any] = []
    async with app.run_test(size=(100, 30)) as pilot:
        app.push_screen(NewTodoDialog([("Ann", ids["ann"])], clock.today(), owner=ids["ann"]), results.append)
        await pilot.pause()
        await pilot.press("ctrl+s")  # empty title: refused, stays open
        await pilot.pause()
        assert "empty" in str(app.screen.query_one("#dialog-error").render())
        app.screen.query_one("#todo-title", Input).value = "Send deck"
        app.screen.query_one("#todo-due", Input).value = "friday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results[-1] == TodoSpec("Send deck", ids["ann"], date(2026, 11, 27))
        app.push_screen(RatingDialog("Ann"), results.append)
        await pilot.pause()
        app.screen.query_one("#rating-score", Input).value = "6"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "made it a 10" in str(app.screen.query_one("#dialog-error").render())
        app.screen.query_one("#rating-comment", Input).value = "shorter IDS"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert results[-1] == (6, "shorter IDS")
        app.push_screen(
            NewIssueDialog([("Sales", ids["sales"]), ("Marketing", ids["mkt"])], [("Ann", ids["ann"])]), results.append
        )
        await pilot.pause()
        app.screen.query_one("#issue-title", Input).value = "Pricing page"
        app.screen.query_one("#issue-team", Select).value = ids["mkt"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert (results[-1].title, results[-1].team, results[-1].raised_by) == ("Pricing page", ids["mkt"], None)
        app.push_screen(ConfirmDialog("Finish?"), results.append)
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert results[-1] is True
