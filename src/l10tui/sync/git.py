"""``l10 sync``: the store's folder as a git repository, merged record by record, never prompting (docs/SYNC.md).

How a sync stays safe:

* the remote is fetched first; if it cannot be reached (or asks for a password: git runs with prompts off, ssh in
  batch mode) the sync refuses and nothing has changed;
* the working files are snapshotted into a commit object under the store's lock, without moving any ref;
* the merge is computed on git's objects (:mod:`l10tui.sync.merge` for the store's JSON files), never in the working
  copy; a merge that cannot be made refuses, and nothing has changed;
* under the store's lock again (and only if nobody wrote meanwhile), a journal names the target commit, the changed
  files are written with the store's atomic writes (0600, folders 0700), the branch moves, the journal goes. A sync
  killed at any moment leaves the old files or the new ones (file by file) and the journal; the next ``l10 sync`` (or
  any) completes it first, merging any change made after the kill;
* then it pushes; a push that loses a race fetches and merges again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from l10tui.domain.ids import TAG_LETTERS, split_key, valid_tag
from l10tui.store import atomic
from l10tui.store.db import DEVICE_SUFFIX, LOCK_TIMEOUT_S, parse
from l10tui.store.errors import StoreError
from l10tui.store.lock import LockTimeout, StoreLock
from l10tui.store.schema import META, Data
from l10tui.testing_seam import SYNC_KILL, kill_at

from .errors import printable
from .merge import MergeError, MergeNotes, check_merged, merge_data, parse_side

NETWORK_TIMEOUT_S = 120.0
LOCAL_TIMEOUT_S = 60.0
JOURNAL = "l10-sync-journal"
KILL_ENV = SYNC_KILL  # a test hook: SIGKILL this process at the named step (l10tui/testing_seam.py)
KILL_STEPS = ("fetched", "snapshot", "journal", "file", "ref", "push")
DEFAULT_BRANCH = "main"
REMOTE = "origin"
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


class SyncError(StoreError):
    """A sync (or its set-up) refused; ``str()`` is one line that says why and what was (not) changed."""

    def __init__(self, message: str) -> None:
        super().__init__(printable(message))


def kill_point(step: str) -> None:
    if kill_at(step):  # a test hook (l10tui/testing_seam.py)
        os.kill(os.getpid(), signal.SIGKILL)


def git_executable() -> str:
    found = shutil.which("git")
    if not found:
        raise SyncError("git is not installed (l10 sync needs it): install git and try again; nothing was changed")
    return found


def git_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """git that never asks anything: no terminal prompt, no askpass program, ssh in batch mode, stable messages."""
    env = dict(os.environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="",
        SSH_ASKPASS="",
        GCM_INTERACTIVE="never",
        GIT_EDITOR="true",
        GIT_MERGE_AUTOEDIT="no",
        LC_ALL="C",
        LANGUAGE="",
    )
    if not env.get("GIT_SSH_COMMAND"):
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes -o ConnectTimeout=20"
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    env.pop("GIT_INDEX_FILE", None)
    if extra:
        env.update(extra)
    return env


def _first_line(raw: bytes) -> str:
    lines = [ln.strip() for ln in raw.decode("utf-8", "replace").splitlines() if ln.strip()]
    wanted = [ln for ln in lines if ln.lower().startswith(("fatal", "error"))] or lines
    text = printable(wanted[0] if wanted else "no message")
    return text if len(text) <= 200 else text[:197] + "..."


@dataclass
class Git:
    folder: Path
    exe: str = field(default_factory=git_executable)

    def run(
        self,
        *args: str,
        input: bytes | None = None,
        check: bool = True,
        timeout: float = LOCAL_TIMEOUT_S,
        env: dict[str, str] | None = None,
    ) -> subprocess.CompletedProcess[bytes]:
        cmd = [self.exe, "-C", str(self.folder), "-c", "core.askPass=", "-c", "credential.interactive=never", *args]
        try:
            done = subprocess.run(
                cmd,
                input=input,
                stdin=None if input is not None else subprocess.DEVNULL,
                capture_output=True,
                env=git_env(env),
                timeout=timeout,
                umask=0o077,
            )
        except subprocess.TimeoutExpired:
            raise SyncError(f"git {args[0]} took over {timeout:.0f} s and was stopped; nothing was changed") from None
        except OSError as exc:
            raise SyncError(f"cannot run git: {exc.strerror}; nothing was changed") from None
        if check and done.returncode != 0:
            raise SyncError(f"git {args[0]} failed: {_first_line(done.stderr)}")
        return done

    def out(self, *args: str, env: dict[str, str] | None = None) -> str:
        return self.run(*args, env=env).stdout.decode("utf-8", "replace").strip()

    def rev(self, name: str) -> str | None:
        done = self.run("rev-parse", "--verify", "-q", name + "^{commit}", check=False)
        return (done.stdout.decode().strip() or None) if done.returncode == 0 else None

    def ls_tree(self, commit: str | None) -> dict[str, str]:
        """path -> blob id of every file in ``commit``."""
        if commit is None:
            return {}
        out: dict[str, str] = {}
        for entry in self.run("ls-tree", "-r", "-z", commit).stdout.split(b"\0"):
            if not entry:
                continue
            meta, _tab, path = entry.partition(b"\t")
            _mode, kind, sha = meta.decode().split(" ")
            if kind == "blob":
                out[path.decode("utf-8", "surrogateescape")] = sha
        return out

    def blob(self, sha: str) -> bytes:
        return self.run("cat-file", "blob", sha).stdout

    def hash_blob(self, data: bytes) -> str:
        return self.out_input(data, "hash-object", "-w", "--stdin")

    def out_input(self, data: bytes, *args: str) -> str:
        return self.run(*args, input=data).stdout.decode().strip()

    def is_ancestor(self, a: str, b: str) -> bool:
        return self.run("merge-base", "--is-ancestor", a, b, check=False).returncode == 0


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


class Replica:
    """One clone: the store file's folder, its git repository, its lock."""

    def __init__(self, store_path: Path) -> None:
        path = Path(store_path).expanduser().absolute()
        self.store_path = path.resolve() if path.is_symlink() else path
        self.folder = self.store_path.parent
        self.git = Git(self.folder)
        self._lock = StoreLock(str(self.store_path) + ".lock", LOCK_TIMEOUT_S)

    # -- where things are --------------------------------------------------------------------------------------

    @property
    def git_dir(self) -> Path:
        return self.folder / ".git"

    @property
    def journal(self) -> Path:
        return self.git_dir / JOURNAL

    @property
    def device_path(self) -> Path:
        return Path(str(self.store_path) + DEVICE_SUFFIX)

    def is_store_file(self, path: str) -> bool:
        stem = self.store_path.stem
        if path == self.store_path.name:
            return True
        head, _sep, name = path.partition("/")
        return head == "archive" and name.startswith(stem + "-") and name.endswith(".json") and "/" not in name

    def travels(self, path: str) -> bool:
        """The only paths a sync ever writes in the working copy, whatever a remote's commits hold."""
        return path in (".gitignore", ".gitattributes") or self.is_store_file(path)

    def is_repo(self) -> bool:
        if not self.git_dir.is_dir():
            return False
        done = self.git.run("rev-parse", "--show-toplevel", check=False)
        top = done.stdout.decode().strip()
        return done.returncode == 0 and bool(top) and Path(top).resolve() == self.folder.resolve()

    def require_repo(self) -> None:
        if not self.is_repo():
            raise SyncError(f"{self.folder} is not set up for sync: run l10 sync init [REMOTE] first")

    def remote_url(self) -> str | None:
        done = self.git.run("remote", "get-url", REMOTE, check=False)
        return (done.stdout.decode().strip() or None) if done.returncode == 0 else None

    def branch(self) -> str:
        done = self.git.run("symbolic-ref", "--short", "-q", "HEAD", check=False)
        name = done.stdout.decode().strip()
        if not name:
            raise SyncError(f"the repository in {self.folder} is not on a branch (detached HEAD); nothing was changed")
        return name

    def head(self) -> str | None:
        return self.git.rev("HEAD")

    def upstream(self, branch: str) -> str | None:
        return self.git.rev(f"refs/remotes/{REMOTE}/{branch}")

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        atomic.ensure_dir(self.folder)
        try:
            self._lock.acquire()
        except LockTimeout:
            raise SyncError(f"the store {self.store_path} is busy (another l10 is writing); try again") from None
        try:
            yield
        finally:
            self._lock.release()

    # -- the network ---------------------------------------------------------------------------------------------

    def fetch(self) -> None:
        done = self.git.run("fetch", "--prune", "-q", REMOTE, check=False, timeout=NETWORK_TIMEOUT_S)
        if done.returncode != 0:
            raise SyncError(
                f"cannot fetch from {self.remote_url()}: {_first_line(done.stderr)} "
                "(l10 never asks for a password: set up an ssh key or a credential helper); nothing was changed"
            )

    def push(self, commit: str, branch: str) -> tuple[bool, bool, str]:
        """(pushed, lost a race, git's message)."""
        done = self.git.run(
            "push", "-q", REMOTE, f"{commit}:refs/heads/{branch}", check=False, timeout=NETWORK_TIMEOUT_S
        )
        if done.returncode == 0:
            self.git.run("update-ref", f"refs/remotes/{REMOTE}/{branch}", commit, check=False)
            return True, False, ""
        err = done.stderr.decode("utf-8", "replace")
        race = any(w in err for w in ("non-fast-forward", "fetch first", "rejected", "stale info"))
        return False, race, _first_line(done.stderr)

    # -- commits without touching the working copy ---------------------------------------------------------------

    def _identity(self) -> dict[str, str]:
        """The commit author: git's own settings if there are any, else this machine's name."""
        env: dict[str, str] = {}
        for key, var in (("user.name", "NAME"), ("user.email", "EMAIL")):
            if os.environ.get(f"GIT_AUTHOR_{var}") and os.environ.get(f"GIT_COMMITTER_{var}"):
                continue
            done = self.git.run("config", key, check=False)
            if not done.stdout.strip():
                host = socket.gethostname() or "laptop"
                value = f"l10 on {host}" if var == "NAME" else f"l10@{host}"
                env[f"GIT_AUTHOR_{var}"] = env[f"GIT_COMMITTER_{var}"] = value
        return env

    def _index_env(self, name: str) -> dict[str, str]:
        return {"GIT_INDEX_FILE": str(self.git_dir / f"{name}-{os.getpid()}")}  # one per process

    def working_tree(self, head: str | None) -> str:
        """The tree id of the working files as ``git add -A`` would record them (no ref or index of ours moves)."""
        env = self._index_env("l10-snapshot-index")
        Path(env["GIT_INDEX_FILE"]).unlink(missing_ok=True)
        try:
            index = self.git_dir / "index"
            if index.exists():  # git's own index knows the files' stat data: only changed files are hashed again
                shutil.copyfile(index, env["GIT_INDEX_FILE"])
            elif head is not None:
                self.git.run("read-tree", head, env=env)
            self.git.run("add", "-A", ".", env=env)
            return self.git.out("write-tree", env=env)
        finally:
            Path(env["GIT_INDEX_FILE"]).unlink(missing_ok=True)

    def tree_of(self, commit: str | None) -> str | None:
        return None if commit is None else self.git.out("rev-parse", commit + "^{tree}")

    def commit(self, tree: str, parents: list[str], message: str) -> str:
        args = ["commit-tree", tree, "-m", message]
        for p in parents:
            args += ["-p", p]
        return self.git.out(*args, env=self._identity())

    def snapshot(self, head: str | None) -> str | None:
        """A commit of the working files on top of ``head`` (``head`` itself when nothing changed)."""
        tree = self.working_tree(head)
        if tree == self.tree_of(head):
            return head
        tag = self.device_tag() or "first"
        return self.commit(tree, [head] if head else [], f"l10: changes on {socket.gethostname()} ({tag})")

    def make_tree(self, files: dict[str, str]) -> str:
        env = self._index_env("l10-merge-index")
        Path(env["GIT_INDEX_FILE"]).unlink(missing_ok=True)
        try:
            self.git.run("read-tree", "--empty", env=env)
            lines = b"".join(
                f"100644 {sha}\t{path}".encode("utf-8", "surrogateescape") + b"\0"
                for path, sha in sorted(files.items())
            )
            if lines:
                self.git.run("update-index", "-z", "--index-info", input=lines, env=env)
            return self.git.out("write-tree", env=env)
        finally:
            Path(env["GIT_INDEX_FILE"]).unlink(missing_ok=True)

    # -- the merge -----------------------------------------------------------------------------------------------

    def merge_commits(self, local: str | None, upstream: str | None, notes: MergeNotes) -> str | None:
        """The commit both sides end at: one of them when one contains the other, else a merge commit."""
        if upstream is None or local == upstream:
            return local
        if local is None or self.git.is_ancestor(local, upstream):
            return upstream
        if self.git.is_ancestor(upstream, local):
            return local
        done = self.git.run("merge-base", local, upstream, check=False)
        base = done.stdout.decode().strip() or None
        o, a, b = self.git.ls_tree(base), self.git.ls_tree(local), self.git.ls_tree(upstream)
        files: dict[str, str] = {}
        for path in sorted(set(o) | set(a) | set(b)):
            ov, av, bv = o.get(path), a.get(path), b.get(path)
            if av == bv:
                value = av
            elif av == ov:
                value = bv
            elif bv == ov:
                value = av
            elif av is None or bv is None:
                value = av or bv  # removed on one side, changed on the other: the change is kept
            else:
                value = self.merge_file(path, ov, av, bv, notes)
            if value is not None:
                files[path] = value
        tree = self.make_tree(files)
        return self.commit(tree, [local, upstream], "l10 sync: merge")

    def merge_file(self, path: str, o: str | None, a: str, b: str, notes: MergeNotes) -> str:
        if self.is_store_file(path) or path.endswith(".json"):
            where = Path(path)
            base = parse_side(where, self.git.blob(o), "the common version") if o else None
            ours = parse_side(where, self.git.blob(a), "our version")
            theirs = parse_side(where, self.git.blob(b), "their version")
            if ours is None or theirs is None:
                raise MergeError(f"{path} is empty on one side")
            payload = check_merged(where, merge_data(base, ours, theirs, notes))
            return self.git.hash_blob(payload)
        tmp = self.git_dir / f"l10-merge-tmp-{os.getpid()}"
        atomic.ensure_dir(tmp)
        try:
            names = []
            for label, sha in (("base", o), ("ours", a), ("theirs", b)):
                f = tmp / label
                f.write_bytes(self.git.blob(sha) if sha else b"")
                names.append(str(f))
            done = self.git.run("merge-file", "-p", names[1], names[0], names[2], check=False)
            if done.returncode != 0:
                raise MergeError(f"{path} was changed on both sides and the changes overlap")
            return self.git.hash_blob(done.stdout)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # -- the working copy ------------------------------------------------------------------------------------------

    def check_store_files(self) -> None:
        """Never commit a damaged store: every tracked store file must parse."""
        for path in [self.store_path, *sorted((self.folder / "archive").glob(f"{self.store_path.stem}-*.json"))]:
            if not path.exists():
                continue
            try:
                parse(path, path.read_bytes())
            except StoreError as exc:
                raise SyncError(f"{exc} (run l10 doctor); nothing was synced") from None
            except OSError as exc:
                raise SyncError(f"cannot read {path}: {exc.strerror}; nothing was synced") from None

    def write_files(self, local: str | None, target: str) -> int:
        """Make the working files those of ``target`` (they were ``local``'s); a file changed since (after a killed
        sync) is merged with what comes in, never overwritten. Returns how many files were written."""
        old, new = self.git.ls_tree(local), self.git.ls_tree(target)
        written = 0
        for path in sorted(set(old) | set(new), key=lambda p: (p == self.store_path.name, p)):
            if old.get(path) == new.get(path) or not self.travels(path):
                continue  # a path outside the store (e.g. ".git/hooks/x" in a crafted commit) is never written
            dest = self.folder / path
            sha = new.get(path)
            if sha is None:
                with contextlib.suppress(FileNotFoundError):
                    dest.unlink()
                continue
            want = self.git.blob(sha)
            try:
                current: bytes | None = dest.read_bytes()
            except FileNotFoundError:
                current = None
            if current == want:
                continue
            was = old.get(path)
            if current is not None and was is not None and current != self.git.blob(was) and self.is_store_file(path):
                where = Path(path)
                mine = parse_side(where, current, "this laptop's file")
                if mine is not None:
                    base = parse_side(where, self.git.blob(was), "the common version")
                    theirs = parse_side(where, want, "the incoming file")
                    assert theirs is not None
                    want = check_merged(where, merge_data(base, mine, theirs))
            atomic.ensure_dir(dest.parent)
            atomic.remove_stale_temps(dest)
            atomic.atomic_write(dest, want)
            written += 1
            kill_point("file")
        return written

    def apply(self, head: str | None, local: str | None, target: str, branch: str) -> None:
        """Move this clone from ``head`` (working files = ``local``) to ``target``; the caller holds the lock."""
        if target == head:
            return
        atomic.atomic_write(self.journal, f"{target} {local or '-'} {head or '-'} {branch}\n".encode())
        kill_point("journal")
        self.write_files(local, target)
        self._move(branch, target)

    def _move(self, branch: str, target: str) -> None:
        self.git.run("update-ref", f"refs/heads/{branch}", target)
        kill_point("ref")
        self.git.run("read-tree", target)
        self.git.run("update-index", "-q", "--refresh", check=False)
        self.journal.unlink(missing_ok=True)

    def finish_pending(self) -> bool:
        """Complete a sync that was killed after it began to write (True if there was one)."""
        try:
            text = self.journal.read_text().split()
        except FileNotFoundError:
            return False
        if len(text) != 4:
            self.journal.unlink(missing_ok=True)
            return False
        target, local, head, branch = text
        with self.locked():
            now = self.head()
            if now not in (target, None if head == "-" else head):
                self.journal.unlink(missing_ok=True)  # the branch was moved by hand since: nothing to complete
                return False
            self.write_files(None if local == "-" else local, target)
            self._move(branch, target)
        return True

    # -- the device tag --------------------------------------------------------------------------------------------

    def device_tag(self) -> str:
        try:
            return self.device_path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""


