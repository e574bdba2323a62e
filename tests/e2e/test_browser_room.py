"""A real headless Chromium opens ``l10 serve``'s URL (with its token) and shows the room view of a meeting in its
Scorecard segment; the test waits until the page's websocket carried the segment, then takes a screenshot.

Chromium is driven over the DevTools protocol (aiohttp's websocket client, already a dependency of textual-serve).
Skipped only where no Chromium can be had (``.ci/run`` installs it where it can). Set ``L10_UPDATE_SCREENSHOTS=1``
to also write the picture to docs/screenshots/room-browser.png (the README shows it).
Fails on the code before issue 15 (no l10 serve, no room view).
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import os
import shutil
import struct
import subprocess
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from tests.meeting.small_store import build_small

from l10tui.commands.common import make_clock
from l10tui.meeting import MeetingRun
from l10tui.store import open_store

from .served import can_bind, served

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here (apt-get install chromium)"),
    pytest.mark.skipif(not can_bind("127.0.0.2"), reason="127.0.0.2 cannot be bound here"),
]
TODAY = "2026-11-23"
DOCS_PNG = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "room-browser.png"
WIDTH, HEIGHT = 1280, 720


class DevTools:
    """The few DevTools calls we need, and the bytes the page's websocket received meanwhile."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.ids = itertools.count(1)
        self.received = bytearray()

    def _event(self, msg: dict[str, Any]) -> None:
        if msg.get("method") == "Network.webSocketFrameReceived":
            frame = msg["params"]["response"]
            data = frame.get("payloadData", "")
            self.received += base64.b64decode(data) if frame.get("opcode") == 2 else data.encode()

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        n = next(self.ids)
        await self.ws.send_json({"id": n, "method": method, "params": params})
        while True:
            msg = await self.ws.receive_json(timeout=30)
            if msg.get("id") == n:
                assert "error" not in msg, msg
                result: dict[str, Any] = msg.get("result", {})
                return result
            self._event(msg)

    async def until_received(self, *texts: bytes, timeout: float = 40) -> None:
        deadline = time.monotonic() + timeout
        while not all(t in self.received for t in texts):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"the page never showed {texts}; got {bytes(self.received[-400:])!r}")
            try:
                self._event(await self.ws.receive_json(timeout=left))
            except TimeoutError:
                continue

    async def drain(self, seconds: float) -> None:
        """Let the terminal in the page paint (reading events meanwhile)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self._event(await self.ws.receive_json(timeout=left))
            except TimeoutError:
                return


def devtools_port(profile: Path, proc: subprocess.Popen[bytes]) -> int:
    marker = profile / "DevToolsActivePort"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if marker.exists() and marker.read_text().strip():
            return int(marker.read_text().splitlines()[0])
        if proc.poll() is not None:
            raise AssertionError("Chromium ended before it listened")
        time.sleep(0.05)
    raise AssertionError("Chromium did not open its DevTools port")


async def screenshot(url: str, profile: Path, expect: tuple[bytes, ...]) -> bytes:
    assert CHROMIUM is not None
    proc = subprocess.Popen(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--no-first-run", "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
            "--remote-debugging-port=0", f"--window-size={WIDTH},{HEIGHT}", "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        port = devtools_port(profile, proc)
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/json") as response:
                targets = await response.json()
            page = next(t for t in targets if t.get("type") == "page")
            async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                tools = DevTools(ws)
                await tools.call("Network.enable")
                await tools.call("Page.enable")
                await tools.call(
                    "Emulation.setDeviceMetricsOverride", width=WIDTH, height=HEIGHT, deviceScaleFactor=1, mobile=False
                )
                await tools.call("Page.navigate", url=url)
                await tools.until_received(*expect)
                await tools.drain(2.0)
                shot = await tools.call("Page.captureScreenshot", format="png")
                return base64.b64decode(shot["data"])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


async def test_chromium_shows_the_room_view(tmp_path: Path) -> None:
    store = tmp_path / "l10.json"
    clock = make_clock({"L10_TODAY": TODAY})  # the served room runs with the same L10_TODAY
    small = build_small(open_store(store, clock), clock.today())
    run = MeetingRun.open(open_store(store, clock), clock, off_slot="extra")
    run.goto(1)
    run.set_score(small.leads, 38)  # reported so far: Leads off track, Calls on track; Calls is being reported
    run.set_score(small.calls, 44)
    run.note_focus(small.calls)
    run.checkpoint()
    with served(store, "127.0.0.2", env={"L10_TODAY": TODAY}) as url:
        assert "token=" in url
        png = await asyncio.wait_for(screenshot(url, tmp_path / "chromium", (b"Scorecard", b"Calls")), 120)
    assert png_size(png) == (WIDTH, HEIGHT)
    assert len(png) > 20_000  # a painted terminal, not a blank page
    (tmp_path / "room-browser.png").write_bytes(png)
    if os.environ.get("L10_UPDATE_SCREENSHOTS"):
        DOCS_PNG.parent.mkdir(parents=True, exist_ok=True)
        DOCS_PNG.write_bytes(png)
