"""Drive the real `l10` in a real terminal: tmux send-keys to type, capture-pane to read the screen.

Each Terminal runs on its own tmux server socket with a fresh HOME, so tests never see the user's store and
never collide with each other.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

L10 = str(Path(sys.executable).with_name("l10"))

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, home: Path, *, width: int = 100, height: int = 30, today: str | None = None) -> None:
        self.home = home
        self.socket = str(home / "tmux.sock")
        self.width, self.height = width, height
        self.env = {
            **os.environ,
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "TERM": "xterm-256color",
            "TEXTUAL_ANIMATIONS": "none",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        # COLUMNS / LINES from the test runner would size the app instead of the tmux window (seen: 80 columns in a
        # 100x30 window under xdist)
        for var in ("L10_DB", "L10_TODAY", "TMUX", "NO_COLOR", "COLUMNS", "LINES"):
            self.env.pop(var, None)
        if today is not None:  # a fixed "today" (and zone): what the test sees never depends on the run date
            self.env.update({"L10_TODAY": today, "TZ": "UTC"})
        self.windows: list[str] = []

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-S", self.socket, *args], env=self.env, capture_output=True, text=True, check=check, timeout=30
        )

    def start(self, command: str, window: str = "main") -> None:
        """Run ``command`` (a shell line) in a new window; the window stays open after the command ends."""
        line = f"cd {shlex.quote(str(self.home))} && {command}; echo '[exit '$?']'; sleep 600"
        if not self.windows:
            self.tmux(
                "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-n", window,
                "-x", str(self.width), "-y", str(self.height), line,
            )  # fmt: skip
            self.tmux("set-option", "-g", "remain-on-exit", "on")
        else:
            self.tmux("new-window", "-d", "-t", "e2e", "-n", window, line)
        self.windows.append(window)

    def keys(self, *keys: str, window: str = "main", literal: bool = False) -> None:
        args = ["send-keys", "-t", f"e2e:{window}"]
        if literal:
            args.append("-l")
        self.tmux(*args, *keys)

    def type(self, text: str, window: str = "main") -> None:
        self.keys(text, window=window, literal=True)

    def screen(self, window: str = "main") -> str:
        return self.tmux("capture-pane", "-p", "-t", f"e2e:{window}").stdout

    def wait_for(self, text: str, window: str = "main", timeout: float = 20.0) -> str:
        """Wait until ``text`` is on screen; fail with the screen's content if it never shows."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(window)
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared in window {window!r}; the screen was:\n{shown}")

    def wait_gone(self, text: str, window: str = "main", timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(window)
            if text not in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went away in window {window!r}; the screen was:\n{shown}")

    def wait_for_all(self, *texts: str, window: str = "main", timeout: float = 20.0) -> str:
        """Wait until every one of ``texts`` is on screen at once."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(window)
            if all(t in shown for t in texts):
                return shown
            time.sleep(0.1)
        missing = [t for t in texts if t not in shown]
        raise AssertionError(f"{missing!r} never appeared in window {window!r}; the screen was:\n{shown}")

    def wait_match(self, pattern: str, window: str = "main", timeout: float = 20.0) -> re.Match[str]:
        """Wait until the regular expression ``pattern`` matches the screen; the match."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(window)
            found = re.search(pattern, shown)
            if found is not None:
                return found
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never matched in window {window!r}; the screen was:\n{shown}")

    def press(self, *keys: str, expect: str, window: str = "main", timeout: float = 20.0) -> str:
        """Send ``keys`` (tmux key names), then wait for ``expect`` on screen; returns the screen."""
        self.keys(*keys, window=window)
        return self.wait_for(expect, window=window, timeout=timeout)

    def line_with(self, text: str, window: str = "main", timeout: float = 20.0) -> str:
        """The first screen line holding ``text`` (waits for it)."""
        shown = self.wait_for(text, window=window, timeout=timeout)
        return next(line for line in shown.splitlines() if text in line)

    def wait_line(self, text: str, also: str, window: str = "main", timeout: float = 20.0) -> str:
        """Wait until one screen line holds both ``text`` and ``also`` (a row and its status, say)."""
        deadline = time.monotonic() + timeout
        shown = ""
        while time.monotonic() < deadline:
            shown = self.screen(window)
            for line in shown.splitlines():
                if text in line and also in line:
                    return line
            time.sleep(0.1)
        raise AssertionError(f"no line with {text!r} and {also!r} in window {window!r}; the screen was:\n{shown}")

    def wait_exit(self, window: str = "main", timeout: float = 30.0) -> int:
        """Wait until the command started in ``window`` ended; its exit status."""
        shown = self.wait_for("[exit ", window=window, timeout=timeout)
        found = re.search(r"\[exit (\d+)\]", shown)
        assert found is not None, shown
        return int(found.group(1))

    def resize(self, width: int, height: int, window: str = "main") -> None:
        self.tmux("resize-window", "-t", f"e2e:{window}", "-x", str(width), "-y", str(height))

    def pane_pid(self, window: str = "main") -> int:
        return int(self.tmux("display-message", "-p", "-t", f"e2e:{window}", "#{pane_pid}").stdout.strip())

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``l10 ARGS`` outside tmux with the same HOME (for checking the store)."""
        return subprocess.run([L10, *args], env=self.env, capture_output=True, text=True, timeout=60, cwd=self.home)

    def close(self) -> None:
        self.tmux("kill-server", check=False)


def tab_and_type(term: Terminal, text: str, tries: int = 3, key: str | None = "tab", shown: str | None = None) -> None:
    """Press ``key`` (tab, enter, or None) and type ``text`` into the field that gets the focus; check it shows.

    Letters sent the moment a dialog opens, or right after an enter that moves the focus, can reach the widget
    that had the focus before (reported). So: when ``text`` (or the regular expression ``shown``) does not show,
    clear the field (end, ctrl+u) and type it again; by then the focus has settled.
    """
    if key:
        term.keys(key)
    for _ in range(tries):
        term.type(text)
        try:
            if shown is None:
                term.wait_for(text, timeout=3)
            else:
                term.wait_match(shown, timeout=3)
            return
        except AssertionError:
            term.keys("End", "C-u")
    if shown is None:
        term.wait_for(text)
    else:
        term.wait_match(shown)


def type_in_row(term: Terminal, team: str, before: str, new: str, tries: int = 3) -> None:
    """Type ``new`` over the field of ``team``'s meeting row in the first-run set-up that tab just focused (focus
    selects its text), and check the row shows it after ``before`` (a regular expression); else clear the field and
    type again."""
    for n in range(tries):
        if n:
            term.keys("End", "C-u")
        term.type(new)
        try:
            term.wait_match(rf"{re.escape(team)}\s+.*{before}{re.escape(new)}(\s|$)", timeout=3)
            return
        except AssertionError:
            continue
    raise AssertionError(f"could not type {new!r} for {team}; the screen was:\n{term.screen()}")


def type_lines(term: Terminal, lines: Sequence[str]) -> None:
    """Tab to a many-line field (the first-run set-up's people) and type ``lines``, enter between them, each
    checked on screen."""
    tab_and_type(term, lines[0])
    for line in lines[1:]:
        term.keys("enter")
        term.type(line)
        term.wait_for(line)


def set_meeting(term: Terminal, team: str, day: str, at: str) -> None:
    """In the first-run set-up, with ``team``'s meeting day focused (it offers Wednesday): choose ``day`` in its
    drop-down, then tab to the time and type ``at``; each checked on the team's row."""
    term.press("enter", expect="Wednesday")
    term.type(day[:3])
    term.keys("enter")
    term.wait_line(team, day)
    term.keys("tab")
    type_in_row(term, team, rf"{day}\s+▼\s+", at)


@contextmanager
def terminal(home: Path, *, width: int = 100, height: int = 30, today: str | None = None) -> Iterator[Terminal]:
    term = Terminal(home, width=width, height=height, today=today)
    try:
        yield term
    except BaseException as exc:
        # The screen at the failure is in the message; what scrolled away (a traceback printed as the app died, a
        # command's error) is in each window's history.
        for window in term.windows:
            history = term.tmux("capture-pane", "-p", "-S", "-300", "-t", f"e2e:{window}", check=False).stdout
            exc.add_note(f"--- window {window!r}, last lines of its history ---\n{history.rstrip()}")
        raise
    finally:
        term.close()
