"""What a sync says in its one line: how many records came in and went out, by table, and what the merge noticed."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

import orjson

from .errors import printable
from .notes import MergeNotes
from .replica import Replica

NOUNS = {
    "issues": ("issue", "issues"),
    "todos": ("to-do", "to-dos"),
    "meetings": ("meeting", "meetings"),
    "scores": ("number", "numbers"),
    "people": ("person", "people"),
    "teams": ("team", "teams"),
    "rocks": ("rock", "rocks"),
    "headlines": ("headline", "headlines"),
    "measurables": ("measurable", "measurables"),
}


@dataclass
class SyncResult:
    incoming: Counter[str]
    outgoing: Counter[str]
    pushed: bool
    remote: str | None
    notes: MergeNotes

    def line(self) -> str:
        def words(c: Counter[str]) -> str:
            parts = [f"{n} {NOUNS.get(t, (t, t))[n != 1]}" for t, n in sorted(c.items()) if n]
            return ", ".join(parts) if parts else "nothing"

        text = f"synced: in {words(self.incoming)}; out {words(self.outgoing)}"
        text += (
            f" ({'pushed to' if self.pushed else 'up to date with'} {self.remote})" if self.remote else " (no remote)"
        )
        if self.notes.both_changed:
            text += f"; merged field by field: {', '.join(sorted(set(self.notes.both_changed))[:5])}"
        if self.notes.meetings_twice:
            groups = "; ".join(" and ".join(g) for g in self.notes.meetings_twice[:3])
            text += f"; one team's week run on two laptops, kept apart: {groups}"
        return printable(text)


def _view(rep: Replica, files: dict[str, str], paths: set[str]) -> dict[tuple[str, str], str]:
    """(table, key) -> a digest of the record, over the store files ``paths`` of one commit."""
    view: dict[tuple[str, str], str] = {}
    for path in sorted(paths, key=lambda p: p == rep.store_path.name):  # archives first, the live file wins
        sha = files.get(path)
        if sha is None:
            continue
        try:
            data = orjson.loads(rep.git.blob(sha))
        except orjson.JSONDecodeError:
            continue
        for table, docs in data.items():
            if not table.startswith("_") and isinstance(docs, dict):  # _meta and a laptop's own undo history
                for key, doc in docs.items():
                    view[(table, key)] = hashlib.sha1(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()
    return view


def record_changes(rep: Replica, before: str | None, after: str | None) -> Counter[str]:
    """How many records differ between two commits, by table."""
    a, b = rep.git.ls_tree(before), rep.git.ls_tree(after)
    paths = {p for p in set(a) | set(b) if a.get(p) != b.get(p) and rep.is_store_file(p)}
    va, vb = _view(rep, a, paths), _view(rep, b, paths)
    return Counter(t for (t, k) in set(va) | set(vb) if va.get((t, k)) != vb.get((t, k)))