# -- counting what came in and went out ----------------------------------------------------------------------------


def _view(rep: Replica, files: dict[str, str], paths: set[str]) -> dict[tuple[str, str], str]:
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


# -- the commands ----------------------------------------------------------------------------------------------------


def sync(store_path: Path) -> SyncResult:
    try:
        return _sync(Replica(store_path))
    except MergeError as exc:
        raise SyncError(f"cannot merge: {exc}; the files here were left as they were") from None


def _sync(rep: Replica) -> SyncResult:
    rep.require_repo()
    rep.finish_pending()
    remote = rep.remote_url()
    branch = rep.branch()
    if remote:
        rep.fetch()
    kill_point("fetched")
    incoming: Counter[str] = Counter()
    outgoing: Counter[str] = Counter()
    notes = MergeNotes()
    for _attempt in range(5):
        with rep.locked():
            rep.check_store_files()
            head = rep.head()
            local = rep.snapshot(head)
        kill_point("snapshot")
        upstream = rep.upstream(branch) if remote else None
        try:
            target = rep.merge_commits(local, upstream, notes)
        except MergeError as exc:
            raise SyncError(f"cannot merge with {remote}: {exc}; nothing was changed") from None
        if target is None:  # an empty repository and an empty folder
            return SyncResult(incoming, outgoing, False, remote, notes)
        lost = [p for p in rep.git.ls_tree(local) if rep.is_store_file(p) and p not in rep.git.ls_tree(target)]
        if lost:  # l10 never deletes a store file or an archive year: a history that does is not followed
            raise SyncError(f"{remote}'s history deletes {', '.join(lost[:3])}; nothing was changed")
        with rep.locked():
            if rep.head() != head or rep.working_tree(head) != rep.tree_of(local):
                continue  # someone wrote meanwhile: take their change in and merge again
            rep.apply(head, local, target, branch)
        incoming += record_changes(rep, local, target)
        pushed = False
        if remote and target != upstream:
            outgoing += record_changes(rep, upstream, target)
            kill_point("push")
            pushed, race, message = rep.push(target, branch)
            if not pushed and race:
                rep.fetch()
                continue
            if not pushed:
                raise SyncError(
                    f"merged here, but could not push to {remote}: {message}; your changes are safe, run l10 sync again"
                )
        return SyncResult(incoming, outgoing, pushed, remote, notes)
    raise SyncError(f"{remote or 'the store'} kept changing during the sync; run l10 sync again")


