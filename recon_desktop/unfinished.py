"""Files that are written beside their target and renamed into place when complete (an
export's ``.part``, a backup's ``.partial``): each is noted by a marker while it is
written. A process killed meanwhile leaves its marker behind, and the next start of the
program removes the half-written file it names, wherever that was.

A marker is held locked by its writer (an OS lock, gone with the process), so a writer
still at work in another copy of the program is never disturbed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from recon_desktop.file_lock import lock_file

log = logging.getLogger(__name__)

SUFFIXES = (".part", ".partial")  # the only files a marker may have removed


def markers_dir() -> Path:
    from recon_desktop import paths

    return paths.state_dir() / "unfinished"


@contextlib.contextmanager
def noted(temporary: Path) -> Iterator[None]:
    """Note ``temporary`` for as long as it is being written. Without a place for the
    marker the writing goes on (a marker is a convenience, never a reason to fail)."""
    handle = None
    marker: Path | None = None
    try:
        folder = markers_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix="writing-", suffix=".marker", dir=folder)
        marker = Path(name)
        handle = os.fdopen(fd, "w+", encoding="utf-8")
        lock_file(handle)
        handle.write(str(Path(temporary).absolute()))
        handle.flush()
    except OSError:
        log.debug("no marker for %s", temporary, exc_info=True)
    try:
        yield
    finally:
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
        if marker is not None:
            with contextlib.suppress(OSError):
                marker.unlink()


def remove_stale() -> list[Path]:
    """Remove the half-written files of writers that are gone; the files removed."""
    removed: list[Path] = []
    try:
        markers = sorted(markers_dir().glob("writing-*.marker"))
    except OSError:
        return removed
    for marker in markers:
        try:
            with open(marker, "r+", encoding="utf-8") as handle:
                try:
                    lock_file(handle)
                except OSError:
                    continue  # its writer is still at work
                target = Path(handle.read().strip())
            if target.name.endswith(SUFFIXES) and target.is_file():
                target.unlink()
                removed.append(target)
            marker.unlink()
        except OSError:
            log.debug("could not clear %s", marker, exc_info=True)
    for path in removed:
        log.info("removed %s, left half-written by a copy of the program that stopped", path)
    return removed
