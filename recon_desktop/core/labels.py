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

from recon_desktop.core.text import translate
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
        """ "Lot L12 · Exp 2027-01-31" (what the item has of them), a Text when it says
        anything."""
        lot = translate("ItemLabel", "Lot {lot}").format(lot=self.lot) if self.lot else None
        expiry = (
            translate("ItemLabel", "Exp {date}").format(date=self.expires_on.isoformat())
            if self.expires_on is not None
            else None
        )
        if lot is not None and expiry is not None:
            return translate("ItemLabel", "{lot} · {expiry}").format(lot=lot, expiry=expiry)
        return lot or expiry or ""


def code128_modules(text: str) -> str:
    """The symbol's modules from its left edge, "1" for a bar and "0" for a space (quiet
    zones not included). ValidationError, with a sentence, when the text cannot be one."""
    if not text:
        raise ValidationError(translate("ItemLabel", "An empty barcode cannot be printed."))
    try:
        return "".join(Code128(text).build())
    except BarcodeError as exc:
        raise ValidationError(
            translate(
                "ItemLabel",
                "{text} cannot be printed as a Code 128 barcode ({reason}); only ASCII "
                "characters can.",
            ).format(text=text, reason=str(exc))
        ) from None
