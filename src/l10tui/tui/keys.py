"""The keys a screen offers, in the order people look for them (help screen and command palette share this)."""

from __future__ import annotations

from typing import Any

from textual.binding import ActiveBinding
from textual.screen import Screen

# Generic movement keys of scrollable widgets: everyone knows them, and they would push the screen's own keys
# out of sight.
_GENERIC = ("scroll_", "page_", "focus_next", "focus_previous", "copy_text", "select_", "cursor_")


def screen_keys(screen: Screen[Any]) -> list[tuple[str, ActiveBinding]]:
    """The screen's keys first, then the focused widget's, then the app's; generic movement keys left out."""
    app = screen.app

    def rank(item: tuple[str, ActiveBinding]) -> int:
        node = item[1].node
        return 0 if node is screen else 2 if node is app else 1

    items = [
        (k, a)
        for k, a in screen.active_bindings.items()
        if not a.binding.action.rpartition(".")[2].startswith(_GENERIC)  # "screen.copy_text" too
    ]
    return sorted(items, key=rank)
