"""Crash-safe replacement of a file: write a temp file beside it, flush, fsync, rename over, fsync the directory.

The live file is never truncated or written in place, so at every instant the path holds either the whole old
content or the whole new content. Files are created 0600 (the store holds candid issues and people's ratings).

Each step is a module-level function so tests can inject a failure at exactly that step. For tests that run the
real ``l10`` in a subprocess, ``L10_TEST_FAULT=step:ERRNO`` (e.g. ``fsync:28``) makes that step raise OSError.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from l10tui.testing_seam import fault_at

FILE_MODE = 0o600
DIR_MODE = 0o700
STEPS = ("serialise", "write", "flush", "fsync", "replace", "dir_fsync")


def inject(step: str) -> None:
    """Raise the OSError asked for by ``L10_TEST_FAULT`` at ``step`` (a test hook, see l10tui/testing_seam.py)."""
    fault = fault_at(step)
    if fault is not None:
        raise fault


def _write(f: BinaryIO, data: bytes) -> None:
    inject("write")
    f.write(data)


def _flush(f: BinaryIO) -> None:
    inject("flush")
    f.flush()


def _fsync(fd: int) -> None:
    inject("fsync")
    os.fsync(fd)


def _replace(src: Path, dst: Path) -> None:
    inject("replace")
    os.replace(src, dst)


def _fsync_dir(directory: Path) -> None:
    inject("dir_fsync")
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(directory: Path) -> None:
    """Create ``directory`` (and parents) private to the owner if it does not exist."""
    if not directory.exists():
        directory.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        os.chmod(directory, DIR_MODE)  # mkdir's mode is masked by the umask
        return
    tighten_dir(directory)


def tighten_dir(directory: Path) -> None:
    """An existing folder of ours (``backups/``, ``archive/``) left open to others (0755) is made 0700 again."""
    try:
        st = os.stat(directory)
        if st.st_mode & 0o077 and st.st_uid == os.getuid():
            os.chmod(directory, DIR_MODE)
    except OSError:
        pass


def remove_stale_temps(path: Path) -> int:
    """Delete the temp files and old-file links a killed writer of ``path`` left behind; call it holding the lock."""
    prefix = f".{path.name}."
    removed = 0
    try:
        names = os.listdir(path.parent)
    except OSError:
        return 0
    for name in names:
        if name.startswith(prefix) and name.endswith((".tmp", ".prev")):
            middle = name[len(prefix) :].rsplit(".", 1)[0]
            if middle.isdigit():
                _unlink_quietly(path.parent / name)
                removed += 1
    return removed


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash at any point leaves the old or the new file, whole."""
    directory = path.parent
    tmp = directory / f".{path.name}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)  # O_CREAT's mode is masked by umask and ignored for an old file
        with os.fdopen(fd, "wb", closefd=False) as f:
            _write(f, data)
            _flush(f)
            _fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    os.close(fd)
    # Keep a hard link to the old file until the new one is durable, so a failure at any step (even the
    # directory fsync after the rename) can put the old bytes back and the change is cleanly "not made".
    prev = directory / f".{path.name}.{os.getpid()}.prev"
    existed = path.exists()
    had_old = False
    if existed:
        _unlink_quietly(prev)
        try:
            os.link(path, prev)
            had_old = True
        except FileNotFoundError:
            existed = False
        except OSError:  # no hard links on this filesystem: keep a copy instead
            try:
                import shutil  # lazy: only for this rare case, and ~2 ms (bz2, lzma) per command

                shutil.copy2(path, prev)
                had_old = True
            except OSError:
                _unlink_quietly(prev)
    try:
        _replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        if had_old:
            _unlink_quietly(prev)
        raise
    try:
        _fsync_dir(directory)
    except BaseException:
        # The rename may not be durable: put the old state back so the change is cleanly "not made".
        try:
            if had_old:
                os.replace(prev, path)
            elif not existed:
                os.unlink(path)
        except OSError:
            pass
        raise
    if had_old:
        _unlink_quietly(prev)


def copy_private(src: Path, dst: Path) -> None:
    """Copy ``src`` to ``dst`` atomically with private permissions (backups, pre-migration copies)."""
    ensure_dir(dst.parent)
    atomic_write(dst, src.read_bytes())


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
