"""Excel in the window: exports run in the background with a cancellable progress dialog, and
the import wizard walks file → mapping → preview (every problem listed) → import."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
    QWizardPage,
)
from pytestqt.qtbot import QtBot
from python_calamine import CalamineWorkbook

from recon_desktop.core.records import View
from recon_desktop.services import reporting
from recon_desktop.store.models import HistoryEvent, InventoryItem
from recon_desktop.ui import import_wizard, report_export, workers
from tests.services.excel_fixtures import FREEZER, ExcelWorld, build_world
from tests.ui.conftest import OFFSCREEN_NOISE, activate

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)


@pytest.fixture
def excel_world(tmp_path: Path) -> Iterator[ExcelWorld]:
    built = build_world(tmp_path / "t.sqlite3")
    yield built
    QThreadPool.globalInstance().waitForDone(10_000)
    built.db.close()


@pytest.fixture
def window(qtbot: QtBot) -> QMainWindow:
    main = QMainWindow()
    main.setCentralWidget(QWidget(main))
    qtbot.addWidget(main)
    return main


def choose_save(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), report_export.XLSX_FILTER)
    )


def message_box(parent: QWidget, name: str) -> QMessageBox | None:
    return parent.findChild(QMessageBox, name)


def test_export_report_from_the_window(
    qtbot: QtBot,
    window: QMainWindow,
    excel_world: ExcelWorld,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out" / "weekly"  # no suffix: .xlsx is added
    target.parent.mkdir()
    choose_save(monkeypatch, target)
    report_export.export_report(
        window, excel_world.services, excel_world.operator, excel_world.session_id
    )
    final = target.with_name("weekly.xlsx")
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=10_000)
    assert final.is_file()
    assert CalamineWorkbook.from_path(str(final)).sheet_names[0] == "Summary"


def test_export_view_and_scan_list(
    qtbot: QtBot,
    window: QMainWindow,
    excel_world: ExcelWorld,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view_target = tmp_path / "view.xlsx"
    choose_save(monkeypatch, view_target)
    report_export.export_view(
        window, excel_world.services, excel_world.operator, excel_world.session_id, View.NOT_SCANNED
    )
    qtbot.waitUntil(view_target.is_file, timeout=10_000)
    scans_target = tmp_path / "scans.xlsx"
    choose_save(monkeypatch, scans_target)
    report_export.export_scan_list(
        window, excel_world.services, excel_world.operator, excel_world.session_id
    )
    qtbot.waitUntil(scans_target.is_file, timeout=10_000)
    rows = CalamineWorkbook.from_path(str(scans_target)).get_sheet_by_name("Scans").to_python()
    assert len(rows) == 1 + len(excel_world.services.sessions.scan_log(excel_world.session_id))


def test_choosing_no_file_does_nothing(
    window: QMainWindow, excel_world: ExcelWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    report_export.export_report(
        window, excel_world.services, excel_world.operator, excel_world.session_id
    )
    assert QThreadPool.globalInstance().activeThreadCount() == 0


def test_unwritable_target_is_told_in_a_sentence(
    qtbot: QtBot,
    window: QMainWindow,
    excel_world: ExcelWorld,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "taken.xlsx"
    folder.mkdir()
    choose_save(monkeypatch, folder)
    report_export.export_report(
        window, excel_world.services, excel_world.operator, excel_world.session_id
    )
    qtbot.waitUntil(lambda: message_box(window, "excelErrorBox") is not None, timeout=10_000)
    box = message_box(window, "excelErrorBox")
    assert box is not None and "it is a folder" in box.text()
    box.close()


def test_cancelled_export_leaves_no_file(
    qtbot: QtBot,
    window: QMainWindow,
    excel_world: ExcelWorld,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "PROGRESS_DELAY_MS", 0)
    monkeypatch.setattr(reporting, "BATCH", 1)
    real_rows = reporting._scan_rows

    def slow_rows(*args: Any, **kwargs: Any) -> Iterator[tuple[object, ...]]:
        for row in real_rows(*args, **kwargs):
            time.sleep(0.2)  # in the worker thread: a long export
            yield row

    monkeypatch.setattr(reporting, "_scan_rows", slow_rows)
    out = tmp_path / "out"
    out.mkdir()
    target = out / "report.xlsx"
    choose_save(monkeypatch, target)
    report_export.export_report(
        window, excel_world.services, excel_world.operator, excel_world.session_id
    )
    qtbot.waitUntil(
        lambda: window.findChild(QProgressDialog, "progressDialog") is not None, timeout=10_000
    )
    dialog = window.findChild(QProgressDialog, "progressDialog")
    assert dialog is not None
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: "export was cancelled" in window.statusBar().currentMessage(), timeout=5_000
    )
    assert QThreadPool.globalInstance().waitForDone(20_000)
    assert list(out.iterdir()) == []


# ---------------------------------------------------------------- import wizard


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def wizard(qtbot: QtBot, excel_world: ExcelWorld) -> import_wizard.ImportWizard:
    made = import_wizard.ImportWizard(
        None, excel_world.services, excel_world.operator, excel_world.lab_id
    )
    qtbot.addWidget(made)
    made.show()
    return made


def choose_file(qtbot: QtBot, wizard: import_wizard.ImportWizard, path: Path) -> None:
    """Type the file name and press Next: the header row is read in the background."""
    wizard.file_page.path_edit.setText(str(path))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)


def go_to_preview(qtbot: QtBot, wizard: import_wizard.ImportWizard, path: Path) -> None:
    choose_file(qtbot, wizard, path)
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(
        lambda: not wizard.busy and wizard.preview_page.summary.text() != "Checking every row…",
        timeout=10_000,
    )


def test_wizard_imports_a_good_file(
    qtbot: QtBot, wizard: import_wizard.ImportWizard, excel_world: ExcelWorld, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "new.xlsx",
        [
            ["Barcode", "Ingredient", "Location", "Qty", "Lot"],
            ["N001", "Glucose", f"{FREEZER}/Box 9", 3, "G1"],
            ["A000", "Ethanol", FREEZER, 4, "L0"],  # an existing item: updated
        ],
    )
    before = HistoryEvent.select().count()
    go_to_preview(qtbot, wizard, path)
    assert wizard.mapping == {
        "barcode": "Barcode",
        "ingredient": "Ingredient",
        "location": "Location",
        "quantity": "Qty",
        "lot": "Lot",
    }
    assert "1 new, 1 updated" in wizard.preview_page.summary.text()
    assert wizard.preview_page.isComplete()
    wizard.accept()
    qtbot.waitUntil(lambda: wizard.imported is not None, timeout=10_000)
    item = excel_world.services.inventory.item_by_barcode("N001")
    assert item.location == f"{FREEZER}/Box 9"
    assert HistoryEvent.select().count() > before


def test_wizard_lists_every_problem_and_imports_nothing(
    qtbot: QtBot, wizard: import_wizard.ImportWizard, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [
            ["Barcode", "Ingredient", "Location", "Quantity"],
            ["", "Glucose", FREEZER, 1],
            ["N002", "Glucose", FREEZER, "many"],
            ["N003", "Glucose", "", 1],
        ],
    )
    count = InventoryItem.select().count()
    go_to_preview(qtbot, wizard, path)
    table = wizard.preview_page.problems
    found = {
        (int(table.item(r, 0).text()), table.item(r, 1).text()) for r in range(table.rowCount())
    }
    assert found == {(2, "Barcode"), (3, "Quantity"), (4, "Location")}
    assert not wizard.preview_page.isComplete()
    wizard.accept()  # Import is disabled; pressing it anyway does nothing
    assert wizard.imported is None
    assert InventoryItem.select().count() == count


def test_wizard_file_field_is_reached_by_its_mnemonic(
    qtbot: QtBot, wizard: import_wizard.ImportWizard
) -> None:
    """The field's label reads "File:" (no stray ampersand) and Alt+F goes to the field."""
    page = wizard.file_page
    label = next(lb for lb in page.findChildren(QLabel) if lb.buddy() is page.path_edit)
    assert label.text() == "&File:"
    activate(qtbot, wizard)
    page.encoding.setFocus()
    qtbot.keyClick(page.encoding, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.path_edit.hasFocus)


