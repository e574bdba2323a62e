"""Small helpers shared by the store tests (``tests.store.store_helpers``)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import orjson

from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, open_store


def reopen(path: Path, clock: FakeClock | None = None) -> L10Store:
    """A fresh store object on ``path`` (as another process would see it)."""
    return open_store(path, clock or FakeClock())


def leftovers(folder: Path) -> list[str]:
    """Temp files or old-file links an atomic write left behind in ``folder``."""
    return sorted(n for n in os.listdir(folder) if n.endswith((".tmp", ".prev")))


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


# Ways a store file gets damaged: each takes the good bytes and returns the damaged ones.
def _json(fix: Callable[[dict], object]) -> Callable[[bytes], bytes]:
    def damage(raw: bytes) -> bytes:
        data = orjson.loads(raw)
        fix(data)
        return orjson.dumps(data)

    return damage


def _set(path: str, value: object) -> Callable[[dict], object]:
    def fix(data: dict) -> None:
        *parents, last = path.split("/")
        node = data
        for key in parents:
            node = node[key]
        node[last] = value

    return fix


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda raw: b"",
    "blank": lambda raw: b"  \n\t\n",
    "nul bytes": lambda raw: b"\0" * len(raw),
    "truncated at 1 byte": lambda raw: raw[:1],
    "truncated at 10%": lambda raw: raw[: len(raw) // 10],
    "truncated at half": lambda raw: raw[: len(raw) // 2],
    "truncated at 90%": lambda raw: raw[: len(raw) * 9 // 10],
    "truncated by 1 byte": lambda raw: raw[:-1],
    "trailing garbage": lambda raw: raw + b"garbage",
    "two documents": lambda raw: raw + raw,
    "not utf-8": lambda raw: raw.replace(b"Leads", b"L\xff\xfeads"),
    "a list": lambda raw: b"[1, 2, 3]",
    "a string": lambda raw: b'"l10"',
    "a number": lambda raw: b"42",
    "null": lambda raw: b"null",
    "no _meta": _json(lambda d: d.pop("_meta")),
    "_meta a list": _json(_set("_meta", [])),
    "schema version text": _json(_set("_meta/1/schema_version", "1")),
    "schema version 0": _json(_set("_meta/1/schema_version", 0)),
    "schema version true": _json(_set("_meta/1/schema_version", True)),
    "counters a list": _json(_set("_meta/1/counters", [])),
    "counter text": _json(_set("_meta/1/counters/I", "2")),
    "counter negative": _json(_set("_meta/1/counters/I", -1)),
    "settings a list": _json(_set("_meta/1/settings", [])),
    "table a list": _json(_set("issues", [])),
    "key not a number": _json(lambda d: d["issues"].update({"one": d["issues"]["1"]})),
    "key a superscript digit": _json(lambda d: d["issues"].update({"\u00b2": d["issues"].pop("2")})),
    "key with leading zero": _json(lambda d: d["issues"].update({"01": d["issues"].pop("1")})),
    "entry a number": _json(_set("issues/1", 7)),
    "id does not match key": _json(_set("issues/1/id", "I-2")),
    "title a number": _json(_set("issues/1/title", 42)),
    "title missing id": _json(lambda d: d["issues"]["1"].pop("id")),
    "created_at not a date": _json(_set("issues/1/created_at", "yesterday")),
    "created_at a number": _json(_set("issues/1/created_at", 1700000000)),
    "status unknown": _json(_set("issues/1/status", "maybe")),
    "status a huge string": _json(_set("issues/1/status", "x" * 100_000)),
    "status with newlines": _json(_set("issues/1/status", "a\nb\r\nc")),
    "rank text": _json(_set("issues/1/rank", "1")),
    "rank true": _json(_set("issues/1/rank", True)),
    "team agenda text": _json(_set("teams/1/agenda_minutes", "5,5,5")),
}
