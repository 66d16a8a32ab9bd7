"""Sign-in: a user name (or a scanned badge barcode) and the PIN."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core.records import Operator
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.services.auth import PIN_MAX
from recon_desktop.ui import i18n, style
from recon_desktop.ui.scan_capture import mark_scan_field

translate = QCoreApplication.translate


class SignInDialog(QDialog):
    """Asks who is at the workstation. ``operator`` is set when the dialog is accepted."""

    def __init__(
        self,
        services: Services,
        *,
        parent: QWidget | None = None,
        switching: bool = False,
        hint: object = "",
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.operator: Operator | None = None
        heading = (
            translate("SignInDialog", "Switch operator")
            if switching
            else translate("SignInDialog", "Sign in")
        )
        self.setWindowTitle(f"{heading} — {APP_TITLE}")
        title = QLabel(heading)
        title.setObjectName("dialogTitle")
        explain = QLabel(
            translate(
                "SignInDialog",
                "Scan your badge or type your name, then enter your PIN. The active session "
                "stays open.",
            )
            if switching
            else translate(
                "SignInDialog", "Scan your badge or type your name, then enter your PIN."
            )
        )
        explain.setObjectName("hintText")
        explain.setWordWrap(True)

        self.user = QLineEdit()
        self.user.setObjectName("signInUser")
        self.user.setPlaceholderText(translate("SignInDialog", "Name or badge"))
        self.user.setMaxLength(200)
        mark_scan_field(self.user)  # a badge scanned here is who signs in
        self.pin = QLineEdit()
        self.pin.setObjectName("signInPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX)
        self.pin.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d*"), self.pin))
        self.error = style.error_label()

        form = QFormLayout()
        form.addRow(translate("SignInDialog", "&User:"), self.user)
        form.addRow(translate("SignInDialog", "&PIN:"), self.pin)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("SignInDialog", "Sign in"))
        ok.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(
            translate("SignInDialog", "Cancel") if switching else translate("SignInDialog", "Quit")
        )
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        if hint:
            hint_label = QLabel(i18n.say(hint))  # a Text (app.demo_hint) in this language
            hint_label.setObjectName("hintText")
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(380)
        self.user.setFocus()

    def scan_refusal(self, shown: str) -> str:
        """A scan typed here (not into the name field, where a badge goes) is refused:
        nobody is signed in to record it."""
        return translate("SignInDialog", "Sign in first: {barcode} was not recorded.").format(
            barcode=shown
        )

    def _on_buttons_accepted(self) -> None:
        identifier = self.user.text().strip()
        if not identifier:
            self.user.setFocus()
            return
        if not self.pin.text():
            # A badge scanner ends with Enter: that moves on to the PIN, it does not submit.
            self.pin.setFocus()
            return
        try:
            self.operator = self.services.auth.sign_in(identifier, self.pin.text())
        except ReconError as exc:
            self.error.setText(i18n.say(exc))
            self.error.show()
            self.adjustSize()  # room for the sentence
            self.pin.clear()
            self.pin.setFocus()
            return
        self.accept()
