"""The PostgreSQL password: kept in the system keyring when there is one, never in a file.

``keyring`` is optional (the ``keyring`` extra): without it, or without a usable backend
(a Linux PC with no Secret Service, a headless CI), the window asks for the password at
start and keeps it only in memory.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from recon_desktop.store.db import describe, is_server_url

log = logging.getLogger(__name__)

KEYRING_SERVICE = "recon-desktop"


def split_password(target: str) -> tuple[str, str | None]:
    """(the URL without its password, the password or None); a path comes back as is."""
    if not is_server_url(target):
        return target, None
    parts = urlsplit(target)
    if parts.password is None:
        return target, None
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = (
        (quote(unquote(parts.username or ""), safe="") + "@" if parts.username else "")
        + host
        + (f":{parts.port}" if parts.port else "")
    )
    return urlunsplit(parts._replace(netloc=netloc)), unquote(parts.password)


def with_password(target: str, password: str) -> str:
    """The URL with ``password`` put in (for connecting only; never saved)."""
    url, _ = split_password(target)
    parts = urlsplit(url)
    user = parts.username or ""
    host = parts.netloc.split("@", 1)[-1]
    netloc = f"{quote(unquote(user), safe='')}:{quote(password, safe='')}@{host}"
    return urlunsplit(parts._replace(netloc=netloc))


def keyring_key(target: str) -> str:
    """The keyring's name for a database: user@host:port/database."""
    return describe(split_password(target)[0]).removeprefix("postgresql://")


def _keyring() -> Any:
    """The keyring module when it is installed and has a backend that stores passwords."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        log.warning("the keyring backend could not be loaded", exc_info=True)
        return None
    if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
        return None
    return keyring


def keyring_available() -> bool:
    return _keyring() is not None


def stored_password(target: str) -> str | None:
    module = _keyring()
    if module is None:
        return None
    try:
        value = module.get_password(KEYRING_SERVICE, keyring_key(target))
    except Exception:
        log.warning("reading the password from the keyring failed", exc_info=True)
        return None
    return value if isinstance(value, str) else None


def store_password(target: str, password: str) -> bool:
    """Keep the password in the keyring; False when there is no usable keyring."""
    module = _keyring()
    if module is None:
        return False
    try:
        module.set_password(KEYRING_SERVICE, keyring_key(target), password)
    except Exception:
        log.warning("storing the password in the keyring failed", exc_info=True)
        return False
    return True


def connect_target(target: str) -> tuple[str, bool]:
    """(what to connect to, whether a password is still missing): a PostgreSQL URL without
    a password gets the one from the keyring when there is one."""
    if not is_server_url(target):
        return target, False
    url, password = split_password(target)
    if password is not None:
        return target, False
    stored = stored_password(url)
    if stored is not None:
        return with_password(url, stored), False
    return url, True
