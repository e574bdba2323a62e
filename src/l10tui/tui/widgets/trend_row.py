"""``TrendRow``: a label, a Sparkline of the values, and the figure that says what they mean (never colour alone)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Sparkline, Static

from ..safe import safe_cell


class TrendRow(Horizontal):
    DEFAULT_CSS = """
    TrendRow { height: 1; width: 1fr; }
    TrendRow > .trend-label { width: 24; height: 1; text-wrap: nowrap; text-overflow: ellipsis; padding-right: 1; }
    TrendRow > Sparkline { width: 1fr; min-width: 8; height: 1; margin-right: 1; }
    TrendRow > .trend-value { width: 36; height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    TrendRow > .trend-empty { width: 1fr; min-width: 8; height: 1; color: $text-muted; margin-right: 1; }
    """

    def __init__(self, label: str | Text, values: Sequence[float | None], figure: Text | str) -> None:
        super().__init__()
        self.label = label
        self.values = [v for v in values if v is not None]
        self.figure = figure

    def compose(self) -> ComposeResult:
        yield Static(safe_cell(self.label), classes="trend-label")
        if len(self.values) >= 2:
            yield Sparkline(self.values)
        else:
            yield Static("not enough data yet", classes="trend-empty")
        yield Static(safe_cell(self.figure), classes="trend-value")