def test_wizard_file_page_says_what_is_wrong(
    qtbot: QtBot, wizard: import_wizard.ImportWizard, tmp_path: Path
) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    wizard.file_page.path_edit.setText(str(fake))
    wizard.next()
    qtbot.waitUntil(
        lambda: "not an .xlsx workbook" in wizard.file_page.message.text(), timeout=10_000
    )
    assert wizard.currentPage() is wizard.file_page
    assert wizard.file_page.isComplete()  # another file can be tried


def test_wizard_mapping_by_hand_and_delimiter_shown(
    qtbot: QtBot, wizard: import_wizard.ImportWizard, tmp_path: Path
) -> None:
    path = tmp_path / "fr.csv"
    path.write_text("Code;Produit;Emplacement\nF100;Sel;Bâtiment 1/Salle 2\n", encoding="utf-8")
    choose_file(qtbot, wizard, path)
    page = wizard.mapping_page
    assert "semicolon" in page.delimiter.text()
    assert page.combos["barcode"].currentData() == "Code"  # an alias of barcode
    assert not page.isComplete() and "Ingredient, Location" in page.message.text()
    page.combos["ingredient"].setCurrentIndex(page.combos["ingredient"].findData("Produit"))
    page.combos["location"].setCurrentIndex(page.combos["location"].findData("Emplacement"))
    assert page.isComplete()
    page.combos["lot"].setCurrentIndex(page.combos["lot"].findData("Produit"))
    assert not page.isComplete() and "two fields" in page.message.text()
    page.combos["lot"].setCurrentIndex(0)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert wizard.plan is not None and wizard.plan.ok and wizard.plan.new == 1


