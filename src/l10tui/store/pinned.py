"""The store file as this process holds it: its signature, and an open descriptor that pins its inode.

Reads are cached by the file's (inode, size, mtime_ns) (:class:`Signature`); :class:`Pin` keeps the version read
open so that signature cannot be reused by another file while we trust it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Signature:
    inode: int
    size: int
    mtime_ns: int


def signature(path: Path) -> Signature | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return Signature(st.st_ino, st.st_size, st.st_mtime_ns)


class Pin:
    """An open descriptor on the file version we hold in memory.

    While it is open the kernel cannot give that inode number to another file, so "same (inode, size, mtime_ns)"
    really means "same file": without it, two quick replaces within one mtime tick could recycle the inode and make a
    changed file look unchanged (and a write would then drop another process's change).
    """

    __slots__ = ("fd",)

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def close(self) -> None:
        if self.fd >= 0:
            fd, self.fd = self.fd, -1
            os.close(fd)

    def __del__(self) -> None:
        try:
            self.close()
        except OSError:
            pass


def open_pinned(path: Path) -> tuple[Pin, Signature]:
    fd = os.open(path, os.O_RDONLY)
    st = os.fstat(fd)
    return Pin(fd), Signature(st.st_ino, st.st_size, st.st_mtime_ns)


def read_fd(fd: int, size: int) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = os.read(fd, max(size, 1 << 16))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
