"""Item labels through Qt's print system: a label printer, or a PDF.

A label is one page of the size set in Tools → Settings: the barcode as Code 128 bars
(``core.labels``), the barcode as text, the ingredient, and the lot and expiry. The same
painting goes to a printer, a PDF file or an image (tests, screenshots).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from recon_desktop.core.labels import QUIET_ZONE, LabelText, code128_modules
from recon_desktop.core.records import ItemInfo
from recon_desktop.errors import ValidationError
from recon_desktop.ui import formatting, i18n
from recon_desktop.ui.file_dialogs import documents_location, tell

MM_PER_INCH = 25.4
DEFAULT_SIZE_MM = (50.0, 25.0)
_size_mm = DEFAULT_SIZE_MM  # Tools → Settings → Labels (``set_label_size``)


def set_label_size(width_mm: float, height_mm: float) -> None:
    """The size of the labels loaded in the printer (from the settings)."""
    global _size_mm
    _size_mm = (float(width_mm), float(height_mm))


def label_size() -> tuple[float, float]:
    return _size_mm


def label_text(item: ItemInfo) -> LabelText:
    return LabelText(item.barcode, item.ingredient, item.lot, item.expires_on)


def paint_label(painter: QPainter, page: QRectF, label: LabelText, dots_per_mm: float) -> None:
    """One label into ``page`` (device units, ``dots_per_mm`` of them to a millimetre):
    the bars across the top, the barcode under them, then the ingredient, lot and expiry."""
    modules = code128_modules(label.barcode)
    margin = 1.5 * dots_per_mm
    area = page.adjusted(margin, margin, -margin, -margin)
    height = area.height()
    bars_height = height * 0.46
    text_px = max(height * 0.12, 1.0)
    line_px = max(height * 0.13, 1.0)

    # the bars: whole device dots per module when the device has them (a raster image, a
    # label printer), so that every bar is as wide as its neighbours; the quiet zones beside
    count = len(modules) + 2 * QUIET_ZONE
    module = area.width() / count
    if module >= 1:
        module = math.floor(module)
    left = area.left() + (area.width() - module * count) / 2 + module * QUIET_ZONE
    painter.save()
    painter.fillRect(page, QColor("white"))
    black = QColor("black")
    start = None
    for index, bit in enumerate(modules + "0"):
        if bit == "1" and start is None:
            start = index
        elif bit == "0" and start is not None:
            painter.fillRect(
                QRectF(left + start * module, area.top(), (index - start) * module, bars_height),
                black,
            )
            start = None

    y = area.top() + bars_height + height * 0.02
    plain = QFont(QGuiApplication.font())  # before the painter's font is the barcode's
    mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    mono.setPixelSize(max(1, round(text_px)))
    y = _line(painter, mono, label.barcode, area, y, Qt.AlignmentFlag.AlignHCenter)
    plain.setPixelSize(max(1, round(line_px)))
    plain.setBold(True)
    y = _line(painter, plain, label.ingredient, area, y, Qt.AlignmentFlag.AlignLeft)
    plain.setBold(False)
    plain.setPixelSize(max(1, round(line_px * 0.9)))
    if label.details:
        _line(painter, plain, i18n.say(label.details), area, y, Qt.AlignmentFlag.AlignLeft)
    painter.restore()


def _line(
    painter: QPainter, font: QFont, text: str, area: QRectF, y: float, align: Qt.AlignmentFlag
) -> float:
    """One line of text at ``y``, elided at the right to the label's width; the next y."""
    metrics = QFontMetricsF(font)
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, area.width())
    painter.setFont(font)
    painter.setPen(QColor("black"))
    rect = QRectF(area.left(), y, area.width(), metrics.height())
    painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)
    return y + metrics.height()


def _label_printer(printer: QPrinter, size_mm: tuple[float, float]) -> None:
    width, height = size_mm
    orientation = QPageSize.SizeMatchPolicy.ExactMatch
    page = QPageSize(QSizeF(width, height), QPageSize.Unit.Millimeter, "Label", orientation)
    printer.setPageSize(page)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0))
    printer.setFullPage(True)


