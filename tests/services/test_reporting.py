"""Session report and view exports: written with openpyxl, read back with python-calamine and
openpyxl, every cell and type compared with what the services say."""

from __future__ import annotations

import shutil
import subprocess
import time
import zipfile
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet._writer import ALL_TEMP_FILES
from python_calamine import CalamineWorkbook

import recon_desktop
from recon_desktop.core import cells
from recon_desktop.core.columns import Excel
from recon_desktop.core.records import Tag, View
from recon_desktop.errors import StorageError
from recon_desktop.services import reporting
from recon_desktop.services.safe_write import CancelledError
from tests.services.excel_fixtures import ExcelWorld, build_world

SHEETS = ["Summary", "Not scanned", "Scanned not in listing", "All in listing", "Scans", "Actions"]


@pytest.fixture
def world(tmp_path: Path) -> ExcelWorld:
    built = build_world(tmp_path / "t.sqlite3", long_lot=True)
    yield built
    built.db.close()


# ---------------------------------------------------------------- expected cells


class Cut(str):
    """An expected text that is too long for a cell: the cell holds its start and a marker."""


def expected_text(value: str) -> str:
    fitted = cells.cell_text(value)
    return Cut(cells.escape_controls(value)) if fitted.cut else fitted.value


def expected_cell(kind: Excel, value: Any) -> Any:
    """What a cell must hold, as a python value comparable with both readers."""
    if value is None:
        return None
    if kind is Excel.NUMBER:
        return float(value)
    if kind is Excel.DATETIME:
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
    if kind is Excel.DATE:
        return value
    if kind is Excel.YES_NO:
        return "yes" if value else "no"
    if kind is Excel.TAG:
        return Tag(value).label
    if kind is Excel.EXPIRED:
        return "Expired" if value else None
    return expected_text(str(value))


def expected_view(world: ExcelWorld, view: View) -> list[list[Any]]:
    info = world.services.sessions.info(world.session_id)
    columns = reporting.view_columns(info.columns, view)
    page = world.services.sessions.view_page(world.session_id, view, limit=10_000)
    header = [c.header for c in columns]
    return [header] + [
        [expected_cell(c.excel, v) for c, v in zip(columns, row, strict=True)] for row in page.rows
    ]


def expected_scans(world: ExcelWorld) -> list[list[Any]]:
    rows = [[c.header for c in reporting.SCAN_COLUMNS]]
    for entry in world.services.sessions.scan_log(world.session_id):
        rows.append(
            [
                expected_cell(c.excel, v)
                for c, v in zip(reporting.SCAN_COLUMNS, reporting.scan_row(entry), strict=True)
            ]
        )
    return rows


def expected_actions(world: ExcelWorld) -> list[list[Any]]:
    rows = [[c.header for c in reporting.ACTION_COLUMNS]]
    for e, barcode in world.services.inventory.session_actions(world.session_id):
        values = (
            e.at,
            e.user,
            e.station,
            barcode,
            e.kind,
            e.field,
            e.old_value,
            e.new_value,
            e.reason,
            e.source,
        )
        rows.append(
            [
                expected_cell(c.excel, v)
                for c, v in zip(reporting.ACTION_COLUMNS, values, strict=True)
            ]
        )
    return rows


def same(actual: Any, expected: Any, where: str) -> None:
    if expected is None:
        assert actual in (None, ""), where
    elif isinstance(expected, datetime):
        assert isinstance(actual, datetime), where
        assert abs(actual - expected) <= timedelta(milliseconds=1), where
    elif isinstance(expected, date):
        actual_date = actual.date() if isinstance(actual, datetime) else actual
        assert isinstance(actual_date, date) and actual_date == expected, where
    elif isinstance(expected, float):
        assert isinstance(actual, int | float) and not isinstance(actual, bool), where
        assert float(actual) == pytest.approx(expected), where
    elif isinstance(expected, Cut):
        assert isinstance(actual, str) and len(actual) == cells.MAX_CELL_CHARS, where
        kept = actual.index(" … [CUT: ")
        assert expected.startswith(actual[:kept]), where
        assert f"[CUT: {len(expected):,} characters in total" in actual, where
    else:
        assert isinstance(actual, str), where
        assert actual == expected, where


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    wb = CalamineWorkbook.from_path(str(path))
    return [list(r) for r in wb.get_sheet_by_name(sheet).to_python()]


