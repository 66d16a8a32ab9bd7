"""GS1's own example codes, in every form a lab meets them: typed as printed under the
symbol, copied into a spreadsheet, and sent by a scanner with its symbology identifier.

The GTINs 09506000134352, 09506000134369, 09506000134376 and 09506000134383 are the example
GTINs of GS1's standards (GS1 Digital Link, the General Specifications' examples; GS1
prefix 950 is GS1's own, no product carries it). ``BIIP_EXAMPLE`` is the GS1-128 example of
biip's documentation (GTIN, best before, lot); ``BIIP_SSCC`` its SSCC example.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

GS = "\x1d"

GTIN_A = "09506000134352"
GTIN_B = "09506000134369"
GTIN_C = "09506000134376"
GTIN_D = "09506000134383"

BIIP_EXAMPLE = "010703206980498815210526100329"  # (01)07032069804988(15)210526(10)0329
BIIP_EXAMPLE_HRI = "(01)07032069804988(15)210526(10)0329"
BIIP_SSCC = "157035381410375177"

# AIM symbology identifiers of the GS1 symbols (ISO/IEC 15424): GS1-128, GS1 DataMatrix,
# GS1 QR Code, GS1 DataBar, GS1 DotCode
GS1_SYMBOLOGIES = ("]C1", "]d2", "]Q3", "]e0", "]J1")


@dataclass(frozen=True)
class Label:
    """One bottle's GS1 code: GTIN, expiry (YYMMDD), lot, serial (each optional)."""

    gtin: str
    expiry: str | None = None
    lot: str | None = None
    serial: str | None = None

    @property
    def expiry_date(self) -> date | None:
        if self.expiry is None:
            return None
        year, month, day = (int(self.expiry[i : i + 2]) for i in (0, 2, 4))
        return date(2000 + year, month, day)

    def fields(self) -> list[tuple[str, str]]:
        """(AI, value) in the order labels print them: GTIN, expiry, lot, serial."""
        out = [("01", self.gtin)]
        if self.expiry is not None:
            out.append(("17", self.expiry))
        if self.lot is not None:
            out.append(("10", self.lot))
        if self.serial is not None:
            out.append(("21", self.serial))
        return out

    @property
    def human_readable(self) -> str:
        """As printed under the symbol: ``(01)…(17)…(10)…(21)…``."""
        return "".join(f"({ai}){value}" for ai, value in self.fields())

    def element_string(self, gs: str = GS) -> str:
        """The data of the symbol: a GS after each variable-length field (lot, serial)
        that another follows."""
        parts = []
        fields = self.fields()
        for n, (ai, value) in enumerate(fields):
            parts.append(ai + value)
            if ai in ("10", "21") and n < len(fields) - 1:
                parts.append(gs)
        return "".join(parts)

    def written_forms(self) -> dict[str, str]:
        """Every form of the code that should find the same item, by a name for it."""
        data = self.element_string()
        forms = {
            "human-readable": self.human_readable,
            "human-readable with spaces": " ".join(
                f"({ai}) {value}" for ai, value in self.fields()
            ),
            "element string": data,
            "element string after FNC1": GS + data,
        }
        for aim in GS1_SYMBOLOGIES:
            forms[f"{aim} scanned"] = aim + data
        return forms

    def stand_in_forms(self, stand_in: str) -> dict[str, str]:
        """The forms a scanner set to send ``stand_in`` instead of GS types (read as GS
        only when the workstation is set to that stand-in)."""
        data = self.element_string(stand_in)
        return {
            f"element string, GS as {stand_in}": data,
            f"]d2 scanned, GS as {stand_in}": "]d2" + data,
        }


def gtin_forms(gtin14: str) -> dict[str, str]:
    """A GTIN alone in the forms it is written and scanned: its element string and the
    human-readable one, GTIN-14, and the GTIN-13 an EAN-13 symbol carries (with and
    without the EAN/UPC symbology identifier ``]E0``)."""
    forms = {
        "human-readable (01)": f"(01){gtin14}",
        "element string 01": f"01{gtin14}",
        "GTIN-14": gtin14,
        "]d2 scanned": f"]d201{gtin14}",
        "]C1 scanned": f"]C101{gtin14}",
    }
    if gtin14.startswith("0"):
        forms["GTIN-13 (EAN-13)"] = gtin14[1:]
        forms["]E0 EAN-13 scanned"] = f"]E0{gtin14[1:]}"
    return forms
