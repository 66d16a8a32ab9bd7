"""openpyxl's private parts the exports use (services/_openpyxl_internals): an upgrade that
changes them fails here, loudly, instead of slowing every report down or writing other cells."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import load_workbook
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter

from recon_desktop.services import _openpyxl_internals, reporting
from tests.services.excel_fixtures import ExcelWorld, build_world

RE_MEASURE = (
    "openpyxl changed under the row patch: check services/_openpyxl_internals.py against "
    "it, and measure benchmarks/bench_excel.py with and without the patch (keep it only "
    "while the public API is more than 20% slower)"
)


@pytest.fixture
def world(tmp_path: Path) -> ExcelWorld:
    built = build_world(tmp_path / "t.sqlite3", long_lot=True)
    yield built
    built.db.close()


def parameters(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_the_private_parts_are_the_ones_the_patch_was_written_for() -> None:
    assert openpyxl.__version__.startswith("3."), RE_MEASURE  # pyproject.toml: below 4
    assert not openpyxl.LXML, (
        "lxml is installed: openpyxl writes through it and the row patch is off; " + RE_MEASURE
    )
    assert _openpyxl_internals.available(), RE_MEASURE
    assert parameters(WriteOnlyWorksheet._values_to_row) == ["self", "values", "row_idx"]
    assert parameters(WriteOnlyWorksheet._get_writer) == ["self"]
    assert parameters(WorksheetWriter.write_row) == ["self", "xf", "row", "row_idx"]
    assert parameters(WorksheetWriter.cleanup) == ["self"]
    # the sheet's row stream hands each appended row to those two, in this way
    stream = inspect.getsource(WriteOnlyWorksheet._write_rows)
    assert "row = self._values_to_row(row, row_idx)" in stream, RE_MEASURE
    assert "self._writer.write_row(xf, row, row_idx)" in stream, RE_MEASURE
    # et_xmlfile's incremental writer keeps the function that takes the text as _file
    et_xmlfile = importlib.import_module("et_xmlfile.xmlfile")
    written: list[str] = []
    writer = et_xmlfile._IncrementalFileWriter(written.append)
    assert writer._file == written.append, RE_MEASURE


def test_both_ways_of_writing_rows_give_the_same_workbook(
    world: ExcelWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows written as XML text equal openpyxl's own cells, cell by cell, style by style."""
    assert _openpyxl_internals.available(), RE_MEASURE  # else both would be the public way
    fast = tmp_path / "fast.xlsx"
    reporting.export_report(world.services, world.session_id, fast, exported_by="ana")
    monkeypatch.setattr(_openpyxl_internals, "ENABLED", False)
    standard = tmp_path / "standard.xlsx"
    reporting.export_report(world.services, world.session_id, standard, exported_by="ana")
    a, b = load_workbook(fast), load_workbook(standard)
    assert a.sheetnames == b.sheetnames
    assert "Long text" in a.sheetnames  # every kind of cell is there, cut text too
    for name in a.sheetnames:
        for row_a, row_b in zip(a[name].iter_rows(), b[name].iter_rows(), strict=True):
            for x, y in zip(row_a, row_b, strict=True):
                if name == "Summary" and x.row >= summary_row(a, "Exported at (UTC)"):
                    continue  # the export time differs
                where = f"{name}!{x.coordinate}"
                assert (x.value, x.data_type, x.number_format, x.quotePrefix) == (
                    y.value,
                    y.data_type,
                    y.number_format,
                    y.quotePrefix,
                ), where
                assert (
                    x.font.b,
                    x.fill.fgColor.rgb,
                    x.alignment.vertical,
                    x.alignment.horizontal,
                    x.alignment.wrap_text,
                ) == (
                    y.font.b,
                    y.fill.fgColor.rgb,
                    y.alignment.vertical,
                    y.alignment.horizontal,
                    y.alignment.wrap_text,
                ), where
        heights_a = {n: d.height for n, d in a[name].row_dimensions.items() if d.height}
        heights_b = {n: d.height for n, d in b[name].row_dimensions.items() if d.height}
        assert heights_a == heights_b, name  # a wrapped header or Summary row keeps its height
    assert a["Not scanned"].row_dimensions[1].height  # the header wraps there


def summary_row(wb: Any, label: str) -> int:
    return next(c.row for c in wb["Summary"]["A"] if c.value == label)
