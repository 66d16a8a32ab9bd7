"""What the report exports and the import wizard share: the folder a file dialog opens
in, and how a result or an error is told."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget


def tell(parent: QWidget, text: str, *, error: bool = False) -> None:
    """Tell the person without blocking: the status bar for success, a box for errors."""
    if not error and isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text, 10_000)
        return
    box = QMessageBox(
        QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
        "recon-desktop",
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("excelErrorBox" if error else "excelResultBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def documents_folder() -> Path:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()
