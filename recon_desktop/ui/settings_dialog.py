"""Tools → Settings: database location, scanner, sounds, idle lock, font size, dates.

Saving writes the settings file at once; everything but the database applies at once (the
database is opened at start, so a new one takes effect on the next start). "Test
connection" opens the database location in the background and says what it found.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE, credentials
from recon_desktop.services.anchoring import default_anchor_file
from recon_desktop.services.database import default_database_path, is_server_url, probe
from recon_desktop.settings import (
    DATE_LANGUAGES,
    FONT_SIZES,
    IDLE_LOCK_MINUTES,
    IDLE_MS,
    LABEL_HEIGHT_MM,
    LABEL_WIDTH_MM,
    DateFormat,
    Loaded,
    Settings,
    Terminator,
)
from recon_desktop.ui import style
from recon_desktop.ui.sizing import ScreenBoundScroll
from recon_desktop.ui.workers import Op, error_sentence, run_op

NEXT_START = "A new database location is used from the next start."


def language_name(code: str) -> str:
    if code == "system":
        return f"As the system ({QLocale.system().name()})"
    locale = QLocale(code)
    return f"{locale.nativeLanguageName()} — {locale.nativeTerritoryName()} ({code})"


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``saved`` holds what was written when accepted."""

    def __init__(
        self,
        current: Settings,
        path: Path,
        *,
        loaded: Loaded | None = None,
        parent: QWidget | None = None,
        admin: bool = True,
    ) -> None:
        """``admin``: the person may change where the database and the anchors are kept
        and the idle lock (an admin of a lab); for anyone else those stay as they are."""
        super().__init__(parent)
        self.admin = admin
        self.setObjectName("settingsDialog")
        self.setWindowTitle(f"Settings — {APP_TITLE}")
        self.current = current
        self.path = path
        # what was read (with the machine-wide file); after saving, what was written
        self.loaded = loaded or Loaded(current, path, own_database=current.database)
        site = self.loaded.site
        self.saved: Settings | None = None
        self.password_for_now: str | None = None  # typed, not kept in the keyring
        self._test_op: Op | None = None

        # ---- database
        self.database = QLineEdit(current.database)
        self.database.setObjectName("settingsDatabase")
        self.database.setPlaceholderText(f"{default_database_path()} (default)")
        self.database.setToolTip("A SQLite file, or postgresql://user@host:port/database")
        self.database.textChanged.connect(self._on_database_textChanged)
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._on_browse_clicked)
        if site is not None and site.locks_database:
            self.database.setReadOnly(True)
            browse.setEnabled(False)
            self.database.setToolTip(f"Set for every user of this computer in {site.path}")
        elif site is not None and site.database:
            self.database.setPlaceholderText(f"{site.database} (this computer's default)")
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        self.password = QLineEdit()
        self.password.setObjectName("settingsPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("PostgreSQL password (never written to a file)")
        self.remember = QCheckBox("Keep the password in the system keyring")
        self.has_keyring = credentials.keyring_available()
        self.remember.setEnabled(self.has_keyring)
        self.remember.setChecked(self.has_keyring)
        if not self.has_keyring:
            self.remember.setToolTip(
                "No keyring on this computer: the password is asked for at each start."
            )
        self.test_button = QPushButton("&Test Connection")
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.connection_result = QLabel()
        self.connection_result.setObjectName("connectionResult")
        self.connection_result.setWordWrap(True)
        self.connection_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        database_box = QGroupBox("Database")
        form = QFormLayout(database_box)
        location_label = QLabel("&Location:")
        location_label.setBuddy(self.database)
        form.addRow(location_label, row)
        form.addRow("&Password:", self.password)
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.connection_result, 1)
        form.addRow(test_row)
        hint = QLabel(NEXT_START)
        if site is not None and site.locks_database:
            hint.setText(f"The database is set for every user of this computer in {site.path}.")
        hint.setObjectName("hintText")
        hint.setWordWrap(True)
        form.addRow(hint)

        # ---- scanner
        self.terminator = QComboBox()
        self.terminator.setObjectName("settingsTerminator")
        for terminator in Terminator:
            self.terminator.addItem(terminator.label, terminator.value)
        self.terminator.setCurrentIndex(self.terminator.findData(current.scanner_terminator.value))
        self.terminator.currentIndexChanged.connect(self._on_terminator_currentIndexChanged)
        self.idle_ms = QSpinBox()
        self.idle_ms.setObjectName("settingsIdleMs")
        self.idle_ms.setRange(*IDLE_MS)
        self.idle_ms.setSuffix(" ms")
        self.idle_ms.setValue(current.scanner_idle_ms)
        self.idle_ms.setToolTip(
            "A scan without a terminator ends after this pause; scanners "
            "type about 5 ms apart, people about 200 ms"
        )
        self.gs_substitute = QLineEdit(current.gs_substitute)
        self.gs_substitute.setObjectName("settingsGsSubstitute")
        self.gs_substitute.setMaxLength(1)
        self.gs_substitute.setMaximumWidth(60)
        self.gs_substitute.setToolTip(
            "For scanners that cannot send the GS1 group separator: "
            "the character they send instead (e.g. ~)"
        )
        scanner_box = QGroupBox("Scanner")
        form = QFormLayout(scanner_box)
        form.addRow("&Terminator:", self.terminator)
        form.addRow("Pause that &ends a scan:", self.idle_ms)
        form.addRow("&GS1 separator sent as:", self.gs_substitute)

        # ---- workstation
        self.sounds = QCheckBox("Play a sound for each scan result")
        self.sounds.setObjectName("settingsSounds")
        self.sounds.setChecked(current.sounds)
        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("settingsIdleLock")
        self.idle_lock.setRange(*IDLE_LOCK_MINUTES)
        self.idle_lock.setSuffix(" min")
        self.idle_lock.setSpecialValueText("Never")
        self.idle_lock.setValue(current.idle_lock_minutes)
        self.font_size = QSpinBox()
        self.font_size.setObjectName("settingsFontSize")
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setSuffix(" px")
        self.font_size.setValue(current.font_size)
        self.language = QComboBox()
        self.language.setObjectName("settingsDateLanguage")
        for code in DATE_LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.date_language)))
        self.date_format = QComboBox()
        self.date_format.setObjectName("settingsDateFormat")
        for date_format in DateFormat:
            self.date_format.addItem(date_format.label, date_format.value)
        self.date_format.setCurrentIndex(self.date_format.findData(current.date_format.value))
        station_box = QGroupBox("Workstation")
        form = QFormLayout(station_box)
        form.addRow("", self.sounds)
        form.addRow("&Lock after idle:", self.idle_lock)
        form.addRow("&Font size:", self.font_size)
        form.addRow("Date &language:", self.language)
        form.addRow("&Dates as:", self.date_format)
        self.anchor_file = QLineEdit(current.anchor_file)
        self.anchor_file.setObjectName("settingsAnchorFile")
        self.anchor_file.setPlaceholderText(str(default_anchor_file()))
        self.anchor_file.setToolTip(
            "Ending a session appends its anchor (the audit trail's chain heads) here, "
            "outside the database; 'recon-desktop audit verify --anchor FILE' checks the "
            "database against it. Keep it where the database is not (another disk or share)."
        )
        form.addRow("&Anchor file:", self.anchor_file)

        # ---- labels
        self.label_width = QSpinBox()
        self.label_width.setObjectName("settingsLabelWidth")
        self.label_width.setRange(*LABEL_WIDTH_MM)
        self.label_width.setSuffix(" mm")
        self.label_width.setValue(current.label_width_mm)
        self.label_height = QSpinBox()
        self.label_height.setObjectName("settingsLabelHeight")
        self.label_height.setRange(*LABEL_HEIGHT_MM)
        self.label_height.setSuffix(" mm")
        self.label_height.setValue(current.label_height_mm)
        label_row = QHBoxLayout()
        label_row.addWidget(self.label_width)
        label_row.addWidget(QLabel("×"))
        label_row.addWidget(self.label_height)
        label_row.addStretch(1)
        labels_box = QGroupBox("Labels")
        form = QFormLayout(labels_box)
        size_label = QLabel("Label &size (width × height):")
        size_label.setBuddy(self.label_width)
        form.addRow(size_label, label_row)
        labels_hint = QLabel("The labels in the label printer; each item's label is one of them.")
        labels_hint.setObjectName("hintText")
        labels_hint.setWordWrap(True)
        form.addRow(labels_hint)

        self.error = style.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self._on_restore_clicked)

        self.protected = [
            self.database,
            browse,
            self.password,
            self.remember,
            self.test_button,
            self.idle_lock,
            self.anchor_file,
        ]
        self.admin_only = QLabel(
            "Where the database and the anchors are kept, and the idle lock, are changed by "
            "an admin of a lab."
        )
        self.admin_only.setObjectName("hintText")
        self.admin_only.setWordWrap(True)
        self.admin_only.setVisible(not admin)

        body = QWidget()
        form_layout = QVBoxLayout(body)
        form_layout.setContentsMargins(0, 0, 0, 0)
        form_layout.addWidget(self.admin_only)
        for box in (database_box, scanner_box, station_box, labels_box):
            form_layout.addWidget(box)
        layout = QVBoxLayout(self)
        # larger text or scaling can make the form taller than the screen: it scrolls,
        # and Save stays in reach below it
        self.body = ScreenBoundScroll(body, name="Settings")
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        where = QLabel(f"Saved in {path}")
        where.setObjectName("hintText")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(620, self.body.sizeHint().width()))
        # all of the form where the screen has room for it, as wide as the form needs (a
        # long path in the line below it is elided by the window, not widening it)
        self.resize(
            max(self.minimumWidth(), self.body.sizeHint().width()), self.sizeHint().height()
        )
        self._on_database_textChanged(self.database.text())
        self._on_terminator_currentIndexChanged()
        if not admin:
            for widget in self.protected:
                widget.setEnabled(False)

    # ------------------------------------------------------------ reading the form
    def database_text(self) -> str:
        return self.database.text().strip()

    def chosen(self) -> Settings:
        url, _ = credentials.split_password(self.database_text())
        if not self.admin:  # kept as they are: not this person's to change
            return replace(
                self._chosen(url),
                database=self.current.database,
                idle_lock_minutes=self.current.idle_lock_minutes,
                anchor_file=self.current.anchor_file,
            )
        return self._chosen(url)

    def _chosen(self, url: str) -> Settings:
        return Settings(
            database=url,
            scanner_terminator=Terminator(self.terminator.currentData()),
            scanner_idle_ms=self.idle_ms.value(),
            gs_substitute=self.gs_substitute.text(),
            sounds=self.sounds.isChecked(),
            idle_lock_minutes=self.idle_lock.value(),
            font_size=self.font_size.value(),
            date_language=str(self.language.currentData()),
            date_format=DateFormat(self.date_format.currentData()),
            anchor_file=self.anchor_file.text().strip(),
            label_width_mm=self.label_width.value(),
            label_height_mm=self.label_height.value(),
        )

    def typed_password(self) -> str | None:
        """The password typed in its field, or the one inside a pasted URL."""
        _, in_url = credentials.split_password(self.database_text())
        return self.password.text() or in_url

    def connect_target(self) -> str:
        target = self.database_text() or str(default_database_path())
        password = self.typed_password()
        if is_server_url(target):
            if password:
                return credentials.with_password(target, password)
            return credentials.connect_target(target)[0]
        return target

    # ------------------------------------------------------------ slots
    def _on_database_textChanged(self, text: str) -> None:
        if not self.database.isEnabled():
            return  # not the person's to change
        postgres = is_server_url(text.strip())
        self.password.setEnabled(postgres)
        self.remember.setEnabled(postgres and self.has_keyring)
        self.connection_result.clear()

    def _on_terminator_currentIndexChanged(self) -> None:
        self.idle_ms.setEnabled(self.terminator.currentData() == Terminator.NONE.value)

    def _on_browse_clicked(self) -> None:
        start = self.database_text() or str(default_database_path())
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            "Database file",
            start,
            "SQLite database (*.sqlite3 *.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.database.setText(chosen)

    def _on_restore_clicked(self) -> None:
        defaults = Settings(database=self.current.database)  # the database stays as it is
        self.terminator.setCurrentIndex(self.terminator.findData(defaults.scanner_terminator))
        self.idle_ms.setValue(defaults.scanner_idle_ms)
        self.gs_substitute.setText(defaults.gs_substitute)
        self.sounds.setChecked(defaults.sounds)
        self.idle_lock.setValue(defaults.idle_lock_minutes)
        self.font_size.setValue(defaults.font_size)
        self.language.setCurrentIndex(self.language.findData(defaults.date_language))
        self.date_format.setCurrentIndex(self.date_format.findData(defaults.date_format))
        if self.anchor_file.isEnabled():
            self.anchor_file.setText(defaults.anchor_file)
        if not self.idle_lock.isEnabled():
            self.idle_lock.setValue(self.current.idle_lock_minutes)
        self.label_width.setValue(defaults.label_width_mm)
        self.label_height.setValue(defaults.label_height_mm)

    def test_connection(self) -> Op:
        """Open the location in the background; the sentence appears beside the button."""
        target = self.connect_target()
        self.test_button.setEnabled(False)
        self.connection_result.setProperty("state", "busy")
        self.connection_result.setText("Connecting…")
        self._test_op = run_op(
            self,
            lambda _progress: probe(target),
            db=None,
            success=self._on_test_succeeded,
            failure=self._on_test_failed,
            label="Testing the connection…",
            cancellable=True,
            cancelled=self._on_test_cancelled,
        )
        return self._test_op

    def _on_test_succeeded(self, sentence: object) -> None:
        self.test_button.setEnabled(True)
        self.connection_result.setProperty("state", "ok")
        self.connection_result.setText(f"✔ {sentence}")

    def _on_test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.connection_result.setProperty("state", "error")
        self.connection_result.setText(f"✖ {error_sentence(exc)}")

    def _on_test_cancelled(self) -> None:
        self.test_button.setEnabled(True)
        self.connection_result.setText("Test cancelled.")

    def save(self) -> None:
        chosen = self.chosen()
        password = self.typed_password()
        if password and is_server_url(chosen.database):
            kept = self.remember.isChecked() and credentials.store_password(
                chosen.database, password
            )
            self.password_for_now = None if kept else password
        try:
            self.loaded = self.loaded.save(chosen)
        except OSError as exc:
            self.error.setText(
                f"The settings could not be saved in {self.path} ({exc.strerror or exc})."
            )
            self.error.show()
            return
        self.saved = chosen
        self.accept()