GITATTRIBUTES = "# l10 sync: the store's files are merged record by record by l10's merge driver\n*.json merge=l10\n"


def gitignore_text(store_path: Path) -> str:
    return (
        "# l10 sync: only the store and its archive years travel; the lock, temp files, this laptop's device tag,\n"
        "# backups and the demo stay here.\n"
        "/*\n"
        "!/.gitignore\n"
        "!/.gitattributes\n"
        f"!/{store_path.name}\n"
        "!/archive/\n"
        "/archive/*\n"
        f"!/archive/{store_path.stem}-*.json\n"
    )


def driver_command() -> str:
    return f"{shlex.quote(sys.executable)} -m l10tui merge-driver %O %A %B"


def _ls_remote(git: Git, remote: str) -> tuple[dict[str, str], str | None]:
    done = git.run("ls-remote", "--symref", remote, check=False, timeout=NETWORK_TIMEOUT_S)
    if done.returncode != 0:
        raise SyncError(
            f"cannot reach {remote}: {_first_line(done.stderr)} "
            "(l10 never asks for a password: set up an ssh key or a credential helper); nothing was changed"
        )
    heads: dict[str, str] = {}
    default: str | None = None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        left, _tab, ref = line.partition("\t")
        if left.startswith("ref: ") and ref == "HEAD":
            default = left[5:].removeprefix("refs/heads/")
        elif ref.startswith("refs/heads/"):
            heads[ref.removeprefix("refs/heads/")] = left
    return heads, default


