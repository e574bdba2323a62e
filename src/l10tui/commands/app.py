"""The commands that open the Textual app: bare ``l10``, ``l10 meet`` and ``l10 demo``.

Textual (``l10tui.tui``) is imported only inside :func:`open_app`, never when this module is loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from l10tui.domain.rules import InputError
from l10tui.paths import StoreLocation, default_store_path, demo_store_path, resolve_store, same_file
from l10tui.store import StoreError, open_store

from .common import Env, pass_env, say


def open_app(env: Env, **kwargs: Any) -> None:
    """Open the Textual app (imported only now)."""
    path = env.location.path
    try:
        from l10tui.tui.app import run_app
    except ImportError as exc:
        raise StoreError(f"the app cannot start: {exc}") from None
    run_app(path, clock=env.clock, **kwargs)


@click.command()
@click.option("--team", "team_name", metavar="TEAM", help="That team's own L10 (default: one joint meeting).")
@click.option("--projector", is_flag=True, help="Start in the high-contrast projector layout.")
@click.option("--moved", is_flag=True, help="Far from the team's slot: this week's meeting, moved to now.")
@click.option("--extra", is_flag=True, help="Far from the team's slot: an extra meeting (no late start).")
@pass_env
def meet(env: Env, team_name: str | None, projector: bool, moved: bool, extra: bool) -> None:
    """Start or resume the weekly meeting."""
    if moved and extra:
        raise click.UsageError("--moved and --extra exclude each other")
    db = env.db()
    if not db.teams.active():
        raise InputError("there are no teams yet (add one with: l10 team add NAME, or run l10 to set up)")
    team = db.teams.lookup(team_name).id if team_name else None
    off_slot = "moved" if moved else "extra" if extra else None
    open_app(env, start="meeting", team=team, projector=projector, off_slot=off_slot)
    from .sync import sync_after_meeting

    sync_after_meeting(env)  # only when this laptop turned it on (l10 sync auto on)


@click.command()
@click.option("--reset", is_flag=True, help="Build the demo company afresh.")
@click.option("--no-open", is_flag=True, help="Only build it; do not open the app.")
@click.option("--seed", type=int, default=7, show_default=True, help="Random seed of the demo company.")
@click.pass_context
def demo(ctx: click.Context, reset: bool, no_open: bool, seed: int) -> None:
    """Create a demo company (in demo.json, never in the real store) and open the app on it."""
    env: Env = ctx.obj
    if env.db_option:
        loc = StoreLocation(Path(env.db_option).expanduser().absolute(), True, "--db")
    else:
        loc = StoreLocation(demo_store_path(), False, "default")
    real = resolve_store(None)
    if same_file(loc.path, real.path) or same_file(loc.path, default_store_path()):
        raise InputError(f"{loc.path} is the real store; l10 demo writes only to a demo store")
    from l10tui.store.schema import TABLES

    try:
        from l10tui.demo import build_demo
    except ImportError as exc:
        raise StoreError(f"the demo company is not available in this build ({exc})") from None
    clock = env.clock
    db = open_store(loc.path, clock, create_dirs=not loc.explicit)
    is_demo = bool(db.setting("demo", False))
    empty = not any(db.raw().get(t) for t in TABLES)
    if not empty and not is_demo:
        raise InputError(f"{loc.path} holds a store that is not a demo; l10 demo never writes over it")
    if reset and not empty:
        from l10tui.store.archive import archive_files

        db.close()
        for old in [*archive_files(loc.path), loc.path]:  # a demo store only (checked above)
            old.unlink()
        db = open_store(loc.path, clock, create_dirs=not loc.explicit)
        empty = True
    if empty:
        with db.transaction():
            # Past meetings at 09:00 on the user's own clock, as their team's weekly rule says.
            build_demo(db, seed=seed, today=db.today(), tz=db.calendar.zone)
            db.set_setting("demo", True)
        say(f"Built the demo company in {loc.path}")
    else:
        say(f"Demo company in {loc.path} (l10 demo --reset builds it afresh)")
    if not no_open:
        env.db_option = str(loc.path)
        open_app(env, start="home")
