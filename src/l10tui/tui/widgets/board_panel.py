"""The board's team panel: the meeting's :class:`IssuePanel` (reused), titled "open" or "long-term"."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from l10tui.domain.models import Issue, Team
from l10tui.domain.text import safe_text

from ..safe import safe_colour
from .issue_panel import IssuePanel


class BoardPanel(IssuePanel):
    """One team's open issues in rank order, or its long-term list (``long_term``)."""

    def __init__(self, team: Team, issues: Sequence[Issue], *, long_term: bool = False, **kwargs: object) -> None:
        super().__init__(team, issues, **kwargs)  # type: ignore[arg-type]
        self.long_term = long_term

    def _title(self) -> Text:
        t = Text()
        t.append("■ ", style=f"bold {safe_colour(self.team.colour)}")
        t.append(safe_text(self.team.name), style="bold")
        t.append(f"  {len(self.issues)} {'long-term' if getattr(self, 'long_term', False) else 'open'}", style="")
        return t

    def show(self, issues: Sequence[Issue], *, long_term: bool, people: dict[str, str], teams: dict[str, str]) -> None:
        self.long_term = long_term
        self.people, self.teams = people, teams
        self.set_issues(issues)

    def select(self, issue_id: str) -> None:
        self.table.select_key(issue_id)
