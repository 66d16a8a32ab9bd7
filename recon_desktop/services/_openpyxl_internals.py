"""The one place that reaches into openpyxl's private parts: rows written as XML text (a
patch, for speed), and the removal of a sheet's temporary file when an export stops.

Why the patch is kept: openpyxl builds an element for every cell and serialises it
(through ElementTree, as the program does not ship lxml; lxml would not close the gap
either), and a session report has hundreds of thousands of rows. Written as XML text, the
report is several times faster than through openpyxl's public API (``ws.append`` in
write-only mode, with a ``WriteOnlyCell`` only where a style is needed), far beyond the 20%
within which the patch would be dropped. ``benchmarks/bench_excel.py`` measures both ways
in the same run; the README keeps the figures.

:func:`save` writes the archive with openpyxl's ``ExcelWriter`` itself (to close it when
the disk is full). What the row patch relies on:
``WriteOnlyWorksheet._values_to_row(values, row_idx)`` and ``_get_writer()``, the sheet's
``_writer`` with ``write_row(xf, row, row_idx)`` (both called from
``WriteOnlyWorksheet._write_rows``) and ``cleanup()``, et_xmlfile's incremental writer
whose ``_file`` takes text, and a row's attributes (its height) from the sheet's
``row_dimensions`` as ``write_row`` takes them. :func:`available` checks what can be
checked before a sheet is written, and otherwise the rows go through the public API;
tests/services/test_openpyxl_internals.py fails loudly when an upgrade changes any of it or
makes the two ways write different cells. pyproject.toml keeps openpyxl below 4 and
et-xmlfile below 3.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from openpyxl.utils.datetime import to_excel

ENABLED = True  # tests and the benchmark switch the patch off to compare both ways


class Styled(NamedTuple):
    """A value written with one of the workbook's named cell styles."""

    value: Any
    style: str


def available() -> bool:
    """Whether the patch is on and this openpyxl is the one it was written for."""
    import openpyxl
    from openpyxl.worksheet import _write_only, _writer

    return (
        ENABLED
        and not openpyxl.LXML
        and hasattr(_write_only.WriteOnlyWorksheet, "_values_to_row")
        and hasattr(_write_only.WriteOnlyWorksheet, "_get_writer")
        and hasattr(_writer.WorksheetWriter, "write_row")
        and getattr(_writer.xmlfile, "__module__", "").startswith("et_xmlfile")
    )


def write_rows_as_text(ws: Any, letters: Sequence[str], style_id: Callable[[str], int]) -> bool:
    """Make ``ws.append(values)`` write ``values`` (plain values, or ``Styled`` ones whose
    style number ``style_id`` gives) as XML text. Call before the sheet's first row. False
    when :func:`available` says no: the caller then appends openpyxl cells."""
    if not available():
        return False
    ws._values_to_row = lambda values, _row: values  # rows reach write_row as they are
    ws._get_writer()
    ws._writer.write_row = _row_writer(list(letters), style_id, ws.row_dimensions)
    return True


def discard(wb: Any) -> None:
    """Remove the temporary files openpyxl keeps for a workbook that will not be saved."""
    for ws in wb.worksheets:
        if getattr(ws, "_writer", None) is None:
            continue
        with contextlib.suppress(Exception):
            ws.close()  # ends the sheet's row stream and closes its temporary file
        with contextlib.suppress(Exception):
            ws._writer.cleanup()


def save(wb: Any, path: Any) -> None:
    """``wb.save(path)``, as openpyxl's ``save_workbook`` does it (a ZIP archive written by
    its ``ExcelWriter``), except that an archive whose writing failed (a full disk) is
    closed here: openpyxl leaves it open, and its ``__del__`` then fails once more and
    prints a traceback after the sentence that already told the person."""
    import datetime
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        wb.properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        ExcelWriter(wb, archive).save()  # writes the members and closes the archive
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()  # fails again on a full disk, but leaves nothing to close later
        raise


_XML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def _xml_text(text: str) -> str:
    if "&" in text or "<" in text or ">" in text:
        for raw, escaped in _XML_ESCAPES:
            text = text.replace(raw, escaped)
    return text


def _row_writer(
    letters: list[str], style_id: Callable[[str], int], dimensions: Any
) -> Callable[[Any, Sequence[Any], int], None]:
    styles: dict[str, str] = {}  # style name → its attribute

    def write_row(xf: Any, values: Sequence[Any], row: int) -> None:
        """One row as XML text: inline strings, numbers, styled dates (a row given a
        height in ``row_dimensions`` keeps it, as openpyxl writes it)."""
        if row in dimensions:
            extra = "".join(f' {name}="{value}"' for name, value in dimensions[row])
            out = [f'<row r="{row}"{extra}>']
        else:
            out = [f'<row r="{row}">']
        for letter, value in zip(letters, values, strict=False):
            if value is None:
                continue
            style = ""
            if type(value) is Styled:
                style = styles.get(value.style, "")
                if not style:
                    style = styles[value.style] = f' s="{style_id(value.style)}"'
                value = value.value
            if isinstance(value, str):
                space = (
                    ' xml:space="preserve"'
                    if value and (value[0].isspace() or value[-1].isspace() or "\n" in value)
                    else ""
                )
                out.append(
                    f'<c r="{letter}{row}"{style} t="inlineStr"><is><t{space}>'
                    f"{_xml_text(value)}</t></is></c>"
                )
            elif isinstance(value, date):
                out.append(f'<c r="{letter}{row}"{style} t="n"><v>{to_excel(value)}</v></c>')
            else:
                out.append(f'<c r="{letter}{row}"{style} t="n"><v>{value}</v></c>')
        out.append("</row>")
        xf._file("".join(out))

    return write_row
