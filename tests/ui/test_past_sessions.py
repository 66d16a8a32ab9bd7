"""Past sessions: the list of ended sessions and the read-only review of one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from recon_desktop.core.records import Operator, View
from recon_desktop.ui.item_details import ItemDetailsWindow
from recon_desktop.ui.past_sessions import (
    PastSessionsWindow,
    SessionReviewWindow,
    open_past_sessions,
)
from recon_desktop.ui.views import ViewWindow
from tests.ui.big_world import (
    EXPECTED,
    SCANNED_IN_SCOPE,
    BigWorld,
    barcode_of,
    big_world,
    child,
    host,
    offscreen_noise,
    wait_loaded,
)

__all__ = ["big_world", "host"]
pytestmark = pytest.mark.qt_log_ignore(*offscreen_noise)


def ended(world: BigWorld) -> None:
    world.services.actions.archive(
        world.ana, world.item_id(barcode_of(1)), reason="cracked", session_id=world.session.id
    )
    world.services.sessions.end(world.ana, world.session.id)


def opened_list(qtbot: QtBot, host: QWidget, world: BigWorld) -> PastSessionsWindow:
    window = open_past_sessions(host, world.services, world.ana)
    qtbot.addWidget(window)
    assert isinstance(window, PastSessionsWindow)
    qtbot.waitUntil(lambda: not window.loading)
    return window


def test_an_active_session_is_not_listed(qtbot: QtBot, big_world: BigWorld, host: QWidget) -> None:
    window = opened_list(qtbot, host, big_world)
    assert window.model.rowCount() == 0
    assert window.message.text() == "There are no ended sessions in your labs."
    assert not child(window, QPushButton, "openSessionButton").isEnabled()


def test_the_list_shows_an_ended_session(
    qtbot: QtBot, qtmodeltester: ModelTester, big_world: BigWorld, host: QWidget
) -> None:
    ended(big_world)
    window = opened_list(qtbot, host, big_world)
    assert window.objectName() == "pastSessions"
    model = window.model
    qtmodeltester.check(model)
    assert model.rowCount() == 1
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name",
        "Lab",
        "Started by",
        "Start",
        "End",
        "Expected scanned",
        "Not in scope",
        "Unknown",
    ]
    row = [model.index(0, c).data() for c in range(model.columnCount())]
    assert row[:3] == ["Spring count", "Cell Biology", "ana"]
    assert row[3] and row[4]  # local start and end times
    assert row[5:] == [f"{len(SCANNED_IN_SCOPE)} / {EXPECTED}", "2", "1"]


def test_the_review_is_read_only_with_log_actions_and_views(
    qtbot: QtBot, qtmodeltester: ModelTester, big_world: BigWorld, host: QWidget
) -> None:
    ended(big_world)
    window = opened_list(qtbot, host, big_world)
    review = window.open_session(0)
    assert isinstance(review, SessionReviewWindow)
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: not review.loading)
    assert review.objectName() == "sessionReview"
    assert "read-only" in review.windowTitle()
    summary = review.summary.text()
    assert review.heading.title.text() == "Spring count"
    assert summary.startswith("Cell Biology · ended, read-only")
    assert f"Expected scanned {len(SCANNED_IN_SCOPE)} / {EXPECTED}" in summary
    assert "by ana" in summary
    qtmodeltester.check(review.scan_model)
    qtmodeltester.check(review.actions_model)
    scans = review.scan_model
    assert scans.rowCount() == 8
    results = [scans.index(r, 4).data() for r in range(scans.rowCount())]
    assert results.count("In Scope") == 5
    assert results.count("Not in Scope") == 2
    assert results.count("Unknown barcode") == 1
    actions = review.actions_model
    assert actions.rowCount() == 1
    action = [actions.index(0, c).data() for c in range(actions.columnCount())]
    assert action[1:6] == [barcode_of(1), "archived", "status", "active → archived", "cracked"]

    review._on_scan_table_doubleClicked(scans.index(0, 0))
    review._on_actions_table_doubleClicked(actions.index(0, 0))
    details = review.findChildren(ItemDetailsWindow)
    assert [d.values["barcode"].text() for d in details] == [SCANNED_IN_SCOPE[0], barcode_of(1)]
    for details_window in details:
        qtbot.addWidget(details_window)

    view = review.open_view(View.NOT_SCANNED)
    qtbot.addWidget(view)
    assert isinstance(view, ViewWindow)
    wait_loaded(qtbot, view)
    assert view.read_only
    assert view.model.total == EXPECTED - len(SCANNED_IN_SCOPE)
    assert all(button.isHidden() for button in view.action_buttons.values())
    child(review, QPushButton, "allInListingButton").click()
    views = [w for w in review.findChildren(ViewWindow) if w.view is View.ALL_IN_LISTING]
    assert len(views) == 1
    wait_loaded(qtbot, views[0])
    assert views[0].model.total == EXPECTED


def test_escape_closes_the_review_and_the_list(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    """As item details and the views do."""
    ended(big_world)
    window = opened_list(qtbot, host, big_world)
    review = window.open_session(0)
    assert isinstance(review, SessionReviewWindow)
    qtbot.waitUntil(lambda: not review.loading)
    for shown in (review, window):
        shown.activateWindow()
        qtbot.waitUntil(shown.isActiveWindow)
        qtbot.keyClick(shown.focusWidget() or shown, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda shown=shown: not shown.isVisible())


def test_sessions_of_other_labs_are_not_listed(
    qtbot: QtBot, big_world: BigWorld, host: QWidget
) -> None:
    ended(big_world)
    services = big_world.services
    root = services.auth.sign_in("root", "999111")
    services.admin.add_lab(root, "Chemistry")
    outsider_id = services.admin.add_user(root, "cleo", "975310", lab="Chemistry", role="member")
    window = open_past_sessions(host, services, Operator(outsider_id, "cleo", "TEST-3"))
    qtbot.addWidget(window)
    assert isinstance(window, PastSessionsWindow)
    qtbot.waitUntil(lambda: not window.loading)
    assert window.model.rowCount() == 0


def test_the_review_exports_the_session_report(
    qtbot: QtBot,
    big_world: BigWorld,
    host: QWidget,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from recon_desktop.ui import report_export

    ended(big_world)
    target = tmp_path / "report.xlsx"
    monkeypatch.setattr(report_export, "_ask_target", lambda *_args: target)
    review = opened_list(qtbot, host, big_world).open_session(0)
    assert isinstance(review, SessionReviewWindow)
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: not review.loading)
    child(review, QPushButton, "exportReportButton").click()
    qtbot.waitUntil(target.exists, timeout=10_000)
    from python_calamine import CalamineWorkbook

    assert len(CalamineWorkbook.from_path(str(target)).sheet_names) >= 4
