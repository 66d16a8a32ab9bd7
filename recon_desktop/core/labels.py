"""What an item's label holds: its barcode as a Code 128 symbol (the bars python-barcode
encodes) and as text, its ingredient, lot and expiry.

Code 128 because every keyboard-wedge scanner reads it (a 2-D code needs an imaging
scanner) and it encodes any ASCII text, as item barcodes are; the window paints the bars
(``ui/labels.py``), so the symbol is exact on a label printer and in a PDF alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from barcode import Code128
from barcode.errors import BarcodeError

from recon_desktop.errors import ValidationError

QUIET_ZONE = 10  # modules of white on each side of the bars, as Code 128 asks


@dataclass(frozen=True, slots=True)
class LabelText:
    """The lines printed on a label."""

    barcode: str
    ingredient: str
    lot: str | None = None
    expires_on: date | None = None

    @property
    def details(self) -> str:
        """ "Lot L12 · Exp 2027-01-31" (what the item has of them)."""
        parts = []
        if self.lot:
            parts.append(f"Lot {self.lot}")
        if self.expires_on is not None:
            parts.append(f"Exp {self.expires_on.isoformat()}")
        return " · ".join(parts)


def code128_modules(text: str) -> str:
    """The symbol's modules from its left edge, "1" for a bar and "0" for a space (quiet
    zones not included). ValidationError, with a sentence, when the text cannot be one."""
    if not text:
        raise ValidationError("An empty barcode cannot be printed.")
    try:
        return "".join(Code128(text).build())
    except BarcodeError as exc:
        raise ValidationError(
            f"{text} cannot be printed as a Code 128 barcode ({exc}); only ASCII characters can."
        ) from None
