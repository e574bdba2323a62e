"""The one way a duration is written, on screen and in the export: ``4:07`` below an hour, ``1:02:03`` above,
overtime with a sign (``+2:10``)."""

from __future__ import annotations


def duration_text(seconds: int, *, signed: bool = False) -> str:
    """Whole ``seconds`` as ``m:ss`` / ``h:mm:ss``; negative ones with ``-``, positive ones with ``+`` when ``signed``."""
    s = abs(int(seconds))
    h, rem = divmod(s, 3600)
    m, sec = divmod(rem, 60)
    sign = "-" if seconds < 0 and s > 0 else ("+" if signed and s > 0 else "")
    return f"{sign}{h}:{m:02d}:{sec:02d}" if h else f"{sign}{m}:{sec:02d}"
