"""The issues board: one panel per team, open issues in rank order (or the long-term list); every IDS housekeeping
move between meetings: add, edit, re-rank, move to another team, merge, solve, drop, long-term."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Header, Static

from l10tui.domain.models import Issue, Team

from ..widgets.board_form import FormDialog, FormField
from ..widgets.board_names import local, person_names, source_text, team_names
from ..widgets.board_panel import BoardPanel
from .base import L10Screen


class IssuesBoardScreen(L10Screen):
    TITLE_TEXT = "Issues board"
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
        Binding("right", "panel(1)", "Next team", show=False),
        Binding("left", "panel(-1)", "Previous team", show=False),
    ]

    def __init__(self, team: str | None = None, long_term: bool = False, **_: Any) -> None:
        super().__init__()
        self.start_team = team
        self.long_term = long_term
        self._teams: list[Team] = []

    def compose(self) -> ComposeResult:
        self._teams = self.db.teams.active()
        yield Header()
        yield Static(id="board-summary", classes="board-summary")
        with Horizontal(id="board-panels"):
            for team in self._teams:
                yield BoardPanel(team.id, team.name, team.colour, id=f"panel-{team.id}")
        yield Static(id="board-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()
        panels = self.panels()
        if panels:
            first = next((p for p in panels if p.team == self.start_team), panels[0])
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
        return panel.selected if panel else None

    def refresh_data(self) -> None:
        if [t.id for t in self.db.teams.active()] != [t.id for t in self._teams]:
            self.call_later(self._recompose)
            return
        teams = team_names(self.db)
        n = max(len(self._teams), 1)
        inner = self.app.size.width // n - 2
        from_width = 9 if inner >= 60 else 6
        width = max(inner - from_width - 20, 12)
        total = 0
        for panel in self.panels():
            issues = self.db.issues.open_for(panel.team, long_term=self.long_term)
            total += len(issues)
            panel.fill(issues, teams, long_term=self.long_term, title_width=width, from_width=from_width)
        which = "Long-term list" if self.long_term else "Open issues"
        other = "L: back to open issues" if self.long_term else "L: long-term list"
        self.query_one("#board-summary", Static).update(f"{which}: {total}   ·   tab: next team   ·   {other}")
        self.show_detail()

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
        text = Text.assemble((f"{issue.id} ", "bold"), (issue.title, "bold"))
        text.append(f"\nowned by {teams.get(issue.team, issue.team)} · raised by {who}")
        text.append(f" · since {local(issue.created_at):%-d %b}")
        src = source_text(self.db, issue.source)
        if src:
            text.append(f" · from {src}")
        if issue.details:
            text.append("\n" + issue.details.replace("\n", " ")[:300])
        detail.update(text)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_descendant_focus(self) -> None:
        self.show_detail()

    # -- helpers ---------------------------------------------------------------------------------------------------

    def _need_issue(self) -> Issue | None:
        key = self.selected()
        if key is None:
            self.notify("No issue selected", severity="warning")
            return None
        return self.attempt(self.db.issues.get, key)

    def _reselect(self, issue_id: str, team: str | None = None) -> None:
        self.refresh_data()
        for panel in self.panels():
            if panel.team == (team or panel.team) and issue_id in [str(r.value) for r in panel.table.rows]:
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
        panels[(panels.index(current) + step) % len(panels)].table.focus()

    def action_add(self) -> None:
        panel = self.current_panel()
        fields = [
            FormField("title", "Issue"),
            FormField("team", "Owning team (whose list it goes on)", panel.team if panel else "", self._team_choices()),
            FormField("by", "Raised by", choices=self._people_choices(), allow_blank=True),
            FormField(
                "by_team",
                "Raised by team (empty: the person's first team)",
                choices=self._team_choices(),
                allow_blank=True,
            ),
            FormField("details", "Details (optional)"),
        ]
        self.app.push_screen(FormDialog("New issue", fields), self._added)

    def _added(self, values: dict[str, str] | None) -> None:
        if not values:
            return
        by_team = values["by_team"] or None
        if by_team is None and values["by"]:
            person = self.db.people.find(values["by"])
            by_team = person.teams[0] if person and person.teams else None
        issue = self.attempt(
            self.db.issues.add,
            values["title"],
            team=values["team"],
            raised_by=values["by"] or None,
            raised_by_team=by_team,
            details=values["details"],
            by=values["by"],
        )
        if issue is not None:
            self.notify(f"Added {issue.id}", timeout=2)
            if self.long_term:
                self.long_term = False
            self._reselect(issue.id, issue.team)

    def action_edit(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return
        fields = [FormField("title", "Issue", issue.title), FormField("details", "Details", issue.details)]

        def done(values: dict[str, str] | None) -> None:
            if values and self.attempt(self.db.issues.edit, issue.id, **values) is not None:
                self._reselect(issue.id)

        self.app.push_screen(FormDialog(f"Edit {issue.id}", fields), done)

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

        def done(values: dict[str, str] | None) -> None:
            if values and self.attempt(self.db.issues.move, issue.id, values["team"]) is not None:
                self.notify(f"{issue.id} moved", timeout=2)
                self._reselect(issue.id, values["team"])

        fields = [FormField("team", "Move to", choices=others)]
        self.app.push_screen(FormDialog(f"Move {issue.id} {issue.title[:40]}", fields, submit_label="Move"), done)

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

        def done(values: dict[str, str] | None) -> None:
            if values and self.attempt(self.db.issues.merge, issue.id, values["into"]) is not None:
                self.notify(f"{issue.id} merged into {values['into']}", timeout=3)
                self._reselect(values["into"])

        fields = [FormField("into", "Merge into", choices=targets)]
        note = "The selected issue ends as merged; the other keeps its title in its details."
        self.app.push_screen(
            FormDialog(f"Merge {issue.id} {issue.title[:40]}", fields, submit_label="Merge", note=note), done
        )

    def action_solve(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values is not None and self.attempt(self.db.issues.solve, issue.id, values["solution"]) is not None:
                self.notify(f"{issue.id} solved", timeout=2)
                self.refresh_data()

        fields = [FormField("solution", "Solution (restate it)")]
        self.app.push_screen(FormDialog(f"Solve {issue.id} {issue.title[:40]}", fields, submit_label="Solve"), done)

    def action_drop(self) -> None:
        issue = self._need_issue()
        if issue is None:
            return

        def done(values: dict[str, str] | None) -> None:
            if values is not None and self.attempt(self.db.issues.drop, issue.id, values["reason"]) is not None:
                self.notify(f"{issue.id} dropped (history keeps it)", timeout=2)
                self.refresh_data()

        fields = [FormField("reason", "Why (optional)")]
        self.app.push_screen(FormDialog(f"Drop {issue.id} {issue.title[:40]}?", fields, submit_label="Drop"), done)

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
