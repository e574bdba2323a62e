"""``l10 doctor``: check the store, and put a backup back."""

from __future__ import annotations

import click

from .common import Env, emit_json, fail_line, json_option, pass_env, say


@click.command()
@click.option("--restore", "backup", metavar="BACKUP", help="Put this backup back (the damaged file is kept).")
@click.option("--force", is_flag=True, help="Restore even when the store is healthy.")
@json_option
@pass_env
def doctor(env: Env, backup: str | None, force: bool, as_json: bool) -> None:
    """Check the store; say what is wrong and how to restore a backup."""
    from l10tui.store import doctor as doc

    path = env.location.path
    if backup is not None:
        result = doc.restore_backup(path, backup, env.clock.now(), force=force)
        if result.damaged_copy is not None:
            say(f"Kept the previous file as {result.damaged_copy}")
        say(f"Restored {result.backup} to {path}")
        return
    report = doc.check_store(path)
    from l10tui.sync.git import check as check_sync

    sync_problems, sync_notes = check_sync(path)  # the git repository's state, when the store is synced
    if as_json:
        emit_json({**report.to_json(), "sync": {"problems": sync_problems, "notes": sync_notes}})
    else:
        say(doc.render_text(report))
        for line in sync_problems:
            say(f"  ✗ {line}")
        for line in sync_notes:
            say(f"  {line}")
    count = len(report.problems) + len(sync_problems)
    if count:
        fail_line(f"store {path} has {count} problem{'s' if count != 1 else ''}", 1)
