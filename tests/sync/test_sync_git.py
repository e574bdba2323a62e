"""``l10 sync`` through a bare repository and three clones, all in a temp dir (issue 16)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from sync_helpers import Laptop, git

from l10tui.sync.git import KILL_STEPS, SyncError, init, sync


def test_three_laptops_edit_offline_and_every_order_of_syncs_gives_everyone_everything(
    laptops: list[Laptop],
) -> None:
    ana, ben, cleo = laptops
    team = ana.db().teams.all()[0].id
    made = {}
    for laptop in laptops:
        laptop.db()  # each laptop has the team from ana
    for laptop in (ben, cleo, ana):
        for n in range(2):
            laptop.tick()
            issue = laptop.db().issues.add(f"{laptop.name} {n}", team=team)
            made[issue.id] = issue.title
    assert len(made) == 6  # six different ids minted offline on three laptops
    for laptop in (cleo, ana, ben, cleo, ana, ben):
        laptop.sync()
    for laptop in laptops:
        found = {i: d["title"] for i, d in laptop.records("issues").items()}
        assert found == made
        assert laptop.status() == ""
    assert ana.files() == ben.files() == cleo.files()
    assert ana.head() == ben.head() == cleo.head()


def test_the_first_laptop_keeps_plain_ids_the_others_get_tags(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ben.sync()
    ids = [laptop.db().issues.add("x", team=team).id for laptop in laptops]
    assert ids[0] == "I-1"
    assert ids[1] != ids[2] and ids[1].startswith("I-1") and ids[2].startswith("I-1")
    tags = {laptop.db().device_tag() for laptop in laptops}
    assert len(tags) == 3 and "" in tags
    ana.sync()
    devices = ana.db().meta["devices"]
    assert set(devices) == tags


def test_a_conflicting_edit_of_one_record_merges_field_by_field_the_same_way_in_either_order(
    tmp_path: Path, hub: Path
) -> None:
    results = []
    for order in ("ab", "ba"):
        folder = tmp_path / order
        hub_copy = folder / "hub.git"
        git(tmp_path, "clone", "-q", "--bare", str(hub), str(hub_copy))
        a, b = Laptop(folder / "a", "a"), Laptop(folder / "b", "b")
        db = a.db()
        team = db.teams.add("Sales").id
        issue = db.issues.add("Leads go cold", team=team, details="old details").id
        a.init(hub_copy)
        b.init(hub_copy)
        a.tick(10)
        a.db().issues.edit(issue, title="Leads go cold after 2 days")  # a: title, earlier
        b.tick(20)
        b.db().issues.edit(issue, title="Leads cool down", details="b's details")  # b: title and details, later
        a.tick(30)
        a.db().issues.solve(issue, "Call within a day")  # a: solved, later still
        first, second = (a, b) if order == "ab" else (b, a)
        first.sync()
        second.sync()
        first.sync()
        results.append(a.records("issues")[issue])
        assert a.files() == b.files()
    one, two = results
    for doc in results:
        assert doc["title"] == "Leads cool down"  # both changed the title: the newer change wins
        assert doc["details"] == "b's details"  # only b changed it
        assert doc["status"] == "solved"  # only a changed it: the edit on b does not reopen it
        assert doc["solution"] == "Call within a day"
    assert {k: v for k, v in one.items()} == {k: v for k, v in two.items()}


def test_a_todo_done_on_one_laptop_stays_done_when_the_other_edits_it(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    db = ana.db()
    person = db.people.add("Ana", teams=[db.teams.all()[0].id]).id
    todo = db.todos.add("Send the deck", owner=person, today=ana.clock.today()).id
    ana.sync()
    ben.sync()
    ana.tick()
    ana.db().todos.set_done(todo)
    ben.tick(120)
    ben.db().todos.change(todo, title="Send the new deck")
    ben.sync()
    ana.sync()
    ben.sync()
    for laptop in (ana, ben):
        doc = laptop.records("todos")[todo]
        assert doc["status"] == "done" and doc["title"] == "Send the new deck"


def test_a_laptop_offline_for_a_year_of_meetings_catches_up_and_loses_nothing(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    db = ana.db()
    team = db.teams.all()[0].id
    ben.sync()
    ben_issues = []
    for n in range(52):  # a year of weekly meetings on ana's laptop, closed records archived as quarters pass
        ana.clock.jump_wall(7 * 24 * 3600)
        db = ana.db()
        issue = db.issues.add(f"week {n}", team=team)
        db.meetings.add(teams=[team], state="finished", actual_start=ana.clock.now(), actual_end=ana.clock.now())
        db.issues.solve(issue.id, "done")
        if n % 13 == 12:
            db.compact()
        if n % 10 == 0:
            ana.sync()
    for n in range(3):  # meanwhile ben, offline
        ben.tick()
        ben_issues.append(ben.db().issues.add(f"ben offline {n}", team=team).id)
    result = ben.sync()
    assert result.incoming["issues"] >= 51 and result.outgoing["issues"] == 3
    ana.sync()  # ana's last week goes out, ben's three issues come in
    ben.sync()
    assert ana.files() == ben.files()
    issues = ben.records("issues")
    assert {f"week {n}" for n in range(52)} <= {d["title"] for d in issues.values()}
    assert set(ben_issues) <= set(issues)
    assert len(ben.records("meetings")) == 52
    assert any(p.name.startswith("l10-") for p in (ben.folder / "archive").iterdir())


def test_one_teams_meeting_run_on_two_laptops_in_one_week_is_kept_twice_and_flagged(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ben.sync()
    for laptop in (ana, ben):
        laptop.db().meetings.add(teams=[team], actual_start=laptop.clock.now(), state="finished")
    ana.sync()
    result = ben.sync()
    meetings = ben.records("meetings")
    assert len(meetings) == 2
    assert [sorted(meetings)] == ben.db().meta["sync"]["meetings_twice"]
    assert "run on two laptops" in result.line()
    history = ben.l10("history")
    assert f"note: {' and '.join(sorted(meetings))} are one team's week run on two laptops" in history.stdout


@pytest.mark.parametrize("step", KILL_STEPS)
def test_a_sync_killed_at_any_step_is_completed_by_the_next(laptops: list[Laptop], step: str) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ana.db().issues.add("from ana", team=team)
    ana.sync()
    ben_issue = ben.db().issues.add("from ben", team=team).id
    before = ben.store.read_bytes()
    done = ben.l10("sync", env={"L10_SYNC_KILL": step}, check=False)
    assert done.returncode == -9, done.stderr
    # whatever the moment, the store reads whole, and ben's issue is in it
    assert ben.store.read_bytes() == before or ben_issue in ben.records("issues")
    assert ben.db().issues.get(ben_issue).title == "from ben"
    if step in ("journal", "file", "ref"):
        doctor = ben.l10("doctor", check=False)
        assert "stopped half-way" in doctor.stdout and doctor.returncode == 1
    ben.db().issues.add("after the kill", team=team)  # a change made before the next sync is not lost
    ben.l10("sync")
    ana.sync()
    titles = {d["title"] for d in ana.records("issues").values()}
    assert titles == {"from ana", "from ben", "after the kill"}
    assert ana.files() == ben.files()
    assert ben.status() == "" and not (ben.folder / ".git" / "l10-sync-journal").exists()
    assert ben.l10("doctor").returncode == 0


def test_files_stay_private(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ana.db().issues.add("x", team=team)
    ana.db().compact()
    ana.sync()
    ben.sync()
    for laptop in (ana, ben):
        for path in [laptop.folder / ".git", laptop.store, laptop.folder / ".gitignore"]:
            mode = stat.S_IMODE(path.stat().st_mode)
            assert mode & 0o077 == 0, (path, oct(mode))


def test_refuses_when_the_remote_cannot_be_reached_and_changes_nothing(laptops: list[Laptop], tmp_path: Path) -> None:
    _ana, ben, _cleo = laptops
    team = ben.db().teams.all()[0].id
    ben.db().issues.add("unsynced", team=team)
    git(ben.folder, "remote", "set-url", "origin", str(tmp_path / "gone.git"))
    before = (ben.head(), ben.store.read_bytes(), ben.status())
    done = ben.l10("sync", check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("l10: error: cannot fetch from") and done.stderr.count("\n") == 1
    assert "nothing was changed" in done.stderr
    assert (ben.head(), ben.store.read_bytes(), ben.status()) == before


class _AsksForAPassword(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="git"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_remote_that_asks_for_credentials_is_refused_without_a_prompt(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _AsksForAPassword)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        laptop = Laptop(tmp_path / "dev", "dev")
        url = f"http://127.0.0.1:{server.server_port}/company.git"
        with pytest.raises(SyncError, match=r"cannot reach .*nothing was changed"):
            init(laptop.store, url)
        assert not (laptop.folder / ".git").exists()
    finally:
        server.shutdown()


def test_refuses_without_git_and_changes_nothing(laptops: list[Laptop], monkeypatch: pytest.MonkeyPatch) -> None:
    _ana, ben, _cleo = laptops
    before = (ben.head(), ben.store.read_bytes())
    done = ben.l10("sync", env={"PATH": os.path.dirname(os.__file__)}, check=False)  # a PATH with no git on it
    assert done.returncode == 1 and "git is not installed" in done.stderr
    assert (ben.head(), ben.store.read_bytes()) == before


def test_a_merge_that_cannot_be_made_is_refused_and_changes_nothing(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    (ana.folder / ".gitignore").write_text("# ana's\n" + (ana.folder / ".gitignore").read_text())
    ana.sync()
    (ben.folder / ".gitignore").write_text("# ben's\n" + (ben.folder / ".gitignore").read_text())
    team = ben.db().teams.all()[0].id
    ben.db().issues.add("kept here", team=team)
    before = (ben.head(), ben.store.read_bytes(), ben.status())
    with pytest.raises(SyncError, match=r"cannot merge.*overlap.*nothing was changed"):
        ben.sync()
    assert (ben.head(), ben.store.read_bytes(), ben.status()) == before


def test_joining_refuses_to_overwrite_a_store_with_records(laptops: list[Laptop], tmp_path: Path, hub: Path) -> None:
    other = Laptop(tmp_path / "other", "other")
    other.db().teams.add("Marketing")
    before = other.store.read_bytes()
    with pytest.raises(SyncError, match="already holds a store"):
        other.init(hub)
    assert other.store.read_bytes() == before and not (other.folder / ".git").exists()


def test_a_plain_git_pull_uses_the_registered_merge_driver(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ana.db().issues.add("from ana", team=team)
    ana.sync()
    ben.db().issues.add("from ben", team=team)
    git(ben.folder, "add", "-A")
    git(ben.folder, "commit", "-q", "-m", "by hand")
    git(ben.folder, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")  # git runs l10 merge-driver
    titles = {d["title"] for d in ben.records("issues").values()}
    assert titles == {"from ana", "from ben"}
    assert ben.status() == ""


def test_sync_init_twice_changes_nothing_and_sync_without_init_is_refused(
    laptops: list[Laptop], tmp_path: Path
) -> None:
    ana = laptops[0]
    ana.sync()  # the others' device tags come in
    head, raw = ana.head(), ana.store.read_bytes()
    ana.init(None)
    assert (ana.head(), ana.store.read_bytes(), ana.status()) == (head, raw, "")
    lone = Laptop(tmp_path / "lone", "lone")
    lone.db().teams.add("Ops")
    with pytest.raises(SyncError, match="not set up for sync"):
        sync(lone.store)


def test_a_clone_made_by_hand_draws_its_own_tag_at_sync_init(laptops: list[Laptop], tmp_path: Path, hub: Path) -> None:
    ana = laptops[0]
    dev = Laptop(tmp_path / "dev", "dev")
    git(tmp_path, "clone", "-q", str(hub), str(dev.folder))
    dev.init(None)
    tag = dev.db().device_tag()
    assert tag and tag not in {laptop.db().device_tag() for laptop in laptops}
    team = dev.db().teams.all()[0].id
    assert dev.db().issues.add("from a hand-made clone", team=team).id == f"I-1{tag}"
    assert ana.db().issues.add("from ana", team=team).id == "I-1"
    dev.sync()
    ana.sync()
    assert {d["title"] for d in ana.records("issues").values()} == {"from a hand-made clone", "from ana"}


def test_a_commit_with_files_outside_the_store_never_writes_them_here(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    ana.sync()  # the others' device tags come in first
    (ana.folder / "run-me.sh").write_text("echo pwned\n")
    git(ana.folder, "add", "-f", "run-me.sh")  # forced past .gitignore, as a crafted commit would be
    git(ana.folder, "commit", "-q", "-m", "a file that is not the store")
    git(ana.folder, "push", "-q", "origin", "main")
    ben.sync()
    assert not (ben.folder / "run-me.sh").exists()


def test_what_a_sync_prints_is_free_of_control_characters(laptops: list[Laptop]) -> None:
    _ana, ben, _cleo = laptops
    git(ben.folder, "remote", "set-url", "origin", str(ben.folder / "no\x1b[31mwhere\u202e.git"))
    done = ben.l10("sync", check=False)
    assert done.returncode == 1
    assert "\x1b" not in done.stderr and "\u202e" not in done.stderr


def test_a_remote_history_that_deletes_the_store_is_refused(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    ana.sync()
    git(ana.folder, "rm", "-q", "--cached", "l10.json")
    git(ana.folder, "commit", "-q", "-m", "oops")
    git(ana.folder, "push", "-q", "origin", "main")
    before = (ben.head(), ben.store.read_bytes())
    with pytest.raises(SyncError, match=r"deletes l10\.json; nothing was changed"):
        ben.sync()
    assert (ben.head(), ben.store.read_bytes()) == before


def test_doctor_reports_a_git_merge_left_half_done_by_hand(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    ana.sync()
    (ana.folder / ".gitignore").write_text("# ana's\n" + (ana.folder / ".gitignore").read_text())
    ana.sync()
    (ben.folder / ".gitignore").write_text("# ben's\n" + (ben.folder / ".gitignore").read_text())
    git(ben.folder, "commit", "-q", "-am", "ben's ignore")
    pull = subprocess.run(
        ["git", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
        cwd=ben.folder,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    assert pull.returncode != 0  # .gitignore conflicts: git leaves a merge in progress
    doctor = ben.l10("doctor", check=False)
    assert doctor.returncode == 1
    assert "a git merge is in progress" in doctor.stdout and "unresolved git conflicts" in doctor.stdout
    git(ben.folder, "merge", "--abort")
    assert ben.l10("doctor").returncode == 0


def test_the_merge_driver_merges_in_place_or_exits_1_with_one_line(laptops: list[Laptop], tmp_path: Path) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    base = ana.store.read_bytes()
    ana.db().issues.add("ours", team=team)
    (tmp_path / "O").write_bytes(base)
    (tmp_path / "A").write_bytes(ana.store.read_bytes())
    theirs = Laptop(tmp_path / "theirs", "theirs")
    theirs.folder.mkdir()
    theirs.store.write_bytes(base)
    (theirs.folder / "l10.json.device").write_text("zz")
    theirs.db().issues.add("theirs", team=team)
    (tmp_path / "B").write_bytes(theirs.store.read_bytes())
    ben.l10("merge-driver", str(tmp_path / "O"), str(tmp_path / "A"), str(tmp_path / "B"))
    merged = Laptop(tmp_path / "merged", "merged")
    merged.folder.mkdir()
    merged.store.write_bytes((tmp_path / "A").read_bytes())
    assert sorted(i.id for i in merged.db().issues.all()) == ["I-1", "I-1zz"]
    (tmp_path / "B").write_text("{not json")
    done = ben.l10("merge-driver", str(tmp_path / "O"), str(tmp_path / "A"), str(tmp_path / "B"), check=False)
    assert done.returncode == 1 and done.stderr.count("\n") == 1
    assert done.stderr.startswith("l10: error: cannot merge the store: their version of B is not a store file")
    assert "merge-driver" not in ben.l10("--help").stdout


def test_two_syncs_at_once_on_one_laptop_lose_nothing(laptops: list[Laptop]) -> None:
    ana, ben, _cleo = laptops
    team = ana.db().teams.all()[0].id
    ana.db().issues.add("from ana", team=team)
    ana.sync()
    ben.db().issues.add("from ben", team=team)
    env = {**os.environ, "L10_DB": str(ben.store)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "l10tui", "sync"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in runs]
    for code, err in results:
        assert code == 0 or (code == 1 and err.count("\n") == 1 and err.startswith("l10: error:")), err
    assert any(code == 0 for code, _err in results)
    ben.sync()
    ana.sync()
    assert {d["title"] for d in ana.records("issues").values()} == {"from ana", "from ben"}
    assert ana.files() == ben.files() and ben.status() == ""
