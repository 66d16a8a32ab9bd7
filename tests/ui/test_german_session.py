"""The session's windows in German: the scanned list (its headings, every tag, its
tooltips, its row menu), the three views, the row actions' dialogs, item details, register,
the import wizard, a batch file's report, past sessions, and what a screen reader is told
of a scan. Data (barcodes, item names, paths, people) stays as stored; any other English
word left is a failure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMenu,
    QStyleOptionViewItem,
    QWidget,
)
from pytestqt.qtbot import QtBot

from recon_desktop import APP_TITLE
from recon_desktop.core.records import ItemChoice, ItemInfo, ScanChoice, View
from recon_desktop.services import batch
from recon_desktop.ui import formatting, i18n, style
from recon_desktop.ui.actions import (
    ArchiveDialog,
    ArchiveMissingDialog,
    MoveDialog,
    SetFieldDialog,
    SplitDialog,
    refusal,
)
from recon_desktop.ui.batch_load import BatchReportDialog
from recon_desktop.ui.import_wizard import ImportWizard
from recon_desktop.ui.item_choice import ItemChoiceDialog
from recon_desktop.ui.item_details import ItemDetailsWindow, open_item_details
from recon_desktop.ui.main_window import MainWindow
from recon_desktop.ui.past_sessions import (
    PastSessionsWindow,
    SessionReviewWindow,
    open_past_sessions,
)
from recon_desktop.ui.register_dialog import RegisterDialog
from recon_desktop.ui.scan_elsewhere import ElsewhereAnswers, ScanToast
from recon_desktop.ui.scan_list import COLUMN_INDEX, TAG_COLUMN
from recon_desktop.ui.views import ViewWindow, open_view
from tests.ui.conftest import (
    FREEZER,
    FRIDGE,
    OFFSCREEN_NOISE,
    LabWorld,
    settle,
    type_scan,
)
from tests.ui.translation_check import _words, english_left, english_words

# (a menu popped up offscreen cannot grab the keyboard)
pytestmark = pytest.mark.qt_log_ignore(
    *OFFSCREEN_NOISE, r"This plugin does not support grabbing the keyboard"
)
MakeWindow = Callable[..., MainWindow]

UNKNOWN = "NOPE-0001"
# what the small lab holds: names, paths, people, as stored (never translated)
DATA = (
    FREEZER,
    FRIDGE,
    "Shelf 1",
    "Shelf 2",
    "Ethanol 70%",
    "PBS buffer",
    "Trypsin-EDTA",
    "DMEM medium",
    "Fetal bovine serum",
    "solvent",
    "buffer",
    "enzyme",
    "medium",
    "serum",
    "Cell Biology",
    "Freezer A count",
    "Freezer A",
    "Building 1",
)


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """The interface in German for one test (English again after it)."""
    assert i18n.install(qapp, "de") == "de"
    try:
        yield
    finally:
        i18n.install(qapp, "en")


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The program's own style sheet (its fonts and paddings), as the program applies it."""
    sheet = qapp.styleSheet()
    style.apply(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)


def without_data(text: str, data: Iterable[str] = DATA) -> str:
    for value in sorted(data, key=len, reverse=True):
        text = text.replace(value, " ")
    return text


def english_in(texts: Iterable[str], data: Iterable[str] = DATA) -> list[str]:
    """The texts that still hold an English word once the data is taken out."""
    english = english_words()
    kept = tuple(data)
    return sorted({t for t in texts if t and _words(without_data(t, kept)) & english})


def english_left_in(widget: QWidget, data: Iterable[str] = DATA) -> list[str]:
    """``english_left`` of the widget tree, data left as stored."""
    return english_in(english_left(widget), data)


def column_texts(window: MainWindow, key: str) -> list[str]:
    model = window.model
    return [
        str(model.index(row, COLUMN_INDEX[key]).data() or "") for row in range(model.rowCount())
    ]


def tooltips(window: MainWindow) -> list[str]:
    model = window.model
    tip = Qt.ItemDataRole.ToolTipRole
    return [str(model.index(row, 0).data(tip) or "") for row in range(model.rowCount())]


