"""What a merge did that a person may want to know, gathered while it runs and said in ``l10 sync``'s one line."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MergeNotes:
    """What a merge did that a person may want to know (reported by ``l10 sync``)."""

    both_changed: list[str] = field(default_factory=list)  # ids merged field by field
    meetings_twice: list[list[str]] = field(default_factory=list)  # one team's week run on two laptops