def openpyxl_rows(path: Path, sheet: str) -> list[list[Any]]:
    wb = load_workbook(path, read_only=True)
    try:
        return [[c for c in row] for row in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def compare_sheet(path: Path, sheet: str, expected: list[list[Any]]) -> None:
    for reader in (calamine_rows, openpyxl_rows):
        actual = [r for r in reader(path, sheet) if any(v not in (None, "") for v in r)]
        assert len(actual) == len(expected), (reader.__name__, sheet)
        for n, (got, want) in enumerate(zip(actual, expected, strict=True), 1):
            got = list(got) + [None] * (len(want) - len(got))
            for col, (a, e) in enumerate(zip(got, want, strict=False), 1):
                same(
                    a,
                    e,
                    f"{reader.__name__} {sheet} row {n} column {col}: "
                    f"{str(a)[:80]!r} != {str(e)[:80]!r}",
                )


def summary(path: Path) -> dict[str, Any]:
    return {row[0]: row[1] for row in calamine_rows(path, "Summary") if row and row[0]}


# ---------------------------------------------------------------- the report


def check_report(world: ExcelWorld, target: Path) -> None:
    progress: list[tuple[int, int]] = []
    result = reporting.export_report(
        world.services,
        world.session_id,
        target,
        exported_by="ana",
        progress=lambda d, t: progress.append((d, t)),
    )
    assert result == target and target.is_file()
    names = CalamineWorkbook.from_path(str(target)).sheet_names
    assert names[:6] == SHEETS
    for view, title in reporting.SHEET_TITLES.items():
        compare_sheet(target, title, expected_view(world, view))
    compare_sheet(target, "Scans", expected_scans(world))
    compare_sheet(target, "Actions", expected_actions(world))
    assert progress and progress[-1][0] == progress[-1][1]
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)

    facts = summary(target)
    counts = world.services.sessions.progress(world.session_id)
    info = world.services.sessions.info(world.session_id)
    assert facts["Session"] == "Weekly =check"
    assert facts["Lab"] == "Cell Biology"
    assert facts["Listing config"] == "Freezer A"
    assert facts["Filter 1 (frozen at start)"] == "Location within Building 1/Room 101/Freezer A"
    assert facts["Started by"] == "ana" and facts["Ended by"] == "ana"
    same(facts["Started at (UTC)"], info.started_at, "started")
    same(facts["Ended at (UTC)"], info.ended_at, "ended")
    assert facts["Stations"] == "TEST-1"
    assert facts["Expected total"] == counts.expected_total == 10
    assert facts["Scanned (expected items found)"] == counts.expected_scanned == 4
    assert facts["Not scanned"] == counts.not_scanned
    assert facts["Not in scope"] == counts.not_in_scope == 2
    assert facts["Unknown barcodes"] == counts.unknown == 1
    assert facts["Already scanned (repeats)"] == counts.already_scanned == 1
    assert facts["Actions"] == 2
    assert facts["Program version"] == f"recon-desktop {recon_desktop.__version__}"
    assert facts["Exported by"] == "ana"
    assert isinstance(facts["Exported at (UTC)"], datetime)


def test_report_round_trip_sqlite(world: ExcelWorld, tmp_path: Path) -> None:
    check_report(world, tmp_path / "report.xlsx")


@pytest.mark.postgres
def test_report_round_trip_postgres(postgres_url: str, tmp_path: Path) -> None:
    built = build_world(postgres_url)  # PostgreSQL enforces the 200-character lot
    try:
        check_report(built, tmp_path / "report.xlsx")
    finally:
        built.db.close()


def test_report_styles_text_cells_and_tags(world: ExcelWorld, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    wb = load_workbook(target)  # full mode: styles, panes and filters are visible
    for name in SHEETS[1:]:
        ws = wb[name]
        assert ws.freeze_panes == "A2", name
        assert ws["A1"].font.bold, name
        # the face of the rows (a bold font without a name prints in another one)
        assert (ws["A1"].font.name, ws["A1"].font.sz) == (ws["A2"].font.name, ws["A2"].font.sz)
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}"
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(reporting.MIN_WIDTH <= w <= reporting.MAX_WIDTH for w in widths), name
    # no formula anywhere, formula-looking text is a quoted string
    formula_like = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    assert cell.data_type == "s" and cell.quotePrefix, (ws.title, cell.coordinate)
                    formula_like += 1
                if cell.value == "#N/A":
                    assert cell.data_type == "s"
    assert formula_like >= 10
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    # tags are coloured like the window, with their words
    scans = wb["Scans"]
    tag_col = [c.value for c in scans[1]].index("Tag") + 1
    colours = {}
    for row in range(2, scans.max_row + 1):
        cell = scans.cell(row, tag_col)
        if cell.value:
            colours[cell.value] = cell.fill.fgColor.rgb[-6:]
    assert colours == {tag.label: rgb for tag, rgb in reporting.TAG_FILLS.items()}
    # control characters are visible
    not_scanned = [c.value for row in wb["Not scanned"].iter_rows() for c in row]
    assert "bell␇ring" in not_scanned and "␉TAB" in not_scanned
    actions = [c.value for row in wb["Actions"].iter_rows() for c in row]
    assert "recount␇" in actions and "=found here" in actions


