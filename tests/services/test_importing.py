"""Inventory import: mapping, every bad row listed, all or nothing, history, hostile files."""

from __future__ import annotations

import sys
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from recon_desktop.core import import_rows
from recon_desktop.core.numbers import NumberMarks
from recon_desktop.core.records import Operator
from recon_desktop.errors import PermissionDeniedError, ValidationError
from recon_desktop.readers import guards
from recon_desktop.services import Services
from recon_desktop.services.importing import ImportPlan, ImportProblem, ImportService
from recon_desktop.services.safe_write import CancelledError
from recon_desktop.store import audit, bulk
from recon_desktop.store.models import HistoryEvent, InventoryItem, Location
from tests.services.excel_fixtures import FREEZER, PIN, add_item, build_lab

HEADER = [
    "Barcode",
    "Ingredient",
    "Ingredient type",
    "Location",
    "Quantity",
    "Unit",
    "Status",
    "Lot",
    "Expiry",
]


class Lab:
    def __init__(self, tmp_path: Path, target: str | None = None) -> None:
        self.db, self.services, self.operator, self.lab_id = build_lab(
            target or tmp_path / "t.sqlite3"
        )
        self.importer = ImportService(self.db, self.services.admin)
        self.tmp = tmp_path

    def plan(self, path: Path, **kwargs: Any) -> ImportPlan:
        return self.importer.plan(path, "Cell Biology", **kwargs)

    def run(self, path: Path) -> ImportPlan:
        plan = self.plan(path)
        assert plan.ok, plan.problems
        return self.importer.apply(plan, operator=self.operator)


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    made = Lab(tmp_path)
    yield made
    made.db.close()


