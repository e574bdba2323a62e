"""Typed answers: one line of text, and a 1-10 rating with its comment."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input

from l10tui.domain.rules import RATING_GOAL, clean_text
from l10tui.domain.text import safe_text

from .base import Dialog, field_label


class TextDialog(Dialog[str | None]):
    """One line of text (a cascading message, notes...); ``allow_empty`` lets it be cleared."""

    def __init__(
        self, title: str, label: str, *, value: str = "", placeholder: str = "", allow_empty: bool = False
    ) -> None:
        super().__init__(title)
        self.label, self.value, self.placeholder, self.allow_empty = label, value, placeholder, allow_empty

    def fields(self) -> ComposeResult:
        yield field_label(self.label)
        yield Input(safe_text(self.value), id="text-value", placeholder=self.placeholder)

    def result(self) -> str | None:
        raw = self.text("text-value")
        if self.allow_empty and not raw.strip():
            return ""
        return clean_text(raw, self.label.lower(), max_len=1000)


class RatingDialog(Dialog[tuple[int, str] | None]):
    """A 1-10 rating; under 8 it asks "what would have made it a 10?" and needs an answer."""

    def __init__(self, person: str, *, score: int | None = None, comment: str = "") -> None:
        super().__init__(f"Rating from {person}")
        self.score, self.comment = score, comment

    def fields(self) -> ComposeResult:
        yield field_label("Rating 1-10")
        yield Input(
            "" if self.score is None else str(self.score), id="rating-score", placeholder="1-10", type="integer"
        )
        yield field_label(f"Under {RATING_GOAL:g}: what would have made it a 10?")
        yield Input(safe_text(self.comment), id="rating-comment", placeholder="required under 8")

    def result(self) -> tuple[int, str] | None:
        raw = self.text("rating-score").strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 10:
            raise self.fault("rating-score", "Rating: a whole number from 1 to 10")
        score = int(raw)
        comment = self.text("rating-comment").strip()
        if score < RATING_GOAL and not comment:
            raise self.fault("rating-comment", "What would have made it a 10: needed for a rating under 8")
        return score, clean_text(comment, "comment", max_len=1000) if comment else ""

    @on(Input.Submitted, "#rating-score")
    def _score_entered(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 10:
            self.action_save()  # says what is wrong and keeps the focus on the rating
        elif int(raw) >= RATING_GOAL:
            self.action_save()
        else:
            self.query_one("#rating-comment", Input).focus()
