"""Remappable keys: every binding has an id (``meeting.solve``, ``home.quit``, ``app.help``...), and a keymap file
in the user's config dir (``platformdirs.user_config_path("l10tui") / "keymap.toml"``, or ``L10_KEYMAP``) changes
the keys of those ids, as posting and harlequin let users keep theirs::

    # keymap.toml
    [keys]
    "meeting.solve" = "S"          # one key
    "meeting.next_segment" = "n,right,pagedown"   # several, comma-separated

Textual applies the map (``App.set_keymap``), so the footer, the help screen and the palette show the new keys. A
file that cannot be read, or names an unknown id, gives one line of warning and the defaults.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual.binding import Binding

KEYMAP_NAME = "keymap.toml"
ENV_KEYMAP = "L10_KEYMAP"
_KEY = re.compile(r"^[A-Za-z0-9_+\-]+$")


def keymap_path() -> Path:
    env = os.environ.get(ENV_KEYMAP)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_path("l10tui")) / KEYMAP_NAME


def _action_id(action: str) -> str:
    """``rock('on')`` -> ``rock_on``; ``open('issues')`` -> ``open_issues``; ``app.quit`` -> ``quit``."""
    name = action.rpartition(".")[2]
    return re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower()


def with_ids(prefix: str, bindings: Iterable[Any]) -> list[Any]:
    """The same bindings, each given the id ``<prefix>.<action>`` unless it has one."""
    out: list[Any] = []
    seen: set[str] = set()
    for item in bindings:
        binding = item if isinstance(item, Binding) else Binding(*item)
        if binding.id is None:
            ident = f"{prefix}.{_action_id(binding.action)}"
            while ident in seen:
                ident += "_"
            binding = dataclasses.replace(binding, id=ident)
        seen.add(binding.id or "")
        out.append(binding)
    return out


def screen_prefix(class_name: str) -> str:
    """``MeetingScreen`` -> ``meeting``, ``IssuesBoardScreen`` -> ``issues_board``."""
    name = class_name.removesuffix("Screen") or class_name
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def load_keymap(
    path: Path, prefixes: set[str], known: Callable[[str], set[str]] | None = None
) -> tuple[dict[str, str], str | None]:
    """The keymap in ``path`` (empty when there is none) and a one-line warning when it is refused. An id must
    start with a known screen's prefix (``meeting.``, ``home.``, ``app.``...): the screens are imported only when
    shown, so ``known(prefix)`` (the ids of that screen) is asked only for the screens the file names."""
    if not path.exists():
        return {}, None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"Keymap {path} not read ({_one_line(exc)}); default keys"
    table = data.get("keys", data)
    if not isinstance(table, dict):
        return {}, f'Keymap {path}: [keys] must be a table of id = "key"; default keys'
    keymap: dict[str, str] = {}
    for ident, keys in table.items():
        prefix = ident.partition(".")[0] if isinstance(ident, str) else ""
        if prefix not in prefixes or (known is not None and ident not in known(prefix)):
            return {}, f"Keymap {path}: no key has the id {ident!r}; default keys"
        if not isinstance(keys, str) or not all(_KEY.match(k.strip()) for k in keys.split(",")):
            return {}, f'Keymap {path}: {ident} = {keys!r} is not a key like "s" or "ctrl+s"; default keys'
        keymap[ident] = ",".join(k.strip() for k in keys.split(","))
    return keymap, None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:120]
