"""Home: placeholder until the home screen lands (replaced by the between-meetings work)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Header, Static

from .base import L10Screen


class HomeScreen(L10Screen):
    TITLE_TEXT = "Home"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("l10 home")
        yield Footer()