class Formula(str):
    """A cell value written as a live formula (any other text starting with = stays text)."""


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for number, row in enumerate(rows, 1):
        ws.append(list(row))
        for column, value in enumerate(row, 1):
            if isinstance(value, str) and not isinstance(value, Formula):
                ws.cell(number, column).data_type = "s"
    wb.save(path)
    return path


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def rewrite_member(path: Path, member: str, data: bytes, *, stored: bool = False) -> None:
    with zipfile.ZipFile(path) as src:
        items = [(i, src.read(i.filename)) for i in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, content in items:
            if info.filename == member:
                content = data
            out.writestr(
                info.filename,
                content,
                compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED,
            )


def good_rows() -> list[list[Any]]:
    return [
        HEADER,
        [
            "X001",
            "Ethanol",
            "solvent",
            "Building 1/Room 101/Freezer A",
            5,
            "mL",
            "active",
            "L1",
            date(2027, 1, 31),
        ],
        [
            "X002",
            "PBS",
            "buffer",
            "Building 2 / Room 7 / Shelf 1",
            "2.5",
            "mL",
            None,
            "=lot",
            "2027-02-01",
        ],
        ["00123", "PBS", "buffer", "Building 2/Room 7", 0.125, "g", "archived", None, None],
    ]


# ---------------------------------------------------------------- mapping


def test_auto_mapping_ignores_case_spaces_and_underscores(lab: Lab) -> None:
    headers = [
        "BARCODE",
        "ingredient_name",
        "Location Path",
        "qty",
        "Expires_On",
        "Lot",
        "ingredient-type",
        "notes",
    ]
    assert lab.importer.auto_mapping(headers) == {
        "barcode": "BARCODE",
        "ingredient": "ingredient_name",
        "location": "Location Path",
        "quantity": "qty",
        "expires_on": "Expires_On",
        "lot": "Lot",
        "ingredient_type": "ingredient-type",
    }
    assert lab.importer.auto_mapping(["Expiry"]) == {"expires_on": "Expiry"}


def test_read_headers_reports_the_delimiter(lab: Lab, tmp_path: Path) -> None:
    for delimiter in (",", ";", "\t", "|"):
        path = write_csv(
            tmp_path / "d.csv",
            delimiter.join(["Barcode", "Ingredient", "Location"]) + "\nA;1|2,3\tx\n",
        )
        assert lab.importer.read_headers(path) == (["Barcode", "Ingredient", "Location"], delimiter)
    path = write_xlsx(tmp_path / "h.xlsx", [HEADER])
    assert lab.importer.read_headers(path) == (HEADER, None)


# ---------------------------------------------------------------- importing


def test_import_xlsx_creates_items_locations_and_history(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "inventory.xlsx", good_rows())
    plan = lab.plan(path)
    assert plan.ok and (plan.rows, plan.new, plan.updated, plan.unchanged) == (3, 3, 0, 0)
    assert plan.delimiter is None
    assert InventoryItem.select().count() == 0  # plan writes nothing
    interval = sys.getswitchinterval()
    lab.importer.apply(plan, operator=lab.operator)
    assert sys.getswitchinterval() == interval  # the interpreter's setting is given back
    x1 = lab.services.inventory.item_by_barcode("X001")
    assert (x1.quantity, x1.unit, x1.lot, x1.expires_on, x1.location, x1.ingredient_type) == (
        Decimal(5),
        "mL",
        "L1",
        date(2027, 1, 31),
        "Building 1/Room 101/Freezer A",
        "solvent",
    )
    x2 = lab.services.inventory.item_by_barcode("X002")
    assert (x2.quantity, x2.lot, x2.location, x2.status.value) == (
        Decimal("2.5"),
        "=lot",
        "Building 2/Room 7/Shelf 1",
        "active",
    )
    z = lab.services.inventory.item_by_barcode("00123")
    assert (z.quantity, z.status.value, z.expires_on) == (Decimal("0.125"), "archived", None)
    assert Location.get_or_none(Location.path == "Building 2/Room 7") is not None
    history = lab.services.inventory.history(x1.id)
    assert [(h.kind, h.user) for h in history] == [("created", "ana")]
    assert history[0].source == f"inventory.xlsx sha256:{plan.sha256}"
    assert audit.verify(lab.db).ok


def test_reimport_updates_by_barcode_and_records_each_change(lab: Lab, tmp_path: Path) -> None:
    lab.run(write_xlsx(tmp_path / "first.xlsx", good_rows()))
    rows = good_rows()
    rows[1][4] = 7  # quantity 5 → 7
    rows[1][3] = "Building 1/Room 101/Freezer B"  # new location
    rows[1][7] = "L9"
    rows[2][8] = "2027-03-01"
    path = write_xlsx(tmp_path / "second.xlsx", rows)
    plan = lab.plan(path)
    assert (plan.new, plan.updated, plan.unchanged, plan.changes) == (0, 2, 1, 4)
    lab.importer.apply(plan, operator=lab.operator)
    x1 = lab.services.inventory.item_by_barcode("X001")
    assert (x1.quantity, x1.location, x1.lot) == (Decimal(7), "Building 1/Room 101/Freezer B", "L9")
    changes = [
        (h.kind, h.field, h.old_value, h.new_value, h.source)
        for h in lab.services.inventory.history(x1.id)
    ][1:]
    source = f"second.xlsx sha256:{plan.sha256}"
    assert sorted(changes) == sorted(
        [
            (
                "imported",
                "location",
                "Building 1/Room 101/Freezer A",
                "Building 1/Room 101/Freezer B",
                source,
            ),
            ("imported", "quantity", "5", "7", source),
            ("imported", "lot", "L1", "L9", source),
        ]
    )
    x2 = lab.services.inventory.item_by_barcode("X002")
    assert [(h.field, h.old_value, h.new_value) for h in lab.services.inventory.history(x2.id)][
        1:
    ] == [("expiry", "2027-02-01", "2027-03-01")]
    assert x1.version == 2
    # the same file again changes nothing
    again = lab.run(path)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 3)
    assert audit.verify(lab.db).ok


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(lab: Lab, tmp_path: Path) -> None:
    rows = good_rows()
    rows.extend(
        [
            ["", "Ethanol", None, "B/R", 1, "mL", None, None, None],
            ["X010", "", None, "B/R", 1, "mL", None, None, None],
            ["X011", "Ethanol", None, "", 1, "mL", None, None, None],
            ["X012", "Ethanol", None, "B/R", "lots", "mL", None, None, None],
            ["X013", "Ethanol", None, "B/R", -1, "mL", None, None, None],
            ["X014", "Ethanol", None, "B/R", 1, "mL", "lost", None, None],
            ["X015", "Ethanol", None, "B/R", 1, "mL", None, None, "31/01/2027"],
            ["X001", "Ethanol", None, "B/R", 1, "mL", None, None, None],
            ["X016", "Eth␇anol", None, "B/R", 1, "mL", None, "L\u0085X", None],
            ["X017", "Ethanol", None, "B/R", 1, "mL", None, None, 46000],
        ]
    )
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    plan = lab.plan(path)
    assert not plan.ok
    by_row = {(p.row, p.column): p.reason for p in plan.problems}
    assert by_row.keys() == {
        (5, "Barcode"),
        (6, "Ingredient"),
        (7, "Location"),
        (8, "Quantity"),
        (9, "Quantity"),
        (10, "Status"),
        (11, "Expiry"),
        (12, "Barcode"),
        (13, "Lot"),
        (14, "Expiry"),
    }
    assert "empty" in by_row[(5, "Barcode")]
    assert "also on row 2" in by_row[(12, "Barcode")]
    assert "negative" in by_row[(9, "Quantity")]
    assert "YYYY-MM-DD" in by_row[(11, "Expiry")]
    assert "control characters" in by_row[(13, "Lot")]
    assert "not a date" in by_row[(14, "Expiry")]
    assert str(plan.problems[0]).startswith("Row ")
    with pytest.raises(ValidationError, match="nothing was imported"):
        lab.importer.apply(plan, operator=lab.operator)
    assert InventoryItem.select().count() == 0
    assert HistoryEvent.select().count() == 0


