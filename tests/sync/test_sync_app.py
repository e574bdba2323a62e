"""Automatic sync (``l10 sync auto on``): the app syncs on start in a worker, ``l10 meet`` after the meeting."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import Laptop

from l10tui.commands.common import Env
from l10tui.commands.sync import sync_after_meeting
from l10tui.sync.git import auto_enabled, set_auto
from l10tui.tui.app import L10App


async def test_the_app_syncs_on_start_in_the_background_when_turned_on(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ben.db().teams.all()[0].id
    ben.db().issues.add("Added on ben's laptop", team=team)
    ben.sync()
    assert not auto_enabled(ana.store)
    set_auto(ana.store, True)
    assert auto_enabled(ana.store) and not auto_enabled(ben.store)
    app = L10App(db=ana.db(), clock=ana.clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("synced: in 1 issue") for m in messages), messages
    assert "Added on ben's laptop" in {d["title"] for d in ana.records("issues").values()}


async def test_the_app_does_not_sync_unless_turned_on(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ben.db().teams.all()[0].id
    ben.db().issues.add("Stays on ben's laptop", team=team)
    ben.sync()
    head = ana.head()
    app = L10App(db=ana.db(), clock=ana.clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert ana.head() == head
    assert "Stays on ben's laptop" not in {d["title"] for d in ana.records("issues").values()}


def test_sync_auto_is_a_per_laptop_setting(laptops: list[Laptop], tmp_path: Path) -> None:
    ana, ben, _cleo = laptops
    assert "off" in ana.l10("sync", "auto").stdout
    assert "on" in ana.l10("sync", "auto", "on").stdout
    ana.sync()
    ben.sync()
    assert auto_enabled(ana.store) and not auto_enabled(ben.store)
    lone = Laptop(tmp_path / "lone", "lone")
    lone.db().teams.add("Ops")
    done = lone.l10("sync", "auto", "on", check=False)
    assert done.returncode == 1 and "not set up for sync" in done.stderr


def test_after_l10_meet_the_laptop_syncs_when_turned_on_and_only_warns_on_failure(
    laptops: list[Laptop], capsys: pytest.CaptureFixture[str]
) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ana.db().issues.add("Raised in the meeting", team=team)
    sync_after_meeting(Env(str(ana.store)))  # off: nothing happens
    assert capsys.readouterr().out == ""
    set_auto(ana.store, True)
    sync_after_meeting(Env(str(ana.store)))
    assert capsys.readouterr().out.startswith("synced: in nothing; out 1 issue")
    ben.sync()
    assert "Raised in the meeting" in {d["title"] for d in ben.records("issues").values()}
    (ana.folder / ".git" / "config").write_text(
        (ana.folder / ".git" / "config").read_text().replace(str(ana.folder.parent / "hub.git"), "/nowhere.git")
    )
    sync_after_meeting(Env(str(ana.store)))
    err = capsys.readouterr().err
    assert err.startswith("l10: warning: the meeting is saved here, but the sync failed: cannot fetch")


async def test_after_finish_in_the_app_the_laptop_syncs_in_the_background(laptops: list[Laptop]) -> None:
    from l10tui.tui.screens.meeting import MeetingScreen, SummaryScreen

    ana, ben, _cleo = laptops
    set_auto(ana.store, True)
    app = L10App(db=ana.db(), clock=ana.clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()  # the sync on start
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        for _ in range(6):
            await pilot.press("n")
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("y")
        for _ in range(100):  # the sync on start replaced the file: Finish may be saved by the writer's worker
            await pilot.pause(0.05)
            if isinstance(app.screen, SummaryScreen):
                break
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("out 1 meeting" in m for m in messages), messages
    ben.sync()
    assert [d["state"] for d in ben.records("meetings").values()] == ["finished"]
