"""Showing another l10's changes to the store without loading the app's event loop (issue 12).

Another ``l10`` may change the store many times a second for minutes: ``score import`` of 6,400 rows commits in
~80 ms chunks. Re-reading the whole file and rebuilding the screen for each change kept the meeting so busy that a
key press took seconds to show. :class:`StoreWatch` is the app's one way to hear of such changes:

- looking is one ``stat`` on the event loop every ``POLL_S`` (no read, no lock);
- the file is re-read (parsed and checked) only in the writer's worker thread, at most one read in flight, and not
  while a write of ours is queued (that write re-reads it under the lock anyway);
- while the file keeps changing, it waits until the file has been still for one look (``POLL_S``), but never longer
  than ``MAX_WAIT_S`` after the first change not shown: the room still sees news during a long import;
- the screen is told (:class:`StoreChanged`) once per re-read, and also when a write of ours re-read the file under
  the lock: the store's ``generation`` says whether the data in memory is newer than what the screen last showed.
  So the final state of an import is on screen within about ``2 * POLL_S`` after it ends;
- while another l10 keeps changing the store (a change seen in the last ``BUSY_FOR_S``), the meeting's own
  background checkpoint (the focused row for the room view, the heartbeat) waits for the next re-read and runs in
  its place, in the worker (:meth:`StoreWatch.checkpoint`): its transaction re-reads the file under the lock
  anyway, so the file another l10 keeps replacing is parsed once per re-read, not twice (each parse holds the
  interpreter against the event loop). Changes the facilitator makes (keys) are never held back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from l10tui.store import StoreError

if TYPE_CHECKING:
    from textual.widgets import Static

    from l10tui.store import L10Store

    from .writer import Done, StoreWriter

POLL_S = 0.25
MAX_WAIT_S = 10.0
BUSY_FOR_S = 2.0  # another l10 counts as writing for this long after the last change of it seen

_UNREADABLE = object()  # a stat that failed: the re-read reports why


class StoreWatch:
    """Decides when to re-read the store (in the worker) and when to tell the screen; ``poll`` runs on a timer."""

    def __init__(
        self,
        store: L10Store,
        writer: StoreWriter,
        show: Callable[[], None],
        report: Callable[[StoreError], None],
        monotonic: Callable[[], float],
        read_in: Callable[[], None] = lambda: None,
        *,
        max_wait_s: float = MAX_WAIT_S,
    ) -> None:
        self.store = store
        self.writer = writer
        self.show = show  # tells the screen: re-read what you show (on the event loop)
        self.report = report  # a store that cannot be read any more: say so
        self.monotonic = monotonic
        self.read_in = read_in  # new data was shown: the app keeps it out of the collector's walks (gc_pauses.py)
        self.max_wait_s = max_wait_s
        self.shown = store.generation  # the data the screen last showed
        self.reloads = 0  # re-reads started (tests count them)
        self.in_flight = False
        self._since: float | None = None  # when the first change not shown yet was seen
        self._last: object = store.loaded_signature  # the file's signature at the last look
        self._failed: object = None  # the signature a re-read failed on: not retried until the file changes
        self._rider: tuple[Callable[[], object], Done] | None = None  # the checkpoint waiting for the next re-read
        self._changed_at: float | None = None  # when the last change not made by us was seen

    @property
    def pending(self) -> bool:
        """Something changed that the screen has not shown yet (or a re-read of it runs)."""
        return self.in_flight or self._since is not None

    def others_writing(self) -> bool:
        """Another l10 changed the store in the last ``BUSY_FOR_S`` (or a change of it is not shown yet)."""
        return self.pending or (self._changed_at is not None and self.monotonic() - self._changed_at < BUSY_FOR_S)

    def checkpoint(self, job: Callable[[], object], done: Done) -> bool:
        """Take the meeting's background checkpoint (``job``: ``run.tick``, which writes only what is due) while
        another l10 keeps changing the store: it runs in the worker in place of the next re-read (a newer one
        replaces one still waiting; none waits while no re-read is coming). False: nobody else writes, run it now."""
        if not self.others_writing():
            self._rider = None
            return False
        self._rider = (job, done) if self.pending else None
        return True

    def poll(self) -> None:
        if self.in_flight or self.writer.busy or self.writer.reading:
            return
        now = self.monotonic()
        try:
            sig: object = self.store.disk_signature()
        except OSError:
            sig = _UNREADABLE
        on_disk = sig != self.store.loaded_signature and sig != self._failed
        if not on_disk and self.store.generation == self.shown:
            self._since, self._last = None, sig
            return
        if self._since is None:
            self._since = now
        if sig != self._last:
            self._changed_at = now
        settled = sig == self._last  # not changed since the last look, POLL_S ago
        self._last = sig
        if not settled and now - self._since < self.max_wait_s:
            return
        if not on_disk:
            self._show()
            return
        self.in_flight = True
        self.reloads += 1
        rider, self._rider = self._rider, None
        if rider is None:
            self.writer.background(self.store.refresh, lambda _changed, error: self._reloaded(sig, error))
            return
        job, done = rider

        def checkpoint_then_read() -> BaseException | None:  # in the worker
            try:
                wrote = job()  # a checkpoint's transaction re-reads the file under the lock first
            except Exception as exc:  # the checkpoint's own failure: told to the meeting, on the event loop
                self.store.refresh()
                return exc
            if not wrote:  # nothing was due: a plain re-read
                self.store.refresh()
            return None

        def read(failed: BaseException | None, error: BaseException | None) -> None:
            done(None, failed)
            self._reloaded(sig, error)

        self.writer.later(checkpoint_then_read, read)

    def _reloaded(self, sig: object, error: BaseException | None) -> None:
        self.in_flight = False
        if isinstance(error, StoreError):
            self._failed, self._since = sig, None
            self.report(error)
            return
        if error is not None:
            raise error
        self._failed = None
        if self.store.generation != self.shown:
            self._show()
        else:
            self._since = None

    def _show(self) -> None:
        self._since = None
        self.shown = self.store.generation
        self.show()
        self.read_in()


def update_if_changed(widget: Static, content: Any) -> None:
    """``Static.update`` lays the whole screen out again even for the same text; the meeting's tick did it four
    times a second for its bar and its projected end, re-rendering every table on screen each time (the meeting's
    key presses then waited behind it). Same content: nothing to do; else :func:`update_in_place`."""
    if getattr(widget, "_l10_shown", None) == content:
        return
    widget._l10_shown = content  # type: ignore[attr-defined]
    update_in_place(widget, content)


def update_in_place(widget: Static, content: Any) -> None:
    """``widget.update(content)``, laying the screen out again only if the widget's size changes with it.

    ``Static.update`` asks for a layout every time, and Textual then reflows the whole screen: the meeting's bar, big
    timer caption and agenda change every second, so every second the whole meeting (tables included) was arranged
    again, on the event loop, while key presses waited (issue 12). The new content is measured the way the layout
    measures it (its width only if the width is ``auto``, its height at the width it has now only if the height is
    ``auto``): the same size repaints the widget alone, a different one (a caption that grows wider when the segment
    runs over) lays out as before.
    """
    styles = widget.styles
    auto_w = styles.width is None or styles.width.is_auto
    auto_h = styles.height is None or styles.height.is_auto
    if not (widget.is_mounted and widget.size.area) or not (auto_w or auto_h):
        widget.update(content, layout=not widget.size.area)  # never laid out yet: lay out; fixed size: repaint
        return
    container = widget.container_size - styles.gutter.totals - styles.margin.totals
    viewport, width = widget.app.size, widget.content_size.width

    def measure() -> tuple[int, int]:
        w = widget.get_content_width(container, viewport) if auto_w else 0
        return w, widget.get_content_height(container, viewport, width) if auto_h else 0

    before = measure()
    widget.update(content, layout=False)  # clears the measurements cached for the old content
    if measure() != before:
        widget.refresh(layout=True)