def test_safe_file_name() -> None:
    assert report_export.safe_file_name('Weekly: freezer/A "B"?') == "Weekly_ freezer_A _B_"
    assert report_export.safe_file_name("...") == "export"


def test_open_import_wizard_returns_false_when_closed(
    qtbot: QtBot, window: QMainWindow, excel_world: ExcelWorld
) -> None:
    def close_it() -> None:
        found = window.findChild(import_wizard.ImportWizard, "importWizard")
        assert found is not None
        found.reject()

    QTimer.singleShot(0, close_it)
    assert (
        import_wizard.open_import_wizard(
            window, excel_world.services, excel_world.operator, excel_world.lab_id
        )
        is False
    )


def test_each_page_has_its_title_in_the_dialogs_style(
    qtbot: QtBot, wizard: import_wizard.ImportWizard, tmp_path: Path
) -> None:
    """Each page's title is a heading of its own, at its full height (the wizard's own
    title line squeezed it)."""

    def heading(page: QWizardPage) -> str:
        found = [label for label in page.findChildren(QLabel, "dialogTitle") if label.isVisible()]
        assert len(found) == 1, page
        assert found[0].height() >= found[0].sizeHint().height()
        assert page.title() == ""
        return found[0].text()

    assert heading(wizard.file_page) == "Choose a file"
    path = write_xlsx(
        tmp_path / "new.xlsx",
        [["Barcode", "Ingredient", "Location"], ["N001", "Glucose", f"{FREEZER}/Box 9"]],
    )
    choose_file(qtbot, wizard, path)
    assert heading(wizard.mapping_page) == "Match the columns"
    wizard.next()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)
    assert heading(wizard.preview_page) == "Preview"
