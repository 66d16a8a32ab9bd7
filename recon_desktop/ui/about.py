"""Help → About (versions, where things are, licences) and Help → Show log."""

from __future__ import annotations

import platform
from dataclasses import dataclass
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_NAME, APP_TITLE, __version__, paths
from recon_desktop.licences import LibraryLicence, bundled_licences
from recon_desktop.logs import RingBufferHandler
from recon_desktop.settings import INTERFACE_LANGUAGES
from recon_desktop.ui import i18n, style
from recon_desktop.ui.sizing import cap_to_screen

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Places:
    """Where this running copy keeps things (shown in About, used by Show log)."""

    database: str  # as shown to a person: store.db.describe()
    data_dir: Path
    config_dir: Path
    log_dir: Path
    log_file: Path | None
    settings_file: Path | None
    site_settings: Path | None = None  # the machine-wide file, when there is one

    @classmethod
    def current(
        cls,
        database: str,
        *,
        log_file: Path | None = None,
        settings_file: Path | None = None,
        site_settings: Path | None = None,
    ) -> Places:
        return cls(
            database=database,
            data_dir=paths.data_dir(),
            config_dir=paths.config_dir(),
            log_dir=log_file.parent if log_file else paths.log_dir(),
            log_file=log_file,
            settings_file=settings_file,
            site_settings=site_settings,
        )


def _value(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def install_kind() -> str:
    """How this copy is installed, in the interface's language."""
    return {
        paths.FROZEN: translate("AboutDialog", "frozen bundle"),
        paths.INSTALLED: translate("AboutDialog", "installed package"),
        paths.SOURCE: translate("AboutDialog", "source checkout"),
    }.get(paths.install_kind(), paths.install_kind())


def interface_language() -> str:
    """The language the interface speaks, by its own name and code ("Deutsch (de)")."""
    code = i18n.current()
    return f"{INTERFACE_LANGUAGES.get(code, code)} ({code})"


def version_lines() -> list[tuple[str, str, str]]:
    """(key, label, value) of the program's versions: the key names the row in ``facts``
    (English, for a support request), the label is what the dialog shows."""
    return [
        ("Version", translate("AboutDialog", "Version"), f"{__version__} ({install_kind()})"),
        ("Qt", "Qt", f"{qVersion()} (PySide6 {pyside_version})"),
        (
            "Python",
            "Python",
            f"{platform.python_version()} ({platform.python_implementation()})",
        ),
        (
            "System",
            translate("AboutDialog", "System"),
            f"{platform.system()} {platform.release()} ({platform.machine()})",
        ),
    ]


class AboutDialog(QDialog):
    """Version, database in use, data and log folders, Qt/Python, libraries and licences."""

    def __init__(
        self,
        places: Places,
        *,
        parent: QWidget | None = None,
        licences: list[LibraryLicence] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("AboutDialog", "About {title}").format(title=APP_TITLE))
        self.places = places
        icon = QLabel()
        icon.setPixmap(style.icon("app").pixmap(64, 64))
        title = QLabel(f"{APP_TITLE} {__version__}")
        title.setObjectName("dialogTitle")
        blurb = QLabel(
            translate(
                "AboutDialog",
                "Inventory reconciliation sessions for lab bench PCs with USB barcode scanners.",
            )
        )
        blurb.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(blurb)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        # (key, label, value): the key names the row in ``fields`` and ``facts``
        rows = [
            *version_lines(),
            (
                "Interface language",
                translate("AboutDialog", "Interface language"),
                interface_language(),
            ),
            ("Database", translate("AboutDialog", "Database"), places.database),
            ("Data folder", translate("AboutDialog", "Data folder"), str(places.data_dir)),
            (
                "Settings",
                translate("AboutDialog", "Settings"),
                str(places.settings_file or places.config_dir),
            ),
            *(
                [
                    (
                        "Settings for this computer",
                        translate("AboutDialog", "Settings for this computer"),
                        str(places.site_settings),
                    )
                ]
                if places.site_settings
                else []
            ),
            (
                "Log file",
                translate("AboutDialog", "Log file"),
                str(places.log_file)
                if places.log_file
                else translate(
                    "AboutDialog", "{folder} (not in use: the folder could not be used)"
                ).format(folder=places.log_dir),
            ),
        ]
        for key, name, text in rows:
            label = _value(text, f"about{key.replace(' ', '')}")
            self.fields[key] = label
            form.addRow(translate("AboutDialog", "{name}:").format(name=name), label)

        rows_of = licences if licences is not None else bundled_licences()
        python = LibraryLicence("Python", platform.python_version(), "PSF-2.0")
        self.licences = [python, *rows_of]
        self.table = QTableWidget(len(self.licences), 3)
        self.table.setObjectName("licenceTable")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.table.setHorizontalHeaderLabels(
            [
                translate("AboutDialog", "Library"),
                translate("AboutDialog", "Version"),
                translate("AboutDialog", "Licence"),
            ]
        )
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for row, item in enumerate(self.licences):
            # the licence's name stays; the words around it ("from LICENSE") are said
            for column, text in enumerate((item.name, item.version, i18n.say(item.licence))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 190)
        self.table.setColumnWidth(1, 90)
        self.table.setMinimumHeight(220)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(translate("AboutDialog", "&Copy"))
        self.copy_button.setToolTip(
            translate("AboutDialog", "Copy these facts, for a support request")
        )
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        libraries = QLabel(
            translate("AboutDialog", "Libraries in this program and their licences:")
        )
        libraries.setObjectName("sectionTitle")
        layout.addWidget(libraries)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(720, 640)
        cap_to_screen(self)  # a smaller screen, or a larger scale

    def facts(self) -> str:
        """The facts to paste into a support request: the rows by their English keys."""
        lines = [f"{APP_NAME} {__version__}"]
        lines += [f"{name}: {label.text()}" for name, label in self.fields.items()]
        lines += ["", "Libraries:"]
        lines += [f"  {i.name} {i.version} — {i.licence}" for i in self.licences]
        return "\n".join(lines)

    def _on_copy_button_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.facts())


class LogWindow(QDialog):
    """The recent log lines (the in-memory ring buffer), with Refresh and Copy."""

    def __init__(
        self, ring: RingBufferHandler, *, log_file: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("logWindow")
        self.setWindowTitle(translate("LogWindow", "Log — {title}").format(title=APP_TITLE))
        self.ring = ring
        self.log_file = log_file
        self.text = QPlainTextEdit()
        self.text.setObjectName("logText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        where = (
            translate("LogWindow", "Recent lines; the whole log is in {file}.").format(
                file=log_file
            )
            if log_file
            else translate(
                "LogWindow", "Recent lines (kept in memory only: the log folder could not be used)."
            )
        )
        self.where = _value(where, "logPlace")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        refresh = QPushButton(translate("LogWindow", "&Refresh"))
        refresh.clicked.connect(self.refresh)
        buttons.addButton(refresh, QDialogButtonBox.ButtonRole.ActionRole)
        copy = QPushButton(translate("LogWindow", "&Copy All"))
        copy.clicked.connect(self._on_copy_clicked)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(translate("LogWindow", "Open Log &Folder"))
        self.folder_button.setEnabled(log_file is not None)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
        cap_to_screen(self)  # a smaller screen, or a larger scale
        self.refresh()

    def lines(self) -> list[str]:
        return self.text.toPlainText().splitlines()

    def refresh(self) -> None:
        self.text.setPlainText("\n".join(self.ring.lines()))
        bar = self.text.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def _on_folder_button_clicked(self) -> None:
        if self.log_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))