def scanned_window(qtbot: QtBot, world: LabWorld, make_window: MakeWindow) -> MainWindow:
    """A session with a scan of every tag: a location, in scope, at a wrong location,
    already scanned, not in scope, an unknown barcode, and one undone."""
    world.start_session()
    window = make_window()
    for code in (
        world.shelf1.barcode or "",
        "ITEM-0001",  # on shelf 1: in scope
        "ITEM-0030",  # on shelf 2: in scope, at a wrong location
        "ITEM-0001",  # again: already scanned
        "ITEM-0045",  # in the fridge: not in the listing
        UNKNOWN,
        "ITEM-0002",  # undone below
    ):
        type_scan(qtbot, window.scan_input, code)
    window.live.undo_last()
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "(rückgängig)" in column_texts(window, "tag")[-1])
    return window


def test_the_scanned_list_speaks_german_with_every_tag(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    assert column_texts(window, "tag") == [
        "Lagerort gesetzt",
        "Im Umfang",
        "Im Umfang",
        "Bereits gescannt",
        "Nicht im Umfang",
        "Unbekannter Barcode",
        "Im Umfang (rückgängig)",
    ]
    assert column_texts(window, "wrong_location")[2] == "Falscher Lagerort"
    # the headings, the table's name, and each row's tooltip (the repeat's note included)
    assert english_left(window.table) == []
    tips = tooltips(window)
    assert english_in(tips, (*DATA, world.ana.name)) == []
    assert any("Bereits gescannt von ana" in tip for tip in tips)
    assert any("Dieser Scan wurde rückgängig gemacht" in tip for tip in tips)
    # a scan on its way and one kept on this PC while the server is away
    now = datetime.now(UTC).replace(tzinfo=None)
    window.model.add_on_its_way("on-its-way", "ITEM-0003", now)
    window.model.add_on_its_way("kept", "ITEM-0004", now, kept=True)
    assert column_texts(window, "tag")[-2:] == ["Wird gespeichert…", "Auf diesem PC"]
    assert english_in(tooltips(window)[-2:]) == []


def test_the_tag_column_fits_the_longest_german_tag(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    table = window.table
    metrics = table.fontMetrics()
    icon = table.iconSize().width()
    longest = max(
        (*column_texts(window, "tag")[:-1], "Auf diesem PC", "Wird gespeichert…"),
        key=metrics.horizontalAdvance,
    )
    assert longest == "Unbekannter Barcode"  # longer than any English tag
    assert table.columnWidth(TAG_COLUMN) >= metrics.horizontalAdvance(longest) + icon
    wrong = COLUMN_INDEX["wrong_location"]
    assert table.columnWidth(wrong) >= metrics.horizontalAdvance("Falscher Lagerort") + icon
    # every heading whole in its column
    header = table.horizontalHeader()
    for column in range(window.model.columnCount()):
        if column == COLUMN_INDEX["location"]:
            continue  # it takes the width left
        heading = str(window.model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= header.fontMetrics().horizontalAdvance(heading), (
            heading
        )


def tag_cell_needs(window: MainWindow, row: int) -> int:
    """The width the tag cell of ``row`` needs to show whole, as its delegate measures it."""
    table = window.table
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    index = window.model.index(row, TAG_COLUMN)
    return table.itemDelegate().sizeHint(option, index).width()


def test_the_tag_column_fits_german_after_an_english_run(
    qtbot: QtBot, styled: QApplication, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    """Widths saved when the window closed in English do not cut the German tags of the
    next start (Settings → Language, then start again), in a 1366×768 window."""
    i18n.install(styled, "en")
    world.start_session()
    english = make_window()
    english_width = english.table.columnWidth(TAG_COLUMN)
    english.close()  # its widths are saved
    i18n.install(styled, "de")
    window = make_window()
    window.resize(1366, 768)
    type_scan(qtbot, window.scan_input, UNKNOWN)
    settle(qtbot, window)
    qtbot.waitUntil(lambda: "Unbekannter Barcode" in column_texts(window, "tag"))
    row = column_texts(window, "tag").index("Unbekannter Barcode")
    assert english_width < tag_cell_needs(window, row)  # the English width cuts it
    assert window.table.columnWidth(TAG_COLUMN) >= tag_cell_needs(window, row)


def test_the_row_menu_and_the_panel_refusals_speak_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    window.table.selectRow(1)
    menu = window.items.show_row_menu(None)
    assert isinstance(menu, QMenu)
    texts = [action.text() for action in menu.actions()]
    assert english_in(texts) == []
    assert "&Verschieben…" in texts and "Artikel&details…" in texts
    menu.close()
    assert english_in(action.text() for action in window.items.actions.actions.values()) == []
    # an action that needs one item, asked of two: the panel says why, in German
    window.table.selectAll()
    window.items.actions.actions["split"].trigger()
    assert window.panel.tag.text() == "Einen Artikel auswählen"
    assert window.panel.detail.text() == "Aufteilen wirkt jeweils auf einen Artikel."
    assert refusal("set", [1, 2]) == (
        "Wählen Sie genau einen Artikel zum Ändern aus (2 sind ausgewählt)."
    )


def test_a_scan_is_announced_in_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    people = (*DATA, world.ana.name, "TEST-1")
    for code, tag in (
        ("ITEM-0001", "Bereits gescannt"),  # a third time, with who scanned it first
        ("ITEM-0031", "Im Umfang"),  # on shelf 2, the location set is shelf 1
        ("ITEM-0046", "Nicht im Umfang"),
        ("NOPE-0002", "Unbekannter Barcode"),
    ):
        type_scan(qtbot, window.scan_input, code)
        said = window.panel.announced
        assert said.startswith(f"{tag}. "), said
        assert english_in([said], people) == [], said
    type_scan(qtbot, window.scan_input, "ITEM-0001")
    assert "Bereits gescannt von ana um " in window.panel.announced
    type_scan(qtbot, window.scan_input, "ITEM-0032")
    assert "Falscher Lagerort: erfasst in " in window.panel.announced
    # a scan typed in another window is told there, and read out there
    other = QWidget()
    qtbot.addWidget(other)
    answers = ElsewhereAnswers()
    answers.expect("ITEM-0005", other)
    answers.kept("ITEM-0005")
    toast = ScanToast.on(other)
    assert toast.text() == "ITEM-0005 — Auf diesem PC gespeichert – wird gesendet"
    assert english_in([toast.text()]) == []


def items_of(world: LabWorld, *barcodes: str) -> list[ItemInfo]:
    inventory = world.services.inventory
    return [inventory.item_by_barcode(code) for code in barcodes]


def test_the_row_action_dialogs_speak_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    services, operator = world.services, world.ana.operator()
    one = items_of(world, "ITEM-0001")
    two = items_of(world, "ITEM-0001", "ITEM-0002")
    dialogs = [
        MoveDialog(window, services, operator, one, session.id),
        MoveDialog(window, services, operator, two, session.id),
        SplitDialog(window, services, operator, one[0], session.id),
        SetFieldDialog(window, services, operator, one[0], session.id),
        SetFieldDialog(window, services, operator, one[0], session.id, field_name="expiry"),
        ArchiveDialog(window, services, operator, one, session.id),
        ArchiveDialog(window, services, operator, two, session.id),
        ArchiveMissingDialog(window, 1, selected=True),
        ArchiveMissingDialog(window, 39, selected=False),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert english_left_in(dialog) == [], dialog.objectName()
        dialog.reject()
    # a refusal is said in the dialog (the service's own sentence is the messages area's)
    move = MoveDialog(window, services, operator, one, session.id)
    qtbot.addWidget(move)
    assert move.ok_button.text() == "Verschieben"
    assert move.windowTitle() == "Artikel verschieben"


def test_register_and_the_item_choice_speak_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    session = world.start_session()
    window = make_window()
    type_scan(qtbot, window.scan_input, UNKNOWN)
    result = window.last_result
    assert result is not None
    dialog = RegisterDialog(
        window, world.services, world.ana.operator(), session.id, result.scan_id, UNKNOWN, None
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert english_left_in(dialog) == []
    dialog.ok.click()  # nothing filled in: it says what is missing
    assert dialog.error.text() == (
        "Geben Sie den Inhaltsstoff, die Menge und den Lagerort (scannen oder Pfad eingeben) an, "
        "um den Artikel zu registrieren."
    )
    items = items_of(world, "ITEM-0001", "ITEM-0002")
    asked = ScanChoice(
        raw="ITEM-0001",
        barcode="ITEM-0001",
        choices=tuple(
            ItemChoice(
                item_id=item.id,
                barcode=item.barcode,
                ingredient=item.ingredient,
                lot=item.lot,
                expires_on=item.expires_on,
                location=item.location,
                expected=True,
            )
            for item in items
        ),
        lot_seen="L1",
    )
    chooser = ItemChoiceDialog(asked, window)
    qtbot.addWidget(chooser)
    chooser.show()
    assert english_left_in(chooser) == []


def wait_view(qtbot: QtBot, window: ViewWindow) -> None:
    model = window.model
    qtbot.waitUntil(lambda: not model.loading and window.row_count.text() != "Wird geladen…")


def test_the_views_speak_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    session = window.session
    assert session is not None
    for view in View:
        opened = open_view(window, world.services, world.ana.operator(), session.id, view)
        qtbot.addWidget(opened)
        wait_view(qtbot, opened)
        assert english_left_in(opened, (*DATA, world.ana.name)) == [], view
        model = opened.model
        # the cells the program writes: statuses, tags, yes and no
        written = [
            str(model.index(row, column).data() or "")
            for row in range(model.rowCount())
            for column, col in enumerate(model.columns)
            if col.key in ("status", "tag", "scanned", "expired")
        ]
        assert english_in(written) == [], view
        # each German heading whole in its column (sized to it and the first rows)
        header = opened.table.horizontalHeader()
        for column in range(model.columnCount() - 1):  # the last one stretches
            heading = str(model.headerData(column, Qt.Orientation.Horizontal))
            wanted = header.fontMetrics().horizontalAdvance(heading)
            assert header.sectionSize(column) >= wanted, (view, heading)
    opened.filter_edit.setText("Ethanol")
    qtbot.waitUntil(lambda: "passend zu „Ethanol“" in opened.row_count.text())
    opened.table.selectRow(0)
    menu = opened.item_actions.show_row_menu()
    assert isinstance(menu, QMenu)
    assert english_in(action.text() for action in menu.actions()) == []
    menu.close()


def test_item_details_speak_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    item = items_of(world, "ITEM-0030")[0]
    world.services.actions.move(world.ana.operator(), item.id, world.fridge.id, reason="moved")
    details = open_item_details(window, world.services, item.id)
    qtbot.addWidget(details)
    assert isinstance(details, ItemDetailsWindow)
    assert english_left_in(details, (*DATA, world.ana.name, "moved")) == []
    model = details.history_model
    events = [str(model.index(row, 1).data()) for row in range(model.rowCount())]
    assert "verschoben" in events and "gescannt" in events
    fields = [str(model.index(row, 2).data()) for row in range(model.rowCount())]
    assert "Lagerort" in fields


def test_past_sessions_speak_german(
    qtbot: QtBot, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    window = scanned_window(qtbot, world, make_window)
    session = window.session
    assert session is not None
    world.services.sessions.end(world.ana.operator(), session.id)
    listed = open_past_sessions(window, world.services, world.ana.operator())
    qtbot.addWidget(listed)
    assert isinstance(listed, PastSessionsWindow)
    qtbot.waitUntil(lambda: not listed.loading)
    assert english_left_in(listed, (*DATA, world.ana.name)) == []
    review = listed.open_session(0)
    assert isinstance(review, SessionReviewWindow)
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: not review.loading)
    assert english_left_in(review, (*DATA, world.ana.name, "TEST-1")) == []
    summary = review.summary.text()
    assert "Lagerort innerhalb Building 1" in summary
    assert english_in([summary], (*DATA, world.ana.name, "TEST-1")) == []
    view = review.open_view(View.NOT_SCANNED)
    qtbot.addWidget(view)
    wait_view(qtbot, view)
    assert english_left_in(view, (*DATA, world.ana.name)) == []


def test_the_import_wizard_speaks_german(
    qtbot: QtBot, german: None, world: LabWorld, tmp_path: Path
) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    wizard = ImportWizard(host, world.services, world.ana.operator(), world.lab.id)
    wizard.show()
    assert english_left_in(wizard) == []
    source = tmp_path / "inventory.csv"
    source.write_text(
        "Barcode;Ingredient;Location;Quantity\nNEW-1;Water;Building 1/Room 9;1.000\n",
        encoding="utf-8",
    )
    wizard.file_page.path_edit.setText(str(source))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page)
    assert english_left_in(wizard, (*DATA, "Water")) == []
    assert wizard.mapping_page.delimiter.text() == "Erkanntes Trennzeichen: Semikolon"
    wizard.next()
    qtbot.waitUntil(
        lambda: wizard.plan is not None or "abgebrochen" in wizard.preview_page.summary.text()
    )
    assert english_left_in(wizard.button(wizard.WizardButton.FinishButton)) == []
    summary = wizard.preview_page.summary.text()
    assert "Klicken Sie auf Importieren" in summary
    assert english_in([summary], (*DATA, "inventory.csv")) == []


def test_a_batch_files_report_speaks_german(qtbot: QtBot, german: None, world: LabWorld) -> None:
    session = world.start_session()
    data = b"ITEM-0001\nITEM-0001\nNOPE-0002\n\xff\xfe bad\n"  # the last is no UTF-8
    report = batch.load(world.services, world.ana.operator(), session.id, data, name="scan.txt")
    dialog = BatchReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == f"Batch-Datei geladen — {APP_TITLE}"
    # its own words, the service's summary and each line's note (a repeat, an unknown)
    assert english_left_in(dialog) == []
    notes = dialog.lines.toPlainText()
    assert notes and english_in(notes.splitlines(), (*DATA, "NOPE-0002")) == []
    title = dialog.findChild(QLabel, "dialogTitle")
    assert title is not None and title.text() == "scan.txt geladen"


def test_a_word_left_in_english_is_found(german: None) -> None:
    """The check can fail: an English sentence of this area is found, data is not."""
    assert english_in(["Select one item"]) == ["Select one item"]
    assert english_in(["ITEM-0001 — Ethanol 70% · Building 1/Room 101/Freezer A"]) == []


def test_the_banner_shows_since_when_whole_at_1366(
    qtbot: QtBot, styled: QApplication, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    """At 1366×768 the banner's line of details keeps its start time whole ("seit …")
    when the line is longer than its room: its middle (a long listing's name) gives way."""
    info = world.start_session()
    window = make_window()
    window.resize(1366, 768)
    listing = (
        "Freezer A, Room 101, every shelf, rack and box of the cold room, "
        "expiring within 30 days of the yearly count"
    )
    window.banner.show_session(replace(info, config_name=listing))
    detail = window.banner.detail
    since = "seit " + formatting.local_time(info.started_at)
    assert detail.text().endswith(since)
    qtbot.waitUntil(lambda: detail.width() < detail.fontMetrics().horizontalAdvance(detail.text()))
    shown = detail.shown_text()
    assert "…" in shown
    assert shown.startswith(info.lab)
    assert shown.endswith(since)


def test_the_not_scanned_view_fits_a_1366_screen_in_german(
    qtbot: QtBot, styled: QApplication, german: None, world: LabWorld, make_window: MakeWindow
) -> None:
    """Its row of actions (Verschieben, Etikett drucken, Aktualisieren …) fits a 1366-px
    screen at the base font: none of them runs off the edge."""
    world.start_session()
    window = make_window()
    session = window.session
    assert session is not None
    view = open_view(window, world.services, world.ana.operator(), session.id, View.NOT_SCANNED)
    qtbot.addWidget(view)
    wait_view(qtbot, view)
    assert view.archive_missing_button.isVisibleTo(view)
    assert view.minimumSizeHint().width() <= 1366
    view.resize(1366, 700)
    for button in (*view.action_buttons.values(), view.label_button, view.refresh_button):
        assert button.width() >= button.sizeHint().width(), button.text()
        assert view.rect().contains(button.mapTo(view, button.rect().bottomRight())), button.text()
