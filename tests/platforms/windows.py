"""Windows stood in for on Linux: ``msvcrt``'s byte-range locks, which are mandatory (a
byte another handle locked can be neither locked nor read: PermissionError), and
``sys.platform`` saying ``win32``.

Each open file of the code under test is a separate owner, as two processes are; the
locks of a handle go when it is closed, as Windows drops them when a process ends.
"""

from __future__ import annotations

import builtins
import errno
import os
import sys
import types
from typing import Any

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4
NOT_READABLE = "The process cannot access the file because another process has locked a portion"


class MandatoryLocks:
    """The lock table of one simulated Windows machine."""

    def __init__(self) -> None:
        self.held: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
        self.calls: list[tuple[int, int, int]] = []  # (position, mode, bytes) as called

    @staticmethod
    def _key(fd: int) -> tuple[int, int]:
        info = os.fstat(fd)
        return info.st_dev, info.st_ino

    def _other(self, fd: int, start: int, end: int) -> bool:
        return any(
            owner != fd and first < end and start < last
            for first, last, owner in self.held.get(self._key(fd), [])
        )

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        start = os.lseek(fd, 0, os.SEEK_CUR)  # msvcrt locks from the file position
        self.calls.append((start, mode, nbytes))
        regions = self.held.setdefault(self._key(fd), [])
        if mode == LK_UNLCK:
            regions[:] = [r for r in regions if not (r[2] == fd and r[0] == start)]
            return
        if self._other(fd, start, start + nbytes):
            raise PermissionError(errno.EACCES, "Permission denied")
        regions.append((start, start + nbytes, fd))

    def check_read(self, fd: int, size: int) -> None:
        start = os.lseek(fd, 0, os.SEEK_CUR)
        if size < 0:
            size = max(os.fstat(fd).st_size - start, 1)
        if self._other(fd, start, start + size):
            raise PermissionError(errno.EACCES, NOT_READABLE)

    def closed(self, fd: int) -> None:
        for regions in self.held.values():
            regions[:] = [r for r in regions if r[2] != fd]

    def module(self) -> types.ModuleType:
        fake = types.ModuleType("msvcrt")
        fake.LK_UNLCK, fake.LK_LOCK, fake.LK_NBLCK = LK_UNLCK, LK_LOCK, LK_NBLCK  # type: ignore[attr-defined]
        fake.LK_RLCK, fake.LK_NBRLCK = LK_RLCK, LK_NBRLCK  # type: ignore[attr-defined]
        fake.locking = self.locking  # type: ignore[attr-defined]
        return fake

    def open(self, *args: Any, **kwargs: Any) -> LockedFile:
        return LockedFile(self, builtins.open(*args, **kwargs))


class LockedFile:
    """A file object whose reads obey the other handles' locks."""

    def __init__(self, locks: MandatoryLocks, inner: Any) -> None:
        self._locks = locks
        self._inner = inner

    def read(self, size: int = -1) -> Any:
        self._locks.check_read(self._inner.fileno(), size)
        return self._inner.read(size)

    def close(self) -> None:
        if not self._inner.closed:
            self._locks.closed(self._inner.fileno())
        self._inner.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def simulate(patch: Any, *modules: types.ModuleType) -> MandatoryLocks:
    """Windows for the code in ``modules`` (their ``open`` and ``msvcrt``), through a
    pytest MonkeyPatch (or anything with its setattr and setitem)."""
    locks = MandatoryLocks()
    patch.setitem(sys.modules, "msvcrt", locks.module())
    patch.setattr(sys, "platform", "win32")
    for module in modules:
        patch.setattr(module, "open", locks.open, raising=False)
    return locks
