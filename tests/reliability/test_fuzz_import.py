"""Fuzzing the inventory importer with hypothesis-made CSV files.

Whatever the file holds, ``ImportService.plan`` either lists problems or is ok, and raises
nothing but ReconError sentences. A file that is ok imports, and every value reads back as
it was written in the file, after the documented clean-up: surrounding whitespace is
trimmed, an ingredient name's runs of whitespace become one space (as every name), an
ingredient's type is the one any of its rows gives, location paths are split at ``/`` with
each part's whitespace collapsed, statuses are lower case. Importing the same file again
changes nothing.
"""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import peewee as pw
import pytest
from hypothesis import HealthCheck, assume, event, given, reject, settings
from hypothesis import strategies as st

from recon_desktop.core.barcodes import normalise
from recon_desktop.core.locations import split_path
from recon_desktop.core.quantities import parse_quantity
from recon_desktop.core.records import Operator
from recon_desktop.errors import ReconError, ValidationError
from recon_desktop.services import Services
from recon_desktop.services.importing import ImportService
from recon_desktop.store.db import open_database
from tests.reliability import examples

ROOT = Operator(1, "root", "FUZZ")  # each database's first admin (made by the template)

AIM_PREFIX = re.compile(r"\s*\][A-Za-z][0-9]")
HEADER = [
    "Barcode",
    "Ingredient",
    "Location",
    "Quantity",
    "Unit",
    "Lot",
    "Expiry",
    "Status",
    "Type",
]
FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://example.com","x")',
    "+1",
    "-1",
    "@SUM(A1:A2)",
    "=cmd|' /C calc'!A0",
    "\t=1+1",
    "'=1+1",
]
ODD = [
    "",
    " ",
    "  x  ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\x00",
    "\x1d",
    "\x7f",
    "\x85",
    "\r",
    "\n",
    "\r\n",
    "\t",
    '"',
    '""',
    ",",
    ";",
    "é",
    "𝔘",
    "ß",
    "İ",
    "/",
    "\\",
    "a//b",
    " / ",
    "Ethanol  70%",
    "x\u2028y",
]
NUMBERS = [
    "0",
    "1",
    "2.5",
    "1,5",
    "-1",
    "1e3",
    "1E-7",
    "0.000001",
    "0.0000001",
    "9" * 19,
    "9" * 40,
    "1e30",
    "1e400",
    "1e999999999",
    "NaN",
    "inf",
    "0x1A",
    "1 000",
    "١٢",
]
DATES = [
    "2026-01-31",
    "2026-02-30",
    "31/01/2026",
    "2026-01-31T10:00",
    "2026-01-31 10:00",
    "0001-01-01",
    "9999-12-31",
    "today",
]


def cells() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=20),
        st.sampled_from(FORMULAS),
        st.sampled_from(ODD),
        st.sampled_from(NUMBERS),
        st.sampled_from(DATES),
        st.sampled_from(["active", "Archived", "ARCHIVED ", "deleted"]),
        st.integers().map(str),
        st.floats().map(str),
        st.dates().map(str),
        st.lists(st.sampled_from([*ODD, *FORMULAS, "a", "Box 1"]), max_size=4).map("".join),
    )


def good_cells(field: str) -> st.SearchStrategy[str]:
    """Values that pass the checks often, so that imports actually happen."""
    words = st.text(
        st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=12
    )
    return {
        "Barcode": st.one_of(words, st.from_regex(r"[A-Z]{2}[0-9]{6}", fullmatch=True)),
        "Ingredient": st.one_of(
            words,
            st.sampled_from(["Ethanol", " Ethanol ", "=1+1", "Ethanol  70%", "Ethanol\u00a070%"]),
        ),
        "Location": st.lists(words, min_size=1, max_size=3).map("/".join),
        "Quantity": st.one_of(
            st.just(""),
            st.decimals(0, 10**6, places=3).map(str),
            st.sampled_from(["1,5", "1e3", " 7 ", "999999999999.999999"]),
        ),
        "Unit": st.one_of(st.just(""), st.sampled_from(["mL", "µL", "g", " vial "]), words),
        "Lot": st.one_of(st.just(""), words, st.sampled_from(FORMULAS)),
        "Expiry": st.one_of(
            st.just(""),
            st.dates(date(2000, 1, 1)).map(str),
            st.sampled_from(["2026-01-31T10:00", "2026-01-31 10:00"]),
        ),
        "Status": st.sampled_from(["", "active", "archived", "Active", " ARCHIVED "]),
        "Type": st.one_of(st.just(""), words),
    }[field]


