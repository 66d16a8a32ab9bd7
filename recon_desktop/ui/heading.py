"""What a secondary window shows, said on top of it in the Barcode Tracking window's style
(its page title, its banner's colours), and its tables' columns sized to what they hold."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHeaderView, QTableView, QVBoxLayout, QWidget

from recon_desktop.ui.labels import WrappingLabel

SAMPLE_ROWS = 100  # rows a column's width is measured on (never the whole of a big table)
WIDEST_CHARS = 60  # a column is never made wider than this many characters by its content


class WindowHeading(QFrame):
    """A title (the view, the session, the item) and a line of facts under it."""

    def __init__(self, title: str = "", detail: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowHeading")
        self.title = WrappingLabel(title)
        self.title.setObjectName("headingTitle")
        self.detail = WrappingLabel(detail)
        self.detail.setObjectName("headingDetail")
        layout = QVBoxLayout(self)
        spacing = self.fontMetrics().height() // 2
        layout.setContentsMargins(spacing * 2, spacing, spacing * 2, spacing)
        layout.setSpacing(spacing // 3)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)

    def set(self, title: str, detail: str) -> None:
        self.title.setText(title)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


def fit_columns(table: QTableView, *, keep_whole: tuple[int, ...] = ()) -> None:
    """Each column as wide as its header and the first rows' text (a sample: a big table is
    never read whole to size it), at most ``WIDEST_CHARS`` wide but for the columns in
    ``keep_whole`` (barcodes: never cut)."""
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(SAMPLE_ROWS)
    widest = table.fontMetrics().averageCharWidth() * WIDEST_CHARS
    last = header.count() - 1
    for column in range(header.count()):
        if column == last and header.stretchLastSection():
            continue
        table.resizeColumnToContents(column)
        if column not in keep_whole and header.sectionSize(column) > widest:
            header.resizeSection(column, widest)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
