"""User text in the app: always a ``Text`` (never a markup string), with every control, bidi and invisible character
made harmless by the one sanitiser (:mod:`l10tui.domain.text`).

A team called ``[/]Ops`` or a to-do titled ``[/] x`` once crashed the app (markup), and a title holding
``ESC ] 0 ; pwned BEL`` retitled the terminal. Every widget that shows store text takes it through here.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text

from l10tui.domain.text import safe_lines, safe_text, unsafe_at


def plain(text: object, style: str = "") -> Text:
    """One line of user text, shown literally (``[Q4] pricing`` stays ``[Q4] pricing``)."""
    return Text(safe_text(text), style=style)


def plain_lines(text: object, style: str = "") -> Text:
    """User text that may span lines (details, notes, a summary), shown literally."""
    return Text(safe_lines(text), style=style)


def safe_cell(cell: Any) -> Any:
    """A table cell: a string becomes literal ``Text``; a ``Text`` holding unsafe characters is cleaned."""
    if isinstance(cell, str):
        return plain(cell)
    if isinstance(cell, Text) and unsafe_at(cell.plain, multiline=True) is not None:
        return Text(safe_lines(cell.plain), style=cell.style, justify=cell.justify, overflow=cell.overflow)
    return cell


_HEX = frozenset("0123456789abcdefABCDEF")


def safe_colour(colour: str) -> str:
    """A team's colour as a style: ``#rrggbb`` only (anything else in the store would be parsed as a style)."""
    if len(colour) == 7 and colour.startswith("#") and all(c in _HEX for c in colour[1:]):
        return colour
    return ""


def add_safe_row(table: Any, *cells: Any, **kwargs: Any) -> None:
    """``table.add_row`` for a Rich ``Table`` (whose string cells are markup) with every cell made literal."""
    table.add_row(*(safe_cell(c) for c in cells), **kwargs)
