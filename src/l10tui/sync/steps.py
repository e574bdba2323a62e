"""``l10 sync``'s steps, in order (docs/SYNC.md "The same guarantees as the local store"):

1. complete a sync that was killed half-way (:func:`.checkout.finish_pending`);
2. fetch the remote first: if it cannot be reached (or asks for a password) the sync refuses, nothing has changed;
3. snapshot the working files into a commit object under the store's lock, without moving any ref;
4. merge on git's objects (:mod:`.conflicts`), never in the working copy; a merge that cannot be made refuses;
5. under the lock again, and only if nobody wrote meanwhile (else back to 3), move the working files and the
   branch to the merge (:func:`.checkout.apply`: journaled, atomic file by file);
6. push; a push that loses a race fetches and goes back to 3.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .checkout import apply, finish_pending
from .commits import snapshot, tree_of, working_tree
from .conflicts import merge_commits
from .errors import MergeError, SyncError
from .killpoints import kill_point
from .notes import MergeNotes
from .remote import fetch, push
from .replica import Replica
from .report import SyncResult, record_changes

ATTEMPTS = 5  # rounds of snapshot, merge and push before a store (or a remote) that keeps changing is given up


def sync(store_path: Path) -> SyncResult:
    """``l10 sync``: commit this laptop's changes, fetch, merge, push (SyncError if it refuses)."""
    try:
        return _sync(Replica(store_path))
    except MergeError as exc:
        raise SyncError(f"cannot merge: {exc}; the files here were left as they were") from None


def _sync(rep: Replica) -> SyncResult:
    rep.require_repo()
    finish_pending(rep)
    remote = rep.remote_url()
    branch = rep.branch()
    if remote:
        fetch(rep)
    kill_point("fetched")
    incoming: Counter[str] = Counter()
    outgoing: Counter[str] = Counter()
    notes = MergeNotes()
    for _attempt in range(ATTEMPTS):
        with rep.locked():
            rep.check_store_files()
            head = rep.head()
            local = snapshot(rep, head)
        kill_point("snapshot")
        upstream = rep.upstream(branch) if remote else None
        try:
            target = merge_commits(rep, local, upstream, notes)
        except MergeError as exc:
            raise SyncError(f"cannot merge with {remote}: {exc}; nothing was changed") from None
        if target is None:  # an empty repository and an empty folder
            return SyncResult(incoming, outgoing, False, remote, notes)
        _refuse_lost_files(rep, local, target, remote)
        with rep.locked():
            if rep.head() != head or working_tree(rep, head) != tree_of(rep, local):
                continue  # someone wrote meanwhile: take their change in and merge again
            apply(rep, head, local, target, branch)
        incoming += record_changes(rep, local, target)
        pushed = False
        if remote and target != upstream:
            outgoing += record_changes(rep, upstream, target)
            kill_point("push")
            pushed, race, message = push(rep, target, branch)
            if not pushed and race:
                fetch(rep)
                continue
            if not pushed:
                raise SyncError(
                    f"merged here, but could not push to {remote}: {message}; your changes are safe, run l10 sync again"
                )
        return SyncResult(incoming, outgoing, pushed, remote, notes)
    raise SyncError(f"{remote or 'the store'} kept changing during the sync; run l10 sync again")


def _refuse_lost_files(rep: Replica, local: str | None, target: str, remote: str | None) -> None:
    """l10 never deletes a store file or an archive year: a history that does is not followed."""
    kept = rep.git.ls_tree(target)
    lost = [p for p in rep.git.ls_tree(local) if rep.is_store_file(p) and p not in kept]
    if lost:
        raise SyncError(f"{remote}'s history deletes {', '.join(lost[:3])}; nothing was changed")
