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
so ``10LOT21SERIAL`` is one lot ``LOT21SERIAL``; the whole text is still a lookup key.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from biip.gtin import Gtin

__all__ = ["GS", "MAX_BARCODE_LENGTH", "BarcodeError", "NormalisedBarcode", "normalise"]

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


_UNREADABLE = (
    "That scan contains unreadable characters; check the scanner's keyboard layout and scan again."
)
_INVISIBLE = (
    "That scan contains invisible characters (direction marks or zero-width spaces) that "
    "could make it look like another code; it was not taken. Scan the label again."
)
_FULL_WIDTH_RE = re.compile("[\u3000\uff01-\uff5e]+")


class BarcodeError(ValueError):
    """Input that is not a barcode; str(exc) is one clear sentence for the person at the scanner."""


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
        text, candidates = interpreted
        _check_length(text)
        return NormalisedBarcode(text, candidates, symbology, gs1=True)
    return NormalisedBarcode(plain, _plain_candidates(plain), symbology, gs1=False)


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
            f"That scan is too long to be a barcode ({len(text):,} characters); "
            "check the scanner and scan again."
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
) -> tuple[str, tuple[str, ...]] | None:
    """Text and candidates if ``data`` is GS1 (see the module docstring), else None."""
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
    try:
        if plain.startswith("("):
            hri = "".join(plain.split())
            if _HRI_RE.fullmatch(hri) is None:
                return None
            message = biip.GS1Message.parse_hri(hri, config=biip.config)
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
    for element in message.element_strings:
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
    return text, _unique(candidates)


def _plain_candidates(text: str) -> tuple[str, ...]:
    """The text, then for a valid EAN-13/UPC-A its other GTIN forms (GTIN-14 first)."""
    if len(text) in (12, 13) and text.isascii() and text.isdigit():
        biip = _biip()
        try:
            gtin = biip.Gtin.parse(text)
        except biip.ParseError:
            return (text,)
        return _unique([text, *_gtin_forms(gtin)])
    return (text,)


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
