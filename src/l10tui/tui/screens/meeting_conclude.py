"""The Conclude segment's view: the recap, the ratings with their big average, and what the record says."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from l10tui.domain.rules import RATING_GOAL
from l10tui.domain.text import safe_text
from l10tui.meeting import MeetingRun

from ..safe import add_safe_row
from ..status import muted
from ..widgets.big_digits import BigDigits
from ..widgets.record_line import meeting_record_text
from ..widgets.row_table import RowTable
from .meeting_views import SegmentView, tracked


class ConcludeView(SegmentView):
    ACTIONS: ClassVar[frozenset[str]] = frozenset({"toggle_present", "rate", "cascade", "finish"})
    HINT = (
        "Recap to-dos, agree cascading messages, rate 1-10.  r / enter: rate  a: absent  c: message  f: finish.  "
        "?: what a 10 means."
    )
    KEYS = "r rate · a absent · c message · f finish"

    def compose(self) -> ComposeResult:
        yield from self.compose_hint()
        with Horizontal(id="conclude-top"):
            with VerticalScroll(id="conclude-recap"):
                yield Static("", id="conclude-todos")
                yield Static("", id="conclude-messages")
            with Vertical(id="conclude-rating-box"):
                yield RowTable(id="ratings")
                yield Static("", id="conclude-average")
                yield Static("", id="conclude-record")  # what the record says (widgets/record_line.py)
                yield BigDigits("", id="conclude-average-digits")

    def load(self, run: MeetingRun) -> None:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        grid.add_column(no_wrap=True)
        groups = run.todos_by_owner()
        grid.add_row(Text("New to-dos", style="bold underline"), "", "")
        if not groups:
            grid.add_row("", Text("none yet", style=muted(self.app)), "")
        for owner, todos in groups:
            for n, t in enumerate(todos):
                add_safe_row(grid, owner if n == 0 else "", t.title, t.due.strftime("%d %b") if t.due else "")
        self.query_one("#conclude-todos", Static).update(grid)
        msgs = Text("Cascading messages\n", style="bold underline")
        if not run.meeting.cascading_messages:
            msgs.append("none yet (c adds one)", style=muted(self.app))
        for n, m in enumerate(run.meeting.cascading_messages, start=1):
            msgs.append(safe_text(f"{n}. {m}") + "\n", style="")
        self.query_one("#conclude-messages", Static).update(msgs)
        columns = (("Person", "name"), ("Rating", "score"), ("What would make it a 10", "comment"))
        with self.refill("ratings", columns) as table:
            for r in run.ratings():
                if r.absent:
                    score = Text("absent", style=f"{muted(self.app)} italic")
                elif r.score is None:
                    score = tracked(self.app, None, " —")
                else:
                    score = tracked(self.app, r.score >= RATING_GOAL, str(r.score))
                table.add_row(run.name_of(r.person), score, r.comment, key=r.person)
        avg = run.average()
        text = Text("Average: ", style="bold")
        digits = self.query_one("#conclude-average-digits", BigDigits)
        digits.update("" if avg is None else f"{avg:.1f}")
        digits.set_class(avg is not None and avg < RATING_GOAL, "-off")
        if avg is None:
            text.append("— (no ratings yet)")
        else:
            text.append_text(tracked(self.app, avg >= RATING_GOAL, f"{avg:.1f}", bold=True))
            text.append(f"  (goal {RATING_GOAL:g}+)")
        missing = len(run.missing_ratings())
        if missing:
            text.append(f"  {missing} still to rate")
        self.query_one("#conclude-average", Static).update(text)
        self.query_one("#conclude-record", Static).update(meeting_record_text(self.app, run.meeting, run.clock.now()))
