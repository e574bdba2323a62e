"""What every l10tui screen shares: access to the store and clock, safe actions, a rule paragraph for help."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.binding import Binding
from textual.screen import Screen

from l10tui.domain.dates import DateError
from l10tui.domain.records import RecordError
from l10tui.domain.rules import InputError
from l10tui.store import L10Store, StoreError

from .. import key_burst
from ..keymap import screen_prefix, with_ids
from ..messages import StoreChanged

if TYPE_CHECKING:
    from ..app import L10App
    from ..widgets.board_form import FormField

T = TypeVar("T")

USER_ERRORS = (StoreError, InputError, DateError, RecordError)


class L10Screen(Screen[Any]):
    """Base screen: ``RULE`` is the one-paragraph reminder the help screen shows for it."""

    RULE: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = ""
    # Re-read the store when the screen comes back into view after a dialog or another screen covered it (not on
    # first showing: re-filling tables right after they first appear squeezed their columns).
    REFRESH_WHEN_UNCOVERED: ClassVar[bool] = False
    _was_covered = False

    BINDINGS: ClassVar[list[Binding | tuple[str, str] | tuple[str, str, str]]] = [
        Binding("escape", "go_back", "Back", show=True, id="screen.go_back"),
    ]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Every key of every screen gets an id (``meeting.solve``), so a keymap file can move it."""
        if "BINDINGS" in cls.__dict__:  # before Textual merges the bindings of the class
            cls.BINDINGS = with_ids(screen_prefix(cls.__name__), cls.BINDINGS)
        super().__init_subclass__(**kwargs)

    @property
    def l10(self) -> L10App:
        from ..app import L10App

        app = self.app
        assert isinstance(app, L10App)
        return app

    @property
    def db(self) -> L10Store:
        return self.l10.db

    def attempt(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Run a store change; a refusal or a failed write becomes a notification, never a traceback.

        Through the app's :class:`StoreWriter`: when another l10 holds the store's lock the change is queued to a
        worker thread and ``None`` comes back now; :meth:`after_background_write` runs when it is done.
        """
        return self.attempt_then(fn, *args, then=None, **kwargs)

    def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """Read the store directly, never through the writer: a read is wanted now (the board's ``x`` needs the
        issue to open its dialog), and the writer hands back ``None`` while another l10 holds the lock. A refusal
        (the record is gone) becomes a notification and ``None``."""
        try:
            return fn(*args, **kwargs)
        except USER_ERRORS as exc:
            self.notify(self.explain(exc), title="Not found", severity="error", timeout=8)
            return None

    def refuse(self, reason: str) -> None:
        """A change refused before it reaches the store: the same notification a store refusal gives."""
        self.notify(reason, title="Not saved", severity="error", timeout=8)

    def attempt_then(
        self,
        fn: Callable[..., T],
        *args: Any,
        then: Callable[[T | None, BaseException | None], None] | None,
        **kwargs: Any,
    ) -> T | None:
        """As :meth:`attempt`; ``then(result, error)`` is called once the change ran (now, or later when queued)."""

        def done(result: Any, error: BaseException | None) -> None:
            if error is not None and not isinstance(error, USER_ERRORS):
                raise error
            if error is not None:
                self.notify(self.explain(error), title="Not saved", severity="error", timeout=8)
            if then is not None:
                then(result, error)
            elif self.is_attached:
                self.after_background_write()

        try:
            ran, result = self.l10.writer.run(fn, args, kwargs, done)
        except USER_ERRORS as exc:
            self.notify(self.explain(exc), title="Not saved", severity="error", timeout=8)
            if then is not None:
                then(None, exc)
            return None
        if ran and then is not None:
            then(result, None)
        return result if ran else None

    def explain(self, error: BaseException) -> str:
        """The words for a refused change (the meeting screen says more when its meeting is gone)."""
        return str(error)

    def after_background_write(self) -> None:
        """A change that had to wait for another l10's lock is saved (or refused): show the store as it is now."""
        self.refresh_data()

    def open_form(
        self,
        title: str,
        fields: Sequence[FormField],
        save: Callable[[dict[str, str]], T],
        saved: Callable[[T], None],
    ) -> None:
        """Show a form; on a refusal the same form comes back with everything typed and the reason on top, so
        nothing typed is ever lost to an error (escape still cancels)."""
        from ..widgets.board_form import FormDialog, refilled

        def done(values: dict[str, str] | None) -> None:
            if not values:
                return
            try:
                result = save(values)
            except USER_ERRORS as exc:
                again = FormDialog(title, refilled(fields, values), note=f"Not saved: {exc}")
                self.app.push_screen(again, done)
                return
            saved(result)

        self.app.push_screen(FormDialog(title, fields), done)

    def can_go_back(self) -> bool:
        """True when one of our screens lies under this one (the first screen, home, has nowhere to go back to;
        a dialog or the help on top does not change that)."""
        stack = self.app.screen_stack
        return self in stack and stack.index(self) > 1

    def action_go_back(self) -> None:
        if self.can_go_back() and self.app.screen is self:
            self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go_back":
            return self.can_go_back()
        return True

    def on_key(self, event: events.Key) -> None:
        """A key that reached this screen after a dialog or another screen went on top of it (typed in the same
        burst as the key that opened it, before that one was handled) belongs to the new screen: hand it over."""
        if self.is_attached and self.app.screen is not self and self in self.app.screen_stack:
            key_burst.send_again(self.app, event)

    def on_screen_suspend(self) -> None:
        self._was_covered = True

    def on_screen_resume(self) -> None:
        """Back from a dialog or another screen: show what changed meanwhile (here or in another process)."""
        if self.REFRESH_WHEN_UNCOVERED and self._was_covered:
            self._was_covered = False
            self.refresh_data()

    def on_store_changed(self, message: StoreChanged) -> None:
        """Override to re-read what the screen shows."""
        self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read the store and update the widgets (screens override this)."""
