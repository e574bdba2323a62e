"""Find the TCSS files whether l10tui runs from a checkout (``styles/`` at the top) or from an installed wheel
(``l10tui/styles/`` inside the package)."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    for candidate in (_PKG / "styles", _PKG.parent.parent / "styles"):
        if candidate.is_dir() and any(candidate.glob("*.tcss")):
            return candidate
    raise FileNotFoundError(
        f"l10tui's styles are missing (looked in {_PKG / 'styles'} and {_PKG.parent.parent / 'styles'})"
    )


def css_paths() -> list[Path]:
    """Every stylesheet, ``app.tcss`` first so screen sheets can build on it."""
    folder = styles_dir()
    sheets = sorted(folder.glob("*.tcss"), key=lambda p: (p.name != "app.tcss", p.name))
    return sheets