def test_long_text_is_cut_visibly_and_kept_whole(world: ExcelWorld, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    rows = calamine_rows(target, "All in listing")
    lot_col = rows[0].index("Lot")
    cut = next(r[lot_col] for r in rows if str(r[lot_col]).startswith("xxx"))
    assert len(cut) == cells.MAX_CELL_CHARS
    assert "[CUT: 40,000 characters in total; the whole text is on sheet 'Long text'" in cut
    long_rows = calamine_rows(target, "Long text")
    assert long_rows[0][:3] == ["Sheet", "Cell", "Length"]
    sheet, ref, length, *parts = long_rows[1]
    assert (sheet, length) == ("All in listing", 40_000)
    assert "".join(p for p in parts if p) == "x" * 40_000
    assert ref.startswith(chr(ord("A") + lot_col))
    assert "1 cell held more than 32,767 characters" in summary(target)["Cut cells"]


def test_export_view_and_scan_list(world: ExcelWorld, tmp_path: Path) -> None:
    for view in View:
        target = tmp_path / f"{view.value}.xlsx"
        reporting.export_view(world.services, world.session_id, view, target, exported_by="ana")
        title = reporting.SHEET_TITLES[view]
        assert CalamineWorkbook.from_path(str(target)).sheet_names[:2] == [title, "About"]
        compare_sheet(target, title, expected_view(world, view))
        about = {r[0]: r[1] for r in calamine_rows(target, "About") if r and r[0]}
        assert about["View"] == view.title and about["Exported by"] == "ana"
    target = tmp_path / "scans.xlsx"
    reporting.export_scan_list(
        world.services, world.session_id, target, exported_by="ana", after_id=3, station="TEST-1"
    )
    expected = expected_scans(world)
    compare_sheet(target, "Scans", [expected[0]] + [r for r in expected[1:] if r[0] > 3])


def test_target_that_is_a_folder_is_refused(world: ExcelWorld, tmp_path: Path) -> None:
    folder = tmp_path / "report.xlsx"
    folder.mkdir()
    with pytest.raises(StorageError, match="it is a folder"):
        reporting.export_report(world.services, world.session_id, folder, exported_by="ana")
    assert folder.is_dir() and not list(folder.iterdir())


def test_target_in_a_missing_or_unwritable_folder_is_refused(
    world: ExcelWorld, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(StorageError, match="does not exist"):
        reporting.export_report(
            world.services, world.session_id, blocker / "r.xlsx", exported_by="ana"
        )
    assert blocker.read_text() == "a file where a folder should be"


def test_failed_replace_leaves_old_file(
    world: ExcelWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A target locked by another program (os.replace refused) keeps its old content."""
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old report")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("recon_desktop.services.safe_write.os.replace", refuse)
    with pytest.raises(StorageError, match="old file was left as it was"):
        reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    assert target.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir() if "report" in p.name) == ["report.xlsx"]


def test_cancelled_export_leaves_no_file(world: ExcelWorld, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    before = set(tmp_path.iterdir())
    temp_files = list(ALL_TEMP_FILES)
    with pytest.raises(CancelledError, match="no file was written"):
        reporting.export_report(
            world.services, world.session_id, target, exported_by="ana", cancelled=cancelled
        )
    assert not target.exists()
    assert set(tmp_path.iterdir()) == before
    assert temp_files == ALL_TEMP_FILES  # openpyxl's sheet streams were removed too


def test_cancelled_export_keeps_the_old_file(world: ExcelWorld, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    target.write_bytes(b"old report")
    with pytest.raises(CancelledError):
        reporting.export_view(
            world.services,
            world.session_id,
            View.ALL_IN_LISTING,
            target,
            exported_by="ana",
            cancelled=lambda: True,
        )
    assert target.read_bytes() == b"old report"


def test_report_of_active_session_and_big_batches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An active session says so; paging and progress work across several batches."""
    monkeypatch.setattr(reporting, "BATCH", 2)
    monkeypatch.setattr(reporting, "WIDTH_SAMPLE", 3)
    built = build_world(tmp_path / "t.sqlite3")
    try:
        world = built
        session = world.services.sessions.start(world.operator, world.lab_id, "Freezer A", "Second")
        for code in ("A002", "A003", "A004", "nope", "A002"):
            world.services.sessions.scan(world.operator, session.id, code)
        world.session_id = session.id
        target = tmp_path / "active.xlsx"
        check_report_active = reporting.export_report(
            world.services, session.id, target, exported_by="ana"
        )
        facts = summary(check_report_active)
        assert facts["Ended by"] == "(still active)"
        for view, title in reporting.SHEET_TITLES.items():
            compare_sheet(target, title, expected_view(world, view))
        compare_sheet(target, "Scans", expected_scans(world))
    finally:
        built.db.close()


needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed (apt-get install libreoffice-calc-nogui)",
)


def libreoffice_convert(source: Path, to: str, out: Path) -> Path:
    """``soffice --convert-to TO`` into ``out`` with a profile of its own; the new file."""
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{out}/lo-profile",
            "--convert-to",
            to,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        timeout=180,
        capture_output=True,
    )
    return out / f"{source.stem}.{to.split(':')[0]}"


@needs_libreoffice
def test_libreoffice_opens_the_report(world: ExcelWorld, tmp_path: Path) -> None:
    """LibreOffice opens the report and saves it again: every sheet is there, text that
    looks like a formula is still text, numbers and dates keep their types."""
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    resaved = load_workbook(
        libreoffice_convert(target, "xlsx:Calc MS Excel 2007 XML", tmp_path / "out")
    )
    assert resaved.sheetnames[:6] == SHEETS
    formulas = [
        (ws.title, c.coordinate)
        for ws in resaved.worksheets
        for row in ws.iter_rows()
        for c in row
        if c.data_type == "f"
    ]
    assert formulas == []
    values = {c.value for row in resaved["All in listing"].iter_rows() for c in row}
    assert {"=1+2", "+SUM(A1)", "-5", "@cmd", "#N/A", "=B001"} <= values
    ws = resaved["All in listing"]
    header = [c.value for c in ws[1]]
    a000 = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "A000")
    assert a000[header.index("Quantity")].value == pytest.approx(0.125)
    assert a000[header.index("Expiry")].value.date() == date(2027, 1, 1)
    assert isinstance(a000[header.index("Scanned at (UTC)")].value, datetime)


