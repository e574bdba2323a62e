"""The parts of sync/ that the split made units of their own, tested directly: running git (one clear line, never
a prompt), which paths a sync may write, merging a file's bytes, field times, the one line a sync says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson
import pytest

from l10tui.store.schema import empty_data
from l10tui.sync.errors import MergeError, SyncError
from l10tui.sync.gitrun import Git, first_line, git_env
from l10tui.sync.merge import Side, merge_bytes
from l10tui.sync.notes import MergeNotes
from l10tui.sync.replica import Replica
from l10tui.sync.report import SyncResult
from l10tui.sync.when import merge_times


def test_git_s_message_is_its_fatal_line_printable_and_short() -> None:
    raw = b"hint: use a token\nfatal: could not read Username\x1b[31m: terminal prompts disabled\nmore\n"
    assert first_line(raw) == "fatal: could not read Username[31m: terminal prompts disabled"
    assert first_line(b"warning: " + b"x" * 500) == ("warning: " + "x" * 188) + "..."
    assert first_line(b"\n\n") == "no message"


def test_git_never_prompts_and_ignores_a_repository_named_by_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GIT_DIR", "/elsewhere/.git")
    monkeypatch.setenv("GIT_INDEX_FILE", "/elsewhere/index")
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    env = git_env({"GIT_INDEX_FILE": "/mine"})
    assert env["GIT_TERMINAL_PROMPT"] == "0" and env["GIT_ASKPASS"] == "" and env["SSH_ASKPASS"] == ""
    assert "BatchMode=yes" in env["GIT_SSH_COMMAND"]
    assert "GIT_DIR" not in env and env["GIT_INDEX_FILE"] == "/mine"


def test_a_git_that_fails_or_cannot_run_is_one_line_naming_the_command(tmp_path: Path) -> None:
    with pytest.raises(SyncError) as failed:
        Git(tmp_path).run("rev-parse", "--show-toplevel")
    assert str(failed.value).startswith("git rev-parse failed: fatal: not a git repository")
    with pytest.raises(SyncError, match=r"^cannot run git: .*; nothing was changed$"):
        Git(tmp_path, exe=str(tmp_path / "no-git")).run("status")
    assert Git(tmp_path).answer("rev-parse", "--show-toplevel") is None


@pytest.mark.parametrize(
    ("path", "travels"),
    [
        ("l10.json", True),
        ("archive/l10-2025.json", True),
        (".gitignore", True),
        (".gitattributes", True),
        (".git/hooks/post-checkout", False),
        ("archive/other-2025.json", False),
        ("archive/l10-2025.json/x", False),
        ("archive/sub/l10-2025.json", False),
        ("l10.json.device", False),
        ("l10.json.lock", False),
        ("notes.txt", False),
    ],
)
def test_a_sync_writes_only_the_store_s_files(tmp_path: Path, path: str, travels: bool) -> None:
    assert Replica(tmp_path / "l10.json").travels(path) is travels


def _bytes(**counters: int) -> bytes:
    data = empty_data()
    data["_meta"]["1"]["counters"] = counters
    return orjson.dumps(data)


def test_merging_a_file_s_bytes_names_the_side_that_is_not_a_store_file(tmp_path: Path) -> None:
    base, ours = Side(tmp_path / "O", _bytes(I=1), "the common version"), Side(tmp_path / "A", _bytes(I=2), "ours")
    merged = orjson.loads(merge_bytes(base, ours, Side(tmp_path / "B", _bytes(I=3), "theirs"), empty="-"))
    assert merged["_meta"]["1"]["counters"]["I"] == 3
    with pytest.raises(MergeError, match=r"^theirs of B is not a store file"):
        merge_bytes(base, ours, Side(tmp_path / "B", b"{not json", "theirs"), empty="-")
    with pytest.raises(MergeError, match=r"^B is empty on one side$"):
        merge_bytes(base, ours, Side(tmp_path / "B", b"  \n", "theirs"), empty="B is empty on one side")
    assert merge_bytes(None, ours, Side(tmp_path / "B", _bytes(I=1), "theirs"), empty="-")  # added on both sides


def test_field_times_keep_each_field_s_latest_change_whichever_side_it_is_on() -> None:
    a = {"title": "2026-11-23T10:00:00+00:00", "team": "2026-11-23T12:00:00+00:00"}
    b = {"title": "2026-11-23T11:00:00+00:00", "details": "2026-11-23T09:00:00+00:00"}
    want = {
        "title": "2026-11-23T11:00:00+00:00",
        "team": "2026-11-23T12:00:00+00:00",
        "details": "2026-11-23T09:00:00+00:00",
    }
    assert merge_times(a, b) == want and merge_times(b, a) == want
    assert merge_times(None, b) == b and merge_times(a, "damaged") == a


def test_the_sync_line_counts_records_by_table_in_words() -> None:
    notes = MergeNotes(both_changed=["I-3", "I-3"], meetings_twice=[["MT-1", "MT-1km"]])
    result = SyncResult(Counter({"issues": 2, "todos": 1}), Counter(), True, "/hub\x1b.git", notes)
    assert result.line() == (
        "synced: in 2 issues, 1 to-do; out nothing (pushed to /hub.git); merged field by field: I-3; "
        "one team's week run on two laptops, kept apart: MT-1 and MT-1km"
    )
    alone = SyncResult(Counter(), Counter({"scores": 1}), False, None, MergeNotes())
    assert alone.line() == "synced: in nothing; out 1 number (no remote)"
