"""Regenerate the README's screenshots: the app's own SVG screenshots of the demo company.

    python docs/make_screenshots.py [--out docs/screenshots]

Each picture is taken by the running app (``App.save_screenshot``) on a demo store built with a fixed seed and a
fixed clock, after pressing the same keys a facilitator would, so the pictures are exact and reproducible.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from l10tui.demo import build_demo
from l10tui.domain.clock import FakeClock
from l10tui.store import open_store
from l10tui.tui.app import L10App

OUT = Path(__file__).resolve().parent / "screenshots"
SIZE = (120, 36)

# (file name, screen to start on, projector?, keys to press before the picture)
SHOTS: tuple[tuple[str, str, bool, Sequence[str]], ...] = (
    ("home", "home", False, ()),
    ("meeting-scorecard-projector", "meeting", True, ("n",)),
    ("meeting-ids", "meeting", False, ("n", "n", "n", "n", "n", "1", "2", "3")),
    ("meeting-conclude", "meeting", False, ("n", "n", "n", "n", "n", "n")),
    ("issues-board", "issues", False, ()),
    ("history", "history", False, ()),
    ("alignment", "alignment", False, ()),
)


async def shoot(name: str, start: str, projector: bool, keys: Sequence[str], out: Path) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        clock = FakeClock(wall=datetime(2026, 11, 23, 9, 2, tzinfo=UTC), mono=1000.0)
        db = open_store(Path(tmp) / "demo.json", clock)
        build_demo(db, seed=7, today=clock.today())
        app = L10App(db=db, clock=clock, start=start, projector=projector)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            clock.advance(75)  # the timers show a minute in, as in a real meeting
            await pilot.pause(0.3)
            return Path(app.save_screenshot(f"{name}.svg", str(out)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, start, projector, keys in SHOTS:
        path = asyncio.run(shoot(name, start, projector, keys, args.out))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