def _has_records(path: Path) -> bool:
    try:
        data = parse(path, path.read_bytes())
    except FileNotFoundError:
        return False
    except (StoreError, OSError):
        return True  # a file we cannot read is not ours to overwrite
    return any(docs for name, docs in data.items() if name != META)


def taken_tags(data: Data, archives: list[Data]) -> set[str]:
    tags = set((data.get(META, {}).get("1", {}).get("devices") or {}).keys())
    for d in [data, *archives]:
        for name, docs in d.items():
            if name == META:
                continue
            for key in docs:
                if key.isdigit():
                    with contextlib.suppress(Exception):
                        tags.add(split_key(int(key))[1])
    return tags


def pick_tag(clone_id: str, taken: set[str]) -> str:
    """Two letters drawn from this clone's random id, skipping the tags already in the repository's history."""
    for attempt in range(10_000):
        digest = hashlib.sha256(f"{clone_id}:{attempt}".encode()).digest()
        tag = TAG_LETTERS[digest[0] % len(TAG_LETTERS)] + TAG_LETTERS[digest[1] % len(TAG_LETTERS)]
        if tag not in taken:
            return tag
    raise SyncError("every device tag is taken; nothing was changed")  # pragma: no cover - 529 tags


def init(store_path: Path, remote: str | None) -> str:
    """``l10 sync init [REMOTE]``: set the folder up (or join a repository that already has a store)."""
    rep = Replica(store_path)
    git = rep.git
    atomic.ensure_dir(rep.folder)
    already = rep.is_repo()
    current = rep.remote_url() if already else None
    heads: dict[str, str] = {}
    default: str | None = None
    if remote:
        if current and current != remote:
            raise SyncError(f"{rep.folder} already syncs with {current}; nothing was changed")
        heads, default = _ls_remote(git, remote)
    joining = bool(heads) and not (already and rep.head() is not None)
    if joining and _has_records(rep.store_path):
        raise SyncError(
            f"{remote} already holds a store and so does {rep.store_path}: move this one away (or use another "
            "--db) to join, or push this one to an empty repository; nothing was changed"
        )
    branch = default if default in heads else (sorted(heads)[0] if heads else DEFAULT_BRANCH)
    if not already:
        git.run("init", "-q", f"--initial-branch={branch}")
    os.chmod(rep.git_dir, 0o700)
    git.run("config", "merge.l10.name", "l10 store: record by record")
    git.run("config", "merge.l10.driver", driver_command())
    git.run("config", "core.fileMode", "false")
    clone_id = git.run("config", "l10.clone", check=False).stdout.decode().strip()
    if not clone_id:
        clone_id = secrets.token_hex(16)
        git.run("config", "l10.clone", clone_id)
    for name, text in ((".gitattributes", GITATTRIBUTES), (".gitignore", gitignore_text(rep.store_path))):
        path = rep.folder / name
        if not path.exists() or path.read_text(encoding="utf-8", errors="replace") != text:
            atomic.atomic_write(path, text.encode())
    if remote and not current:
        git.run("remote", "add", REMOTE, remote)
    if joining:
        rep.fetch()
        target = rep.upstream(branch)
        assert target is not None
        with rep.locked():
            rep.apply(rep.head(), rep.head(), target, branch)
    tag = rep.device_tag()
    if not rep.device_path.exists():
        data = parse(rep.store_path, rep.store_path.read_bytes()) if rep.store_path.exists() else {}
        devices = data.get(META, {}).get("1", {}).get("devices") or {}
        first = devices.get("", {}).get("clone") if isinstance(devices.get(""), dict) else None
        if devices and first != clone_id:  # another clone is the first replica: this one (a new clone) draws a tag
            archives = [
                parse(p, p.read_bytes()) for p in sorted((rep.folder / "archive").glob(f"{store_path.stem}-*.json"))
            ]
            tag = pick_tag(clone_id, taken_tags(data, archives))
            atomic.atomic_write(rep.device_path, (tag + "\n").encode())
    if not valid_tag(tag):
        raise SyncError(f"the device tag in {rep.device_path} is {tag[:8]!r}, not one or two letters")
    register_device(rep.store_path, tag, clone_id)
    result = sync(rep.store_path)
    who = f"device tag {tag!r}: new ids look like I-12{tag}" if tag else "the first replica: ids stay plain (I-12)"
    return f"sync set up in {rep.folder} ({who}); {result.line()}"


