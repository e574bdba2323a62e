"""Keys typed in a burst land where the person was looking (issue 13 point 10).

Textual hands each key to the widget that has the focus when the app reads it; what a key does (a binding, a
drop-down opening, a dialog) happens later, when that widget and the app get round to it. In tmux on a loaded machine
a whole burst (``i``, a title, Enter; Enter on a drop-down then a name) is read before the first key has done its
work, so the rest went to the old widget: lost, or worse, run as the old screen's bindings.

Every key is tagged with the screen and the widget it was sent to. A key that comes back to the app unhandled is sent
again, in order, when what it was typed for has changed meanwhile:

* another screen is on top (a dialog opened by an earlier key of the burst);
* the focused ``Select``'s drop-down is open or opening (its list takes the focus a moment later): the letters search
  the list and Enter picks, as they would have a moment later.

(Not "the focus moved": tab is handled as it is read, ahead of the keys before it still on their way, so a focus
change does not say those keys were meant for the new field.)

(A dialog keeps the keys that reach it before its first field has the focus: ``Dialog.on_key``.)

A key is sent again at most ``MAX_HOPS`` times.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Select

MAX_HOPS = 6


def tag(app: Any, event: events.Key) -> None:
    """Called as the app reads a key: where it goes now."""
    event._l10_top = app.screen  # type: ignore[attr-defined]
    event._l10_to = app.focused or app.screen  # type: ignore[attr-defined]


def sent_to(event: events.Key) -> Any:
    """The widget (or screen) the app sent ``event`` to as it read it (None: a key not read by the app)."""
    return getattr(event, "_l10_to", None)


def _why(app: Any, event: events.Key) -> str | None:
    if not hasattr(event, "_l10_top"):
        return None
    if getattr(event, "_l10_hops", 0) >= MAX_HOPS:
        return None
    screen = app.screen
    if event._l10_top is not screen:
        return "screen"
    focused = app.focused
    if isinstance(focused, Select) and focused.expanded:
        return "select"
    return None


def redirect(app: Any, event: events.Key) -> bool:
    """A key came back to the app unhandled: send it again if it was meant for a place that has changed since."""
    why = _why(app, event)
    if why is None:
        return False
    send_again(app, event)
    return True


def send_again(app: Any, event: events.Key) -> None:
    """Take ``event`` from where it is and send it to the app again, counted (at most ``MAX_HOPS`` times)."""
    event.stop()
    event.prevent_default()  # not run as a binding of wherever the focus is now, ahead of the keys before it
    again = events.Key(event.key, event.character)
    again._l10_hops = getattr(event, "_l10_hops", 0) + 1  # type: ignore[attr-defined]
    app.post_message(again)
