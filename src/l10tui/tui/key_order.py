"""Keys are handled one after another, in the order they were typed (issue 13 point 10, the tmux flakes).

Textual reads a key, hands it to the focused widget's queue and reads the next one at once; what the first key does
(a binding that opens a dialog, an Enter that moves to the next field, a Select opening its list) happens later,
when the widget, its parents and the app get round to it. In a burst (tmux, a paste, a loaded machine) the later
keys were read before that, so they went to the old place, or overtook a key that had to be sent again
("d the pricing sheet to NordwindSen", "…twice a dayAisha").

:class:`KeyOrder` makes the app read the next key only once the one before has been handled: after a key is handed
on, a marker follows it up the same way (the widget, each parent, the screen, the app: each queue is first in, first
out, so the marker reaches a level only after the key has). When the marker has gone that way twice (a second time
for what the key's handling posted in turn: an Input's ``Submitted``, a ``call_later``), the next key held meanwhile
is read. A marker that cannot reach its end (a widget removed on the way) ends the wait; so does ``LIMIT_S``, so a
key never waits long behind one whose handling hangs.

A held key is let go by posting it to the app again, at the back of its queue; until it is read, the keys read
before it (delivered by the terminal meanwhile) are held behind it, so none of them overtakes it.

Typing at human speed never waits: a key is held only while the one before is still on its way.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump
    from textual.timer import Timer

LIMIT_S = 1.0  # the longest a key waits for the one before it to be handled
ROUNDS = 2  # the marker's trips: the key itself, then what its handling posted


class KeyOrder:
    """Holds the keys read while an earlier one is still being handled, and hands them on one by one, in order."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.held: deque[events.Key] = deque()
        self.busy = False  # a key handed on is still on its way
        self._token = 0  # which key the marker on its way belongs to (a late marker of an older key does nothing)
        self._timer: Timer | None = None

    def hold(self, event: events.Key) -> bool:
        """True: ``event`` waits its turn (it is handed on later). A key the app sends again is never held: it was
        read before the ones waiting."""
        if getattr(event, "_l10_released", False) or getattr(event, "_l10_hops", 0):
            return False
        if not self.busy and not self.held:
            return False
        self.held.append(event)
        if self._timer is None:
            self._timer = self.app.set_timer(LIMIT_S, self._expire)
        return True

    def handed_on(self, target: MessagePump) -> None:
        """A key was just handed to ``target``: follow it with a marker; the next key waits until it has arrived."""
        self._token += 1
        self.busy = True
        self._walk(target, self._token, ROUNDS)

    def _walk(self, start: MessagePump, token: int, rounds: int) -> None:
        app = self.app

        def step(node: MessagePump) -> None:
            if token != self._token:
                return
            if node is app:
                if rounds > 1 and getattr(start, "is_attached", False):
                    self._walk(start, token, rounds - 1)
                else:
                    self._settled(token)
                return
            parent = getattr(node, "parent", None) or app
            if not parent.call_later(step, parent):
                self._settled(token)

        if not start.call_later(step, start):
            self._settled(token)

    def _expire(self) -> None:
        """The key on its way took longer than ``LIMIT_S``: stop waiting for it."""
        self._timer = None
        self._token += 1  # its marker, if it still arrives, ends nothing
        self.busy = False
        self._release_next()

    def _settled(self, token: int) -> None:
        if token != self._token or not self.busy:
            return
        self.busy = False
        self._release_next()

    def _release_next(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.held:
            return
        event = self.held.popleft()
        again = events.Key(event.key, event.character)
        again._l10_released = True  # type: ignore[attr-defined]
        self.app.post_message(again)
        # The key let go goes to the back of the app's queue: a key the terminal delivered meanwhile is read before
        # it. That key must wait too (behind it, in ``held``), or it overtakes it (``down down f`` marked the rock one
        # row up: the tmux flake of the rock review). So a key is on its way from now, not from when it is read.
        self.busy = True
        self._timer = self.app.set_timer(LIMIT_S, self._expire)
