"""The app's one door for store writes: the event loop never waits on the store's lock.

A write first tries the lock without waiting. Free (the usual case), the change runs at once, as before, and the
caller gets its result. Held by another l10 (a long ``score import``, a CLI write), the change goes to one worker
thread instead, in the order the keys were pressed, and the caller gets ``None`` now; timers and keys stay alive;
after ``SLOW_S`` the header says "saving… (another l10 is writing)"; when the change is done the screen is told
(:meth:`L10Screen.after_background_write`) and a refusal becomes the usual "Not saved" notification. While a change
is queued, later ones queue behind it (so two ``n`` presses still move two segments, in order).
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from l10tui.store import L10Store
from l10tui.store.lock import LockTimeout

if TYPE_CHECKING:
    from textual.app import App

SLOW_S = 0.3
SAVING = "saving… (another l10 is writing)"

Done = Callable[[Any, BaseException | None], None]


class StoreWriter:
    def __init__(self, app: App[Any], store: L10Store) -> None:
        self.app = app
        self.store = store
        self.pending = 0  # writes queued to the worker thread, not yet reported back to the event loop
        self.reading = False  # a background read runs (cleared by the worker thread itself, the moment it ends)
        self._executor: ThreadPoolExecutor | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sub_title: str | None = None
        self._timer: Any = None

    @property
    def busy(self) -> bool:
        """A change is waiting for (or holding) the lock in the worker thread."""
        return self.pending > 0

    def _try_lock(self) -> bool | None:
        """True: we hold the lock now. False: another process holds it. None: it cannot be taken at all (the
        change then runs at once and reports the store's own error)."""
        try:
            self.store._lock.acquire(timeout=0)
        except LockTimeout:
            return False
        except OSError:
            return None
        return True

    def run(
        self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], done: Done
    ) -> tuple[bool, Any]:
        """Run ``fn`` now if the lock is free: (True, result), exceptions raised to the caller as before. Else queue
        it: (False, None), and ``done(result, error)`` is called on the event loop when it has run."""
        # Only a held lock queues a change: a caller may need the result now (the board's x reads the issue through
        # here), so a file another l10 replaced is re-read at once, as before (queueing those too lost keys' results).
        if not self.pending and not self.reading:
            got = self._try_lock()
            if got is None:
                return True, fn(*args, **kwargs)
            if got:
                try:
                    return True, fn(*args, **kwargs)
                finally:
                    self.store._lock.release()
        self._queue(fn, args, kwargs, done)
        return False, None

    def later(self, fn: Callable[[], Any], done: Done) -> None:
        """A change nobody waits for (the meeting's heartbeat and focus checkpoints) in the worker thread, in order
        with the others, without the "saving…" status: while another l10 keeps replacing the file (a long ``score
        import``), such a change re-reads and rewrites the whole store, and on the event loop that held up the keys
        pressed meanwhile (issue 12). Changes made meanwhile queue behind it, as behind a held lock."""
        self.pending += 1

        def counted(result: Any, error: BaseException | None) -> None:
            self._write_done()
            done(result, error)

        self._submit(fn, (), {}, counted)

    def background(self, fn: Callable[[], Any], done: Done) -> None:
        """A slow read (re-reading a store another l10 replaced) in the worker thread: no "saving" status.

        Writes wait only while it really runs: ``reading`` is cleared by the thread as soon as it ends, not when the
        event loop next gets round to it (else a key pressed meanwhile would be queued for nothing).
        """

        def job() -> Any:
            try:
                return fn()
            finally:
                self.reading = False

        self.reading = True
        self._submit(job, (), {}, lambda result, error: done(result, error))

    def _queue(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], done: Done) -> None:
        self.pending += 1
        if self._timer is None:
            self._timer = self.app.set_timer(SLOW_S, self._show_saving)

        def counted(result: Any, error: BaseException | None) -> None:
            self._write_done()
            done(result, error)

        self._submit(fn, args, kwargs, counted)

    def _submit(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], done: Done) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="l10-store-write")
            self._loop = asyncio.get_running_loop()
        future = self._executor.submit(fn, *args, **kwargs)
        loop = self._loop
        assert loop is not None
        # ``done`` runs in the context the change was queued from (Textual's active app and screen live in context
        # variables; the worker thread's own context has none: a redraw from ``done`` raised NoActiveAppError)
        context = contextvars.copy_context()

        def finished(f: Future[Any]) -> None:  # in the worker thread: hand over to the event loop
            loop.call_soon_threadsafe(self._finished, f, done, context=context)

        future.add_done_callback(finished)

    def _finished(self, future: Future[Any], done: Done) -> None:
        error = future.exception()
        done(None if error is not None else future.result(), error)

    def _write_done(self) -> None:
        self.pending -= 1
        if not self.pending:
            if self._timer is not None:
                self._timer.stop()
                self._timer = None
            if self._sub_title is not None:
                self.app.sub_title, self._sub_title = self._sub_title, None
                self.app.notify("saved", timeout=2)

    def _show_saving(self) -> None:
        if self.pending and self._sub_title is None:
            self._sub_title = self.app.sub_title
            self.app.sub_title = SAVING
            self.app.notify(SAVING, timeout=3)

    def close(self) -> None:
        """Let queued changes finish (they are the facilitator's last keys), then stop the thread."""
        if self._executor is not None:
            self._executor.shutdown(wait=True)
