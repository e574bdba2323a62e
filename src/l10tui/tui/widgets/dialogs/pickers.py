"""Picking one of a list."""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from l10tui.domain.rules import InputError

from ...safe import plain
from .base import Dialog


class ChoiceDialog(Dialog[str | None]):
    """Pick one of a list (e.g. the issue to merge into); ``enter`` picks."""

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__(title)
        self.choices = list(choices)

    def fields(self) -> ComposeResult:
        yield OptionList(*[Option(plain(label), id=value) for label, value in self.choices], id="choice-list")

    def result(self) -> str | None:
        ol = self.query_one(OptionList)
        if ol.highlighted is None:
            raise InputError("choose one")
        opt = ol.get_option_at_index(ol.highlighted)
        return opt.id

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