rows_anything = st.lists(st.lists(cells(), max_size=len(HEADER) + 2), max_size=6)
row_good = st.tuples(*(good_cells(h) for h in HEADER)).map(list)
rows_mostly_good = st.one_of(
    st.lists(row_good, min_size=1, max_size=6, unique_by=lambda r: r[0].strip()),
    st.lists(
        st.one_of(row_good, st.just([]), st.lists(cells(), max_size=len(HEADER))),
        min_size=1,
        max_size=6,
    ),
)


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    """Every cell a text cell (a cell typed "=1+1" stays text, as in a column formatted as
    Text); text an .xlsx file cannot hold is not a file anyone can give us."""
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook()
    sheet = workbook.active
    for number, row in enumerate([header, *rows], 1):
        for column, value in enumerate(row, 1):
            try:
                cell = sheet.cell(number, column, value)
            except IllegalCharacterError:
                reject()
            cell.data_type = "s"
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database with one lab, made once and copied for every example."""
    path = tmp_path_factory.mktemp("import-template") / "recon.sqlite3"
    db = open_database(path)
    Services.create(db, station="FUZZ").admin.create_first_admin("Cell Biology", "root", "999111")
    db.close()
    return path


@pytest.fixture(scope="module")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pw.Database]:
    """For checks that write nothing."""
    db = open_database(tmp_path_factory.mktemp("import-shared") / "recon.sqlite3")
    Services.create(db, station="FUZZ").admin.create_first_admin("Cell Biology", "root", "999111")
    yield db
    db.close()


def fresh_database(template: Path, folder: Path) -> pw.Database:
    path = folder / "recon.sqlite3"
    shutil.copyfile(template, path)
    return open_database(path, create=False)


def expected_text(cell: str) -> str | None:
    return cell.strip() or None


def expected_row(row: list[str]) -> dict[str, object]:
    padded = (row + [""] * len(HEADER))[: len(HEADER)]
    cell = dict(zip(HEADER, padded, strict=True))
    quantity = cell["Quantity"].strip()
    expiry = cell["Expiry"].strip()
    return {
        "barcode": cell["Barcode"].strip(),
        "ingredient": " ".join(cell["Ingredient"].split()),
        "location": "/".join(split_path(cell["Location"])),
        "quantity": parse_quantity(quantity) if quantity else Decimal(0),
        "unit": cell["Unit"].strip(),
        "lot": expected_text(cell["Lot"]),
        "expires_on": date.fromisoformat(expiry[:10]) if expiry else None,
        "status": cell["Status"].strip().lower() or "active",
    }


def stored_rows(db: pw.Database) -> dict[str, dict[str, object]]:
    rows = db.execute_sql(
        "SELECT i.barcode, g.name, l.path, i.quantity, i.unit, i.lot, i.expires_on, i.status, "
        "g.type FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
        "JOIN location l ON l.id = i.location_id"
    ).fetchall()
    return {
        r[0]: {
            "barcode": r[0],
            "ingredient": r[1],
            "location": r[2],
            "quantity": Decimal(r[3]) / 10**6,
            "unit": r[4],
            "lot": r[5],
            "expires_on": date.fromisoformat(r[6]) if r[6] else None,
            "status": r[7],
            "type": r[8],
        }
        for r in rows
    }


@settings(max_examples=examples(100), deadline=None)
@given(
    data=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)),
    suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".tsv"]),
)
def test_any_bytes_get_problems_or_a_sentence(
    shared_db: pw.Database, data: bytes, suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"inventory{suffix}"
        path.write_bytes(data)
        importer = ImportService(shared_db, Services.create(shared_db, station="FUZZ").admin)
        try:
            plan = importer.plan(path, "Cell Biology")
        except ReconError as exc:
            assert str(exc).strip()
            return
        assert plan.ok or all(str(p) for p in plan.problems)


@settings(max_examples=examples(100), deadline=None)
@given(
    header=st.one_of(st.just(HEADER), st.lists(st.sampled_from([*HEADER, "", "x"]), max_size=10)),
    rows=rows_anything,
)
def test_any_cells_get_problems_or_a_sentence(
    shared_db: pw.Database, header: list[str], rows: list[list[str]]
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "inventory.csv", header, rows)
        importer = ImportService(shared_db, Services.create(shared_db, station="FUZZ").admin)
        try:
            plan = importer.plan(path, "Cell Biology")
        except ReconError as exc:
            assert str(exc).strip()
            return
        for problem in plan.problems:
            assert problem.reason and problem.column is not None


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.one_of(rows_mostly_good, rows_anything), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_imported_values_read_back_as_given(
    template: Path, rows: list[list[str]], suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write = write_csv if suffix == ".csv" else write_xlsx
        path = write(Path(folder) / f"inventory{suffix}", HEADER, rows)
        db = fresh_database(template, Path(folder))
        try:
            importer = ImportService(db, Services.create(db, station="FUZZ").admin)
            try:
                plan = importer.plan(path, "Cell Biology")
            except ReconError:
                return
            event("checked ok" if plan.ok else "problems found")
            assume(plan.ok)
            importer.apply(plan, operator=ROOT)
            given_rows = [r for r in rows if any(c.strip() for c in r)]
            stored = stored_rows(db)
            assert len(stored) == len(given_rows) == plan.new
            types: dict[object, str] = {}  # an ingredient's type, from any row that gives it
            for row in given_rows:
                given_type = (row + [""] * len(HEADER))[HEADER.index("Type")].strip()
                if given_type:
                    types.setdefault(expected_row(row)["ingredient"], given_type)
            for row in given_rows:
                wanted = expected_row(row)
                wanted["type"] = types.get(wanted["ingredient"])
                assert stored[wanted["barcode"]] == wanted  # type: ignore[index]
            for barcode in stored:
                # a scanner's text for that label finds the item (known limit: a barcode
                # that itself begins with an AIM symbology prefix such as "]C1")
                if not AIM_PREFIX.match(barcode):
                    scanned = normalise(barcode)
                    assert scanned is not None and barcode in scanned.candidates
            again = importer.plan(path, "Cell Biology")
            assert again.ok and (again.new, again.updated, again.changes) == (0, 0, 0), (
                "importing the same file again would change items"
            )
        finally:
            db.close()


@pytest.mark.parametrize(
    "text",
    [
        "1e999999999",  # raised decimal.Overflow
        "1.00000000000000000000000000001",  # was stored as 1: rounded to 28 digits
        "0.1000000000000000000000000000001",
        "1e-999999999",  # was stored as 0
        "1E28",
        "9223372036855",
    ],
)
def test_quantities_found_by_fuzzing_are_refused(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_quantity(text)


def test_a_quantity_that_cannot_be_stored_is_a_row_problem(template: Path, tmp_path: Path) -> None:
    rows = [
        ["A1", "Ethanol", "Room 1", "1e999999999"],
        ["A2", "Ethanol", "Room 1", "1.00000000000000000000000000001"],
        ["A3", "Ethanol", "Room 1", "999999999999.999999"],
    ]
    path = write_csv(tmp_path / "inventory.csv", HEADER[:4], rows)
    db = fresh_database(template, tmp_path)
    try:
        plan = ImportService(db, Services.create(db, station="FUZZ").admin).plan(
            path, "Cell Biology"
        )
        assert [(p.row, p.column) for p in plan.problems] == [(2, "Quantity"), (3, "Quantity")]
    finally:
        db.close()


def test_an_ingredient_name_is_compared_as_it_is_stored(template: Path, tmp_path: Path) -> None:
    """Found by fuzzing: 'Ethanol  70%' was stored as 'Ethanol 70%', so every re-import
    recorded an ingredient change that changed nothing."""
    path = write_csv(tmp_path / "inventory.csv", HEADER[:3], [["A1", "Ethanol  70%", "R"]])
    db = fresh_database(template, tmp_path)
    try:
        importer = ImportService(db, Services.create(db, station="FUZZ").admin)
        importer.apply(importer.plan(path, "Cell Biology"), operator=ROOT)
        assert stored_rows(db)["A1"]["ingredient"] == "Ethanol 70%"
        again = importer.plan(path, "Cell Biology")
        assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    finally:
        db.close()


def test_an_ingredient_type_is_never_dropped_silently(template: Path, tmp_path: Path) -> None:
    """Two rows (or a row and the database) giving one ingredient two types: the plan names
    the row, rather than storing the second type nowhere."""
    rows = [["A1", "Ethanol", "R", "solvent"], ["A2", "Ethanol", "R", "buffer"]]
    path = write_csv(
        tmp_path / "inventory.csv", ["Barcode", "Ingredient", "Location", "Type"], rows
    )
    db = fresh_database(template, tmp_path)
    try:
        importer = ImportService(db, Services.create(db, station="FUZZ").admin)
        plan = importer.plan(path, "Cell Biology")
        if plan.ok:
            importer.apply(plan, operator=ROOT)
            types = dict(
                db.execute_sql(
                    "SELECT i.barcode, g.type FROM inventory_item i "
                    "JOIN ingredient g ON g.id = i.ingredient_id"
                ).fetchall()
            )
            assert types == {"A1": "solvent", "A2": "buffer"}
        else:
            assert [(p.row, p.column) for p in plan.problems] == [(3, "Type")]
    finally:
        db.close()


def test_an_ingredient_gets_its_type_from_any_row(template: Path, tmp_path: Path) -> None:
    """Found by fuzzing: the type came from the ingredient's first row only, so a type given
    on a later row was dropped when the first row left it empty."""
    rows = [["A1", "Ethanol", "R", ""], ["A2", "Ethanol", "R", "solvent"]]
    path = write_csv(
        tmp_path / "inventory.csv", ["Barcode", "Ingredient", "Location", "Type"], rows
    )
    db = fresh_database(template, tmp_path)
    try:
        importer = ImportService(db, Services.create(db, station="FUZZ").admin)
        importer.apply(importer.plan(path, "Cell Biology"), operator=ROOT)
        assert {b: r["type"] for b, r in stored_rows(db).items()} == {
            "A1": "solvent",
            "A2": "solvent",
        }
    finally:
        db.close()
