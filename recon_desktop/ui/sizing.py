"""Sizes from the font, after the style sheet has set it: a table's row height, its
columns' widths and its icons, measured again whenever the font changes (the settings'
font size, a screen of another scale)."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QScreen, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFrame,
    QHeaderView,
    QLineEdit,
    QProxyStyle,
    QScrollArea,
    QStyle,
    QStyleOption,
    QTableView,
    QWidget,
)

ROW_PADDING = 10  # px above and below a row's text, together
CELL_PADDING = 18  # px beside a cell's text, together (the style's padding and a margin)


def line_height(widget: QWidget) -> int:
    """The height of one line of ``widget``'s text as the style sheet sets its font."""
    widget.ensurePolished()
    return QFontMetrics(widget.font()).height()


def text_width(widget: QWidget, chars: int) -> int:
    """The width of ``chars`` average characters of ``widget``'s styled font."""
    widget.ensurePolished()
    return QFontMetrics(widget.font()).averageCharWidth() * chars


def screen_of(widget: QWidget) -> QScreen | None:
    """The screen under the middle of ``widget`` (else the primary screen).

    Asked of the application, never with ``widget.screen()``: PySide6 makes the screen
    that call returns a child of the widget's Python object, and when the cycle collector
    frees that object (a dialog in a reference cycle with its background op) it deletes
    the application's screen with it; the next window then crashes the program."""
    middle = widget.mapToGlobal(widget.rect().center())
    return QGuiApplication.screenAt(middle) or QGuiApplication.primaryScreen()


def icon_size(widget: QWidget, lines: float = 1.0) -> QSize:
    """A square icon as tall as ``lines`` lines of ``widget``'s text."""
    side = round(line_height(widget) * lines)
    return QSize(side, side)


ICON_LINES = "iconLines"  # a line edit's property: its action icons' height in lines


class FontSizedStyle(QProxyStyle):
    """The application's style (``base``, "Fusion"), which draws the action icons of a
    line edit marked by ``size_action_icons`` (Qt draws them at a fixed 16 px whatever
    the text) as tall as that many lines of its text, as its font is now. Set on the
    application, under the style sheet: a style set on one widget under an application
    style sheet does not survive the sheet being changed."""

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric is QStyle.PixelMetric.PM_LineEditIconSize and widget is not None:
            lines = widget.property(ICON_LINES)
            if isinstance(lines, (int, float)) and lines > 0:
                return icon_size(widget, float(lines)).height()
        return super().pixelMetric(metric, option, widget)


def size_action_icons(edit: QLineEdit, lines: float = 1.0) -> None:
    """Draw ``edit``'s action icons (a leading scan icon) ``lines`` lines of its text tall
    (under the application's FontSizedStyle)."""
    edit.setProperty(ICON_LINES, lines)


class FontFollower(QObject):
    """Keeps a table's row height, icon size and (given) column widths in step with its
    font: set when the table is polished by the style sheet, again on each font change."""

    def __init__(
        self,
        table: QTableView,
        columns: Mapping[int, int | str] | None = None,
        *,
        icon_columns: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__(table)
        self.table = table
        # column → its width: in average characters, or as wide as the widest of sample
        # texts (one a line)
        self.columns = dict(columns or {})
        self.icon_columns = icon_columns
        self._font = ""  # the font last fitted to: widths a person set stay while it stays
        table.installEventFilter(self)
        table.ensurePolished()  # the style sheet's font, now
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type()
            in (
                QEvent.Type.Polish,
                QEvent.Type.FontChange,
                QEvent.Type.StyleChange,
            )
            and self.table.font().key() != self._font
        ):
            self.fit()
        return False

    def fit(self) -> None:
        table = self.table
        self._font = table.font().key()
        metrics = QFontMetrics(table.font())
        icon = metrics.height()
        table.setIconSize(QSize(icon, icon))
        table.verticalHeader().setDefaultSectionSize(max(metrics.height(), icon) + ROW_PADDING)
        if not self.columns:
            return
        header = table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)  # the header's labels are bold in the style sheet
        header_metrics = QFontMetrics(bold)
        model = table.model()
        stretched = [
            c
            for c in range(header.count())
            if header.sectionResizeMode(c) is QHeaderView.ResizeMode.Stretch
        ]
        if stretched:  # its heading is never cut ("ocatio"): a narrow table scrolls sideways
            label = str(model.headerData(stretched[0], header.orientation()) or "")
            header.setMinimumSectionSize(header_metrics.horizontalAdvance(label) + CELL_PADDING)
        for column, width in self.widths().items():
            header.resizeSection(column, width)

    def widths(self) -> dict[int, int]:
        """Each sized column's width from the font: its heading and its samples whole."""
        table = self.table
        metrics = QFontMetrics(table.font())
        icon = metrics.height()
        header = table.horizontalHeader()
        bold = QFont(header.font())
        bold.setBold(True)  # the header's labels are bold in the style sheet
        header_metrics = QFontMetrics(bold)
        model = table.model()
        widths = {}
        for column, wide in self.columns.items():
            label = str(model.headerData(column, header.orientation()) or "")
            text = (
                max(metrics.horizontalAdvance(sample) for sample in wide.split("\n"))
                if isinstance(wide, str)
                else metrics.averageCharWidth() * wide
            )
            width = max(text, header_metrics.horizontalAdvance(label))
            if column in self.icon_columns:
                width += icon + 6
            widths[column] = width + CELL_PADDING
        return widths

    def keep_samples_whole(self) -> None:
        """Widen each column sized by sample texts that is narrower than they need: widths
        restored from an earlier run (in another language, or another font) keep their
        words whole. A wider column, as a person left it, stays."""
        header = self.table.horizontalHeader()
        for column, width in self.widths().items():
            if isinstance(self.columns[column], str) and header.sectionSize(column) < width:
                header.resizeSection(column, width)


