"""Start the real ``l10 serve`` as a subprocess on a loopback address and port of this machine, read its URL."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

L10 = str(Path(sys.executable).with_name("l10"))


def free_port(host: str) -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def can_bind(host: str) -> bool:
    try:
        free_port(host)
    except OSError:
        return False
    return True


def wait_listening(host: str, port: int, proc: subprocess.Popen[str]) -> None:
    """The URL is printed as the server starts; it listens a moment later."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"l10 serve ended: {proc.stderr.read() if proc.stderr else ''}")
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"l10 serve is not listening on {host}:{port}")


@contextmanager
def served(store: Path, host: str, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """``l10 --db STORE serve --host HOST --port N ARGS``; yields the URL it printed (with its token, if any)."""
    port = free_port(host)
    full_env = {**os.environ, "TZ": "UTC", **(env or {})}
    full_env.pop("L10_DB", None)
    proc = subprocess.Popen(
        [L10, "--db", str(store), "serve", "--host", host, "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=full_env,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 30
        url = ""
        while time.monotonic() < deadline and not url:
            line = proc.stdout.readline()
            if not line:
                break
            found = re.search(r"(http://\S+)", line)
            url = found.group(1) if found else ""
        if not url:
            proc.kill()
            raise AssertionError(f"l10 serve printed no URL: {proc.stderr.read() if proc.stderr else ''}")
        wait_listening(host, port, proc)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
