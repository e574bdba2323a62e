"""Issue 5, item 6: a running ``l10 meet`` killed by SIGKILL, SIGTERM or SIGHUP (a closed terminal) resumes with the
same segment, times, notes and ratings; shrinking the terminal to 40x12 and back mid-meeting raises nothing.

The real program runs in a pseudo-terminal (``pty.fork``), driven by the bytes a keyboard would send.
"""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.meeting.small_store import build_small
from tests.reliability.reliability_helpers import L10, cli_env, count

from l10tui.domain.clock import SystemClock
from l10tui.domain.models import Meeting
from l10tui.store import open_store

pytestmark = pytest.mark.slow

WAIT_S = 40.0


class Term:
    """``l10 --db DB meet`` in a pseudo-terminal; everything it prints is kept in ``output``."""

    def __init__(self, db: Path, cols: int = 120, rows: int = 40) -> None:
        env = cli_env(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        env.pop("NO_COLOR", None)
        pid, fd = pty.fork()
        if pid == 0:  # the child: become l10
            # --extra: the real clock may be far from the teams' Monday 09:00 slot (then l10 meet would ask)
            os.execve(L10[0], [*L10, "--db", str(db), "meet", "--extra"], env)
        self.pid, self.fd = pid, fd
        self.resize(cols, rows)
        self.output = bytearray()
        self.status: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def resize(self, cols: int, rows: int) -> None:
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def send(self, keys: str) -> None:
        for ch in keys:
            os.write(self.fd, ch.encode())
            time.sleep(0.05)

    def alive(self) -> bool:
        if self.status is not None:
            return False
        pid, status = os.waitpid(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status = status
        return False

    def kill(self, sig: int) -> None:
        if sig == signal.SIGHUP:
            os.close(self.fd)  # the terminal window goes away: the kernel hangs up on the session
        else:
            os.kill(self.pid, sig)
        deadline = time.monotonic() + WAIT_S
        while self.alive():
            if time.monotonic() > deadline:
                os.kill(self.pid, signal.SIGKILL)
            time.sleep(0.05)
        if sig != signal.SIGHUP:
            os.close(self.fd)

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


def wait_screen(term: Term, text: str, since: int = 0) -> int:
    """Wait until the program has drawn ``text`` (after byte ``since`` of its output); returns the new mark."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        assert term.alive(), term.text()[-2000:]
        found = term.output.find(text.encode(), since)
        if found >= 0:
            return found + len(text)
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {text!r} on the screen:\n{term.text()[-2000:]}")


def meeting(db: Path) -> Meeting | None:
    return open_store(db, SystemClock()).meetings.in_progress()


def wait_for(db: Path, term: Term, pred: Callable[[Meeting], bool], what: str) -> Meeting:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        assert term.alive(), f"l10 meet exited while waiting for {what}:\n{term.text()[-2000:]}"
        m = meeting(db)
        if m is not None and pred(m):
            return m
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}; screen output:\n{term.text()[-2000:]}")


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    path = tmp_path / "l10.json"
    db = open_store(path, SystemClock())
    small = build_small(db, SystemClock().today())
    return path, {"ann": small.ann}


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP], ids=["kill-9", "term", "hup"])
def test_meeting_resumes_after_the_process_dies(store: tuple[Path, dict[str, Any]], sig: int) -> None:
    db, ids = store
    term = Term(db)
    try:
        wait_for(db, term, lambda m: m.run.get("current") == 0, "the meeting to start")
        wait_screen(term, "present")  # the attendance table is drawn
        time.sleep(0.5)
        term.send("\t")
        term.send("notes before the crash\r")
        wait_for(db, term, lambda m: m.segue_notes == "notes before the crash", "the segue notes")
        term.send("nnnnnn")
        wait_for(db, term, lambda m: m.run.get("current") == 6, "Conclude")
        mark = len(term.output)
        time.sleep(0.5)
        term.send("r")
        wait_screen(term, "Rating from", mark)
        time.sleep(0.3)
        term.send("9\r")
        before = wait_for(db, term, lambda m: any(r.score == 9 for r in m.ratings), "a rating")
        seen_at = time.monotonic()  # ``before`` was saved at most one poll before this
        time.sleep(1.0)
    finally:
        killed_at = time.monotonic()
        term.kill(sig)
    assert "Traceback" not in term.text()
    count(f"meeting processes killed by {signal.Signals(sig).name} and resumed")

    again = Term(db)
    try:
        after = wait_for(db, again, lambda m: len(m.run.get("resumes", [])) >= 1, "the resume checkpoint")
        dead_s = time.monotonic() - killed_at
        since_before_s = time.monotonic() - seen_at  # alive after ``before`` + dead + resuming, as the clock saw it
        assert after.id == before.id
        assert after.run["current"] == 6
        assert after.segue_notes == "notes before the crash"
        assert [(r.person, r.score) for r in after.ratings] == [(ids["ann"], 9)]
        # Segments left behind keep their seconds exactly; the running one gains the time the process was dead.
        assert after.run["acc"][:6] == before.run["acc"][:6]
        # never more than the wall time since ``before`` was seen (+1 s: the poll that saw it), so nothing counts twice;
        # and the dead time counts (a bound on real seconds, not on a fixed sleep a loaded machine overruns)
        assert before.run["acc"][6] + dead_s - 1.0 <= after.run["acc"][6] <= before.run["acc"][6] + since_before_s + 1.0
        assert after.run["paused"] is False

        # Shrink the terminal to 40x12 and back in the middle of the meeting: nothing breaks.
        for cols, rows in ((40, 12), (60, 20), (40, 12), (120, 40)):
            again.resize(cols, rows)
            time.sleep(0.6)
            assert again.alive(), again.text()[-2000:]
        again.send("p")
        wait_for(db, again, lambda m: m.run.get("current") == 5, "the previous segment after resizing")
    finally:
        again.kill(signal.SIGKILL)
    assert "Traceback" not in again.text()
