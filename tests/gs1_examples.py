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


# ---------------------------------------------------------------- the README's table

# the bottle of the table: GS1's example GTIN with an expiry in the past, a lot, a serial
BOTTLE = Label(GTIN_D, expiry="200101", lot="OLD7", serial="SN9")
UPC_A = "614141000036"  # GS1 US's example company prefix 0614141, as a UPC-A
EAN_8 = "96385074"  # the usual EAN-8 example
STAND_IN = "~"  # a scanner set to send ~ for GS (Tools → Settings, --gs-as)


@dataclass(frozen=True)
class Form:
    """One row of the README's table of the forms that match: the code as it arrives,
    which item it is (``group``), and whether it may be an item's barcode in an import."""

    name: str
    raw: str
    group: str  # "bottle", "gtin" (GTIN B alone), "upc", "ean8"
    imported: bool = True
    stand_in: bool = False  # needs the workstation's GS stand-in set to STAND_IN

    @property
    def shown(self) -> str:
        """As the README writes it: GS as ``<GS>``."""
        return self.raw.replace(GS, "<GS>")


FORMS: tuple[Form, ...] = (
    Form("human-readable, as printed under the symbol", BOTTLE.human_readable, "bottle"),
    Form(
        "human-readable with spaces",
        " ".join(f"({ai}) {value}" for ai, value in BOTTLE.fields()),
        "bottle",
    ),
    Form("element string, GS after a variable-length field", BOTTLE.element_string(), "bottle"),
    Form("element string after FNC1 (sent as GS)", GS + BOTTLE.element_string(), "bottle"),
    *(
        Form(f"{symbol} scanned ({aim})", aim + BOTTLE.element_string(), "bottle")
        for symbol, aim in (
            ("GS1-128", "]C1"),
            ("GS1 DataMatrix", "]d2"),
            ("GS1 QR Code", "]Q3"),
            ("GS1 DataBar", "]e0"),
            ("GS1 DotCode", "]J1"),
        )
    ),
    Form(
        f"GS1 DataMatrix, GS sent as {STAND_IN}",
        "]d2" + BOTTLE.element_string(STAND_IN),
        "bottle",
        imported=False,
        stand_in=True,
    ),
    Form("GTIN alone, human-readable", f"(01){GTIN_B}", "gtin"),
    Form("GTIN alone, element string", f"01{GTIN_B}", "gtin"),
    Form("GTIN-14 (ITF-14)", GTIN_B, "gtin"),
    Form("GTIN-13 (EAN-13)", GTIN_B[1:], "gtin"),
    Form("EAN-13 scanned (]E0)", f"]E0{GTIN_B[1:]}", "gtin"),
    Form("GTIN alone in a GS1 DataMatrix (]d2)", f"]d201{GTIN_B}", "gtin"),
    Form("GTIN-12 (UPC-A)", UPC_A, "upc"),
    Form("UPC-A scanned as 13 digits (]E0)", f"]E00{UPC_A}", "upc"),
    Form("GTIN-12 as GTIN-14, human-readable", f"(01)00{UPC_A}", "upc"),
    Form("EAN-8 scanned (]E4)", f"]E4{EAN_8}", "ean8"),
    Form("GTIN-8 as GTIN-14, human-readable", f"(01)000000{EAN_8}", "ean8"),
)


def readme_forms(readme: str) -> list[tuple[str, str]]:
    """(form, example as sent) of each row of the README's table under "GS1 codes"."""
    start = readme.index("| Form | Example |")
    rows = []
    for line in readme[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append((cells[0], cells[1].strip("`").replace("<GS>", GS)))
    return rows
