"""Running git: a thin wrapper around the ``git`` program that never prompts (no terminal, no askpass program, ssh
in batch mode), runs with umask 077 and turns every failure into one clear :class:`SyncError` line."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SyncError, printable

NETWORK_TIMEOUT_S = 120.0
LOCAL_TIMEOUT_S = 60.0


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


def first_line(raw: bytes) -> str:
    """The line of git's stderr that says what went wrong (its ``fatal:``/``error:`` line), printable, short."""
    lines = [ln.strip() for ln in raw.decode("utf-8", "replace").splitlines() if ln.strip()]
    wanted = [ln for ln in lines if ln.lower().startswith(("fatal", "error"))] or lines
    text = printable(wanted[0] if wanted else "no message")
    return text if len(text) <= 200 else text[:197] + "..."


@dataclass
class Git:
    """git run in ``folder``."""

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
            raise SyncError(f"git {args[0]} failed: {first_line(done.stderr)}")
        return done

    def out(self, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
        """git's output, stripped (a failure raises)."""
        return self.run(*args, env=env, input=input).stdout.decode("utf-8", "replace").strip()

    def answer(self, *args: str) -> str | None:
        """git's output when it succeeds, else None (a question: a setting, a ref, a remote's address)."""
        done = self.run(*args, check=False)
        return (done.stdout.decode("utf-8", "replace").strip() or None) if done.returncode == 0 else None

    def config(self, *key: str) -> str:
        """A git setting of this repository ("" when it is not set), e.g. ``config("--bool", "l10.auto")``."""
        return self.run("config", *key, check=False).stdout.decode("utf-8", "replace").strip()

    def rev(self, name: str) -> str | None:
        return self.answer("rev-parse", "--verify", "-q", name + "^{commit}")

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
        return self.out("hash-object", "-w", "--stdin", input=data)

    def is_ancestor(self, a: str, b: str) -> bool:
        return self.run("merge-base", "--is-ancestor", a, b, check=False).returncode == 0