def test_quantities_are_exact_numbers(world: ExcelWorld, tmp_path: Path) -> None:
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    with zipfile.ZipFile(target) as archive:
        names = archive.namelist()
        sheet = next(
            n for n in names if n.startswith("xl/worksheets/sheet") and n.endswith("4.xml")
        )
        xml = archive.read(sheet).decode()
    assert "<v>250</v>" in xml and "<v>0.125</v>" in xml  # written from Decimal, not float
    assert Decimal("0.125") == Decimal(str(0.125))


def test_cli_export_errors(
    world: ExcelWorld, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from recon_desktop import cli

    db = str(tmp_path / "t.sqlite3")
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    code = cli.main(["--db", db, "sessions", "export", str(world.session_id), "-o", str(folder)])
    err = capsys.readouterr().err
    assert code == StorageError.exit_code
    assert "it is a folder" in err and "Traceback" not in err
    target = tmp_path / "ok.xlsx"
    assert (
        cli.main(["--db", db, "sessions", "export", str(world.session_id), "-o", str(target)]) == 0
    )
    assert CalamineWorkbook.from_path(str(target)).sheet_names[:6] == SHEETS


@pytest.mark.parametrize(
    ("zone", "told"),
    [
        (
            "Asia/Kolkata",
            "UTC+05:30 (IST): add 5 h 30 min to a time here for that computer's clock.",
        ),
        ("America/Caracas", "UTC-04:00: subtract 4 h from a time here for that computer's clock."),
        ("UTC", "UTC+00:00: the times here are also that computer's clock."),
    ],
)
def test_the_summary_states_utc_and_the_offset_where_it_was_exported(
    world: ExcelWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, zone: str, told: str
) -> None:
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        target = tmp_path / "report.xlsx"
        reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    finally:
        monkeypatch.undo()
        time.tzset()
    facts = summary(target)
    assert facts["Time zone"] == "All times in this workbook are UTC."
    assert facts["Local time where exported"] == told


def test_every_sheet_prints_landscape_fitted_to_the_width_with_its_header_row(
    world: ExcelWorld, tmp_path: Path
) -> None:
    """The page setup each sheet carries (read back by openpyxl): landscape, one page wide,
    the header row on every page, the session's name and the sheet's on top, the time of
    printing and page X of Y below."""
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, world.session_id, target, exported_by="ana")
    wb = load_workbook(target)
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        # the Summary on one page, the other sheets as many pages down as they take
        tall = 1 if ws.title == "Summary" else 0
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, tall), ws.title
        assert ws.oddHeader.left.text == "Weekly =check", ws.title
        assert ws.oddHeader.right.text == "&A", ws.title
        assert ws.oddFooter.left.text == "Printed &D &T", ws.title
        assert ws.oddFooter.right.text == "Page &P of &N", ws.title
        assert ws.print_title_rows == (None if ws.title == "Summary" else "$1:$1"), ws.title


