"""Normalising what a barcode scanner typed into the scan field.

A USB keyboard-wedge scanner "types" the code followed by a terminator (Enter, Tab or
CR+LF). Depending on its configuration it may also send an AIM symbology identifier
(``]C1``, ``]d2``, ``]Q3``, ``]E0`` …) before the data and the GS character (0x1D, or a
printable stand-in such as ``~``) between variable-length GS1 fields. :func:`normalise`
turns that into one clean value to store and show, plus the lookup keys to match an
inventory item by its barcode.

Order of interpretation (first match decides)
---------------------------------------------
1. **Refuse garbage and look-alikes.** NUL, unpaired surrogates or U+FFFD anywhere, or
   more than a quarter control characters once the surrounding whitespace/terminators are
   removed, raise :class:`BarcodeError`; so do invisible format characters (Unicode
   category Cf: right-to-left and other direction marks, zero-width spaces and joiners),
   which would let a different code look like a known one on screen. Full-width forms
   (U+FF01–U+FF5E and the ideographic space, typed by a scanner while an East Asian input
   method is on) become their ASCII characters (NFKC) before anything else; other
   characters are kept as they are (a micro sign stays a micro sign).
2. **Clean.** Control characters (C0, DEL, C1) are removed everywhere except GS; surrounding
   whitespace is stripped; leading AIM prefixes (``]`` + letter + digit) are stripped, the
   first one is reported as ``symbology``. A GS before the data is FNC1 ("GS1 follows").
   If nothing is left the scan is ignored (``None``); a cleaned value longer than
   :data:`MAX_BARCODE_LENGTH` raises :class:`BarcodeError`.
3. **Decide whether the data is GS1.** Only then is biip's GS1 parser asked:

   a. An AIM prefix is authoritative: GS1 for ``]C1`` (GS1-128), ``]e0`` (GS1 DataBar),
      ``]d2`` (GS1 DataMatrix), ``]Q3`` (GS1 QR), ``]J1`` (GS1 DotCode); any other
      prefix (``]E0`` EAN/UPC, ``]C0`` plain Code 128, ``]d1`` …) means plain data.
   b. Without a prefix: a leading FNC1, a GS (or ``gs_substitute``) inside the data, or
      the parenthesised human-readable form ``(01)…(21)…`` claim GS1.
   c. Otherwise only an element string starting with AI 00 (SSCC) or 01 (GTIN) that
      parses completely *and* has valid check digits is taken as GS1.

   Everything else is plain text. In particular a plain EAN-13/UPC-A never reaches the GS1
   parser, which would read it as AI 95/97 (internal company data). When a claimed GS1
   value does not parse, the scan silently falls back to plain text.

Known limit: without GS a variable-length field (lot, serial) runs to the end of the data,
so ``10LOT21SERIAL`` is one lot ``LOT21SERIAL``; the whole text is still a lookup key. Such a
reading carries its *repairs* (below), which the scan path tries when it finds nothing.

One canonical key per code
--------------------------
A GS1 code (and a plain 12-, 13- or 14-digit number with a valid GTIN check digit: an
EAN-13, UPC-A or ITF-14 read without its AIM prefix) gets a :class:`Gs1Reading` whose
``key`` is the same for every written form of it: human-readable ``(01)…(10)…``, the
element string with or without FNC1/GS, AIM-prefixed, GTIN-8/12/13/14. The key names
the thing, not what the label says about it:

* with a valid GTIN (AI 01): ``01`` + the GTIN as 14 digits, then ``21`` + the serial
  when there is one (``010950600013435221SN001``). Lot (10), expiry (17) and the other
  attributes are left out: they are read into ``lot`` and ``expiry`` and compared with
  the item's record, so a bottle whose label shows another lot is still that bottle;
* else with an SSCC (AI 00): ``00`` + its 18 digits;
* else every element string in ascending order of AI, a GS after each variable-length
  field but the last (biip says which are).

biip parses both directions (element strings and the human-readable form); no table of
AIs lives here. ``shown`` is the key in the human-readable form, for people.

When the data had no GS and its last field is variable-length, that field may have
swallowed the fields after it (``10LOT4221SN001``); :attr:`NormalisedBarcode.repairs`
then holds the readings with the field ended earlier wherever the rest parses as GS1
again (``10LOT42`` + ``21SN001``), for the scan path to try after the reading as sent.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from recon_desktop.core.text import translate

if TYPE_CHECKING:
    from biip.gtin import Gtin

__all__ = [
    "GS",
    "MAX_BARCODE_LENGTH",
    "BarcodeError",
    "Gs1Reading",
    "NormalisedBarcode",
    "item_key",
    "normalise",
]

MAX_BARCODE_LENGTH = 200
"""Longest accepted cleaned value, in characters."""

GS = "\x1d"
"""GS1 group separator (what scanners send for FNC1)."""

GS1_SYMBOLOGIES = frozenset({"]C1", "]e0", "]d2", "]Q3", "]J1"})
"""AIM symbology identifiers whose data is a GS1 element string."""

_MAX_CONTROL_SHARE = 4  # refuse when more than 1/4 of the trimmed input is control characters

_AIM_RE = re.compile(r"\][A-Za-z][0-9]")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_EXCEPT_GS_RE = re.compile(r"[\x00-\x1c\x1e\x1f\x7f-\x9f]")
_HRI_RE = re.compile(r"(?:\(\d{2,4}\)[^()]+)+")
# what an item's barcode must start with (after spaces or GS) for normalise to read it as
# GS1 or as a GTIN: an AIM prefix, the human-readable "(", twelve digits (an element
# string starting with 00 or 01, a GTIN-12/13/14); or a GS anywhere. Everything else
# (most lab labels) is plain text without asking biip.
_MAYBE_KEYED_RE = re.compile(r"[\s\x1d]*(?:[(\]]|\d{12})|[^\x1d]*\x1d", re.DOTALL)
_MAX_REPAIRS = 12  # places tried where a field without its GS may have ended
_PLAIN_GTIN_LENGTHS = (12, 13, 14)
EAN_8 = "]E4"  # the AIM symbology identifier of an EAN-8 symbol


@functools.cache
def _biip() -> Any:
    """biip, imported on the first scan that needs it (importing it slows the start)."""
    from biip import ParseConfig, ParseError
    from biip.gs1_messages import GS1Message
    from biip.gtin import Gtin, GtinFormat

    config = ParseConfig(
        separator_chars=(GS,),
        # Identification is what matters here; labels with "000000" dates still match.
        gs1_element_strings_verify_date=False,
    )
    return SimpleNamespace(
        config=config,
        ParseError=ParseError,
        GS1Message=GS1Message,
        Gtin=Gtin,
        GtinFormat=GtinFormat,
    )


_UNREADABLE = translate(
    "Barcodes",
    "That scan contains unreadable characters; check the scanner's keyboard layout and scan again.",
)
_INVISIBLE = translate(
    "Barcodes",
    "That scan contains invisible characters (direction marks or zero-width spaces) that "
    "could make it look like another code; it was not taken. Scan the label again.",
)
_FULL_WIDTH_RE = re.compile("[\u3000\uff01-\uff5e]+")


class BarcodeError(ValueError):
    """Input that is not a barcode; str(exc) is one clear sentence for the person at the scanner."""


@dataclass(frozen=True, slots=True)
class Gs1Reading:
    """One reading of a GS1 code (or of a plain GTIN): its canonical key and what the
    label says about the thing (see the module docstring)."""

    key: str
    """The canonical key: the same for every written form of the code."""
    shown: str
    """The key in the human-readable form, ``(01)09506000134352(21)SN001``."""
    gtin: str | None = None
    """The GTIN as 14 digits (AI 01 with a valid check digit), else None."""
    lot: str | None = None
    """The batch or lot (AI 10) as read, else None."""
    expiry: date | None = None
    """The expiry date (AI 17; day 00 is the month's last day), else None."""

    @property
    def gtin_only(self) -> bool:
        """The code names a product, not one container: a GTIN without a serial."""
        return self.gtin is not None and self.key == "01" + self.gtin

    @property
    def gtin_key(self) -> str | None:
        """The key of the GTIN alone (what an item recorded by its GTIN has)."""
        return None if self.gtin is None else "01" + self.gtin


@dataclass(frozen=True, slots=True)
class NormalisedBarcode:
    """A cleaned scan and the keys to look its item up by."""

    text: str
    """The cleaned value to store and show; GS is kept only inside GS1 data."""
    candidates: tuple[str, ...]
    """Lookup keys, most specific first; never empty, ``text`` is always one of them."""
    symbology: str | None
    """The AIM symbology identifier sent by the scanner (e.g. ``"]C1"``), else None."""
    gs1: bool
    """True when the data was interpreted as a GS1 element string."""
    reading: Gs1Reading | None = None
    """The canonical key and the label's data: GS1 data, or a plain GTIN; else None."""
    repairs: tuple[Gs1Reading, ...] = ()
    """Other readings when a field without its GS may have swallowed the next ones."""


def normalise(raw: str, *, gs_substitute: str | None = None) -> NormalisedBarcode | None:
    """Clean a scan and work out its lookup keys.

    Args:
        raw: What the scanner typed, terminators included.
        gs_substitute: A printable character the scanner sends instead of GS (e.g. ``"~"``);
            it is read as GS inside GS1 data and left untouched in plain data.

    Returns:
        None for empty or whitespace-only input (ignore it, it is not an error); otherwise
        the normalised barcode. See the module docstring for the order of interpretation.

    Raises:
        BarcodeError: For over-long input or binary garbage.
        TypeError: If ``raw`` is not a string.
        ValueError: If ``gs_substitute`` is not a single printable, non-alphanumeric
            character.
    """
    if not isinstance(raw, str):
        raise TypeError(f"barcode input must be str, not {type(raw).__name__}")
    _check_substitute(gs_substitute)
    _refuse_garbage(raw)
    if not raw.isascii():
        _refuse_invisible(raw)
        raw = _FULL_WIDTH_RE.sub(_to_ascii, raw)

    data, symbology, fnc1 = _trim(_CONTROL_EXCEPT_GS_RE.sub("", raw))
    # Plain form: no GS at all. Trimmed again so that it is a fixed point (idempotence).
    plain, plain_symbology, _ = _trim(data.replace(GS, ""))
    symbology = symbology or plain_symbology
    if not plain:
        return None
    _check_length(plain)

    gs1_data = data if gs_substitute is None else data.replace(gs_substitute, GS)
    interpreted = _interpret_gs1(gs1_data, plain, symbology=symbology, fnc1=fnc1)
    if interpreted is not None:
        text, candidates, reading, repairs = interpreted
        _check_length(text)
        return NormalisedBarcode(text, candidates, symbology, True, reading, repairs)
    plain_candidates, gtin = _plain_candidates(plain, ean8=symbology == EAN_8)
    return NormalisedBarcode(plain, plain_candidates, symbology, False, gtin)


def item_key(barcode: str) -> Gs1Reading | None:
    """The canonical key of an item's barcode as written (imported, added or edited), the
    same as a scan of it gets; None for a barcode that is neither GS1 nor a GTIN, and for
    one a scan would refuse. Most barcodes are decided by one regular expression."""
    if _MAYBE_KEYED_RE.match(barcode) is None:
        return None
    try:
        code = normalise(barcode)
    except (BarcodeError, TypeError):
        return None
    return None if code is None else code.reading


# ---------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------


def _check_substitute(gs_substitute: str | None) -> None:
    if gs_substitute is None:
        return
    if (
        len(gs_substitute) != 1
        or not gs_substitute.isprintable()
        or gs_substitute.isspace()
        or gs_substitute.isalnum()
        or gs_substitute in "]()"
    ):
        raise ValueError(
            f"gs_substitute must be one printable, non-alphanumeric character, "
            f"not {gs_substitute!r}"
        )


def _refuse_garbage(raw: str) -> None:
    if "\x00" in raw or "\ufffd" in raw:
        raise BarcodeError(_UNREADABLE)
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:  # unpaired surrogates
        raise BarcodeError(_UNREADABLE) from None
    # Terminators and surrounding whitespace do not count: "7\r\n" is a fine scan.
    core = raw.strip()
    controls = len(_CONTROL_RE.findall(core))
    if controls * _MAX_CONTROL_SHARE > len(core):
        raise BarcodeError(_UNREADABLE)


def _refuse_invisible(raw: str) -> None:
    category = unicodedata.category
    if any(category(ch) == "Cf" for ch in raw):
        raise BarcodeError(_INVISIBLE)


def _to_ascii(match: re.Match[str]) -> str:
    """Full-width ASCII forms and the ideographic space as the ASCII they stand for."""
    return unicodedata.normalize("NFKC", match.group())


def _check_length(text: str) -> None:
    if len(text) > MAX_BARCODE_LENGTH:
        raise BarcodeError(
            translate(
                "Barcodes",
                "That scan is too long to be a barcode ({count} characters); "
                "check the scanner and scan again.",
            ).format(count=len(text))
        )


def _trim(value: str) -> tuple[str, str | None, bool]:
    """Strip surrounding whitespace/GS and leading AIM prefixes until nothing changes.

    Returns the data, the first AIM prefix seen and whether a GS (FNC1) preceded the data.
    ``str.strip`` counts GS (0x1D) as whitespace, which is what we want at the ends.
    """
    symbology: str | None = None
    fnc1 = False
    while True:
        lead = value[: len(value) - len(value.lstrip())]
        fnc1 = fnc1 or GS in lead
        value = value.strip()
        match = _AIM_RE.match(value)
        if match is None:
            return value, symbology, fnc1
        symbology = symbology or match.group()
        value = value[match.end() :]


# ---------------------------------------------------------------------------
# Interpretation
# ---------------------------------------------------------------------------


def _interpret_gs1(
    data: str, plain: str, *, symbology: str | None, fnc1: bool
) -> tuple[str, tuple[str, ...], Gs1Reading, tuple[Gs1Reading, ...]] | None:
    """Text, candidates, reading and repairs if ``data`` is GS1 (see the module
    docstring), else None."""
    # A substitute may have put GS (and whitespace next to it) at the ends: trim again.
    fnc1 = fnc1 or GS in data[: len(data) - len(data.lstrip())]
    data = data.strip()
    if symbology is not None:
        claimed = symbology in GS1_SYMBOLOGIES
        if not claimed:
            return None
    else:
        claimed = fnc1 or GS in data or plain.startswith("(")
    if not data or not data.isascii():
        return None

    biip = _biip()
    hri = plain.startswith("(")
    try:
        if hri:
            text = "".join(plain.split())
            if _HRI_RE.fullmatch(text) is None:
                return None
            message = biip.GS1Message.parse_hri(text, config=biip.config)
            text = plain
        else:
            if not claimed and not data.startswith(("00", "01")):
                return None
            message = biip.GS1Message.parse(data, config=biip.config)
            text = data
    except (biip.ParseError, ValueError):
        return None  # claimed GS1 but is not: plain text

    fields: dict[str, str] = {}
    gtin: Gtin | None = None
    elements = message.element_strings
    for element in elements:
        ai = element.ai.ai
        invalid = (ai == "00" and element.sscc is None) or (ai == "01" and element.gtin is None)
        if invalid and not claimed:
            return None  # a bare number that only looks like an SSCC/GTIN element string
        fields.setdefault(ai, element.value)
        if ai == "01" and gtin is None:
            gtin = element.gtin

    candidates: list[str] = []
    if "00" in fields:
        candidates.append(fields["00"])
    if "01" in fields and "21" in fields:
        candidates.append(f"01{fields['01']}21{fields['21']}")
    if "21" in fields:
        candidates.append(fields["21"])
    if "01" in fields:
        candidates.append(fields["01"])
    if gtin is not None:
        candidates.extend(_gtin_forms(gtin))
    candidates.append(text)
    parts = [_Part.of(element) for element in elements]
    reading = _reading(parts)
    repairs = () if hri or GS in data else _repairs(parts, reading.key)
    return text, _unique(candidates), reading, repairs


@dataclass(frozen=True, slots=True)
class _Part:
    """One element string, as far as a reading needs it."""

    ai: str
    value: str
    variable: bool  # a GS must follow it when another field does
    gtin: str | None = None  # AI 01 with a valid check digit: the GTIN-14
    day: date | None = None  # a date field's date

    @classmethod
    def of(cls, element: Any) -> _Part:
        gtin = element.gtin.as_gtin_14() if element.gtin is not None else None
        return cls(element.ai.ai, element.value, element.ai.separator_required, gtin, element.date)


def _reading(parts: list[_Part]) -> Gs1Reading:
    """The canonical key of a message's parts (see the module docstring) and its data."""
    first: dict[str, _Part] = {}
    for part in parts:
        first.setdefault(part.ai, part)
    gtin = first["01"].gtin if "01" in first else None
    if gtin is not None:
        named = [("01", gtin, False)]
        if "21" in first:
            named.append(("21", first["21"].value, True))
    elif "00" in first:
        named = [("00", first["00"].value, False)]
    else:
        named = [(p.ai, p.value, p.variable) for p in sorted(first.values(), key=attrgetter("ai"))]
    last = len(named) - 1
    key = "".join(
        ai + value + (GS if variable and n < last else "")
        for n, (ai, value, variable) in enumerate(named)
    )
    shown = "".join(f"({ai}){value}" for ai, value, _ in named)
    lot = first["10"].value if "10" in first else None
    expiry = first["17"].day if "17" in first else None
    return Gs1Reading(key, shown, gtin, lot, expiry)


def _repairs(parts: list[_Part], key: str) -> tuple[Gs1Reading, ...]:
    """Readings where the last field, variable-length and sent without a GS after it,
    ends earlier: wherever the rest of it parses as GS1 element strings again (biip) and
    names another thing than ``key`` (a serial, say)."""
    if len(parts) < 2 or not parts[-1].variable:
        return ()
    biip = _biip()
    last = parts[-1]
    value = last.value
    readings: list[Gs1Reading] = []
    tried = 0
    for at in range(1, len(value) - 2):
        if not value[at : at + 2].isdigit():
            continue
        tried += 1
        if tried > _MAX_REPAIRS:
            break
        try:
            rest = biip.GS1Message.parse(value[at:], config=biip.config)
        except (biip.ParseError, ValueError):
            continue
        head = _Part(last.ai, value[:at], last.variable)
        reading = _reading([*parts[:-1], head, *(_Part.of(e) for e in rest.element_strings)])
        if reading.key != key:
            readings.append(reading)
    return tuple(dict.fromkeys(readings))


def _plain_candidates(
    text: str, *, ean8: bool = False
) -> tuple[tuple[str, ...], Gs1Reading | None]:
    """The text, then for a valid EAN-13/UPC-A its other GTIN forms (GTIN-14 first); and
    for a valid GTIN-12/13/14 its reading (the GTIN alone). Eight digits are a GTIN-8 only
    when the scanner said so (``]E4``, EAN-8): a lab's own 8-digit codes stay plain."""
    lengths = (8, *_PLAIN_GTIN_LENGTHS) if ean8 else _PLAIN_GTIN_LENGTHS
    if len(text) in lengths and text.isascii() and text.isdigit():
        biip = _biip()
        try:
            gtin = biip.Gtin.parse(text)
        except biip.ParseError:
            return (text,), None
        gtin14 = gtin.as_gtin_14()
        reading = Gs1Reading("01" + gtin14, f"(01){gtin14}", gtin14)
        if len(text) == 14:
            return (text,), reading  # an ITF-14: the text is the GTIN-14 already
        return _unique([text, *_gtin_forms(gtin)]), reading
    return (text,), None


def _gtin_forms(gtin: Gtin) -> list[str]:
    """Zero-padded forms of one GTIN in use on labels and in lists: 14, 13, 12, 8 digits."""
    formats = _biip().GtinFormat
    forms = [gtin.as_gtin_14()]
    if gtin.format in (formats.GTIN_12, formats.GTIN_13):
        forms.append(gtin.as_gtin_13())  # a UPC-A is often listed as its EAN-13 form
    if gtin.format == formats.GTIN_12:
        forms.append(gtin.as_gtin_12())
    if gtin.format == formats.GTIN_8:
        forms.append(gtin.as_gtin_8())
    return forms


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))
