"""One team's issues list on the board: a titled DataTable of issues in rank order."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from l10tui.domain.models import Issue

from .board_table import rebuild, selected_key

SOURCE_MARK = {"measurable": "M", "rock": "R", "headline": "H", "todo": "T"}


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


class BoardPanel(Vertical):
    """Issues of one team (``team`` is its id); the table's row keys are issue ids."""

    DEFAULT_CSS = """
    BoardPanel { width: 1fr; height: 1fr; border: round $panel-lighten-2; }
    BoardPanel:focus-within { border: round $primary; }
    BoardPanel > .panel-title { height: 1; text-style: bold; padding: 0 1; }
    BoardPanel > DataTable { height: 1fr; }
    """

    def __init__(self, team: str, name: str, colour: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.team = team
        self.team_name = name
        self.colour = colour

    def compose(self) -> ComposeResult:
        yield Static(self.team_name, classes="panel-title")
        yield DataTable(cursor_type="row", zebra_stripes=True)

    @property
    def table(self) -> DataTable[object]:
        return self.query_one(DataTable)

    @property
    def selected(self) -> str | None:
        return selected_key(self.table)

    def fill(
        self,
        issues: Sequence[Issue],
        teams: dict[str, str],
        *,
        long_term: bool,
        title_width: int,
        from_width: int = 9,
        keep: str | None = None,
    ) -> None:
        label = "long-term" if long_term else "open"
        title = Text.assemble(("■ ", self.colour), (self.team_name, "bold"), f"  {len(issues)} {label}")
        self.query_one(".panel-title", Static).update(title)
        rows = []
        for i in issues:
            raised = teams.get(i.raised_by_team or "", "")
            src = f"{SOURCE_MARK.get(i.source.kind, '?')}{i.source.id.partition('-')[2]}" if i.source else ""
            rows.append((i.id, [str(i.rank), i.id, clip(i.title, title_width), clip(raised, from_width), src]))
        columns = [("#", "rank"), ("Id", "id"), ("Issue", "title"), ("From", "from"), ("Src", "src")]
        rebuild(self.table, columns, rows, keep=keep or self.selected)

    def select(self, issue_id: str) -> None:
        table = self.table
        keys = [str(r.value) for r in table.rows]
        if issue_id in keys:
            table.move_cursor(row=table.get_row_index(issue_id))
