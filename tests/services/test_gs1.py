"""GS1 codes as vendors print them, through the scan service and the batch load: one item
per code in every written form, a GTIN alone that fits several bottles, and what the label
says about the bottle (lot, expiry) beside the record."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from recon_desktop.core.records import ScanChoice, ScanResult, Tag, View
from recon_desktop.errors import ValidationError
from recon_desktop.services import batch, reporting
from recon_desktop.services.importing import ImportService
from recon_desktop.store import audit
from recon_desktop.store.models import Ingredient, InventoryItem, Location
from tests.gs1_examples import (
    FORMS,
    GS,
    GTIN_A,
    GTIN_B,
    GTIN_C,
    GTIN_D,
    STAND_IN,
    Form,
    Label,
    gtin_forms,
    readme_forms,
)
from tests.services.conftest import World, add_item

# bottles of GTIN A, each with its serial (two lots); one item recorded by GTIN B alone;
# GTIN C recorded as its EAN-13; the old bottle of GTIN D, expired in 2020
SN001 = Label(GTIN_A, expiry="361231", lot="LOT42", serial="SN001")
SN002 = Label(GTIN_A, expiry="370630", lot="LOT43", serial="SN002")
SN003 = Label(GTIN_A, expiry="361231", lot="LOT42", serial="SN003")
OLD = Label(GTIN_D, expiry="200101", lot="OLD7", serial="SN9")


@pytest.fixture
def gs1_world(world: World) -> tuple[World, dict[str, int]]:
    fa = Location.get(Location.path == world.freezer_a).id
    fb = Location.get(Location.path == world.freezer_b).id
    ethanol = Ingredient.get(Ingredient.name == "Ethanol").id
    pbs = Ingredient.get(Ingredient.name == "PBS").id
    ids = {
        "SN001": add_item(
            world.lab_id, SN001.human_readable, fa, pbs, lot="LOT42", expires_on=date(2036, 12, 31)
        ),
        "SN002": add_item(
            world.lab_id, SN002.element_string(), fa, pbs, lot="LOT43", expires_on=date(2037, 6, 30)
        ),
        "SN003": add_item(
            world.lab_id, f"01{GTIN_A}21SN003", fb, pbs, lot="LOT42", expires_on=date(2036, 12, 31)
        ),
        "B": add_item(world.lab_id, f"01{GTIN_B}", fa, ethanol),
        "C": add_item(world.lab_id, GTIN_C[1:], fa, ethanol, lot="C1"),
        "OLD": add_item(
            world.lab_id, OLD.human_readable, fa, pbs, lot="OLD7", expires_on=date(2020, 1, 1)
        ),
    }
    return world, ids


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "GS1").id


def scan(world: World, session_id: int, raw: str, **kwargs: object) -> ScanResult:
    result = world.services.sessions.scan(world.ana, session_id, raw, **kwargs)  # type: ignore[arg-type]
    assert isinstance(result, ScanResult), (raw, result)
    return result


def test_every_form_of_a_code_finds_its_item(gs1_world: tuple[World, dict[str, int]]) -> None:
    """Issue 18, point 2: the item imported as 0109506000134369 is found by (01)…, and the
    one imported as (01)…(17)…(10)…(21)… by its DataMatrix, and by every other form."""
    world, ids = gs1_world
    session = start(world)
    tags = []
    for form, raw in gtin_forms(GTIN_B).items():
        result = scan(world, session, raw)
        assert result.item_id == ids["B"], form
        tags.append(result.tag)
    assert tags[0] is Tag.IN_SCOPE and set(tags[1:]) == {Tag.ALREADY_SCANNED}
    for form, raw in OLD.written_forms().items():
        result = scan(world, session, raw)
        assert result.item_id == ids["OLD"], form
        assert result.barcode == OLD.human_readable  # the item's barcode as written
    for form, raw in gtin_forms(GTIN_C).items():  # recorded as its EAN-13 only
        assert scan(world, session, raw).item_id == ids["C"], form
    progress = world.services.sessions.progress(session)
    assert (progress.expected_scanned, progress.unknown) == (3, 0)


@pytest.mark.parametrize("stand_in", ["~", "|"])
def test_a_stand_in_for_gs_finds_the_item_when_the_workstation_is_set_to_it(
    gs1_world: tuple[World, dict[str, int]], stand_in: str
) -> None:
    world, ids = gs1_world
    session = start(world)
    for raw in SN002.stand_in_forms(stand_in).values():
        assert scan(world, session, raw, gs_substitute=stand_in).item_id == ids["SN002"]


def test_a_gtin_alone_that_fits_several_bottles_asks_and_records_nothing(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    world, ids = gs1_world
    sessions = world.services.sessions
    session = start(world)
    raw = f"]d201{GTIN_A}17370630" + "10LOT43"  # the GTIN, expiry and lot, no serial
    choice = sessions.scan(world.ana, session, raw)
    assert isinstance(choice, ScanChoice)
    assert choice.barcode == f"(01){GTIN_A}" and not choice.more
    # the label's lot first, then the expected set
    assert [c.item_id for c in choice.choices] == [ids["SN002"], ids["SN001"], ids["SN003"]]
    assert [(c.lot, c.expires_on) for c in choice.choices[:1]] == [("LOT43", date(2037, 6, 30))]
    assert choice.choices[2].location == world.freezer_b and not choice.choices[2].expected
    assert "fits 3 items" in choice.sentence()
    assert sessions.scan_log(session) == []  # nothing recorded
    assert sessions.progress(session).expected_scanned == 0
    chosen = scan(world, session, raw, item_id=ids["SN002"])
    assert (chosen.item_id, chosen.tag) == (ids["SN002"], Tag.IN_SCOPE)
    with pytest.raises(ValidationError, match="does not carry this code"):
        sessions.scan(world.ana, session, raw, item_id=ids["B"])
    # the bottle's own label (with its serial) never asks
    assert scan(world, session, SN003.element_string()).item_id == ids["SN003"]


def test_a_serial_no_item_has_finds_the_item_recorded_by_its_gtin_alone(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    world, ids = gs1_world
    session = start(world)
    assert scan(world, session, f"]d201{GTIN_B}21NEW1").item_id == ids["B"]
    # but not another bottle of a GTIN whose bottles are recorded by serial
    unknown = scan(world, session, f"]d201{GTIN_A}21NEW2")
    assert unknown.item_id is None and unknown.tag is Tag.UNKNOWN


def test_the_label_speaks_lot_expiry_and_expired(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    """Issue 18, point 3: the expired bottle is tagged with what its label says."""
    world, ids = gs1_world
    session = start(world)
    old = scan(world, session, "]d2" + OLD.element_string())
    assert (old.item_id, old.tag, old.expired) == (ids["OLD"], Tag.IN_SCOPE, True)
    assert (old.lot_seen, old.expiry_seen) == ("OLD7", date(2020, 1, 1))
    assert old.label_differences == ()
    relabelled = Label(GTIN_A, expiry="380101", lot="LOT99", serial="SN001")
    other = scan(world, session, "]d2" + relabelled.element_string())
    assert other.item_id == ids["SN001"] and not other.expired
    assert other.label_differences == (
        "lot on the label LOT99, recorded LOT42",
        "expiry on the label 2038-01-01, recorded 2036-12-31",
    )
    entries = world.services.sessions.scan_log(session)
    assert [(e.lot_seen, e.expiry_seen, e.expired) for e in entries] == [
        ("OLD7", date(2020, 1, 1), True),
        ("LOT99", date(2038, 1, 1), False),
    ]
    assert entries[1].label_differences == other.label_differences
    # the record's expiry counts when the label has none
    plain = scan(world, session, OLD.human_readable.split("(17)")[0] + "(21)SN9")
    assert plain.tag is Tag.ALREADY_SCANNED and plain.expired and plain.expiry_seen is None
    assert audit.verify(world.services.db).ok  # the label's columns are in the chain


def test_the_record_is_updated_from_the_label_with_the_scan(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    world, ids = gs1_world
    session = start(world)
    relabelled = Label(GTIN_A, expiry="380101", lot="LOT99", serial="SN001")
    result = scan(world, session, relabelled.human_readable)
    item = world.services.actions.update_from_label(world.ana, result.scan_id)
    assert (item.lot, item.expires_on) == ("LOT99", date(2038, 1, 1))
    history = world.services.inventory.history(ids["SN001"])
    changed = [(h.field, h.old_value, h.new_value, h.session_id) for h in history[-2:]]
    assert changed == [
        ("lot", "LOT42", "LOT99", session),
        ("expiry", "2036-12-31", "2038-01-01", session),
    ]
    rows = world.services.db.execute_sql(
        f"SELECT COUNT(*) FROM history_event WHERE scan_id = {world.services.db.param} "
        "AND kind = 'set'",
        (result.scan_id,),
    ).fetchone()
    assert rows[0] == 2  # both events name the scan
    with pytest.raises(ValidationError, match="already says what its label says"):
        world.services.actions.update_from_label(world.ana, result.scan_id)
    assert audit.verify(world.services.db).ok


def test_a_missing_gs_is_read_as_the_item_it_names(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    """FACTS: a scanner that drops GS sends …10LOT4221SN001; the serial is found."""
    world, ids = gs1_world
    session = start(world)
    result = scan(world, session, f"]d201{GTIN_A}10LOT4221SN001")
    assert result.item_id == ids["SN001"] and result.lot_seen == "LOT42"
    assert result.label_differences == ()
    # a lot that may have swallowed what follows is not compared (nor kept)
    result = scan(world, session, f"]d201{GTIN_B}10B4221X")
    assert result.item_id == ids["B"] and result.lot_seen is None


def test_an_unknown_code_counts_once_whichever_way_it_is_written(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    world, _ = gs1_world
    session = start(world)
    stranger = Label(GTIN_A, expiry="190101", lot="X1", serial="SN404")
    first, *others = (scan(world, session, raw) for raw in stranger.written_forms().values())
    assert (first.tag, first.barcode, first.expired) == (
        Tag.UNKNOWN,
        f"(01){GTIN_A}(21)SN404",
        True,
    )
    assert {o.tag for o in others} == {Tag.ALREADY_SCANNED}
    assert world.services.sessions.progress(session).unknown == 1


def test_a_plain_barcode_is_found_as_before(gs1_world: tuple[World, dict[str, int]]) -> None:
    world, _ = gs1_world
    session = start(world)
    result = scan(world, session, "A001\r\n")
    assert (result.barcode, result.tag, result.lot_seen) == ("A001", Tag.IN_SCOPE, None)


# ---------------------------------------------------------------- batch files


def test_a_batch_file_keeps_gs_reports_choices_and_counts_expired(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    """Issue 18, point 1: a GS inside a line stays in the scan."""
    world, ids = gs1_world
    session = start(world)
    lines = [
        "]d2" + SN001.element_string(),  # GS inside
        "]d2" + OLD.element_string(),  # expired
        f"(01){GTIN_A}",  # fits three bottles
        f"]C101{GTIN_B}\x1c",  # FS stays in the line (and is no part of the code)
    ]
    data = "\r\n".join(lines).encode() + b"\n"
    report = batch.load(world.services, world.ana, session, data, name="rack.txt")
    notes = [str(note) for note in report.notes]
    assert len(notes) == 1 and not report.notes[0].refused
    assert notes[0].startswith(f"line 3: (01){GTIN_A} fits 3 items: ")
    # the candidates as their barcodes are written, GS shown
    assert f"01{GTIN_A}1737063010LOT43<GS>21SN002, lot LOT43" in notes[0]
    assert f"01{GTIN_A}21SN003, lot LOT42, expiry 2036-12-31, {world.freezer_b}" in notes[0]
    assert "None was counted" in notes[0]
    assert report.summary() == (
        f"Loaded into session #{session}: 3 In Scope; 1 expired bottle; "
        "1 line fits several items (none counted)."
    )
    log = world.services.sessions.scan_log(session)
    assert [e.item_id for e in log] == [ids["SN001"], ids["OLD"], ids["B"]]
    assert GS in log[0].raw


def test_a_batch_line_is_shown_with_its_gs(gs1_world: tuple[World, dict[str, int]]) -> None:
    world, _ = gs1_world
    session = start(world)
    raw = "]d2" + SN001.element_string()
    report = batch.load(
        world.services, world.ana, session, f"{raw}\tyesterday\n".encode(), name="b.txt"
    )
    assert [str(n) for n in report.notes] == ["line 1: 'yesterday' is not an ISO date and time."]
    choice_line = f"]d201{GTIN_A}10LOT42{GS}17361231\n"
    report = batch.load(world.services, world.ana, session, choice_line.encode(), name="c.txt")
    assert str(report.notes[0]).startswith(f"line 1: ]d201{GTIN_A}10LOT42<GS>17361231 fits 3 items")


# ---------------------------------------------------------------- import


def test_an_import_finds_items_by_their_code_in_another_written_form(
    gs1_world: tuple[World, dict[str, int]], tmp_path: Path
) -> None:
    world, ids = gs1_world
    importer = ImportService(world.services.db, world.services.admin)
    sheet = tmp_path / "inventory.csv"
    sheet.write_text(
        "barcode,ingredient,location,quantity,lot\n"
        f"]d2{SN001.element_string()},PBS,{world.freezer_a},7,LOT42\n"  # the same bottle
        f"(01){GTIN_B},Ethanol,{world.freezer_a},3,\n"  # the item 01… recorded by GTIN
        f"(01){GTIN_C}(21)NEW,PBS,{world.freezer_a},1,N1\n",  # a new bottle
        encoding="utf-8",
    )
    plan = importer.plan(sheet, "Cell Biology")
    assert plan.ok, plan.problems
    assert (plan.new, plan.updated) == (1, 2)
    importer.apply(plan, operator=world.root)
    sn001 = InventoryItem.get_by_id(ids["SN001"])
    assert (sn001.barcode, str(sn001.quantity)) == (SN001.human_readable, "7")
    new = InventoryItem.get(InventoryItem.barcode == f"(01){GTIN_C}(21)NEW")
    assert (new.barcode_key, new.gtin) == (f"01{GTIN_C}21NEW", GTIN_C)
    session = start(world)
    assert scan(world, session, f"]d201{GTIN_C}21NEW").item_id == new.id


def test_an_import_refuses_one_code_on_two_rows(
    gs1_world: tuple[World, dict[str, int]], tmp_path: Path
) -> None:
    world, _ = gs1_world
    importer = ImportService(world.services.db, world.services.admin)
    sheet = tmp_path / "twice.csv"
    sheet.write_text(
        "barcode,ingredient,location\n"
        f"(01){GTIN_C}(21)X1,PBS,{world.freezer_a}\n"
        f"01{GTIN_C}21X1,PBS,{world.freezer_a}\n",
        encoding="utf-8",
    )
    plan = importer.plan(sheet, "Cell Biology")
    assert [(p.row, p.reason) for p in plan.problems] == [
        (
            3,
            f"the barcode 01{GTIN_C}21X1 is the same code as (01){GTIN_C}(21)X1 on row 2 "
            f"((01){GTIN_C}(21)X1), written another way",
        )
    ]


# ---------------------------------------------------------------- views and the report


def view_column(world: World, session: int, view: View, key: str) -> dict[int | None, object]:
    page = world.services.sessions.view_page(session, view, limit=10_000)
    n = page.columns.index(key)
    return {item_id: row[n] for item_id, row in zip(page.item_ids, page.rows, strict=True)}


def test_expired_and_the_label_in_the_views_while_running_and_ended(
    gs1_world: tuple[World, dict[str, int]],
) -> None:
    """Issue 18, point 4: Expired in the views; the label's expiry counts over the record's."""
    world, ids = gs1_world
    sessions = world.services.sessions
    session = start(world)
    assert view_column(world, session, View.NOT_SCANNED, "expired")[ids["OLD"]] is True
    assert not view_column(world, session, View.NOT_SCANNED, "expired")[ids["SN001"]]
    # SN001's label says it expired (its record does not); OLD's label says 2038 (its
    # record says 2020); SN003 (outside the listing) is scanned with an expired label
    scan(world, session, Label(GTIN_A, expiry="190101", lot="LOT42", serial="SN001").human_readable)
    scan(
        world,
        session,
        "]d2" + Label(GTIN_D, expiry="380101", lot="OLD7", serial="SN9").element_string(),
    )
    scan(
        world,
        session,
        "]Q3" + Label(GTIN_A, expiry="190101", lot="LOT42", serial="SN003").element_string(),
    )
    for when in ("running", "ended"):
        every = view_column(world, session, View.ALL_IN_LISTING, "expired")
        assert (every[ids["SN001"]], every[ids["OLD"]], every[ids["B"]]) == (True, False, None), (
            when
        )
        lots = view_column(world, session, View.ALL_IN_LISTING, "label_lot")
        assert (lots[ids["SN001"]], lots[ids["SN002"]]) == ("LOT42", None), when
        expiries = view_column(world, session, View.ALL_IN_LISTING, "label_expiry")
        assert expiries[ids["OLD"]] == date(2038, 1, 1), when
        outside = view_column(world, session, View.SCANNED_NOT_IN_LISTING, "expired")
        assert outside == {ids["SN003"]: True}, when
        if when == "running":
            sessions.end(world.ana, session)


def test_the_report_says_expired_and_what_the_label_said(
    gs1_world: tuple[World, dict[str, int]], tmp_path: Path
) -> None:
    world, _ = gs1_world
    session = start(world)
    scan(world, session, "]d2" + OLD.element_string())  # expired by its label
    relabelled = Label(GTIN_A, expiry="380101", lot="LOT99", serial="SN001")
    scan(world, session, relabelled.human_readable)
    target = tmp_path / "report.xlsx"
    reporting.export_report(world.services, session, target, exported_by="ana")
    book = load_workbook(target)  # full mode: the fills
    every = book["All in listing"]
    header = [c.value for c in every[1]]
    expired_col = header.index("Expired")
    rows = {row[0].value: row for row in every.iter_rows(min_row=2)}
    old = rows[OLD.human_readable][expired_col]
    assert old.value == "Expired" and old.fill.fgColor.rgb.endswith(reporting.EXPIRED_FILL)
    assert rows[SN001.human_readable][expired_col].value is None
    assert rows[SN001.human_readable][header.index("Lot on the label")].value == "LOT99"
    scans = book["Scans"]
    header = [c.value for c in scans[1]]
    said = [
        (
            r[header.index("Expired")].value,
            r[header.index("The label says")].value,
        )
        for r in scans.iter_rows(min_row=2)
    ]
    assert said == [
        ("Expired", None),
        (
            None,
            "lot on the label LOT99, recorded LOT42; "
            "expiry on the label 2038-01-01, recorded 2036-12-31",
        ),
    ]
    summary = {r[0].value: r[1].value for r in book["Summary"].iter_rows() if r[0].value}
    assert summary["Expired bottles scanned (by their label, else their record)"] == 1
    book.close()


# ---------------------------------------------------------------- the README's table


@pytest.mark.parametrize("stored", [f for f in FORMS if f.imported], ids=lambda f: f.name)
def test_an_item_imported_in_one_form_is_found_by_every_form_in_a_batch_file(
    world: World, tmp_path: Path, stored: Form
) -> None:
    """The README's table: an item imported with its code in this form is found by each
    form of the same code in a batch file (GS inside a line; the stand-in as set)."""
    importer = ImportService(world.services.db, world.services.admin)
    sheet = tmp_path / "inventory.csv"
    barcode = stored.raw.replace('"', '""')
    sheet.write_text(
        f'barcode,ingredient,location,quantity\n"{barcode}",PBS,{world.freezer_a},1\n',
        encoding="utf-8",
    )
    plan = importer.plan(sheet, "Cell Biology")
    assert plan.ok and plan.new == 1, plan.problems
    importer.apply(plan, operator=world.root)
    item_id = InventoryItem.get(InventoryItem.barcode == stored.raw.strip()).id
    session = start(world)
    forms = [f for f in FORMS if f.group == stored.group]
    for stand_in in (False, True):
        lines = [f.raw for f in forms if f.stand_in is stand_in]
        if lines:
            batch.load(
                world.services,
                world.ana,
                session,
                "\n".join(lines).encode(),
                name="forms.txt",
                gs_substitute=STAND_IN if stand_in else None,
            )
    log = world.services.sessions.scan_log(session)
    assert [e.item_id for e in log] == [item_id] * len(forms), [e.raw for e in log]


def test_the_readme_table_lists_the_forms_tested() -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert readme_forms(readme) == [(f.name, f.raw) for f in FORMS]
