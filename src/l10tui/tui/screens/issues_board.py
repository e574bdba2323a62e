"""The issues board: one panel per team, open issues in rank order (or the long-term list); every IDS housekeeping
move between meetings: add, edit, re-rank, move to another team, merge, solve, drop, long-term."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Header, Static

from l10tui.domain.models import Issue, Team
from l10tui.domain.rules import team_of_person
from l10tui.domain.text import safe_text
from l10tui.store.solve import TodoToMake, solve_with_todos

from ..widgets.board_form import FormDialog, FormField
from ..widgets.board_names import local, person_names, source_text, team_names
from ..widgets.board_panel import BoardPanel
from ..widgets.dialogs import ChoiceDialog, ConfirmDialog, NewIssue, NewIssueDialog, Solution, SolveDialog
from ..widgets.issue_panel import IssuePanel
from ..widgets.key_footer import KeyFooter as Footer
from .base import L10Screen

NARROW_PANEL = 36  # columns per team panel below which the board shows one team at a time


class IssuesBoardScreen(L10Screen):
    TITLE_TEXT = "Issues board"
    REFRESH_WHEN_UNCOVERED = True
    RULE = (
        "Each team keeps its own issues list, ranked; the long-term list is reviewed quarterly. Keep, kill or combine "
        "issues before IDS; an issue ends solved, dropped, merged or long-term, and nothing is deleted. Every issue "
        "shows the team that raised it and what it came from."
    )

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("a", "add", "New issue"),
        Binding("e", "edit", "Edit"),
        Binding("shift+up,plus", "rank(-1)", "Rank up", key_display="⇧↑/+"),
        Binding("shift+down,minus", "rank(1)", "Rank down", key_display="⇧↓/-"),
        Binding("v", "move", "Move to team"),
        Binding("m", "merge", "Merge"),
        Binding("s", "solve", "Solve"),
        Binding("x", "drop", "Drop"),
        Binding("l", "long_term", "Long-term / back"),
        Binding("L", "toggle_list", "Show long-term list"),
        Binding("right", "panel(1)", "Next team", key_display="→"),
        Binding("left", "panel(-1)", "Previous team", key_display="←"),
    ]

    def __init__(self, team: str | None = None, long_term: bool = False, **_: Any) -> None:
        super().__init__()
        self.start_team = team
        self.long_term = long_term
        self._teams: list[Team] = []
        self.total = 0

    def compose(self) -> ComposeResult:
        self._teams = self.db.teams.active()
        yield Header()
        yield Static(id="board-summary", classes="board-summary")
        with Horizontal(id="board-panels"):
            people, teams = person_names(self.db), team_names(self.db)
            for team in self._teams:
                issues = self.db.issues.open_for(team.id, long_term=self.long_term)
                yield BoardPanel(
                    team, issues, long_term=self.long_term, people=people, teams=teams, id=f"panel-{team.id}"
                )
        yield Static(id="board-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        panels = self.panels()
        if panels:
            first = next((p for p in panels if p.team.id == self.start_team), panels[0])
            first.table.focus()

    # -- reading ---------------------------------------------------------------------------------------------------

    def panels(self) -> list[BoardPanel]:
        return list(self.query(BoardPanel))

    def current_panel(self) -> BoardPanel | None:
        focused = self.focused
        for panel in self.panels():
            if focused is not None and (focused is panel or panel in focused.ancestors):
                return panel
        panels = self.panels()
        return panels[0] if panels else None

    def selected(self) -> str | None:
        panel = self.current_panel()
        return panel.selected_id if panel else None

    def refresh_data(self) -> None:
        if [t.id for t in self.db.teams.active()] != [t.id for t in self._teams]:
            self.call_later(self._recompose)
            return
        teams = team_names(self.db)
        people = person_names(self.db)
        total = 0
        for panel in self.panels():
            issues = self.db.issues.open_for(panel.team.id, long_term=self.long_term)
            total += len(issues)
            panel.show(issues, long_term=self.long_term, people=people, teams=teams)
        self.total = total
        self._summary()
        self.show_detail()

    def _summary(self) -> None:
        which = "Long-term list" if self.long_term else "Open issues"
        other = "L: back to open issues" if self.long_term else "L: long-term list"
        switch = "← →: other teams" if self.has_class("-narrow") else "tab / ← →: next team"
        self.query_one("#board-summary", Static).update(f"{which}: {self.total}   ·   {switch}   ·   {other}")

    async def _recompose(self) -> None:
        await self.recompose()
        self.refresh_data()
        panels = self.panels()
        if panels:
            panels[0].table.focus()

    def show_detail(self) -> None:
        detail = self.query_one("#board-detail", Static)
        key = self.selected()
        issue = self.db.issues.find(key) if key else None
        if issue is None:
            detail.update("No issue selected.  a adds one.")
            return
        teams = team_names(self.db)
        people = person_names(self.db)
        raised = people.get(issue.raised_by or "", "")
        raised_team = teams.get(issue.raised_by_team or "", "")
        who = " / ".join(x for x in (raised, raised_team) if x) or "unknown"
        text = Text.assemble((f"{issue.id} ", "bold"), (safe_text(issue.title), "bold"))
        text.append("\n" + safe_text(f"owned by {teams.get(issue.team, issue.team)} · raised by {who}"))
        text.append(f" · since {local(issue.created_at, self.db.calendar):%-d %b}")
        src = source_text(self.db, issue.source)
        if src:
            text.append(safe_text(f" · from {src}"))
        if issue.details:
            text.append("\n" + safe_text(issue.details)[:300])
        detail.update(text)

    def on_issue_panel_highlighted(self, event: IssuePanel.Highlighted) -> None:
        self.show_detail()

    def on_issue_panel_opened(self, event: IssuePanel.Opened) -> None:
        self.action_edit()

    def on_descendant_focus(self) -> None:
        current = self.current_panel()
        if current is not None:
            self._mark_current(current)
        self.show_detail()

    # -- helpers ---------------------------------------------------------------------------------------------------

    def _need_issue(self) -> Issue | None:
        key = self.selected()
        if key is None:
            self.notify("No issue selected", severity="warning")
            return None
        return self.read(self.db.issues.get, key)

    def _reselect(self, issue_id: str, team: str | None = None) -> None:
        self.refresh_data()
        for panel in self.panels():
            if panel.team.id == (team or panel.team.id) and issue_id in [str(r.value) for r in panel.table.rows]:
                panel.select(issue_id)
                panel.table.focus()
                break
        self.show_detail()

    def _people_choices(self) -> list[tuple[str, str]]:
        return sorted(((p.name, p.id) for p in self.db.people.active()), key=lambda x: x[0].casefold())

    def _team_choices(self) -> list[tuple[str, str]]:
        return [(t.name, t.id) for t in self.db.teams.active()]

    # -- actions ---------------------------------------------------------------------------------------------------

    def action_panel(self, step: int) -> None:
        panels = self.panels()
        current = self.current_panel()
        if not panels or current is None:
            return
        target = panels[(panels.index(current) + step) % len(panels)]
        self._mark_current(target)
        self.call_after_refresh(target.table.focus)

    def _mark_current(self, panel: BoardPanel) -> None:
        for p in self.panels():
            p.set_class(p is panel, "-current")

    def on_resize(self) -> None:
        n = max(len(self._teams), 1)
        self.set_class(self.app.size.width // n < NARROW_PANEL, "-narrow")
        current = self.current_panel()
        if current is not None:
            self._mark_current(current)
        self._summary()

    def action_add(self) -> None:
        panel = self.current_panel()
        dialog = NewIssueDialog(self._team_choices(), self._people_choices(), team=panel.team.id if panel else None)
        self.app.push_screen(dialog, self._added)

    def _added(self, new: NewIssue | None) -> None:
        if new is None:
            return
        person = self.db.people.find(new.raised_by) if new.raised_by else None
        if person is not None and len(person.teams) > 1:
            # Someone in several teams: ask which one raised it (the answer is what alignment counts).
            names = {t.id: t.name for t in self.db.teams.all()}
            choices = [(names.get(t, t), t) for t in person.teams] + [("all teams (not one side)", "")]
            field = FormField("by_team", f"Which team raised it, for {person.name}?", "", choices)

            def chosen(values: dict[str, str] | None) -> None:
                if values is not None:
                    self._add_issue(new, values["by_team"] or None)

            self.app.push_screen(FormDialog("Raised by which team", [field]), chosen)
            return
        self._add_issue(new, team_of_person(person))

    def _add_issue(self, new: NewIssue, by_team: str | None) -> None:
        for same in self.db.issues.duplicates(new.title, new.team):
            self.notify(f"{same.id} has the same title", severity="warning", timeout=4)
        issue = self.attempt(
            self.db.issues.add,
            new.title,
            team=new.team,
            raised_by=new.raised_by,
            raised_by_team=by_team,
            details=new.details,
            by=new.raised_by or "",
        )
        if issue is not None:
            self.notify(f"Added {issue.id}", timeout=2)
            self.long_term = False
            self._reselect(issue.id, issue.team)

    def action_edit(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return
        fields = [
            FormField("title", "Issue", issue.title),
            FormField("details", "Details", issue.details),
            FormField("raised_by", "Raised by", issue.raised_by or "", self._people_choices(), allow_blank=True),
            FormField(
                "raised_by_team",
                "Raising team (blank: all teams / not said)",
                issue.raised_by_team or "",
                self._team_choices(),
                allow_blank=True,
            ),
        ]

        def saved(_: object) -> None:
            self._reselect(issue.id)

        self.open_form(f"Edit {issue.id}", fields, lambda values: self.db.issues.edit(issue.id, **values), saved)

    def action_rank(self, step: int) -> None:
        if self.long_term:
            self.notify("The long-term list is not ranked", severity="warning")
            return
        issue = self._need_issue()
        if issue is None:
            return
        order = [i.id for i in self.db.issues.open_for(issue.team)]
        at = order.index(issue.id)
        to = min(max(at + step, 0), len(order) - 1)
        if to == at:
            return
        order.insert(to, order.pop(at))
        self.attempt(self.db.issues.rerank, issue.team, order)
        self._reselect(issue.id, issue.team)

    def action_move(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return
        others = [(name, tid) for name, tid in self._team_choices() if tid != issue.team]
        if not others:
            self.notify("There is no other team", severity="warning")
            return

        def done(team: str | None) -> None:
            if team and self.attempt(self.db.issues.move, issue.id, team) is not None:
                self.notify(f"{issue.id} moved to {dict((t, n) for n, t in others).get(team, team)}", timeout=3)
                self._reselect(issue.id, team)

        self.app.push_screen(ChoiceDialog(f"Move {issue.id} {issue.title[:40]} to", others), done)

    def action_merge(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return
        teams = team_names(self.db)
        targets = [
            (f"{i.id} {i.title[:50]} ({teams.get(i.team, i.team)})", i.id)
            for i in self.db.issues.all()
            if i.status in ("open", "long-term") and i.id != issue.id
        ]
        if not targets:
            self.notify("There is no other open issue to merge into", severity="warning")
            return

        def done(into: str | None) -> None:
            if into and self.attempt(self.db.issues.merge, issue.id, into) is not None:
                self.notify(f"{issue.id} merged into {into}", timeout=3)
                self._reselect(into)

        self.app.push_screen(ChoiceDialog(f"Merge {issue.id} {issue.title[:40]} into", targets), done)

    def action_solve(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return
        today = self.l10.clock.today()

        def done(solution: Solution | None) -> None:
            if solution is None:
                return

            def save() -> bool:
                specs = [TodoToMake(t.title, t.owner, t.due) for t in solution.todos]
                solve_with_todos(self.db, issue.id, solution.text, specs, today=today)  # as the meeting does
                return True

            if self.attempt(save):
                self.notify(f"{issue.id} solved", timeout=2)
            self.refresh_data()

        self.app.push_screen(SolveDialog(issue.title, self._people_choices(), today), done)

    def action_drop(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return

        def done(yes: bool | None) -> None:
            if yes and self.attempt(self.db.issues.drop, issue.id, "dropped from the board") is not None:
                self.notify(f"{issue.id} dropped (history keeps it)", timeout=2)
                self.refresh_data()

        self.app.push_screen(ConfirmDialog(f"Drop {issue.id} {issue.title[:50]}?", yes="Drop", no="Keep"), done)

    def action_long_term(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return
        if issue.status == "long-term":
            if self.attempt(self.db.issues.reopen, issue.id) is not None:
                self.notify(f"{issue.id} is back on the issues list", timeout=2)
        elif self.attempt(self.db.issues.to_long_term, issue.id) is not None:
            self.notify(f"{issue.id} moved to the long-term list", timeout=2)
        self.refresh_data()

    def action_toggle_list(self) -> None:
        self.long_term = not self.long_term
        self.refresh_data()
