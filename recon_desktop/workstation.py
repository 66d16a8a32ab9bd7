"""The name of this computer as recorded with each scan: the workstation.

On macOS the host name follows the network (a DHCP server or the Wi-Fi in use renames it,
``dhcp-10-2-3-4.lab.example``), so the computer name set in System Settings → General →
Sharing is used instead; elsewhere the host name is the computer's own.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess
import sys

MAX_LENGTH = 200


@functools.cache
def workstation_name() -> str:
    name = _mac_computer_name() if sys.platform == "darwin" else None
    return (name or socket.gethostname() or "workstation")[:MAX_LENGTH]


def _mac_computer_name() -> str | None:
    """``scutil --get ComputerName`` (then LocalHostName); None when it cannot say."""
    scutil = shutil.which("scutil", path=os.pathsep.join([os.environ.get("PATH", ""), "/usr/sbin"]))
    if scutil is None:
        return None
    for key in ("ComputerName", "LocalHostName"):
        try:
            done = subprocess.run(
                [scutil, "--get", key],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        name = done.stdout.strip()
        if done.returncode == 0 and name:
            return name
    return None