def follow_font(
    table: QTableView,
    columns: Mapping[int, int | str] | None = None,
    *,
    icon_columns: frozenset[int] = frozenset(),
) -> FontFollower:
    """Size ``table`` from its font now and whenever the font changes (see FontFollower)."""
    if isinstance(table, QAbstractItemView):
        table.verticalHeader().setMinimumSectionSize(1)
    return FontFollower(table, columns, icon_columns=icon_columns)


def name_parts(area: QScrollArea, name: str) -> None:
    """Name a scroll area and the parts Qt adds to it (its viewport, the scroll bars'
    containers) and its contents, as a screen reader lists them: by what they hold."""
    area.setAccessibleName(name)
    for part in area.findChildren(QWidget):
        ours = part.objectName().startswith("qt_scrollarea_") or part is area.widget()
        if ours and not part.accessibleName():
            part.setAccessibleName(name)


class WheelToScroll(QObject):
    """Installed on a scrolling form's spin boxes and lists: a wheel turn over one that
    has no focus scrolls the form (``area``) instead of changing its value."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QWheelEvent)
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            QApplication.sendEvent(self.area.verticalScrollBar(), event)
            return True
        return False


class ScreenBoundScroll(QScrollArea):
    """A dialog's body that grows to its contents but never past the screen: beyond it,
    it scrolls (the dialog's buttons, kept outside, stay in reach)."""

    SCREEN_SHARE = 0.8  # of the screen's height: the rest is the buttons and a title bar

    def __init__(
        self, body: QWidget, parent: QWidget | None = None, *, name: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialogBody")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body.setObjectName(body.objectName() or "dialogBodyContents")
        self.body = body
        self.setWidget(body)
        name_parts(self, name or QCoreApplication.translate("ScreenBoundScroll", "Form"))
        # not a stop of its own for Tab (its fields are), and the field Tab reaches is shown
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_app_focusChanged)
        # the wheel scrolls the form: a spin box or list under the pointer changes only once
        # it has focus (a click or Tab gives it)
        fields: list[QWidget] = [
            *body.findChildren(QAbstractSpinBox),
            *body.findChildren(QComboBox),
        ]
        self._wheel = WheelToScroll(self)
        for field in fields:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            field.installEventFilter(self._wheel)

    def _on_app_focusChanged(self, old: QWidget | None, now: QWidget | None) -> None:
        if now is not None and self.body.isAncestorOf(now):
            self.ensureWidgetVisible(now)

    def _room(self) -> QSize:
        screen = screen_of(self)
        if screen is None:
            return QSize(10**6, 10**6)
        available = screen.availableGeometry().size()
        return QSize(int(available.width() * 0.95), int(available.height() * self.SCREEN_SHARE))

    def sizeHint(self) -> QSize:
        inner = self.body.sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.width() + bar, inner.height()).boundedTo(self._room())

    def minimumSizeHint(self) -> QSize:
        inner = self.body.minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        lines = line_height(self) * 8  # a few rows of the form at least
        return QSize(inner.width() + bar, min(inner.height(), lines))


def cap_to_screen(window: QWidget) -> None:
    """Keep a window (a size saved on another screen or at another scale) within the
    screen it is on: no bigger than its free area, and inside it."""
    screen = screen_of(window)
    if screen is None:
        return
    available = screen.availableGeometry()
    frame = window.frameGeometry()
    extra = frame.size() - window.geometry().size()  # the title bar and borders
    room = QSize(available.width() - extra.width(), available.height() - extra.height())
    size = window.size().boundedTo(room).expandedTo(window.minimumSizeHint().boundedTo(room))
    if size != window.size():
        window.resize(size)
    frame = window.frameGeometry()
    x = min(max(frame.x(), available.left()), available.right() - frame.width() + 1)
    y = min(max(frame.y(), available.top()), available.bottom() - frame.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


class WindowBody(QScrollArea):
    """A window's contents that fill it, and scroll where the screen is smaller than
    they can be (1366×768 at 150–200%, or the largest font): nothing off-screen."""

    def __init__(self, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("windowBody")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.body = body
        self.setWidget(body)
        name_parts(self, body.accessibleName() or body.windowTitle())
        # not a stop of its own for Tab (a focus nobody sees): its controls are
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return self.body.sizeHint()

    def minimumSizeHint(self) -> QSize:
        side = line_height(self) * 12  # a few lines: the rest scrolls
        return self.body.minimumSizeHint().boundedTo(QSize(side * 2, side))
