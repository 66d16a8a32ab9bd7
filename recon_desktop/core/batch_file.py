"""A batch scanner's file: one scan a line, ``BARCODE`` or ``BARCODE<TAB>ISO-TIME``.

Lines end at CR, LF or CR+LF only. ``str.splitlines`` would also end them at the GS1
separators GS, FS and RS (and at VT, FF, NEL …), cutting a DataMatrix's scan in two; here
they stay inside the line, and a line shown to a person writes them as ``<GS>``, ``<FS>``,
``<RS>``.

Pure Python: no peewee, no Qt.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError

LINE_END = re.compile(rb"\r\n|\r|\n")
BOM = b"\xef\xbb\xbf"
SEPARATORS_SHOWN = {"\x1c": "<FS>", "\x1d": "<GS>", "\x1e": "<RS>"}
_SEPARATORS_RE = re.compile("[\x1c\x1d\x1e]")


def lines(data: bytes) -> list[tuple[int, str | None]]:
    """(line number, text, or None when the line is not UTF-8) of a file's non-empty lines,
    split at CR and LF only; a UTF-8 byte order mark is left out."""
    found: list[tuple[int, str | None]] = []
    body = data.removeprefix(BOM)
    parts = LINE_END.split(body)
    if parts and parts[-1] == b"":
        parts.pop()  # the end of the last line
    for number, raw in enumerate(parts, start=1):
        if not raw.strip():
            continue
        try:
            found.append((number, raw.decode("utf-8")))
        except UnicodeDecodeError:
            found.append((number, None))
    return found


def parse_line(line: str) -> tuple[str, datetime | None]:
    """The scan and its time (UTC, naive) of ``BARCODE`` or ``BARCODE<TAB>ISO-TIME``; a
    time without an offset is this computer's local time."""
    if "\t" in line:
        code, _, when = line.rstrip("\r\n").rpartition("\t")
        if not when.strip():  # a scanner's Tab terminator, or an empty time field
            return code, None
        try:
            moment = datetime.fromisoformat(when.strip())
        except ValueError:
            raise ValidationError(
                translate("BatchFile", "{text!r} is not an ISO date and time.").format(
                    text=when.strip()
                )
            ) from None
        if moment.tzinfo is None:
            moment = moment.astimezone()
        return code, moment.astimezone(UTC).replace(tzinfo=None)
    return line.rstrip("\r\n"), None


def shown(text: str) -> str:
    """A line as a person reads it: the GS1 separators written ``<GS>``, ``<FS>``, ``<RS>``."""
    return _SEPARATORS_RE.sub(lambda m: SEPARATORS_SHOWN[m.group()], text.strip(" \t\r\n"))
