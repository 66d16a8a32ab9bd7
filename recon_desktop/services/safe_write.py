"""Writing a file safely: into a temporary file next to the target, renamed into place only
when complete. A failure or a cancel leaves the old file (or no file) exactly as it was."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from recon_desktop import durable, unfinished
from recon_desktop.core.text import translate
from recon_desktop.errors import ReconError, StorageError


class CancelledError(ReconError):
    """The person cancelled a long export or import; nothing was written."""

    exit_code = 130


def cancelled_error() -> CancelledError:
    return CancelledError(translate("SafeWrite", "The export was cancelled; no file was written."))


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return translate("SafeWrite", "the disk is full")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return translate(
            "SafeWrite",
            "permission was refused (the file may be open in another program or read-only)",
        )
    if exc.errno == errno.EROFS:
        return translate("SafeWrite", "the disk is read-only")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return translate("SafeWrite", "the folder does not exist")
    if exc.errno == errno.EISDIR:
        return translate("SafeWrite", "it is a folder")
    return (exc.strerror or type(exc).__name__).lower()


def check_target(target: Path) -> Path:
    """The target as an absolute path; StorageError when it can never be written."""
    target = Path(target).expanduser().absolute()
    if target.is_dir():
        raise StorageError(
            translate(
                "SafeWrite", "Cannot write {target}: it is a folder. Choose a file name."
            ).format(target=target)
        )
    parent = target.parent
    if not parent.is_dir():
        raise StorageError(
            translate(
                "SafeWrite", "Cannot write {target}: the folder {parent} does not exist."
            ).format(target=target, parent=parent)
        )
    return target


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; on success it replaces ``target``.

    On any exception (including a cancel) the temporary file is removed and ``target`` is
    untouched. Write errors come out as StorageError sentences.
    """
    target = check_target(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise StorageError(
            translate("SafeWrite", "Cannot write {target}: {value}. Nothing was changed.").format(
                target=target, value=_reason(exc)
            )
        ) from None
    os.close(fd)
    temp = Path(name)
    try:
        with unfinished.noted(temp):  # a killed process's .part goes at the next start
            yield temp
            durable.sync_path(temp)  # on the disk's medium (macOS: F_FULLFSYNC) before the rename
            try:
                os.replace(temp, target)
            except OSError as exc:
                raise StorageError(
                    translate(
                        "SafeWrite",
                        "Cannot replace {target}: {value}. The old file was left as it was.",
                    ).format(target=target, value=_reason(exc))
                ) from None
            durable.sync_folder(target.parent)
    except OSError as exc:
        raise StorageError(
            translate("SafeWrite", "Cannot write {target}: {value}. Nothing was changed.").format(
                target=target, value=_reason(exc)
            )
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()


def append_line(path: Path, line: str) -> None:
    """Append one line to a text file (made, with its folder, when missing) and flush it
    to the disk before returning; OSError when it cannot be written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(line.rstrip("\n") + "\n")
        handle.flush()
        os.fsync(handle.fileno())
