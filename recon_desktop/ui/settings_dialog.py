"""Tools → Settings: database location, scanner, sounds, idle lock, font size, the
interface's language, how dates and numbers are written.

Saving writes the settings file at once; everything but the database and the interface's
language applies at once (the database is opened, and the language chosen, at start, so a
new one takes effect on the next start). "Test connection" opens the database location in
the background and says what it found.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
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
    INTERFACE_LANGUAGES,
    LABEL_HEIGHT_MM,
    LABEL_WIDTH_MM,
    DateFormat,
    Loaded,
    Settings,
    Terminator,
)
from recon_desktop.ui import i18n, style
from recon_desktop.ui.sizing import ScreenBoundScroll
from recon_desktop.ui.workers import Op, error_sentence, run_op

translate = QCoreApplication.translate


def language_name(code: str) -> str:
    """A date language (a locale) as the combo box shows it."""
    if code == "system":
        return translate("SettingsDialog", "As the system ({locale})").format(
            locale=QLocale.system().name()
        )
    locale = QLocale(code)
    return f"{locale.nativeLanguageName()} — {locale.nativeTerritoryName()} ({code})"


def interface_language_name(code: str) -> str:
    """An interface language by its own name ("Deutsch"); "system" says which it means."""
    if code == "system":
        meant = i18n.resolve("system")
        return translate("SettingsDialog", "As the system ({language})").format(
            language=INTERFACE_LANGUAGES.get(meant, meant)
        )
    return INTERFACE_LANGUAGES.get(code, code)


def next_start_sentence(language: str) -> str:
    """What saving another interface language is told, in the language spoken now."""
    return translate(
        "SettingsDialog",
        "The interface language ({language}) applies when recon-desktop is next started.",
    ).format(language=INTERFACE_LANGUAGES.get(i18n.resolve(language), language))


def terminator_label(terminator: Terminator) -> str:
    return {
        Terminator.ENTER: translate("SettingsDialog", "Enter"),
        Terminator.TAB: translate("SettingsDialog", "Tab (or Enter)"),
        Terminator.NONE: translate("SettingsDialog", "None (end after a pause)"),
    }.get(terminator, terminator.label)


def date_format_label(date_format: DateFormat) -> str:
    if date_format is DateFormat.LANGUAGE:
        return translate("SettingsDialog", "As the regional format writes them")
    if date_format is DateFormat.ISO:
        return translate("SettingsDialog", "2026-03-31 14:05 (ISO)")
    return date_format.label  # a pattern: the same in every language


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
        self.setWindowTitle(
            translate("SettingsDialog", "Settings — {title}").format(title=APP_TITLE)
        )
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
        self.database.setPlaceholderText(
            translate("SettingsDialog", "{path} (default)").format(path=default_database_path())
        )
        self.database.setToolTip(
            translate("SettingsDialog", "A SQLite file, or postgresql://user@host:port/database")
        )
        self.database.textChanged.connect(self._on_database_textChanged)
        browse = QPushButton(translate("SettingsDialog", "&Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        if site is not None and site.locks_database:
            self.database.setReadOnly(True)
            browse.setEnabled(False)
            self.database.setToolTip(
                translate("SettingsDialog", "Set for every user of this computer in {path}").format(
                    path=site.path
                )
            )
        elif site is not None and site.database:
            self.database.setPlaceholderText(
                translate("SettingsDialog", "{path} (this computer's default)").format(
                    path=site.database
                )
            )
        row = QHBoxLayout()
        row.addWidget(self.database, 1)
        row.addWidget(browse)
        self.password = QLineEdit()
        self.password.setObjectName("settingsPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(
            translate("SettingsDialog", "PostgreSQL password (never written to a file)")
        )
        self.remember = QCheckBox(
            translate("SettingsDialog", "Keep the password in the system keyring")
        )
        self.has_keyring = credentials.keyring_available()
        self.remember.setEnabled(self.has_keyring)
        self.remember.setChecked(self.has_keyring)
        if not self.has_keyring:
            self.remember.setToolTip(
                translate(
                    "SettingsDialog",
                    "No keyring on this computer: the password is asked for at each start.",
                )
            )
        self.test_button = QPushButton(translate("SettingsDialog", "&Test Connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.test_connection)
        self.connection_result = QLabel()
        self.connection_result.setObjectName("connectionResult")
        self.connection_result.setWordWrap(True)
        self.connection_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        database_box = QGroupBox(translate("SettingsDialog", "Database"))
        form = QFormLayout(database_box)
        location_label = QLabel(translate("SettingsDialog", "&Location:"))
        location_label.setBuddy(self.database)
        form.addRow(location_label, row)
        form.addRow(translate("SettingsDialog", "&Password:"), self.password)
        form.addRow("", self.remember)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.connection_result, 1)
        form.addRow(test_row)
        hint = QLabel(
            translate("SettingsDialog", "A new database location is used from the next start.")
        )
        if site is not None and site.locks_database:
            hint.setText(
                translate(
                    "SettingsDialog",
                    "The database is set for every user of this computer in {path}.",
                ).format(path=site.path)
            )
        hint.setObjectName("hintText")
        hint.setWordWrap(True)
        form.addRow(hint)

        # ---- scanner
        self.terminator = QComboBox()
        self.terminator.setObjectName("settingsTerminator")
        for terminator in Terminator:
            self.terminator.addItem(terminator_label(terminator), terminator.value)
        self.terminator.setCurrentIndex(self.terminator.findData(current.scanner_terminator.value))
        self.terminator.currentIndexChanged.connect(self._on_terminator_currentIndexChanged)
        self.idle_ms = QSpinBox()
        self.idle_ms.setObjectName("settingsIdleMs")
        self.idle_ms.setRange(*IDLE_MS)
        self.idle_ms.setSuffix(translate("SettingsDialog", " ms"))
        self.idle_ms.setValue(current.scanner_idle_ms)
        self.idle_ms.setToolTip(
            translate(
                "SettingsDialog",
                "A scan without a terminator ends after this pause; scanners type about 5 ms "
                "apart, people about 200 ms",
            )
        )
        self.gs_substitute = QLineEdit(current.gs_substitute)
        self.gs_substitute.setObjectName("settingsGsSubstitute")
        self.gs_substitute.setMaxLength(1)
        self.gs_substitute.setMaximumWidth(60)
        self.gs_substitute.setToolTip(
            translate(
                "SettingsDialog",
                "For scanners that cannot send the GS1 group separator: the character they "
                "send instead (e.g. ~)",
            )
        )
        scanner_box = QGroupBox(translate("SettingsDialog", "Scanner"))
        form = QFormLayout(scanner_box)
        form.addRow(translate("SettingsDialog", "&Terminator:"), self.terminator)
        form.addRow(translate("SettingsDialog", "Pause that &ends a scan:"), self.idle_ms)
        form.addRow(translate("SettingsDialog", "&GS1 separator sent as:"), self.gs_substitute)

        # ---- workstation
        self.sounds = QCheckBox(translate("SettingsDialog", "Play a sound for each scan result"))
        self.sounds.setObjectName("settingsSounds")
        self.sounds.setChecked(current.sounds)
        self.idle_lock = QSpinBox()
        self.idle_lock.setObjectName("settingsIdleLock")
        self.idle_lock.setRange(*IDLE_LOCK_MINUTES)
        self.idle_lock.setSuffix(translate("SettingsDialog", " min"))
        self.idle_lock.setSpecialValueText(translate("SettingsDialog", "Never"))
        self.idle_lock.setValue(current.idle_lock_minutes)
        self.font_size = QSpinBox()
        self.font_size.setObjectName("settingsFontSize")
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setSuffix(translate("SettingsDialog", " px"))
        self.font_size.setValue(current.font_size)
        # the interface's words: chosen at start, so a change applies at the next one
        self.interface_language = QComboBox()
        self.interface_language.setObjectName("settingsLanguage")
        for code in ("system", *INTERFACE_LANGUAGES):
            self.interface_language.addItem(interface_language_name(code), code)
        self.interface_language.setCurrentIndex(
            max(0, self.interface_language.findData(current.language))
        )
        self.interface_language.currentIndexChanged.connect(
            self._on_interface_language_currentIndexChanged
        )
        self.language_hint = QLabel()
        self.language_hint.setObjectName("languageNextStart")
        self.language_hint.setWordWrap(True)
        self.language_hint.hide()
        # how dates, times and numbers are written (the locale), whatever the words' language
        self.language = QComboBox()
        self.language.setObjectName("settingsDateLanguage")
        self.language.setToolTip(
            translate(
                "SettingsDialog",
                "How dates, times and numbers are written and read (1,000.5 or 1.000,5); "
                "applies at once",
            )
        )
        for code in DATE_LANGUAGES:
            self.language.addItem(language_name(code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(current.date_language)))
        self.date_format = QComboBox()
        self.date_format.setObjectName("settingsDateFormat")
        for date_format in DateFormat:
            self.date_format.addItem(date_format_label(date_format), date_format.value)
        self.date_format.setCurrentIndex(self.date_format.findData(current.date_format.value))
        station_box = QGroupBox(translate("SettingsDialog", "Workstation"))
        form = QFormLayout(station_box)
        form.addRow("", self.sounds)
        form.addRow(translate("SettingsDialog", "&Lock after idle:"), self.idle_lock)
        form.addRow(translate("SettingsDialog", "&Font size:"), self.font_size)
        form.addRow(translate("SettingsDialog", "Lang&uage:"), self.interface_language)
        form.addRow("", self.language_hint)
        form.addRow(translate("SettingsDialog", "&Regional format:"), self.language)
        form.addRow(translate("SettingsDialog", "&Dates as:"), self.date_format)
        self.anchor_file = QLineEdit(current.anchor_file)
        self.anchor_file.setObjectName("settingsAnchorFile")
        self.anchor_file.setPlaceholderText(str(default_anchor_file()))
        self.anchor_file.setToolTip(
            translate(
                "SettingsDialog",
                "Ending a session appends its anchor (the audit trail's chain heads) here, "
                "outside the database; 'recon-desktop audit verify --anchor FILE' checks the "
                "database against it. Keep it where the database is not (another disk or "
                "share).",
            )
        )
        form.addRow(translate("SettingsDialog", "&Anchor file:"), self.anchor_file)

        # ---- labels
        self.label_width = QSpinBox()
        self.label_width.setObjectName("settingsLabelWidth")
        self.label_width.setRange(*LABEL_WIDTH_MM)
        self.label_width.setSuffix(translate("SettingsDialog", " mm"))
        self.label_width.setValue(current.label_width_mm)
        self.label_height = QSpinBox()
        self.label_height.setObjectName("settingsLabelHeight")
        self.label_height.setRange(*LABEL_HEIGHT_MM)
        self.label_height.setSuffix(translate("SettingsDialog", " mm"))
        self.label_height.setValue(current.label_height_mm)
        label_row = QHBoxLayout()
        label_row.addWidget(self.label_width)
        label_row.addWidget(QLabel("×"))
        label_row.addWidget(self.label_height)
        label_row.addStretch(1)
        labels_box = QGroupBox(translate("SettingsDialog", "Labels"))
        form = QFormLayout(labels_box)
        size_label = QLabel(translate("SettingsDialog", "Label &size (width × height):"))
        size_label.setBuddy(self.label_width)
        form.addRow(size_label, label_row)
        labels_hint = QLabel(
            translate(
                "SettingsDialog",
                "The labels in the label printer; each item's label is one of them.",
            )
        )
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
            translate(
                "SettingsDialog",
                "Where the database and the anchors are kept, and the idle lock, are changed "
                "by an admin of a lab.",
            )
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
        self.body = ScreenBoundScroll(body, name=translate("SettingsDialog", "Settings"))
        layout.addWidget(self.body, 1)
        layout.addWidget(self.error)
        where = QLabel(translate("SettingsDialog", "Saved in {path}").format(path=path))
        where.setObjectName("hintText")
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(where)
        layout.addWidget(self.buttons)
        # the form's width and the dialog's margins beside it (without them the form's
        # right edge was cut: its fields and group frames)
        margins = layout.contentsMargins()
        form_width = self.body.sizeHint().width() + margins.left() + margins.right()
        self.setMinimumWidth(min(620, form_width))
        # all of the form where the screen has room for it, as wide as the form needs (a
        # long path in the line below it is elided by the window, not widening it)
        self.resize(max(self.minimumWidth(), form_width), self.sizeHint().height())
        self._on_database_textChanged(self.database.text())
        self._on_terminator_currentIndexChanged()
        self._on_interface_language_currentIndexChanged()
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
            language=str(self.interface_language.currentData()),
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

    def _on_interface_language_currentIndexChanged(self) -> None:
        """Another language than the one spoken now: said to apply at the next start."""
        chosen = str(self.interface_language.currentData())
        changed = i18n.resolve(chosen) != i18n.current()
        self.language_hint.setText(next_start_sentence(chosen) if changed else "")
        self.language_hint.setVisible(changed)

    def language_changed(self) -> bool:
        """Whether the language saved is another than the one the interface speaks."""
        return self.saved is not None and i18n.resolve(self.saved.language) != i18n.current()

    def _on_terminator_currentIndexChanged(self) -> None:
        self.idle_ms.setEnabled(self.terminator.currentData() == Terminator.NONE.value)

    def _on_browse_clicked(self) -> None:
        start = self.database_text() or str(default_database_path())
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            translate("SettingsDialog", "Database file"),
            start,
            translate("SettingsDialog", "SQLite database (*.sqlite3 *.db);;All files (*)"),
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
        self.interface_language.setCurrentIndex(self.interface_language.findData(defaults.language))
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
        self.connection_result.setText(translate("SettingsDialog", "Connecting…"))
        self._test_op = run_op(
            self,
            lambda _progress: probe(target),
            db=None,
            success=self._on_test_succeeded,
            failure=self._on_test_failed,
            label=translate("SettingsDialog", "Testing the connection…"),
            cancellable=True,
            cancelled=self._on_test_cancelled,
        )
        return self._test_op

    def _on_test_succeeded(self, sentence: object) -> None:
        self.test_button.setEnabled(True)
        self.connection_result.setProperty("state", "ok")
        self.connection_result.setText(f"✔ {i18n.say(sentence)}")

    def _on_test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.connection_result.setProperty("state", "error")
        self.connection_result.setText(f"✖ {error_sentence(exc)}")

    def _on_test_cancelled(self) -> None:
        self.test_button.setEnabled(True)
        self.connection_result.setText(translate("SettingsDialog", "Test cancelled."))

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
                translate(
                    "SettingsDialog", "The settings could not be saved in {path} ({reason})."
                ).format(path=self.path, reason=exc.strerror or exc)
            )
            self.error.show()
            return
        self.saved = chosen
        self.accept()
