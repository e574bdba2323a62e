"""How long a notice stays, and which notice replaces which: notices never linger nor stack.

A notice of the same kind (its severity and title) replaces the one before it instead of piling up under it; an
information notice goes after a few seconds whatever its caller asked, a warning or an error stays a little longer.
"""

from __future__ import annotations

from textual.notifications import Notification, SeverityLevel

INFO_S = 3.0  # an information notice, unless its caller asks for less
INFO_MAX_S = 4.0  # ... and never longer than this
WARNING_S = 6.0  # a warning or an error with no timeout of its own


def notice_timeout(severity: SeverityLevel, timeout: float | None) -> float:
    """Seconds a notice stays: information short (at most :data:`INFO_MAX_S`), the rest as asked (default 6)."""
    if severity == "information":
        return INFO_S if timeout is None else max(0.5, min(timeout, INFO_MAX_S))
    return WARNING_S if timeout is None else timeout


def notice_kind(severity: SeverityLevel, title: str) -> str:
    """Notices of one kind replace each other: the same severity and the same title."""
    return f"{severity}\0{title}"


class NoticeBoard:
    """The newest notice of each kind, so that the next one of that kind can take its place."""

    def __init__(self) -> None:
        self._kinds: dict[str, str] = {}  # notification identity -> kind (filled by notify, maybe off the loop)
        self._latest: dict[str, Notification] = {}

    def made(self, notification: Notification) -> None:
        self._kinds[notification.identity] = notice_kind(notification.severity, notification.title)

    def replaced(self, notification: Notification) -> Notification | None:
        """Record ``notification`` as the newest of its kind; the one it replaces, if any (on the event loop)."""
        kind = self._kinds.pop(notification.identity, notice_kind(notification.severity, notification.title))
        old = self._latest.get(kind)
        self._latest[kind] = notification
        return old