def register_device(store_path: Path, tag: str, clone_id: str) -> None:
    """Record this replica's tag in the store's ``_meta.devices`` (synced), so no later clone draws it again."""
    from l10tui.store import open_store

    db = open_store(store_path)
    devices = db.meta.get("devices")
    if isinstance(devices, dict) and devices.get(tag, {}).get("clone") == clone_id:
        return
    with db.transaction():
        meta = db.meta
        found = meta.get("devices")
        if not isinstance(found, dict):
            found = meta["devices"] = {}
        found[tag] = {"clone": clone_id}
        db.mark_changed()


# -- automatic sync (the app on start, ``l10 meet`` after the meeting) ----------------------------------------------


def auto_enabled(store_path: Path) -> bool:
    """True when this clone asked for automatic syncs (``l10 sync auto on``; a per-laptop git setting)."""
    folder = Path(store_path).expanduser().absolute().parent
    if not (folder / ".git").is_dir() or shutil.which("git") is None:
        return False
    rep = Replica(store_path)
    if not rep.is_repo():
        return False
    return rep.git.run("config", "--bool", "l10.auto", check=False).stdout.decode().strip() == "true"


def set_auto(store_path: Path, on: bool) -> None:
    rep = Replica(store_path)
    rep.require_repo()
    rep.git.run("config", "--bool", "l10.auto", "true" if on else "false")


