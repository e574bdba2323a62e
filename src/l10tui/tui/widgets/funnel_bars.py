"""The funnel drawn as bars, one per stage (issue #18): the widths are this week's numbers, the labels say them;
between two stages, the step's conversion against its median (✓ at or above, ✗ below, ~ noisy, · gap: symbols and
words, colour only on top); under them, the week's leak line.

A Rich renderable that measures the width it is given, so the bars fill an 80-column terminal and a projector alike.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rich.console import Console, ConsoleOptions
from rich.text import Text
from textual.app import App
from textual.widgets import Static

from l10tui.domain.funnel import Funnel, Step
from l10tui.domain.rules import Track
from l10tui.domain.text import safe_text
from l10tui.report.funnel_text import step_cell

from ..status import SYMBOL, track_colour

BAR = "█"
MAX_NAME = 24
MAX_TEAM = 14
VERDICT_TRACK: dict[str, Track] = {"leak": "off", "none": "on", "unknown": "missing"}


def step_track(step: Step, funnel: Funnel) -> Track:
    w = step.at(funnel.this_week)
    if w is None or w.conversion is None or w.noisy:
        return "missing"
    return "off" if step.median is not None and w.conversion < step.median else "on"


def funnel_heading(funnel: Funnel | None) -> str:
    """The line above the picture: what the bars and arrows are."""
    if funnel is None:
        return "The funnel"
    return f"The funnel, wk {funnel.this_week:%-d %b} (↓ conversion against its {len(funnel.weeks)}-week median)"


class FunnelPicture:
    """The bars and steps of a funnel, drawn to the width Rich gives it."""

    def __init__(self, funnel: Funnel, app: App[Any]) -> None:
        self.funnel = funnel
        self.styles = {t: track_colour(app, t) for t in ("on", "off", "missing")}

    def lines(self, width: int) -> list[Text]:
        f = self.funnel
        names = [safe_text(s.name)[:MAX_NAME] for s in f.stages]
        teams = [safe_text(s.team_name)[:MAX_TEAM] for s in f.stages]
        values = [s.values[-1] for s in f.stages]
        shown = ["— not entered" if v is None else f"{v:g}" for v in values]
        name_w, team_w = max(map(len, names)), max(map(len, teams))
        num_w = max(map(len, shown))
        bar_w = max(4, width - name_w - team_w - num_w - 7)
        top = max((v for v in values if v is not None), default=0.0)
        out: list[Text] = []
        for i in range(len(f.stages)):
            v = values[i]
            n = 0 if v is None or top <= 0 or v <= 0 else max(1, round(v / top * bar_w))
            line = Text(f"{names[i].ljust(name_w)}  ", style="bold")
            line.append(f"{teams[i].ljust(team_w)}  ")
            line.append(BAR * n)
            line.append(f" {shown[i]}")
            out.append(line)
            if i < len(f.steps):
                step = f.steps[i]
                track = step_track(step, f)
                cell = step_cell(step, f.this_week)
                out.append(Text(f"{' ' * min(4, name_w)}↓ {safe_text(cell)}", style=self.styles[track]))
        verdict = VERDICT_TRACK[f.verdict()]
        out.append(Text(f"{SYMBOL[verdict]} {safe_text(f.leak_line())}", style=f"{self.styles[verdict]} bold"))
        return out

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        for line in self.lines(options.max_width):
            line.no_wrap = False
            yield line


class FunnelBars(Static):
    """The funnel on the Sales-Marketing view (or how to make one)."""

    DEFAULT_CSS = """
    FunnelBars { height: auto; }
    """

    def __init__(self, funnel: Funnel | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.funnel = funnel

    def on_mount(self) -> None:
        if self.funnel is None:
            self.update(Text('No funnel yet: l10 funnel set MQLs SQLs "Demos booked" "New customers" (or in People).'))
        else:
            self.update(FunnelPicture(self.funnel, self.app))
