"""The checks an .xlsx file passes before any parser sees it (zip and XML bombs, too
many rows), and the formula cells it holds.

* the zip directory: truncated or damaged files, members whose declared size is over
  ``MAX_MEMBER_BYTES`` or whose compression ratio is over ``MAX_RATIO`` (zip bombs);
* every XML member's prologue: a ``<!DOCTYPE``/``<!ENTITY`` is refused (entity bombs;
  ``workbook.xml`` is also parsed with defusedxml);
* the sheet XML, streamed once through Python's zipfile (which never inflates past the
  declared size and checks the CRC): a ``<dimension>`` or a row count over ``MAX_ROWS``
  is refused, and every formula cell (``<f>`` element) is found by its cell reference.
  calamine returns a formula's cached value, so formulas are detected here and refused,
  never evaluated. Searching the raw bytes is safe because ``<`` inside text is always
  escaped as ``&lt;`` in XML.

The reader (``load``) starts only once the checks on the zip directory, the prologues and
the claimed dimension have passed. python-calamine never inflates a member past its
declared size (it refuses one that lies), so its work is bounded by those checks: for a
sheet of at most ``ALONGSIDE_BYTES`` it reads while the sheet is scanned for rows and
formulas (a refusal then leaves it to finish in the background); a bigger sheet is
scanned first.
"""

from __future__ import annotations

import re
import threading
import zipfile
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path, PurePosixPath
from typing import Any

from recon_desktop.core import import_rows
from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError

MAX_MEMBER_BYTES = 1024 * 1024 * 1024  # uncompressed size of one zip member
MAX_RATIO = 200  # uncompressed / compressed, for members over BOMB_MIN_BYTES
BOMB_MIN_BYTES = 10 * 1024 * 1024
ALONGSIDE_BYTES = 64 * 1024 * 1024  # sheets up to this size are read while being checked

_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_PLAIN_FORMULA = re.compile(rb"<f[\s/>]")  # faster than bytes.find(b"<f") in XML
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
_DIMENSION = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s+ref=\"([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?\""
)
_CELL_REF = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b[^>]*?\sr=\"([A-Z]+)(\d+)\"")
_PREFIXED_ROOT = re.compile(rb"<[A-Za-z_][\w.-]*:worksheet[\s>]")
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n - 1


def _first_sheet_member(archive: zipfile.ZipFile, name: str) -> str:
    from defusedxml import ElementTree as SafeET
    from defusedxml.common import DefusedXmlException

    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        raise ValidationError(
            translate(
                "Readers", "{name} is not an .xlsx workbook (it has no workbook part)."
            ).format(name=name)
        )
    try:
        workbook = SafeET.fromstring(archive.read("xl/workbook.xml"))
        rels = (
            SafeET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
            if "xl/_rels/workbook.xml.rels" in names
            else None
        )
    except DefusedXmlException:
        raise ValidationError(
            translate(
                "Readers",
                "{name} contains XML entity declarations (a possible entity bomb); it was "
                "not read.",
            ).format(name=name)
        ) from None
    except SafeET.ParseError:
        raise ValidationError(
            translate("Readers", "{name} is damaged: its workbook part is not valid XML.").format(
                name=name
            )
        ) from None
    sheet = next((el for el in workbook.iter() if el.tag.endswith("}sheet")), None)
    if sheet is None:
        raise ValidationError(translate("Readers", "{name} has no sheets.").format(name=name))
    rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
    if rels is not None and rid:
        for rel in rels.iter():
            if rel.attrib.get("Id") == rid:
                target = rel.attrib.get("Target", "")
                member = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else str(PurePosixPath("xl") / target)
                )
                if member in names:
                    return member
    if "xl/worksheets/sheet1.xml" in names:
        return "xl/worksheets/sheet1.xml"
    raise ValidationError(
        translate("Readers", "{name} is damaged: its first sheet is missing.").format(name=name)
    )


