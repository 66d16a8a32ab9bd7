"""Labels: the symbol decodes to the item's barcode, the PDF page has the label's size and
its lines, a barcode that cannot be a Code 128 symbol is refused with a sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import zxingcpp
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from recon_desktop.core.labels import LabelText, code128_modules
from recon_desktop.errors import ValidationError
from recon_desktop.ui import item_labels
from tests.ui.big_world import when_modal
from tests.ui.conftest import OFFSCREEN_NOISE, LabWorld

pytestmark = pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE)
MM = 72 / 25.4  # PDF points to a millimetre


def decoded(label: LabelText, size_mm: tuple[float, float], dpi: int) -> list[tuple[str, str]]:
    image = item_labels.render_image(label, size_mm, dpi)
    return [(found.text, found.format.name) for found in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize(
    ("text", "size_mm", "dpi"),
    [
        ("RC00000001", (50, 25), 300),
        ("RC00000001", (50, 25), 203),  # a thermal label printer's 8 dots a millimetre
        ("RDA1B2C3D4E5", (38, 19), 300),
        ("lab-item/0042 x", (62, 29), 203),
    ],
)
def test_the_symbol_reads_back_as_the_items_barcode(
    qapp: object, text: str, size_mm: tuple[float, float], dpi: int
) -> None:
    label = LabelText(text, "Ethanol 70%", "L12", date(2027, 1, 31))
    assert decoded(label, size_mm, dpi) == [(text, "Code128")]


def test_a_label_pdf_has_the_label_size_and_its_lines(qapp: object, tmp_path: Path) -> None:
    first = LabelText("RC00000007", "Fetal bovine serum", "L6991", date(2028, 8, 6))
    second = LabelText("RDA1B2C3D4E5", "PBS 10x")
    pdf = item_labels.write_pdf(tmp_path / "labels.pdf", [first, second], (57, 32))
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2  # a page a label
    for page in reader.pages:
        box = page.mediabox
        assert (float(box.width) / MM, float(box.height) / MM) == pytest.approx((57, 32), abs=0.2)
    text = reader.pages[0].extract_text().replace("\t", " ")  # Qt writes its spaces so
    for line in ("RC00000007", "Fetal bovine serum", "Lot L6991 · Exp 2028-08-06"):
        assert line in text, text
    assert "PBS 10x" in reader.pages[1].extract_text().replace("\t", " ")


def test_a_barcode_that_cannot_be_code_128_is_refused_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="only ASCII characters"):
        code128_modules("Küvette-1")
    with pytest.raises(ValidationError, match="empty barcode"):
        code128_modules("")
    with pytest.raises(ValidationError):
        item_labels.write_pdf(tmp_path / "x.pdf", [LabelText("Küvette-1", "x")], (50, 25))
    assert not (tmp_path / "x.pdf").exists()  # nothing printed


def test_print_labels_asks_where_and_prints_a_pdf_without_a_printer(
    qtbot: QtBot, world: LabWorld, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(item_labels, "documents_location", lambda: tmp_path)
    monkeypatch.setattr(item_labels.QPrinterInfo, "availablePrinters", staticmethod(list))
    item_labels.set_label_size(62, 29)
    try:
        parent = QWidget()
        qtbot.addWidget(parent)
        item = world.services.inventory.item_by_barcode("ITEM-0003")

        def accept(dialog: QDialog) -> None:
            assert dialog.windowTitle() == "Print label"
            dialog.accept()

        ran = when_modal(accept, QPrintDialog)
        assert item_labels.print_labels(parent, [item])
        assert ran == [True]
    finally:
        item_labels.set_label_size(*item_labels.DEFAULT_SIZE_MM)
    pdf = PdfReader(tmp_path / "label ITEM-0003.pdf")
    box = pdf.pages[0].mediabox
    assert (float(box.width) / MM, float(box.height) / MM) == pytest.approx((62, 29), abs=0.2)
    assert "ITEM-0003" in pdf.pages[0].extract_text()
