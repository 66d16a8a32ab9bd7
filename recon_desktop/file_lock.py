"""An exclusive OS lock on an open file, gone with the process that holds it (also after a
crash or a power cut): one copy of the program per database, one writer per marker."""

from __future__ import annotations

import sys
from typing import Any


def lock_file(handle: Any) -> None:
    """Lock an open file without waiting; OSError when another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
