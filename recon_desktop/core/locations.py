"""Location paths: how a path typed or read from a file splits into its parts."""

from __future__ import annotations

from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError


def split_path(path: str) -> list[str]:
    parts = [" ".join(p.split()) for p in path.replace("\\", "/").split("/")]
    parts = [p for p in parts if p]
    if not parts:
        raise ValidationError(
            translate("Locations", "A location path cannot be empty (e.g. 'Building 1/Room 101').")
        )
    return parts
