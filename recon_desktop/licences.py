"""The libraries recon-desktop runs on and their licences, read from the installed
distributions' metadata (also inside the frozen bundle, whose spec copies that metadata).

Used by Help → About and by ``recon_desktop.spec`` (which metadata to bundle).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from recon_desktop.core.text import translate

ROOT_DISTRIBUTION = "recon-desktop"
# Optional parts that run inside the program when they are installed (not test tools).
OPTIONAL = ("keyring",)
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"""extra\s*==\s*["']([^"']+)["']""")


@dataclass(frozen=True, order=True)
class LibraryLicence:
    name: str
    version: str
    licence: str


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirements(dist: metadata.Distribution, extras: set[str]) -> list[tuple[str, set[str]]]:
    """(name, extras asked for) of each requirement that applies with ``extras``."""
    found = []
    for text in dist.requires or []:
        requirement, _, marker = text.partition(";")
        wanted = set(_EXTRA.findall(marker))
        if wanted and not wanted & extras:
            continue  # belongs to an extra nobody asked for (tests, bundle …)
        match = _NAME.match(requirement)
        if match:
            inner = {normalise(e) for e in (match.group(2) or "").split(",") if e.strip()}
            found.append((match.group(1), inner))
    return found


def distribution_closure(
    root: str = ROOT_DISTRIBUTION, optional: tuple[str, ...] = OPTIONAL
) -> list[metadata.Distribution]:
    """The root distribution and everything it needs that is installed, plus the optional
    parts that are installed (and what they need)."""
    seen: dict[str, metadata.Distribution] = {}
    queue: list[tuple[str, set[str]]] = [(root, set())]
    queue += [(name, set()) for name in optional]
    while queue:
        name, extras = queue.pop()
        key = normalise(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if key in seen and not extras:
            continue
        seen[key] = dist
        queue += _requirements(dist, extras)
    return list(seen.values())


def _field(meta: Any, name: str) -> str:
    """A metadata field or "" (the importlib_metadata backport, which another library may
    have loaded, raises KeyError for a missing field where the standard library gives
    None)."""
    try:
        value = meta[name]
    except KeyError:
        return ""
    return str(value or "").strip()


def _fields(meta: Any, name: str) -> list[str]:
    try:
        return [str(v) for v in meta.get_all(name) or []]
    except KeyError:
        return []


def licence_of(dist: metadata.Distribution) -> str:
    """License-Expression, else a short License field, else the licence classifiers."""
    meta = dist.metadata
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    classifiers = [
        c.split("::")[-1].strip()
        for c in _fields(meta, "Classifier")
        if c.startswith("License ::") and c.count("::") >= 2
    ]
    text = _field(meta, "License")
    if text and "\n" not in text and len(text) <= 60 and text.upper() != "UNKNOWN":
        return text
    if classifiers:
        return ", ".join(classifiers)
    if text:
        return text.splitlines()[0][:60] + " …"
    return _from_licence_file(dist) or translate("Licences", "not stated")


_KNOWN_TEXTS = (
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Apache License", "Apache-2.0"),
    ("GNU LESSER GENERAL PUBLIC LICENSE", "LGPL"),
    ("GNU GENERAL PUBLIC LICENSE", "GPL"),
    ("Redistribution and use in source and binary forms", "BSD"),
    ("Mozilla Public License", "MPL-2.0"),
    ("PYTHON SOFTWARE FOUNDATION LICENSE", "PSF-2.0"),
)


def _from_licence_file(dist: metadata.Distribution) -> str | None:
    """The licence named by the text of the distribution's licence file."""
    for name in _fields(dist.metadata, "License-File"):
        for where in (f"licenses/{name}", name):
            try:
                text = dist.read_text(where)
            except (OSError, ValueError):
                text = None
            if text:
                for marker, licence in _KNOWN_TEXTS:
                    if marker.lower() in text.lower():
                        return translate("Licences", "{licence} (from {file})").format(
                            licence=licence, file=name
                        )
    return None


def bundled_licences() -> list[LibraryLicence]:
    """Name, version and licence of every library in :func:`distribution_closure`."""
    rows = {
        LibraryLicence(_field(dist.metadata, "Name") or "?", dist.version, licence_of(dist))
        for dist in distribution_closure()
    }
    return sorted(rows, key=lambda row: normalise(row.name))
