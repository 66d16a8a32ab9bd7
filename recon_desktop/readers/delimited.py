"""A delimited text file (CSV): its encoding chosen or UTF-8, its delimiter detected."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError
from recon_desktop.readers.table import Table

DELIMITERS = ",;\t|"
DELIMITER_NAMES = {
    ",": translate("Readers", "comma"),
    ";": translate("Readers", "semicolon"),
    "\t": translate("Readers", "tab"),
    "|": translate("Readers", "vertical bar"),
}


def read_csv(path: Path, encoding: str | None) -> Table:
    chosen = encoding or "utf-8-sig"
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise ValidationError(
            translate("Readers", "{encoding!r} is not a known text encoding.").format(
                encoding=encoding
            )
        ) from None
    raw = path.read_bytes()
    if b"\x00" in raw[:65536] and not chosen.lower().startswith("utf-16"):
        raise ValidationError(
            translate(
                "Readers",
                "{name} is not a text file (it contains NUL bytes); import .csv or .xlsx.",
            ).format(name=path.name)
        )
    try:
        text = raw.decode(chosen)
    except UnicodeDecodeError as exc:
        raise ValidationError(
            translate(
                "Readers",
                "{name} is not {chosen} text (byte 0x{raw} at position {start}); choose "
                "its encoding, e.g. cp1252 or latin-1.",
            ).format(
                name=path.name,
                chosen=chosen.replace("-sig", ""),
                raw=raw[exc.start],
                start=exc.start,
            )
        ) from None
    text = text.removeprefix("\ufeff")
    sample = text[:65536]
    delimiter = sniff(sample)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_cells = next(reader, None)
    except csv.Error as exc:
        raise ValidationError(
            translate("Readers", "{name} is not readable CSV ({exc}).").format(
                name=path.name, exc=exc
            )
        ) from None
    if header_cells is None or not any(c.strip() for c in header_cells):
        raise ValidationError(translate("Readers", "{name} is empty.").format(name=path.name))

    def numbered() -> Iterator[tuple[int, list[Any]]]:
        try:
            for cells in reader:
                yield reader.line_num, cells
        except csv.Error as exc:
            raise ValidationError(
                translate("Readers", "{name} is not readable CSV near line {line} ({exc}).").format(
                    name=path.name, line=str(reader.line_num), exc=exc
                )
            ) from None

    return Table([c.strip() for c in header_cells], numbered(), delimiter, chosen, False, {})


def sniff(sample: str) -> str:
    first_line = sample.split("\n", 1)[0]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=DELIMITERS)
        if dialect.delimiter in first_line or not any(d in first_line for d in DELIMITERS):
            return dialect.delimiter
    except csv.Error:
        pass
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","