def test_failure_while_writing_rolls_everything_back(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = lab.plan(write_xlsx(tmp_path / "inventory.xlsx", good_rows()))
    locations = Location.select().count()

    real = audit.chain_columns
    calls = []

    def broken(*args: Any) -> Any:  # the second batch of history events fails
        calls.append(1)
        if len(calls) == 2:
            raise ValidationError("history could not be written")
        return real(*args)

    monkeypatch.setattr(audit, "chain_columns", broken)
    monkeypatch.setattr(bulk, "_max_parameters", lambda db: 32)  # 2 rows a statement
    with pytest.raises(ValidationError, match="history could not be written"):
        lab.importer.apply(plan, operator=lab.operator)
    assert len(calls) == 2  # items and a first batch of history had been written
    assert InventoryItem.select().count() == 0
    assert HistoryEvent.select().count() == 0
    assert Location.select().count() == locations
    assert audit.verify(lab.db).ok
    lab.importer.apply(plan, operator=lab.operator)  # and the chain head was not moved
    assert audit.verify(lab.db).ok


def test_formula_cells_are_refused(lab: Lab, tmp_path: Path) -> None:
    rows = good_rows()
    rows[1][4] = Formula("=2+3")
    rows[2][0] = Formula('="X"&"002"')
    path = write_xlsx(tmp_path / "formula.xlsx", rows)
    plan = lab.plan(path)
    problems = {(p.row, p.column): p.reason for p in plan.problems}
    assert set(problems) == {(2, "Quantity"), (3, "Barcode")}
    assert "E2 holds a formula" in problems[(2, "Quantity")]
    assert "never evaluated" in problems[(3, "Barcode")]


def test_barcodes_that_arrived_as_numbers(lab: Lab, tmp_path: Path) -> None:
    freezer = lab.services.admin.location(FREEZER)
    ethanol = lab.services.admin.ensure_ingredient(lab.operator, "Ethanol")
    add_item(lab.lab_id, "000777", freezer.id, ethanol)
    rows = [
        HEADER[:4],
        [1234567890123456789, "Ethanol", None, FREEZER],  # > 15 digits
        [777, "Ethanol", None, FREEZER],  # the lab has 000777
        [1.5, "Ethanol", None, FREEZER],  # not an integer
        ["004411", "Ethanol", None, FREEZER],  # text: fine
        [4412, "Ethanol", None, FREEZER],  # shorter than the file's 6-digit text barcodes
        [123456, "Ethanol", None, FREEZER],  # a plain number of the usual length: accepted
    ]
    plan = lab.plan(write_xlsx(tmp_path / "numbers.xlsx", rows))
    reasons = {p.row: p.reason for p in plan.problems}
    assert set(reasons) == {2, 3, 4, 6}
    assert "more than 15 digits" in reasons[2]
    assert "000777 exists" in reasons[3] and "leading zeros" in reasons[3]
    assert "not as text" in reasons[4]
    assert "leading zeros" in reasons[6]


def test_barcode_of_another_lab_is_refused(lab: Lab, tmp_path: Path) -> None:
    other = lab.services.admin.add_lab(lab.operator, "Chemistry")
    freezer = lab.services.admin.location(FREEZER)
    add_item(
        other.id, "X001", freezer.id, lab.services.admin.ensure_ingredient(lab.operator, "Ethanol")
    )
    plan = lab.plan(write_xlsx(tmp_path / "i.xlsx", good_rows()))
    assert [(p.row, p.column) for p in plan.problems] == [(2, "Barcode")]
    assert "lab Chemistry" in plan.problems[0].reason


def test_changed_file_after_check_is_refused(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "i.xlsx", good_rows())
    plan = lab.plan(path)
    write_xlsx(path, good_rows()[:2])
    with pytest.raises(ValidationError, match="changed since it was checked"):
        lab.importer.apply(plan, operator=lab.operator)
    assert InventoryItem.select().count() == 0


def test_viewer_may_not_import(lab: Lab, tmp_path: Path) -> None:
    lab.services.admin.add_user(lab.operator, "vic", "112233", lab="Cell Biology", role="viewer")
    viewer = lab.services.auth.sign_in("vic", "112233")
    plan = lab.plan(write_xlsx(tmp_path / "i.xlsx", good_rows()))
    with pytest.raises(PermissionDeniedError, match="vic cannot import"):
        lab.importer.apply(plan, operator=viewer)


def test_apply_without_cached_rows_reads_again(lab: Lab, tmp_path: Path) -> None:
    plan = lab.plan(write_xlsx(tmp_path / "i.xlsx", good_rows()))
    plan._parsed = []
    lab.importer.apply(plan, operator=Operator(lab.operator.user_id, "ana", "CLI"))
    assert InventoryItem.select().count() == 3


def test_cancelled_plan(lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [HEADER[:4]] + [[f"C{n:05d}", "Ethanol", None, FREEZER] for n in range(6000)]
    path = write_xlsx(tmp_path / "big.xlsx", rows)
    with pytest.raises(CancelledError, match="nothing was imported"):
        lab.plan(path, cancelled=lambda: True)


# ---------------------------------------------------------------- csv


def test_csv_with_and_without_bom_and_other_delimiters(lab: Lab, tmp_path: Path) -> None:
    text = "barcode;ingredient;location;quantity\nC1;Éthanol;Bâtiment 1/Salle 2;1,5\n"
    with_bom = write_csv(tmp_path / "bom.csv", "\ufeff" + text)
    plan = lab.plan(with_bom)
    assert plan.ok and plan.delimiter == ";" and plan.delimiter_name == "semicolon"
    assert plan.mapping["barcode"] == "barcode"  # the BOM is not part of the first header
    lab.importer.apply(plan, operator=lab.operator)
    item = lab.services.inventory.item_by_barcode("C1")
    assert (item.ingredient, item.quantity) == ("Éthanol", Decimal("1.5"))
    tabbed = write_csv(tmp_path / "tab.csv", text.replace(";", "\t").replace("C1", "C2"))
    assert lab.plan(tabbed).delimiter == "\t"


def test_csv_in_another_encoding(lab: Lab, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "latin.csv", "barcode,ingredient,location\nL1,Éthanol,Bâtiment 1\n", "cp1252"
    )
    with pytest.raises(ValidationError, match=r"not utf-8 text .* choose its encoding"):
        lab.plan(path)
    plan = lab.plan(path, encoding="cp1252")
    assert plan.ok and plan.encoding == "cp1252"
    with pytest.raises(ValidationError, match="not a known text encoding"):
        lab.plan(path, encoding="klingon")


def test_csv_barcodes_are_text(lab: Lab, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "z.csv", "barcode,ingredient,location\n000123,E,B/R\n")
    lab.run(path)
    assert lab.services.inventory.item_by_barcode("000123").barcode == "000123"


def test_chosen_mapping(lab: Lab, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", "Code article,Produit,Emplacement\nM1,E,B/R\n")
    with pytest.raises(ValidationError, match="no barcode or ingredient or location column"):
        lab.plan(path)
    plan = lab.plan(
        path,
        mapping={"barcode": "Code article", "ingredient": "Produit", "location": "Emplacement"},
    )
    assert plan.ok and plan.new == 1


# ---------------------------------------------------------------- hostile files


def refused(lab: Lab, path: Path, match: str) -> None:
    with pytest.raises(ValidationError, match=match):
        lab.plan(path)


def test_not_a_zip(lab: Lab, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_text("barcode,ingredient\n")
    refused(lab, path, "not an .xlsx workbook .it is not a zip file")


def test_truncated(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "t.xlsx", good_rows())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    refused(lab, path, "damaged or truncated")


def test_encrypted(lab: Lab, tmp_path: Path) -> None:
    path = tmp_path / "secret.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))
    refused(lab, path, "password-protected .encrypted.")


def test_entity_bomb(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", good_rows())
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (n, b"&lol%d;" % (n - 1) * 10 if n else b"&lol;")
            for n in range(1, 10)
        )
        + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c>'
        b"</row></sheetData></worksheet>"
    )
    rewrite_member(path, "xl/worksheets/sheet1.xml", bomb)
    refused(lab, path, "XML entity declarations")


def test_entity_bomb_in_workbook_part(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "bomb.xlsx", good_rows())
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml")
    # the declaration further in than the prologue check looks is still caught by defusedxml
    padded = (
        b"<?xml version='1.0'?><!--"
        + b" " * 70_000
        + b'--><!DOCTYPE x [<!ENTITY a "b">]>'
        + workbook.split(b"?>", 1)[-1]
    )
    rewrite_member(path, "xl/workbook.xml", padded)
    refused(lab, path, "XML entity declarations")


def test_zip_bomb(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "zbomb.xlsx", good_rows())
    huge = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b" " * (40 * 1024 * 1024)
        + b"</worksheet>"
    )
    rewrite_member(path, "xl/worksheets/sheet1.xml", huge)
    assert path.stat().st_size < 200_000
    refused(lab, path, "would inflate to 40 MB .*zip bomb")


def test_sheet_claiming_a_million_rows(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "million.xlsx", good_rows())
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    import re

    sheet = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:I1048576"', sheet)
    rewrite_member(path, "xl/worksheets/sheet1.xml", sheet)
    assert path.stat().st_size < 10_000
    refused(lab, path, "claims 1,048,576 rows; at most 500,000")


@pytest.mark.parametrize("alongside", [True, False])
def test_the_reader_starts_only_after_the_checks_that_bound_its_work(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, alongside: bool
) -> None:
    """calamine reads a sheet of bounded size while it is scanned for rows and formulas,
    and a bigger one only after; never one the zip directory or the claimed dimension
    already refused. A lying declared size is refused either way."""
    import python_calamine

    if not alongside:
        monkeypatch.setattr(guards, "ALONGSIDE_BYTES", 0)
    reads: list[str] = []
    real = python_calamine.CalamineWorkbook.from_path

    def counted(path: str) -> Any:
        reads.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", counted)
    good = write_xlsx(tmp_path / "good.xlsx", good_rows())
    assert lab.plan(good).ok and reads == ["good.xlsx"]
    claims = write_xlsx(tmp_path / "claims.xlsx", good_rows())
    with zipfile.ZipFile(claims) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    import re

    rewrite_member(
        claims,
        "xl/worksheets/sheet1.xml",
        re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:I1048576"', sheet),
    )
    refused(lab, claims, "claims 1,048,576 rows")
    formula = write_xlsx(
        tmp_path / "formula.xlsx", [*good_rows(), ["F1", "E", None, FREEZER, Formula("=1+1")]]
    )
    assert "holds a formula" in lab.plan(formula).problems[0].reason
    lying = write_xlsx(tmp_path / "lying.xlsx", good_rows())
    declare_smaller(lying, "xl/worksheets/sheet1.xml")
    refused(lab, lying, "damaged or truncated|cannot be read")
    assert reads[0] == "good.xlsx" and "claims.xlsx" not in reads
    if not alongside:  # (beside the scan, the reader may or may not have started by now)
        assert "lying.xlsx" not in reads


def declare_smaller(path: Path, member: str) -> None:
    """Make the zip directory (and local header) declare ``member`` smaller than it is."""
    import struct

    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    small = max(info.file_size // 4, 1)
    struct.pack_into("<I", data, info.header_offset + 22, small)
    name = member.encode()
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + length] == name:
            struct.pack_into("<I", data, at + 24, small)
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def test_too_many_rows(lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_rows, "MAX_ROWS", 5)
    rows = [HEADER[:4]] + [[f"R{n}", "E", None, FREEZER] for n in range(8)]
    path = write_xlsx(tmp_path / "rows.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    import re

    rewrite_member(
        path, "xl/worksheets/sheet1.xml", re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", sheet)
    )  # no honest dimension
    refused(lab, path, "more than 5 rows")
    csv_path = write_csv(
        tmp_path / "rows.csv",
        "barcode,ingredient,location\n" + "".join(f"R{n},E,B/R\n" for n in range(8)),
    )
    refused(lab, csv_path, "more than 5 rows")


def test_empty_sheet_and_header_only(lab: Lab, tmp_path: Path) -> None:
    refused(lab, write_xlsx(tmp_path / "empty.xlsx", []), "is empty")
    refused(lab, write_xlsx(tmp_path / "header.xlsx", [HEADER]), "no rows to import")
    empty_csv = tmp_path / "empty.csv"
    empty_csv.write_bytes(b"")
    refused(lab, empty_csv, "is empty")
    refused(lab, write_csv(tmp_path / "blank.csv", "\n\n"), "is empty")


def test_missing_barcode_column(lab: Lab, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "nobarcode.xlsx", [["Ingredient", "Location"], ["E", "B/R"]])
    refused(lab, path, "no barcode column .its columns: 'Ingredient', 'Location'.")


def test_binary_garbage_named_csv(lab: Lab, tmp_path: Path) -> None:
    path = tmp_path / "garbage.csv"
    path.write_bytes(zlib.compress(bytes(range(256)) * 50))
    with pytest.raises(ValidationError):
        lab.plan(path)


def test_problems_are_printable(lab: Lab) -> None:
    assert str(ImportProblem(4, "Quantity", "the quantity must be a number")) == (
        "Row 4, Quantity: the quantity must be a number"
    )


@pytest.mark.postgres
def test_import_and_reimport_on_postgres(postgres_url: str, tmp_path: Path) -> None:
    made = Lab(tmp_path, postgres_url)
    try:
        made.run(write_xlsx(tmp_path / "first.xlsx", good_rows()))
        rows = good_rows()
        rows[1][4] = 9
        plan = made.run(write_xlsx(tmp_path / "second.xlsx", rows))
        assert (plan.updated, plan.changes) == (1, 1)
        x1 = made.services.inventory.item_by_barcode("X001")
        assert x1.quantity == Decimal(9)
        assert audit.verify(made.db).ok
        # a barcode that arrived as a number: the lab has 00123, so zeros were lost
        lost = made.plan(
            write_xlsx(tmp_path / "lost.xlsx", [HEADER[:4], [123, "PBS", None, FREEZER]])
        )
        assert [p.row for p in lost.problems] == [2]
        assert "00123 exists" in lost.problems[0].reason
    finally:
        made.db.close()


@pytest.mark.postgres
def test_a_large_import_on_postgres_streams_rows_and_refreshes_statistics(
    postgres_url: str, tmp_path: Path
) -> None:
    """Rows go to the server with COPY; afterwards the planner knows how big the table is
    (stale statistics made a re-import look every barcode up with a full scan)."""
    made = Lab(tmp_path, postgres_url)
    try:
        rows = [f"P{n:05d};PBS;{FREEZER}/Box {n % 7};{n % 9 + 1};mL" for n in range(1_500)]
        path = write_csv(
            tmp_path / "big.csv",
            "Barcode;Ingredient;Location;Quantity;Unit\n" + "\n".join(rows) + "\n",
        )
        plan = made.run(path)
        assert plan.new == 1_500
        estimated = made.db.execute_sql(
            "SELECT reltuples FROM pg_class WHERE relname = 'inventory_item'"
        ).fetchone()[0]
        assert estimated >= 1_500
        again = made.plan(path)
        assert (again.new, again.unchanged) == (0, 1_500)
        assert made.services.inventory.item_by_barcode("P01499").quantity == Decimal(6)
        assert audit.verify(made.db).ok
    finally:
        made.db.close()


def test_services_container_is_untouched() -> None:
    """The import service is built from the container's parts (the CLI and window wire it)."""
    assert "db" in Services.__dataclass_fields__


def test_no_other_program_can_add_an_item_while_an_import_holds_its_ids(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new items' ids are reserved before their rows are written: another program
    (a second window on the same file) must not be able to insert an item in between."""
    import sqlite3

    plan = lab.plan(write_xlsx(tmp_path / "inventory.xlsx", good_rows()))
    real = bulk.reserve_ids
    other: list[str] = []

    def reserve_then_try_another_insert(db: Any, count: int) -> list[int]:
        ids = real(db, count)
        second = sqlite3.connect(str(lab.db.database), timeout=0)
        try:
            second.execute(
                "INSERT INTO inventory_item (barcode, ingredient_id, lab_id, "
                "location_id, quantity, unit, status, version, created_at) "
                "SELECT 'OTHER', ingredient_id, lab_id, location_id, 0, '', "
                "'active', 1, created_at FROM inventory_item LIMIT 1"
            )
            second.commit()
            other.append("inserted")
        except sqlite3.OperationalError as exc:
            other.append(str(exc))
        finally:
            second.close()
        return ids

    add_item(
        lab.lab_id,
        "EXISTING",
        lab.services.admin.location(FREEZER).id,  # to copy
        lab.services.admin.ensure_ingredient(lab.operator, "Ethanol"),
    )
    monkeypatch.setattr(bulk, "reserve_ids", reserve_then_try_another_insert)
    lab.importer.apply(plan, operator=lab.operator)
    assert other == ["database is locked"]
    assert InventoryItem.select().count() == 1 + 3
    assert audit.verify(lab.db).ok


def test_summary_groups_thousands() -> None:
    plan = ImportPlan(
        path=Path("inventory.csv"),
        sha256="",
        delimiter=";",
        encoding="utf-8",
        headers=[],
        mapping={},
        rows=100_000,
        new=98_500,
        updated=1_200,
        unchanged=300,
        problems=[],
        changes=2_400,
    )
    assert plan.summary() == (
        "inventory.csv (semicolon-separated): 100,000 rows: 98,500 "
        "new, 1,200 updated (2,400 field changes), 300 unchanged."
    )


def test_a_german_file_reads_1_000_as_a_thousand(lab: Lab, tmp_path: Path) -> None:
    """With the locale's marks (German: a decimal comma, a thousands point), "1.000 g" is
    a thousand grams, never one; without them the same file is refused with the reason."""
    path = write_csv(
        tmp_path / "de.csv",
        "Barcode;Ingredient;Location;Quantity\n"
        f"D1;PBS;{FREEZER};1.000\nD2;PBS;{FREEZER};2,5\nD3;PBS;{FREEZER};1.234,75\n",
    )
    refused = lab.plan(path)
    assert [(p.row, p.reason[:40]) for p in refused.problems] == [
        (2, "the quantity '1.000' could be 1000 (a th"),
        (4, "the quantity '1.234,75' has more than on"),
    ]
    plan = lab.plan(path, marks=NumberMarks(",", "."))
    assert plan.ok, plan.problems
    lab.importer.apply(plan, operator=lab.operator)
    quantities = {
        code: lab.services.inventory.item_by_barcode(code).quantity for code in ("D1", "D2", "D3")
    }
    assert quantities == {"D1": Decimal(1000), "D2": Decimal("2.5"), "D3": Decimal("1234.75")}


def test_a_quantity_that_could_mean_two_things_is_refused(lab: Lab, tmp_path: Path) -> None:
    """'1,000' in a CSV could be a thousand or one: the row is refused with the reason
    instead of importing one of them; a plain decimal comma is read as a point."""
    path = write_csv(
        tmp_path / "q.csv",
        "Barcode;Ingredient;Location;Quantity\n"
        f"Q1;PBS;{FREEZER};2,5\nQ2;PBS;{FREEZER};1,000\nQ3;PBS;{FREEZER};1.000,5\n",
    )
    plan = lab.plan(path)
    problems = {(p.row, p.column): p.reason for p in plan.problems}
    assert set(problems) == {(3, "Quantity"), (4, "Quantity")}
    assert problems[(3, "Quantity")].startswith(
        "the quantity '1,000' could be 1000 (a thousands separator) or 1 (a decimal mark)"
    )
    assert "more than one separator" in problems[(4, "Quantity")]
    fixed = write_csv(
        tmp_path / "fixed.csv",
        f"Barcode;Ingredient;Location;Quantity\nQ1;PBS;{FREEZER};2,5\nQ2;PBS;{FREEZER};1000\n",
    )
    lab.run(fixed)
    assert lab.services.inventory.item_by_barcode("Q1").quantity == Decimal("2.5")
    assert lab.services.inventory.item_by_barcode("Q2").quantity == Decimal(1000)


def test_history_hashing_follows_the_audit_module(
    lab: Lab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the audit module hashed rows differently, the import would follow it (and the
    chain would still verify) instead of writing its own idea of a hash."""
    real = audit.row_hash

    def changed(chain: Any, prev: str, seq: int, values: Any) -> str:
        if chain.table != "history_event":  # the set-up's audit events were hashed before
            return real(chain, prev, seq, values)
        return real(chain, prev + "!", seq, values)

    monkeypatch.setattr(audit, "row_hash", changed)
    lab.run(write_xlsx(tmp_path / "i.xlsx", good_rows()))
    assert audit.verify(lab.db).ok
    monkeypatch.setattr(audit, "row_hash", real)
    assert not audit.verify(lab.db).ok  # proves the changed hash was the one written


# ---------------------------------------------------------------- command line


def test_cli_import_errors_and_dry_run(
    lab: Lab, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from recon_desktop import cli

    db = str(tmp_path / "t.sqlite3")  # the lab's: ana is its admin
    monkeypatch.setenv("RECON_PIN", PIN)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    assert cli.main(["--db", db, "import", str(fake), "--lab", "Cell Biology"]) == 2
    err = capsys.readouterr().err
    assert "needs a signed-in admin" in err and "--user" in err
    admin = ["--user", "ana"]
    assert cli.main(["--db", db, "import", str(fake), "--lab", "Cell Biology", *admin]) == 2
    err = capsys.readouterr().err
    assert "not an .xlsx workbook" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1

    bad = write_xlsx(
        tmp_path / "bad.xlsx", [HEADER[:4], ["", "E", None, FREEZER], ["B2", "E", None, ""]]
    )
    assert cli.main(["--db", db, "import", str(bad), "--lab", "Cell Biology", *admin]) == 2
    err = capsys.readouterr().err
    assert "row 2, column Barcode" in err and "row 3, column Location" in err

    good = write_xlsx(tmp_path / "good.xlsx", good_rows())
    assert (
        cli.main(["--db", db, "import", str(good), "--lab", "Cell Biology", "--dry-run", *admin])
        == 0
    )
    assert "3 new" in capsys.readouterr().out
    assert InventoryItem.select().count() == 0
    assert cli.main(["--db", db, "import", str(good), "--lab", "Cell Biology", *admin]) == 0
    assert InventoryItem.select().count() == 3


def test_formula_in_a_sheet_with_prefixed_elements(lab: Lab, tmp_path: Path) -> None:
    """Some writers spell every element with a namespace prefix (<x:c>, <x:f>)."""
    import re

    rows = good_rows()
    rows[2][4] = Formula("=1+1")
    path = write_xlsx(tmp_path / "prefixed.xlsx", rows)
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    sheet = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", sheet)
    sheet = sheet.replace(
        b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        b'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
    )
    rewrite_member(path, "xl/worksheets/sheet1.xml", sheet)
    plan = lab.plan(path)
    assert [(p.row, p.column) for p in plan.problems] == [(3, "Quantity")]
    assert plan.rows == 3
