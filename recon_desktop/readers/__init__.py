"""Import files read safely: an .xlsx workbook's first sheet or a delimited text file.

Hostile files get a sentence, never a crash or a hang: a file is checked (it exists, it
is not too big, its first bytes say what it is) before it is read; an .xlsx file also
passes ``guards`` (zip and XML bombs, too many rows, formula cells) before python-calamine
reads its cells. A reader gives a ``Table``: the header row, then the rows as (row number
in the file, cells), read as they are iterated.

This package sits beside ``store``, below ``services``: it imports only ``core``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from recon_desktop.core.text import translate
from recon_desktop.errors import NotFoundError, ValidationError
from recon_desktop.readers.delimited import DELIMITER_NAMES, read_csv
from recon_desktop.readers.table import Table
from recon_desktop.readers.xlsx import read_xlsx

__all__ = ["DELIMITER_NAMES", "MAX_FILE_BYTES", "Table", "open_table", "sha256_of"]

MAX_FILE_BYTES = 256 * 1024 * 1024
_OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_HEADER = b"PK\x03\x04"


def open_table(path: Path, encoding: str | None) -> Table:
    """The file's table: an .xlsx workbook (by its first bytes) or delimited text."""
    head = _check_file(path)
    if _is_xlsx(path, head):
        return read_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise ValidationError(
            translate(
                "Readers", "{name} is an old .xls workbook; save it as .xlsx or .csv."
            ).format(name=path.name)
        )
    return read_csv(path, encoding)


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_file(path: Path) -> bytes:
    if not path.exists():
        raise NotFoundError(translate("Readers", "There is no file {path}.").format(path=path))
    if path.is_dir():
        raise ValidationError(
            translate("Readers", "{path} is a folder, not a file.").format(path=path)
        )
    size = path.stat().st_size
    if size == 0:
        raise ValidationError(translate("Readers", "{name} is empty.").format(name=path.name))
    if size > MAX_FILE_BYTES:
        raise ValidationError(
            translate(
                "Readers",
                "{name} is {size} MB; at most {limit} MB can be imported at once. Split the file.",
            ).format(
                name=path.name, size=size // (1024 * 1024), limit=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    with open(path, "rb") as handle:
        return handle.read(8)


def _is_xlsx(path: Path, head: bytes) -> bool:
    if head.startswith(_OLE_HEADER):
        raise ValidationError(
            translate(
                "Readers",
                "{name} is password-protected (encrypted) or an old .xls workbook; save "
                "it as an unprotected .xlsx file, then import it.",
            ).format(name=path.name)
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        if not head.startswith(_ZIP_HEADER):
            raise ValidationError(
                translate(
                    "Readers",
                    "{name} is not an .xlsx workbook (it is not a zip file); save it from the "
                    "spreadsheet program as .xlsx or .csv.",
                ).format(name=path.name)
            )
        return True
    return head.startswith(_ZIP_HEADER)
