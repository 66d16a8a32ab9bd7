"""Report, view and scanned-list exports from the window, to .xlsx.

Exports ask for a file name, then run off the GUI thread as an op (``ui.workers``) with a
progress dialog that can cancel; a cancelled export leaves no file (the service writes to a
temporary file and only renames it into place when complete). openpyxl is imported only
when an export starts (``services.reporting`` imports it), not at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QWidget,
)

from recon_desktop.core.records import Operator, View
from recon_desktop.services import Services
from recon_desktop.services.safe_write import CancelledError
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.file_dialogs import documents_folder, tell
from recon_desktop.ui.formatting import QT_TRANSLATE_NOOP
from recon_desktop.ui.workers import OpProgress, error_sentence, run_op

translate = QCoreApplication.translate
XLSX_FILTER = QT_TRANSLATE_NOOP("ReportExport", "Excel workbook (*.xlsx)")  # said translated


def safe_file_name(text: str) -> str:
    """A session name made fit for a file name on every platform."""
    name = re.sub(r'[\x00-\x1f<>:"/\\|?*]+', "_", text).strip(" .")
    return name[:120] or "export"


def _ask_target(parent: QWidget, title: str, suggested: str) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(
        parent, title, str(documents_folder() / suggested), translate("ReportExport", XLSX_FILTER)
    )
    if not path:
        return None
    target = Path(path)
    return target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")


# ---------------------------------------------------------------- exports


def _export(
    parent: QWidget,
    services: Services,
    title: str,
    suggested: str,
    label: str,
    work: Callable[[Path, OpProgress], Path],
) -> None:
    target = _ask_target(parent, title, suggested)
    if target is None:
        return

    def job(progress: OpProgress) -> Path:
        return work(target, progress)

    def done(result: object) -> None:
        tell(parent, translate("ReportExport", "Saved {file}.").format(file=result))

    def failed(exc: BaseException) -> None:
        if not isinstance(exc, CancelledError):
            tell(parent, error_sentence(exc), error=True)

    def cancelled() -> None:
        tell(parent, translate("ReportExport", "The export was cancelled; no file was written."))

    run_op(
        parent,
        job,
        db=services.db,
        success=done,
        failure=failed,
        label=label,
        cancellable=True,
        cancelled=cancelled,
    )


def _hooks(progress: OpProgress) -> dict[str, Any]:
    return {"progress": progress.report, "cancelled": lambda: progress.cancelled}


def export_report(parent: QWidget, services: Services, operator: Operator, session_id: int) -> None:
    """Ask for a file name and write the session report in the background."""
    info = services.sessions.info(session_id)

    def work(target: Path, progress: OpProgress) -> Path:
        from recon_desktop.services import reporting

        return reporting.export_report(
            services,
            session_id,
            target,
            exported_by=operator.name,
            say=i18n.say,
            **_hooks(progress),
        )

    _export(
        parent,
        services,
        translate("ReportExport", "Export session report"),
        translate("ReportExport", "{session} report.xlsx").format(
            session=safe_file_name(info.name)
        ),
        translate("ReportExport", "Writing the session report…"),
        work,
    )


def export_view(
    parent: QWidget, services: Services, operator: Operator, session_id: int, view: View
) -> None:
    """Ask for a file name and write one view of a session in the background."""
    info = services.sessions.info(session_id)
    view = View(view)
    title = formatting.view_title(view)

    def work(target: Path, progress: OpProgress) -> Path:
        from recon_desktop.services import reporting

        return reporting.export_view(
            services,
            session_id,
            view,
            target,
            exported_by=operator.name,
            say=i18n.say,
            **_hooks(progress),
        )

    _export(
        parent,
        services,
        translate("ReportExport", "Export {view}").format(view=title),
        f"{safe_file_name(info.name)} {safe_file_name(title)}.xlsx",
        translate("ReportExport", "Writing {view}…").format(view=title),
        work,
    )


def export_scan_list(
    parent: QWidget, services: Services, operator: Operator, session_id: int
) -> None:
    """Ask for a file name and write this workstation's scanned list as on screen: every
    workstation's scans since this one's Clear All."""
    info = services.sessions.info(session_id)
    after = services.sessions.list_cleared_after(session_id, operator.station)

    def work(target: Path, progress: OpProgress) -> Path:
        from recon_desktop.services import reporting

        return reporting.export_scan_list(
            services,
            session_id,
            target,
            exported_by=operator.name,
            after_id=after,
            say=i18n.say,
            **_hooks(progress),
        )

    _export(
        parent,
        services,
        translate("ReportExport", "Export scanned list"),
        translate("ReportExport", "{session} scans {workstation}.xlsx").format(
            session=safe_file_name(info.name), workstation=safe_file_name(operator.station)
        ),
        translate("ReportExport", "Writing the scanned list…"),
        work,
    )
