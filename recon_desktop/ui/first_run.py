"""First run: a database with no labs offers three ways forward instead of a sign-in for
nobody — create the first admin and lab, import inventory from Excel, or open the demo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core import text
from recon_desktop.core.records import LabInfo, Operator
from recon_desktop.errors import ReconError, ValidationError
from recon_desktop.services import Services
from recon_desktop.services.admin import clean_name
from recon_desktop.services.auth import PIN_MAX, PIN_MIN, check_pin_format
from recon_desktop.ui import i18n, style

translate = QCoreApplication.translate


def _pin_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_MAX)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), field))
    return field


class CreateAdminDialog(QDialog):
    """Lab name, user name and PIN twice → the lab, its admin, and that admin signed in."""

    def __init__(self, services: Services, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("createAdminDialog")
        create = translate("FirstRunWindow", "Create the first admin and lab")
        self.setWindowTitle(f"{create} — {APP_TITLE}")
        self.services = services
        self.operator: Operator | None = None
        self.lab: LabInfo | None = None
        title = QLabel(create)
        title.setObjectName("dialogTitle")
        explain = QLabel(
            translate(
                "CreateAdminDialog",
                "The admin can add people, listing configs and inventory, and signs in with "
                "the PIN ({low} to {high} digits).",
            ).format(low=PIN_MIN, high=PIN_MAX)
        )
        explain.setObjectName("hintText")
        explain.setWordWrap(True)
        self.lab_name = QLineEdit()
        self.lab_name.setObjectName("firstLabName")
        self.lab_name.setPlaceholderText(translate("CreateAdminDialog", "e.g. Cell Biology"))
        self.lab_name.setMaxLength(200)
        self.user_name = QLineEdit()
        self.user_name.setObjectName("firstUserName")
        self.user_name.setPlaceholderText(translate("CreateAdminDialog", "e.g. ana"))
        self.user_name.setMaxLength(200)
        self.pin = _pin_field("firstPin")
        self.pin_again = _pin_field("firstPinAgain")
        self.error = style.error_label()
        form = QFormLayout()
        form.addRow(translate("CreateAdminDialog", "&Lab:"), self.lab_name)
        form.addRow(translate("CreateAdminDialog", "&Admin's name:"), self.user_name)
        form.addRow(translate("CreateAdminDialog", "&PIN:"), self.pin)
        form.addRow(translate("CreateAdminDialog", "PIN &again:"), self.pin_again)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("CreateAdminDialog", "Create and Sign In"))
        ok.setMinimumWidth(ok.fontMetrics().horizontalAdvance(ok.text()) + 48)
        ok.setDefault(True)
        self.buttons.accepted.connect(self.create_and_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.lab_name.setFocus()

    def _fail(self, sentence: str, field: QLineEdit) -> None:
        self.error.setText(sentence)
        self.error.show()
        field.setFocus()

    def create_and_sign_in(self) -> None:
        pin = self.pin.text()
        try:
            lab_name = clean_name(
                self.lab_name.text(), text.translate("CreateAdminDialog", "lab name")
            )
        except ValidationError as exc:
            self._fail(i18n.say(exc), self.lab_name)
            return
        try:
            user_name = clean_name(
                self.user_name.text(), text.translate("CreateAdminDialog", "user name")
            )
        except ValidationError as exc:
            self._fail(i18n.say(exc), self.user_name)
            return
        try:
            check_pin_format(pin)
        except ValidationError as exc:
            self._fail(i18n.say(exc), self.pin)
            return
        if pin != self.pin_again.text():
            self.pin_again.clear()
            self._fail(
                translate("CreateAdminDialog", "The two PINs differ; type the PIN again."),
                self.pin_again,
            )
            return
        try:
            # on a database without users only (the service refuses otherwise): the first
            # lab and its first admin, who needs no sign-in to be made
            self.services.admin.create_first_admin(lab_name, user_name, pin)
            self.operator = self.services.auth.sign_in(user_name, pin)
            lab = self.services.admin.lab(lab_name)
        except ReconError as exc:
            self._fail(i18n.say(exc), self.lab_name)
            return
        self.lab = lab
        self.accept()


ImportWizard = Callable[[QWidget, Services, Operator, int], bool]


def open_excel_import(parent: QWidget, services: Services, operator: Operator, lab_id: int) -> bool:
    from recon_desktop.ui.import_wizard import open_import_wizard

    return open_import_wizard(parent, services, operator, lab_id)


class FirstRunWindow(QDialog):
    """The three ways forward on an empty database. Accepted with ``operator`` set once an
    admin exists and is signed in; ``open_demo`` is called for the demo."""

    def __init__(
        self,
        services: Services,
        *,
        database: str,
        open_demo: Callable[[], None],
        import_wizard: ImportWizard = open_excel_import,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWindow")
        self.setWindowTitle(
            translate("FirstRunWindow", "Welcome — {title}").format(title=APP_TITLE)
        )
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.services = services
        self.operator: Operator | None = None
        self.lab: LabInfo | None = None
        self.demo_chosen = False
        self._open_demo = open_demo
        self._import_wizard = import_wizard

        icon = QLabel()
        icon.setPixmap(style.icon("app").pixmap(56, 56))
        title = QLabel(translate("FirstRunWindow", "Welcome to {title}").format(title=APP_TITLE))
        title.setObjectName("pageTitle")
        intro = QLabel(
            translate(
                "FirstRunWindow", "This database has no labs or people yet. Choose how to begin:"
            )
        )
        intro.setWordWrap(True)
        where = QLabel(
            translate("FirstRunWindow", "Database: {database}").format(database=database)
        )
        where.setObjectName("hintText")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.create_button = QCommandLinkButton(
            translate("FirstRunWindow", "Create the first admin and lab"),
            translate(
                "FirstRunWindow",
                "Name your lab and its first administrator, who is signed in at once and can "
                "then add people, listing configs and inventory.",
            ),
        )
        self.create_button.setObjectName("firstRunCreate")
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.import_button = QCommandLinkButton(
            translate("FirstRunWindow", "Import inventory from Excel"),
            translate(
                "FirstRunWindow",
                "Load inventory items from an .xlsx or .csv file. Items belong to a lab, so "
                "the lab and its admin are created first.",
            ),
        )
        self.import_button.setObjectName("firstRunImport")
        self.import_button.clicked.connect(self.import_inventory)
        self.demo_button = QCommandLinkButton(
            translate("FirstRunWindow", "Open the demo"),
            translate(
                "FirstRunWindow",
                "Try recon-desktop on a separate demo database with two labs, three users and "
                "{items} items. This database stays as it is.",
            ).format(items=QLocale().toString(2000)),
        )
        self.demo_button.setObjectName("firstRunDemo")
        self.demo_button.clicked.connect(self.open_demo)

        self.status = QLabel()
        self.status.setObjectName("firstRunStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        self.continue_button = QPushButton(
            translate("FirstRunWindow", "Continue to Barcode Tracking")
        )
        self.continue_button.setObjectName("firstRunContinue")
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self.accept)
        quit_button = QPushButton(translate("FirstRunWindow", "&Quit"))
        quit_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()
        buttons.addButton(quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.hide()  # until an admin is signed in

        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(intro)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        top = QFormLayout()
        top.addRow(icon, heading)
        layout.addLayout(top)
        for button in (self.create_button, self.import_button, self.demo_button):
            layout.addWidget(button)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self.create_button.setFocus()

    # ------------------------------------------------------------ the three ways
    def _on_create_button_clicked(self) -> None:
        self.create_admin()

    def create_admin(self, then: Callable[[], object] | None = None) -> CreateAdminDialog | None:
        """Open the create dialog (window-modal); ``then`` runs once the admin is signed
        in. None when that has happened already (``then`` runs at once)."""
        if self.operator is not None:
            if then is not None:
                then()
            return None
        dialog = CreateAdminDialog(self.services, parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._on_created(dialog, then))
        self.create_dialog = dialog
        dialog.open()
        return dialog

    def _on_created(self, dialog: CreateAdminDialog, then: Callable[[], object] | None) -> None:
        if dialog.operator is None or dialog.lab is None:
            return
        self.operator, self.lab = dialog.operator, dialog.lab
        self.create_button.setEnabled(False)
        self.create_button.setDescription(
            translate("FirstRunWindow", "Done: lab “{lab}” with {user} as its admin.").format(
                lab=self.lab.name, user=self.operator.name
            )
        )
        self.demo_button.setEnabled(False)
        self.demo_button.setDescription(
            translate(
                "FirstRunWindow",
                "The demo is on its own database: start recon-desktop --demo to open it.",
            )
        )
        self.import_button.setDescription(
            translate(
                "FirstRunWindow", "Load inventory items from an .xlsx or .csv file into “{lab}”."
            ).format(lab=self.lab.name)
        )
        self.status.setText(
            translate(
                "FirstRunWindow",
                "Signed in as {user} (admin of {lab}). Import inventory now, or continue to "
                "Barcode Tracking.",
            ).format(user=self.operator.name, lab=self.lab.name)
        )
        self.status.show()
        self.continue_button.show()
        self.continue_button.setFocus()
        if then is not None:
            then()

    def import_inventory(self) -> None:
        """The import wizard, after the lab and its admin are created when they are not."""
        self.create_admin(then=self._run_import)

    def _run_import(self) -> None:
        assert self.operator is not None and self.lab is not None
        if self._import_wizard(self, self.services, self.operator, self.lab.id):
            self.status.setText(
                translate(
                    "FirstRunWindow",
                    "Inventory imported into {lab}. Continue to Barcode Tracking to start a "
                    "session.",
                ).format(lab=self.lab.name)
            )

    def open_demo(self) -> None:
        self.demo_chosen = True
        self._open_demo()
        self.reject()
