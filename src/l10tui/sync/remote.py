"""The network: fetching from the remote, pushing to it, and asking it what it holds. Nothing here ever prompts:
a remote that wants a password is refused in one line (git runs with prompts off, see :mod:`.gitrun`)."""

from __future__ import annotations

from .errors import SyncError
from .gitrun import NETWORK_TIMEOUT_S, Git, first_line
from .replica import REMOTE, Replica

NEVER_ASKS = "(l10 never asks for a password: set up an ssh key or a credential helper); nothing was changed"
RACE_WORDS = ("non-fast-forward", "fetch first", "rejected", "stale info")


def fetch(rep: Replica) -> None:
    done = rep.git.run("fetch", "--prune", "-q", REMOTE, check=False, timeout=NETWORK_TIMEOUT_S)
    if done.returncode != 0:
        raise SyncError(f"cannot fetch from {rep.remote_url()}: {first_line(done.stderr)} {NEVER_ASKS}")


def push(rep: Replica, commit: str, branch: str) -> tuple[bool, bool, str]:
    """(pushed, lost a race, git's message)."""
    done = rep.git.run("push", "-q", REMOTE, f"{commit}:refs/heads/{branch}", check=False, timeout=NETWORK_TIMEOUT_S)
    if done.returncode == 0:
        rep.git.run("update-ref", f"refs/remotes/{REMOTE}/{branch}", commit, check=False)
        return True, False, ""
    err = done.stderr.decode("utf-8", "replace")
    return False, any(w in err for w in RACE_WORDS), first_line(done.stderr)


def ls_remote(git: Git, remote: str) -> tuple[dict[str, str], str | None]:
    """(branch -> commit, the remote's default branch) of ``remote``, asked before it is added."""
    done = git.run("ls-remote", "--symref", remote, check=False, timeout=NETWORK_TIMEOUT_S)
    if done.returncode != 0:
        raise SyncError(f"cannot reach {remote}: {first_line(done.stderr)} {NEVER_ASKS}")
    heads: dict[str, str] = {}
    default: str | None = None
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        left, _tab, ref = line.partition("\t")
        if left.startswith("ref: ") and ref == "HEAD":
            default = left[5:].removeprefix("refs/heads/")
        elif ref.startswith("refs/heads/"):
            heads[ref.removeprefix("refs/heads/")] = left
    return heads, default