def inspect(path: Path, load: Callable[[], Any]) -> tuple[dict[tuple[int, int], str], Future[Any]]:
    """The checks (see the module docstring), and ``load`` (the reader) run once they allow
    it: beside the sheet scan when the sheet's declared size is at most ``ALONGSIDE_BYTES``
    (calamine never inflates past the declared size, so what it reads is bounded; a
    refusal then leaves it to finish in the background), after the scan when the sheet is
    bigger.

    Returns the formula cells of the first sheet, (row, column index) → reference, and
    the reader's future.
    """
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ValidationError(
            translate(
                "Readers", "{name} is damaged or truncated (its zip directory cannot be read)."
            ).format(name=name)
        ) from None
    with archive:
        for info in archive.infolist():
            if info.flag_bits & 0x1:
                raise ValidationError(
                    translate("Readers", "{name} is encrypted; save it without a password.").format(
                        name=name
                    )
                )
            if info.file_size > MAX_MEMBER_BYTES or (
                info.file_size > BOMB_MIN_BYTES
                and info.file_size > MAX_RATIO * max(info.compress_size, 1)
            ):
                raise ValidationError(
                    translate(
                        "Readers",
                        "{name} would inflate to {size} MB from {packed} KB (a zip bomb?); it "
                        "was not read.",
                    ).format(
                        name=name,
                        size=info.file_size // (1024 * 1024),
                        packed=max(info.compress_size // 1024, 1),
                    )
                )
        try:
            for info in archive.infolist():
                if info.filename.endswith((".xml", ".rels")):
                    with archive.open(info) as member:
                        if _DOCTYPE.search(member.read(65536)):
                            raise ValidationError(
                                translate(
                                    "Readers",
                                    "{name} contains XML entity declarations (a possible entity "
                                    "bomb); it was not read.",
                                ).format(name=name)
                            )
            sheet = _first_sheet_member(archive, name)
            _check_dimension(archive, sheet, name)
            loaded = None
            if archive.getinfo(sheet).file_size <= ALONGSIDE_BYTES:
                loaded = _future(load, beside=True)  # calamine lets go of the GIL
            formulas = _scan_sheet(archive, sheet, name)
            if loaded is None:
                loaded = _future(load, beside=False)
            return formulas, loaded
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ValidationError(
                translate("Readers", "{name} is damaged or truncated ({value}).").format(
                    name=name, value=str(exc) or type(exc).__name__
                )
            ) from None


def _future(work: Callable[[], Any], *, beside: bool) -> Future[Any]:
    """``work`` run in a thread of its own (``beside``) or here and now; its result or
    exception comes out of the future either way."""
    future: Future[Any] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as exc:  # noqa: BLE001 - handed to whoever asks the future
            future.set_exception(exc)

    if beside:
        threading.Thread(target=run, name="workbook-read", daemon=True).start()
    else:
        run()
    return future


def _cell_before(data: bytes, pos: int) -> tuple[int, int, str] | None:
    """The cell (row, column index, reference) whose ``<c>`` tag opens before ``pos``."""
    start = pos
    while True:
        start = data.rfind(b"<", 0, start)
        if start < 0 or pos - start > 4096:
            return None
        cell = _CELL_REF.match(data, start)
        if cell:
            letters, digits = cell.group(1), cell.group(2)
            return int(digits), _column_index(letters), (letters + digits).decode()


def _check_dimension(archive: zipfile.ZipFile, member: str, name: str) -> None:
    """A sheet whose ``<dimension>`` claims more than ``MAX_ROWS`` rows is refused before
    anything reads it (the claim is in the first few kilobytes)."""
    with archive.open(member) as stream:
        head = stream.read(8192)
    match = _DIMENSION.search(head)
    if match and match.group(4) and int(match.group(4)) > import_rows.MAX_ROWS + 1:
        raise ValidationError(
            translate(
                "Readers",
                "{name} claims {rows} rows; at most {limit} rows can be imported at "
                "once. Split the file.",
            ).format(name=name, rows=int(match.group(4)), limit=import_rows.MAX_ROWS)
        )


def _scan_sheet(archive: zipfile.ZipFile, member: str, name: str) -> dict[tuple[int, int], str]:
    """Stream the sheet XML once: refuse too many rows, find every formula cell."""
    formulas: dict[tuple[int, int], str] = {}
    rows = 0
    buffer = b""
    start = 0  # where unscanned bytes begin in ``buffer``
    first = True
    prefixed = False
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            data = buffer + chunk
            if first:
                first = False
                prefixed = _PREFIXED_ROOT.search(data, 0, 8192) is not None
            # scan up to the last "<": every match (one "<" each) before it is complete
            end = len(data) if not chunk else max(data.rfind(b"<"), start)
            if prefixed:  # elements like <x:row>: the regular expressions find them
                rows += len(_ROW.findall(data, start, end))
                suspects = True
            else:  # plain substring searches run at C speed ("<rowBreaks" counts: harmless)
                rows += data.count(b"<row", start, end)
                suspects = _PLAIN_FORMULA.search(data, start, end) is not None
            if rows > import_rows.MAX_ROWS + 1:
                raise import_rows.too_many_rows(name)
            for found in _FORMULA.finditer(data, start, end) if suspects else ():
                cell = _cell_before(data, found.start())
                if cell is None:
                    formulas[(0, len(formulas))] = "?"
                else:
                    formulas[(cell[0], cell[1])] = cell[2]
            if not chunk:
                break
            keep = max(0, end - 4096)  # context for the next formula's cell reference
            buffer = data[keep:]
            start = end - keep
    return formulas
