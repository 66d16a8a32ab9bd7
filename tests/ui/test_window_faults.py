"""Storage faults as the window shows them: a full disk refuses the scan in a sentence and
leaves the window usable; a damaged database found at start-up makes it read-only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import ScanKind, View
from recon_desktop.ui import report_export
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.views import ViewWindow
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld, activate, settle, type_scan

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MakeWindow = Callable[..., MainWindow]


def item_scans(world: LabWorld, session_id: int) -> list[str]:
    return [
        e.barcode for e in world.services.sessions.scan_log(session_id) if e.kind is ScanKind.ITEM
    ]


def on_scan_connection(qtbot: QtBot, window: MainWindow, sql: str) -> None:
    """Run ``sql`` on the connection the window sends its scans on (a thread of its own):
    a pragma such as max_page_count holds for one connection only."""
    sessions = window.services.sessions
    progress = sessions.progress

    def run_then_read(session_id: int) -> object:
        window.services.db.execute_sql(sql)
        return progress(session_id)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sessions, "progress", run_then_read)
        window.live.read_progress()
        settle(qtbot, window)


def test_a_full_disk_refuses_the_scan_and_the_window_stays_usable(
    qtbot: QtBot,
    world: LabWorld,
    make_window: MakeWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    db = world.services.db
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    on_scan_connection(qtbot, window, f"PRAGMA max_page_count = {pages}")
    refused = None
    for n in range(2, 41):  # until a scan needs a new page
        barcode = f"ITEM-{n:04d}"
        type_scan(qtbot, window.scan_input, barcode)
        if window.panel.look == "error":
            refused = barcode
            break
    assert refused is not None
    assert window.panel.tag.text() == "NOT SAVED"
    assert window.panel.detail.text() == (
        "The disk is full: nothing was saved. Free some space, then try again."
    )
    saved = item_scans(world, session.id)
    assert refused not in saved
    assert [row.barcode for row in window.model.rows()] == saved  # nothing added
    assert window.banner.progress.text().startswith(f"{len(saved)} / 40 expected")

    # reading and exporting still work
    window.open_view(View.NOT_SCANNED)
    view = window.windows[-1]
    assert isinstance(view, ViewWindow)
    qtbot.waitUntil(lambda: view.row_count.text() == f"{40 - len(saved)} items", timeout=5000)
    target = tmp_path / "report.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), report_export.XLSX_FILTER)
    )
    report_export.export_report(window, world.services, world.ana.operator(), session.id)
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=10_000)
    assert target.is_file()
    view.close()

    on_scan_connection(qtbot, window, "PRAGMA max_page_count = 1073741823")  # space again
    activate(qtbot, window)
    type_scan(qtbot, window.scan_input, refused)
    assert window.panel.tag.text() == "In Scope"
    assert window.model.rows()[-1].barcode == refused
    assert item_scans(world, session.id) == [*saved, refused]


def damage(path: Path, page: int) -> None:
    """Garble the b-tree header of one page of a SQLite file."""
    page_size = 4096
    with open(path, "r+b") as file:
        file.seek((page - 1) * page_size)
        file.write(b"\xff" * 64)  # no valid page type


def test_a_damaged_database_found_at_start_makes_the_window_read_only(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    db = world.services.db
    world.services.sessions.scan(world.ana.operator(), session.id, "ITEM-0001")
    assert db.execute_sql("PRAGMA page_size").fetchone()[0] == 4096
    # a table the window does not read to show itself: the damage is found by the check
    root = db.execute_sql(
        "SELECT rootpage FROM sqlite_master WHERE name = 'history_event'"
    ).fetchone()[0]
    db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    damage(world.db_path, root)

    window = make_window()
    assert window.session is not None and window.model.rowCount() == 1
    assert not window.fault_banner.isVisible()
    window.check_database()
    qtbot.waitUntil(lambda: window.fault_banner.isVisible(), timeout=10_000)
    sentence = window.fault_banner.text()
    assert sentence.startswith("The database is damaged")
    assert "recon-desktop restore BACKUP" in sentence
    assert window.live.read_only == sentence

    type_scan(qtbot, window.scan_input, "ITEM-0002")
    assert window.panel.tag.text() == "NOT SAVED"
    assert window.panel.detail.text() == f"{sentence} ITEM-0002 was not saved."
    assert window.model.rowCount() == 1
    type_scan(qtbot, window.scan_input, "ITEM-0003")  # the banner stays; scans stay refused
    assert window.fault_banner.isVisible()
    assert "ITEM-0003 was not saved" in window.panel.detail.text()


def test_a_sound_database_passes_the_check(
    qtbot: QtBot, world: LabWorld, make_window: MakeWindow
) -> None:
    world.start_session()
    window = make_window()
    op = window.check_database()
    assert op is not None
    qtbot.waitUntil(lambda: op.finished, timeout=10_000)
    assert window.live.read_only is None and not window.fault_banner.isVisible()
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    assert window.panel.tag.text() == "In Scope"