def print_to(printer: QPrinter, labels: Sequence[LabelText]) -> None:
    """Each label on a page of its own (ValidationError before any page for a barcode
    that cannot be printed)."""
    for label in labels:
        code128_modules(label.barcode)  # every one printable, or none is printed
    painter = QPainter()
    if not painter.begin(printer):
        raise ValidationError(
            QCoreApplication.translate(
                "ItemLabels", "The printer could not be opened; nothing was printed."
            )
        )
    try:
        dots_per_mm = printer.resolution() / MM_PER_INCH
        page = QRectF(printer.pageRect(QPrinter.Unit.DevicePixel))
        for number, label in enumerate(labels):
            if number:
                printer.newPage()
            paint_label(painter, page, label, dots_per_mm)
    finally:
        painter.end()


def write_pdf(path: Path, labels: Sequence[LabelText], size_mm: tuple[float, float]) -> Path:
    """The labels as a PDF file, a page each, as a printer would print them."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    _label_printer(printer, size_mm)
    print_to(printer, labels)
    return path


def render_image(label: LabelText, size_mm: tuple[float, float], dpi: int = 300) -> QImage:
    """One label as an image (what a label printer of ``dpi`` puts on paper)."""
    dots_per_mm = dpi / MM_PER_INCH
    image = QImage(
        round(size_mm[0] * dots_per_mm),
        round(size_mm[1] * dots_per_mm),
        QImage.Format.Format_RGB32,
    )
    image.setDotsPerMeterX(round(dots_per_mm * 1000))
    image.setDotsPerMeterY(round(dots_per_mm * 1000))
    painter = QPainter(image)
    try:
        paint_label(painter, QRectF(image.rect()), label, dots_per_mm)
    finally:
        painter.end()
    return image


def print_labels(parent: QWidget, items: Sequence[ItemInfo]) -> bool:
    """Ask where (a printer, or a PDF file where none is set up) and print a label for each
    item; True when printed. A barcode that cannot be printed is said in a sentence."""
    if not items:
        return False
    labels = [label_text(item) for item in items]
    try:
        for label in labels:
            code128_modules(label.barcode)
    except ValidationError as exc:
        tell(parent, i18n.say(exc), error=True)
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    _label_printer(printer, label_size())
    if not QPrinterInfo.availablePrinters():  # no printer set up: a PDF, to print later
        name = (
            QCoreApplication.translate("ItemLabels", "label {barcode}.pdf").format(
                barcode=labels[0].barcode
            )
            if len(labels) == 1
            else QCoreApplication.translate("ItemLabels", "labels.pdf")
        )
        folder = documents_location()
        folder.mkdir(parents=True, exist_ok=True)  # a new account may have none yet
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(folder / _safe(name)))
    dialog = QPrintDialog(printer, parent)
    translate = QCoreApplication.translate
    if len(labels) == 1:
        dialog.setWindowTitle(translate("ItemLabels", "Print label"))
    else:
        dialog.setWindowTitle(
            translate("ItemLabels", "Print {count} labels").format(
                count=formatting.number(len(labels))
            )
        )
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    finally:
        dialog.deleteLater()
    _label_printer(printer, label_size())  # the label's size, whatever the dialog chose
    try:
        print_to(printer, labels)
    except ValidationError as exc:
        tell(parent, i18n.say(exc), error=True)
        return False
    if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat:
        if len(labels) == 1:
            went = translate("ItemLabels", "The label went to {file}.")
        else:
            went = translate("ItemLabels", "The {count} labels went to {file}.")
        tell(
            parent,
            went.format(count=formatting.number(len(labels)), file=printer.outputFileName()),
        )
    return True


def _safe(name: str) -> str:
    return "".join("_" if c in '<>:"/\\|?*' or ord(c) < 32 else c for c in name)
