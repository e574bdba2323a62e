"""Messages the app shell sends to screens."""

from __future__ import annotations

from textual.message import Message


class StoreChanged(Message):
    """Another process (``l10 issue add`` in another terminal) changed the store: screens re-read what they show."""
