"""Conclude: ratings, cascading messages, Finish and the summary."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from l10tui.domain.text import safe_lines
from l10tui.meeting import CONCLUDE, Summary

from ...safe import plain_lines
from ...status import muted
from ...widgets.dialogs import ConfirmDialog, RatingDialog, TextDialog
from ...widgets.record_line import rubric_text
from ...widgets.row_table import RowTable
from .base import MeetingBase


class SummaryScreen(ModalScreen[None]):
    """The finished meeting's summary; any of enter / escape / q closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape,q", "close", "Close", id="summary.close")]
    DEFAULT_CSS = """
    SummaryScreen { align: center middle; background: $background 60%; }
    SummaryScreen > #summary-box { width: 90%; max-width: 100; height: auto; max-height: 90%;
        border: thick $success; background: $surface; padding: 1 2; }
    """

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-box"):
            yield Static(Text("Meeting finished", style="bold"))
            yield Static(plain_lines("\n".join(self.summary.lines)), id="summary-text")
            yield Static(Text("enter closes", style=muted(self.app)))

    def action_close(self) -> None:
        self.dismiss(None)


class ConcludeKeys(MeetingBase):
    """r rates the person under the cursor, c adds a message, f finishes."""

    SEGMENT_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "rate", "Rate"),
        Binding("c", "cascade", "Cascading message"),
        Binding("f", "finish", "Finish meeting"),
    ]

    def action_rate(self) -> None:
        run = self.run
        person = self.selected_row()
        if run is None or person is None:
            return
        if not run.present(person):
            self.notify(f"{run.name_of(person)} is marked absent (a toggles)", severity="warning", timeout=3)
            return
        current = run.rating(person)

        def rated(result: tuple[int, str] | None) -> None:
            if result is not None:
                self.act(run.rate, person, result[0], result[1])
                table = self.view(CONCLUDE).query_one("#ratings", RowTable)
                # on to the next person present (the absent cannot rate: the cursor stopping there halted the round)
                start = table.cursor_row
                for row in range(start + 1, table.row_count):
                    table.move_cursor(row=row, animate=False)
                    key = table.selected_key
                    if key is not None and run.present(key):
                        break
                else:
                    table.move_cursor(row=start, animate=False)

        self.app.push_screen(
            RatingDialog(
                run.name_of(person),
                score=current.score if current else None,
                comment=current.comment if current else "",
            ),
            rated,
        )

    def action_cascade(self) -> None:
        run = self.run
        if run is None:
            return
        self.app.push_screen(
            TextDialog("Cascading message", "Message", placeholder="what must be told to whom"),
            lambda text: self.act(run.add_message, text) if text else None,
        )

    def help_extra(self) -> Text | None:
        """``?`` at Conclude also says what a 10 means (widgets/record_line.py)."""
        return rubric_text() if self.run is not None and self.run.current == CONCLUDE else None

    def action_finish(self) -> None:
        run = self.run
        if run is None:
            return
        missing = run.missing_ratings()
        question = "Finish the meeting? It is saved as finished and a backup is made."
        if missing:
            question = f"{len(missing)} attendee(s) have not rated yet. Finish anyway?"

        def finished(summary: Summary | None, error: BaseException | None) -> None:
            # now, or later when the writer queued it (another l10 writing): the summary shows either way
            self.reload()
            if summary is not None and error is None:
                self.refresh_bindings()
                self.app.push_screen(SummaryScreen(summary), lambda _: self._after_finish(summary))

        def answer(yes: bool | None) -> None:
            if yes:
                self.attempt_then(run.finish, then=finished)

        self.app.push_screen(ConfirmDialog(question, yes="Finish"), answer)

    def _after_finish(self, summary: Summary) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
            sync = getattr(self.app, "sync_in_background", None)  # when this laptop turned it on (l10 sync auto on)
            if callable(sync):
                sync()
        else:
            self.app.exit(message=safe_lines("\n".join(summary.lines)))
