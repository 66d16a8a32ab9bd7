"""What the report exports and the import wizard share: the folder a file dialog opens
in, and how a result or an error is told."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QMainWindow, QWidget

from recon_desktop.ui.messages import Kind, message_box


def tell(parent: QWidget, text: str, *, error: bool = False) -> None:
    """Tell the person without blocking: the status bar for success, a box for errors."""
    if not error and isinstance(parent, QMainWindow):
        parent.statusBar().showMessage(text, 10_000)
        return
    kind = Kind.WARNING if error else Kind.INFORMATION
    message_box(parent, text, kind, name="excelErrorBox" if error else "excelResultBox").open()


def documents_location() -> Path:
    """The Documents folder (which a new account may not have yet), else the home folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def documents_folder() -> Path:
    """The folder a file dialog opens in: Documents, or the home folder while there is no
    Documents folder yet (a dialog given a folder that does not exist would open in its
    parent with the folder's name as the file name)."""
    folder = documents_location()
    return folder if folder.is_dir() else Path.home()
