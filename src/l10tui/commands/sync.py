"""``l10 sync``: share the store between laptops through git (docs/SYNC.md); ``l10 merge-driver`` is git's hook."""

from __future__ import annotations

import click

from .common import Env, fail_line, pass_env, say


@click.group(invoke_without_command=True)
@click.pass_context
def sync(ctx: click.Context) -> None:
    """Share the store between laptops through git: commit, fetch, merge, push."""
    if ctx.invoked_subcommand is not None:
        return
    from l10tui.sync.git import sync as run_sync

    env = ctx.find_object(Env)
    assert env is not None
    say(run_sync(env.location.path).line())


@sync.command("init")
@click.argument("remote", required=False)
@pass_env
def init(env: Env, remote: str | None) -> None:
    """Make the store's folder a git repository, or join REMOTE's (a URL or a path to a bare repository)."""
    from l10tui.sync.git import init as run_init

    if remote is not None and not remote.strip():
        fail_line("REMOTE is empty; give a git URL or the path of a bare repository", 2)
    say(run_init(env.location.path, remote.strip() if remote else None))


@sync.command("auto")
@click.argument("state", required=False, type=click.Choice(["on", "off"]))
@pass_env
def auto(env: Env, state: str | None) -> None:
    """Sync by itself on this laptop: when the app starts (in the background) and after l10 meet."""
    from l10tui.sync.git import auto_enabled, set_auto

    path = env.location.path
    if state is not None:
        set_auto(path, state == "on")
    say(f"automatic sync on this laptop: {'on' if auto_enabled(path) else 'off'}")


def sync_after_meeting(env: Env) -> None:
    """After ``l10 meet`` (the app has closed): sync when this laptop asked for it; a failure is only a warning."""
    from l10tui.store.errors import StoreError
    from l10tui.sync.git import auto_enabled
    from l10tui.sync.git import sync as run_sync

    path = env.location.path
    try:
        if auto_enabled(path):
            say(run_sync(path).line())
    except StoreError as exc:
        say(f"l10: warning: the meeting is saved here, but the sync failed: {exc}", err=True)


@click.command("merge-driver", hidden=True)
@click.argument("base", type=click.Path(dir_okay=False))
@click.argument("ours", type=click.Path(dir_okay=False))
@click.argument("theirs", type=click.Path(dir_okay=False))
def merge_driver(base: str, ours: str, theirs: str) -> None:
    """git's merge driver for the store (registered by l10 sync init): merges THEIRS into OURS record by record."""
    from pathlib import Path

    from l10tui.sync.git import run_driver
    from l10tui.sync.merge import MergeError

    try:
        run_driver(Path(base), Path(ours), Path(theirs))
    except MergeError as exc:
        fail_line(f"cannot merge the store: {exc}", 1)
