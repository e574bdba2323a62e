"""Where the store lives: ``platformdirs.user_data_path("l10tui") / "l10.json"`` unless ``--db`` or ``L10_DB`` says.

The demo company lives beside it in ``demo.json`` and never in the real store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "l10tui"
STORE_NAME = "l10.json"
DEMO_NAME = "demo.json"
ENV_DB = "L10_DB"


def data_dir() -> Path:
    """The per-user data directory (``~/.local/share/l10tui`` on Linux)."""
    import platformdirs

    return Path(platformdirs.user_data_path(APP_NAME))


def default_store_path() -> Path:
    return data_dir() / STORE_NAME


def demo_store_path() -> Path:
    return data_dir() / DEMO_NAME


@dataclass(frozen=True)
class StoreLocation:
    path: Path
    explicit: bool  # given by --db or L10_DB: its directory must already exist
    source: str  # "--db", "L10_DB" or "default"


def _absolute(text: str) -> Path:
    return Path(text).expanduser().absolute()


def resolve_store(db: str | os.PathLike[str] | None, env: Mapping[str, str] | None = None) -> StoreLocation:
    """``--db`` wins, then ``L10_DB`` (when not empty), then the default location."""
    env = os.environ if env is None else env
    if db is not None and str(db).strip():
        return StoreLocation(_absolute(str(db)), True, "--db")
    from_env = env.get(ENV_DB, "").strip()
    if from_env:
        return StoreLocation(_absolute(from_env), True, ENV_DB)
    return StoreLocation(default_store_path(), False, "default")


def same_file(a: Path, b: Path) -> bool:
    """True when ``a`` and ``b`` name the same file (resolving symlinks; either may not exist yet)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.expanduser().resolve(strict=False) == b.expanduser().resolve(strict=False)
