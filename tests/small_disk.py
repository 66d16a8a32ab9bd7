"""A real full disk for the fault tests: a small tmpfs mounted for the test, then filled.

Mounting needs root (CI runs as root); elsewhere the tests that need it skip with a
reason that tests/ci_rules.py turns into a failure on CI.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

SKIP_REASON = "a full disk needs a small filesystem mounted (tmpfs), which needs root"


@contextlib.contextmanager
def small_disk(size_kb: int) -> Iterator[Path]:
    """A folder on a new filesystem of ``size_kb`` KiB, removed afterwards."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip(SKIP_REASON)
    folder = Path(tempfile.mkdtemp(prefix="recon-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"{SKIP_REASON}: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; returns it (remove it to free the space)."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        for size in (65536, 4096, 512, 1):
            with contextlib.suppress(OSError):
                while handle.write(b"\0" * size):
                    pass
    return filler
