"""Register an Unknown barcode on the spot: what the item holds (ingredient, type,
quantity, unit) and where it is (the current location, or another scanned or typed)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from recon_desktop import APP_TITLE
from recon_desktop.core.records import ItemInfo, Operator, ScanResult
from recon_desktop.errors import ReconError
from recon_desktop.services import Services
from recon_desktop.ui import formatting, i18n, style
from recon_desktop.ui.scan_capture import mark_scan_field

translate = QCoreApplication.translate


class RegisterDialog(QDialog):
    """Registers one Unknown scan's barcode as a new item; ``registered`` holds the scan's
    follow-up and the item once accepted."""

    def __init__(
        self,
        parent: QWidget | None,
        services: Services,
        operator: Operator,
        session_id: int,
        scan_id: int,
        barcode: str,
        here: tuple[int, str] | None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.setWindowTitle(
            translate("RegisterDialog", "Register item — {program}").format(program=APP_TITLE)
        )
        self.services = services
        self.operator = operator
        self.session_id = session_id
        self.scan_id = scan_id
        self.here = here
        self.registered: tuple[ScanResult, ItemInfo] | None = None

        title = QLabel(translate("RegisterDialog", "Register an unknown barcode as a new item"))
        title.setObjectName("dialogTitle")
        code = QLabel(barcode)
        code.setObjectName("bigBarcode")
        code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        explain = QLabel(
            translate(
                "RegisterDialog",
                "The item is recorded in this session's history, and the scan gets a follow-up "
                "record with its new tag (Not in Scope: the listing was frozen at the start).",
            )
        )
        explain.setObjectName("hintText")
        explain.setWordWrap(True)

        try:
            known = services.inventory.ingredients()
        except ReconError:
            known = []
        self._types = {name: kind for name, kind in known}
        self.ingredient = QLineEdit()
        self.ingredient.setObjectName("registerIngredient")
        self.ingredient.setPlaceholderText(
            translate("RegisterDialog", "Type a new name, or choose a known one")
        )
        self.ingredient.setMaxLength(300)
        names = QCompleter([name for name, _ in known], self.ingredient)
        names.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        names.setFilterMode(Qt.MatchFlag.MatchContains)
        self.ingredient.setCompleter(names)
        self.ingredient.editingFinished.connect(self._on_ingredient_editingFinished)
        self.ingredient_type = QLineEdit()
        self.ingredient_type.setObjectName("registerType")
        self.ingredient_type.setPlaceholderText(
            translate("RegisterDialog", "Optional: solvent, buffer, enzyme…")
        )
        self.ingredient_type.setMaxLength(200)
        kinds = sorted({kind for kind in self._types.values() if kind})
        self.ingredient_type.setCompleter(QCompleter(kinds, self.ingredient_type))
        self.quantity = QLineEdit()
        self.quantity.setObjectName("registerQuantity")
        self.quantity.setPlaceholderText(translate("RegisterDialog", "e.g. 250"))
        self.unit = QLineEdit()
        self.unit.setObjectName("registerUnit")
        self.unit.setPlaceholderText(translate("RegisterDialog", "mL, µL, g, vial…"))
        self.unit.setMaxLength(32)
        self.location = QLineEdit(here[1] if here else "")
        self.location.setObjectName("registerLocation")
        self.location.setPlaceholderText(
            translate("RegisterDialog", "Scan the location's barcode, or type its path")
        )
        mark_scan_field(self.location, "location")
        for field in (self.ingredient, self.ingredient_type, self.quantity, self.unit):
            field.textChanged.connect(self._on_field_textChanged)
        self.location.textChanged.connect(self._on_field_textChanged)

        form = QFormLayout()
        form.addRow(translate("RegisterDialog", "&Ingredient:"), self.ingredient)
        form.addRow(translate("RegisterDialog", "&Type:"), self.ingredient_type)
        form.addRow(translate("RegisterDialog", "&Quantity:"), self.quantity)
        form.addRow(translate("RegisterDialog", "&Unit:"), self.unit)
        form.addRow(translate("RegisterDialog", "&Location:"), self.location)
        self.error = style.error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("okButton")
        self.ok.setText(translate("RegisterDialog", "Register"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(code)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
        self.ingredient.setFocus()

    def _on_ingredient_editingFinished(self) -> None:
        """A known ingredient brings its type (unless one is typed)."""
        kind = self._types.get(self.ingredient.text().strip())
        if kind and not self.ingredient_type.text().strip():
            self.ingredient_type.setText(kind)

    def _on_field_textChanged(self) -> None:
        self.error.hide()  # what it said was about the fields as they were

    def _missing(self) -> list[str]:
        """The fields a new item needs that are still empty, as the person reads them."""
        needed = (
            (self.ingredient, translate("RegisterDialog", "the ingredient")),
            (self.quantity, translate("RegisterDialog", "the quantity")),
            (
                self.location,
                translate("RegisterDialog", "the location (scan it, or type its path)"),
            ),
        )
        return [name for field, name in needed if not field.text().strip()]

    def _location_id(self) -> int:
        text = self.location.text().strip()
        if self.here is not None and text == self.here[1]:
            return self.here[0]
        return self.services.admin.location(text).id  # ReconError names the problem

    def _on_buttons_accepted(self) -> None:
        missing = self._missing()
        if missing:  # Register (or Enter) says what is still needed, nothing is written
            first, *rest = missing
            if rest:
                names = translate("RegisterDialog", "{first} and {last}").format(
                    first=", ".join([first, *rest[:-1]]), last=rest[-1]
                )
            else:
                names = first
            self.error.setText(
                translate("RegisterDialog", "Fill in {fields} to register the item.").format(
                    fields=names
                )
            )
            self.error.show()
            return
        try:
            self.registered = self.services.sessions.register_unknown(
                self.operator,
                self.session_id,
                self.scan_id,
                ingredient=self.ingredient.text(),
                ingredient_type=self.ingredient_type.text(),
                quantity=formatting.read_quantity(self.quantity.text()),
                unit=self.unit.text(),
                location_id=self._location_id(),
            )
        except ReconError as exc:
            self.error.setText(i18n.say(exc))
            self.error.show()
            return
        self.accept()
