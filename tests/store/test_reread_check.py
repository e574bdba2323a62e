"""Re-reading a store another l10 changed checks only the records that changed (issue 12): a ``score import``
changes the file ~12 times a second and each re-read built every record again (~0.1 s for 6,400 scores). A
changed record that is damaged is still refused (``test_damaged.py`` checks the damages one by one).

Fails on the code before: every record was built again on each re-read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import l10tui.store.codec as db_module
from l10tui.domain.clock import FakeClock
from l10tui.store import L10Store, StoreDamaged, open_store


def test_a_reread_builds_only_the_records_that_changed(
    filled: L10Store, db_path: Path, team: str, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(20):
        filled.issues.add(f"Issue {n}", team=team)
    mine = open_store(db_path, clock)
    assert len(mine.issues.all()) == 22
    built: list[str] = []
    real = db_module.from_dict
    monkeypatch.setattr(
        db_module, "from_dict", lambda model, doc, where: (built.append(where), real(model, doc, where))[1]
    )
    added = filled.issues.add("From another l10", team=team)
    assert mine.refresh()
    assert added.id in [i.id for i in mine.issues.all()]
    assert built and all(not w.startswith("issues[") or w == f"issues[{int(added.id.split('-')[1])}]" for w in built)
    assert len(built) <= 3  # the new issue and the change log's new entry, not the 22 issues again


def test_a_changed_record_is_still_checked(filled: L10Store, db_path: Path, team: str, clock: FakeClock) -> None:
    mine = open_store(db_path, clock)
    mine.issues.all()
    raw = db_path.read_text()
    db_path.write_text(raw.replace('"title":"Leads go cold"', '"title":12'))
    assert raw != db_path.read_text()
    with pytest.raises(StoreDamaged):
        mine.refresh()