def test_page_header_text_is_never_read_as_codes() -> None:
    assert reporting._header_text("R&D  count\n") == "R&&D count"
    long = reporting._header_text("x" * 300)
    assert len(long) == reporting.HEADER_NAME_CHARS and long.endswith("…")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [("Scan #", 8, 1), ("Raw barcode (as read, controls shown)", 14, 4), ("x" * 25, 10, 3)],
)
def test_wrapped_lines(text: str, width: int, lines: int) -> None:
    assert reporting.wrapped_lines(text, width) == lines


def test_a_bold_header_is_given_the_lines_it_prints_on(world: ExcelWorld, tmp_path: Path) -> None:
    """ "Undoes or follows scan #" in a column 9 wide prints bold on 4 lines ("Undoes",
    "or", "follows", "scan #"): the header row is 4 lines high, not the 3 plain text
    would take."""
    assert reporting.wrapped_lines("Undoes or follows scan #", 9) == 3
    # a long raw barcode widens its column: its header takes fewer lines than that one
    sessions = world.services.sessions
    info = sessions.start(world.operator, world.lab_id, "Freezer A", "Wide raw barcodes")
    sessions.scan(world.operator, info.id, "ZZ-UNKNOWN-4711")
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, info.id, target, exported_by="ana")
    ws = load_workbook(target)["Scans"]
    header = {c.value: ws.column_dimensions[c.column_letter].width for c in ws[1]}
    assert header["Undoes or follows scan #"] == 9
    assert all(
        reporting.wrapped_lines(text, width) < 4
        for text, width in header.items()
        if text != "Undoes or follows scan #"
    ), header
    assert ws.row_dimensions[1].height >= 4 * reporting.LINE_HEIGHT


@needs_libreoffice
def test_a_session_of_40_scans_prints_on_few_pages_with_labels_beside_values(
    tmp_path: Path,
) -> None:
    """A demo session of 40 scans, converted to PDF by LibreOffice: no more pages than
    its sheets plus its rows / 30 (without page setup it took 28 pages for 24 scans, its
    columns split across pages), and the whole Summary on its first page, each label
    beside its value."""
    from pypdf import PdfReader

    from recon_desktop.services import Services, demo
    from recon_desktop.store.db import open_database

    db = open_database(tmp_path / "demo.sqlite3")
    try:
        services = Services.create(db, station="BENCH-1")
        demo.seed(services, size=300)
        ana = services.auth.sign_in("ana", "246810")
        lab = services.admin.lab("Cell Biology")
        info = services.sessions.start(ana, lab.id, "Freezer A, Room 101", "Count & check")
        expected = services.sessions.view_barcodes(info.id, View.ALL_IN_LISTING)
        codes = [*expected[:30], *(f"RC{n:08d}" for n in range(1, 8)), "NO-1", "NO-2"]
        for code in [*codes, expected[0]]:
            services.sessions.scan(ana, info.id, code)
        assert len(services.sessions.scan_log(info.id)) == 40
        services.sessions.end(ana, info.id)
        target = tmp_path / "report.xlsx"
        reporting.export_report(services, info.id, target, exported_by="ana")
    finally:
        db.close()
    names = CalamineWorkbook.from_path(str(target)).sheet_names
    sheets, rows = len(names), sum(len(calamine_rows(target, name)) for name in names)
    pdf = PdfReader(libreoffice_convert(target, "pdf", tmp_path / "pdf"))
    assert len(pdf.pages) <= sheets + rows / 30, (len(pdf.pages), sheets, rows)
    first = pdf.pages[0].extract_text()
    assert "Count & check" in first and f"Page 1 of {len(pdf.pages)}" in first
    lines = first.splitlines()
    for label, value in (("Expected total", "44"), ("Local time where exported", "UTC")):
        line = next(line for line in lines if line.startswith(label))
        assert value in line, line  # the value on the label's own line, on the same page
    assert "Summary" in first and "Scans" not in first.split("Summary", 1)[0]