# -- doctor ----------------------------------------------------------------------------------------------------------


def check(store_path: Path) -> tuple[list[str], list[str]]:
    """(problems, notes) about the sync repository of ``store_path`` for ``l10 doctor``."""
    problems: list[str] = []
    notes: list[str] = []
    if not shutil.which("git"):
        if (Path(store_path).parent / ".git").is_dir():
            problems.append("sync: the store's folder is a git repository but git is not installed")
        return problems, notes
    rep = Replica(store_path)
    if not rep.is_repo():
        notes.append("sync: not set up (l10 sync init [REMOTE] shares this store between laptops)")
        return problems, notes
    if rep.journal.exists():
        problems.append("sync: a sync was stopped half-way; run l10 sync to complete it")
    if (rep.git_dir / "MERGE_HEAD").exists():
        problems.append(f"sync: a git merge is in progress in {rep.folder}; run git merge --abort there, then l10 sync")
    if rep.git.run("ls-files", "-u", check=False).stdout.strip():
        problems.append(f"sync: {rep.folder} has files with unresolved git conflicts; git merge --abort, then l10 sync")
    driver = rep.git.run("config", "merge.l10.driver", check=False).stdout.decode().strip()
    if not driver:
        problems.append("sync: the merge driver is not registered; run l10 sync init again")
    else:
        exe = shlex.split(driver)[0]
        if not Path(exe).exists():
            problems.append(f"sync: the merge driver's python {exe} is gone; run l10 sync init again")
    attrs = rep.folder / ".gitattributes"
    if not attrs.exists() or "merge=l10" not in attrs.read_text(errors="replace"):
        problems.append("sync: .gitattributes does not send the store to l10's merge driver; run l10 sync init again")
    tag = rep.device_tag()
    if not valid_tag(tag):
        problems.append(f"sync: the device tag in {rep.device_path} is not one or two letters")
    for path in (rep.git_dir, rep.folder / "archive"):
        if path.is_dir() and path.stat().st_mode & 0o077:
            problems.append(f"sync: {path} can be read by others (chmod 700 it)")
    head = rep.head()
    remote = rep.remote_url()
    branch = rep.git.run("symbolic-ref", "--short", "-q", "HEAD", check=False).stdout.decode().strip()
    if head and remote and branch:
        up = rep.upstream(branch)
        if up != head:
            notes.append(f"sync: changes here not yet pushed to {remote} (run l10 sync)")
    who = f"device tag {tag}" if tag else "the first replica"
    notes.append(f"sync: {rep.folder} is a git repository ({who}; remote: {remote or 'none'})")
    return problems, notes


def run_driver(base: Path, ours: Path, theirs: Path) -> None:
    """git's merge driver: merge ``theirs`` into ``ours`` (in place, atomically); MergeError if it cannot."""
    try:
        o_raw, a_raw, b_raw = base.read_bytes(), ours.read_bytes(), theirs.read_bytes()
    except OSError as exc:
        raise MergeError(f"cannot read {exc.filename}: {exc.strerror}") from None
    o = parse_side(base, o_raw, "the common version")
    a = parse_side(ours, a_raw, "our version")
    b = parse_side(theirs, b_raw, "their version")
    if a is None or b is None:
        raise MergeError("one side is empty")
    payload = check_merged(ours, merge_data(o, a, b))
    atomic.atomic_write(ours, payload)


__all__ = ["SyncError", "SyncResult", "auto_enabled", "check", "init", "run_driver", "set_auto", "sync"]
