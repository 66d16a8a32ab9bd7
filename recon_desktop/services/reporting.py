"""Excel exports: the session report, one view, the scanned list (.xlsx, openpyxl write-only).

Sheet names, headings and the Summary's words are in the language of ``say`` (the window
passes its own, the command line writes English); the data stays as stored, and times
stay UTC with the exporting computer's offset stated.

What QA keeps for years, so every value keeps its type: quantities are numbers, dates and
times real Excel dates (times in UTC, and every time column says so), every text cell is
text (never a formula, an error value or a cut string; see ``core.cells``). Rows are
streamed from one read snapshot of the database, so memory stays flat and the sheets agree
with each other and with the Summary even while workstations keep scanning.

openpyxl is imported here only (and in ``_openpyxl_internals``, the one module that uses its
private parts); the window imports this module when exporting.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties

import recon_desktop
from recon_desktop.core import cells, label
from recon_desktop.core.columns import Excel, column_label
from recon_desktop.core.columns import view_columns as registry_columns
from recon_desktop.core.records import ScanKind, ScanLogEntry, SessionInfo, Tag, View
from recon_desktop.core.text import Text, joined, plural, translate
from recon_desktop.services import _openpyxl_internals
from recon_desktop.services._openpyxl_internals import Styled
from recon_desktop.services.safe_write import cancelled_error, replacing
from recon_desktop.store import anchors, history, queries, scans
from recon_desktop.store.db import read_snapshot, utcnow

if TYPE_CHECKING:
    from recon_desktop.services import Services

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
# a sentence (a Text, or data as it is) in the language of the report; str: English
Say = Callable[[str], str]

BATCH = 2000  # rows between progress reports / cancel checks, and per database page
WIDTH_SAMPLE = 200  # rows looked at to size the columns
MIN_WIDTH, MAX_WIDTH = 8, 60
LONG_TEXT_SHEET = translate("Report", "Long text")
SUMMARY_SHEET = translate("Report", "Summary")
ABOUT_SHEET = translate("Report", "About")
SCANS_SHEET = translate("Report", "Scans")
ACTIONS_SHEET = translate("Report", "Actions")
YES, NO = translate("Report", "yes"), translate("Report", "no")

# the window's tag colours (light fills so the words stay readable when printed)
TAG_FILLS = {
    Tag.IN_SCOPE: "C6EFCE",  # green
    Tag.NOT_IN_SCOPE: "FFC7CE",  # red
    Tag.UNKNOWN: "FFEB9C",  # amber
    Tag.ALREADY_SCANNED: "D9D9D9",  # grey
}
EXPIRED_FILL = "FBE3D9"  # the window's Expired colour (ui.style.EXPIRED_LOOK)
HEADER_FILL = "DDEBF7"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"

SHEET_TITLES = {  # at most 31 characters in every language (Excel's limit for a name)
    View.NOT_SCANNED: translate("Report", "Not scanned"),
    View.SCANNED_NOT_IN_LISTING: translate("Report", "Scanned not in listing"),
    View.ALL_IN_LISTING: translate("Report", "All in listing"),
}


# ---------------------------------------------------------------- columns and cells


@dataclass(frozen=True, slots=True)
class Column:
    """A spreadsheet column: its header and how its cells are written."""

    header: str
    excel: Excel = Excel.TEXT


def view_columns(keys: Sequence[str], view: View) -> list[Column]:
    """Spreadsheet columns of a view: the listing config's columns, then the view's own."""
    return [Column(c.excel_label, c.excel) for c in registry_columns(tuple(keys), view)]


SCAN_COLUMNS = [
    Column(translate("Report", "Scan #"), Excel.NUMBER),
    Column(translate("Report", "Scanned at (UTC)"), Excel.DATETIME),
    Column(translate("Report", "User")),
    Column(translate("Report", "Station")),
    Column(translate("Report", "Raw barcode (as read, controls shown)")),
    Column(translate("Report", "Barcode")),
    Column(translate("Report", "Kind")),
    Column(translate("Report", "Tag"), Excel.TAG),
    Column(translate("Report", "Item barcode")),
    Column(translate("Report", "Ingredient")),
    Column(translate("Report", "Location as seen")),
    Column(translate("Report", "Quantity as seen"), Excel.NUMBER),
    Column(translate("Report", "Wrong location"), Excel.YES_NO),
    Column(translate("Report", "Undone"), Excel.YES_NO),
    # an undo; a registered barcode
    Column(translate("Report", "Undoes or follows scan #"), Excel.NUMBER),
    Column(translate("Report", "Lot on the label")),
    Column(translate("Report", "Expiry on the label"), Excel.DATE),
    Column(translate("Report", "Expired"), Excel.EXPIRED),
    Column(translate("Report", "The label says")),
]
ACTION_COLUMNS = [
    Column(translate("Report", "Time (UTC)"), Excel.DATETIME),
    Column(translate("Report", "User")),
    Column(translate("Report", "Station")),
    Column(translate("Report", "Item barcode")),
    Column(translate("Report", "Action")),
    Column(translate("Report", "Field")),
    Column(translate("Report", "Old value")),
    Column(translate("Report", "New value")),
    Column(translate("Report", "Reason")),
    Column(translate("Report", "Source")),
]


def scan_row(entry: ScanLogEntry, say: Say = str) -> tuple[object, ...]:
    return (
        entry.id, entry.at, entry.user, entry.station, entry.raw, entry.barcode,
        entry.kind.value, entry.tag, entry.item_barcode, entry.ingredient, entry.location_seen,
        entry.quantity_seen, entry.wrong_location, entry.undone, entry.undoes_id,
        entry.lot_seen, entry.expiry_seen, entry.expired if entry.kind is ScanKind.ITEM else None,
        "; ".join(map(say, entry.label_differences)) or None,
    )  # fmt: skip


def _as_datetime(value: Any) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _as_number(value: Any) -> int | Decimal | float:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | Decimal | float):
        return value
    return Decimal(str(value))


# ---------------------------------------------------------------- the workbook


@dataclass
class _LongText:
    sheet: str
    cell: str
    text: str


HEADER, KEY, DATE, DATETIME, TEXT, QUOTED = "header", "key", "date", "datetime", "text", "quoted"
EXPIRED = "expired"
# a Summary value: wrapped within its column (text), or set against its label (numbers,
# times), so that each label prints beside its value
WRAPPED, NUMBER_LEFT, DATETIME_LEFT, DATE_LEFT = (
    "wrapped",
    "number:left",
    "datetime:left",
    "date:left",
)


# ---------------------------------------------------------------- printing

HEADER_NAME_CHARS = 80  # of the session's name in the page header (Excel allows 255 in all)


def _header_text(text: str) -> str:
    """Text for a page header or footer: its & written as && (a lone & starts a code)."""
    text = " ".join(text.split())
    if len(text) > HEADER_NAME_CHARS:
        text = text[: HEADER_NAME_CHARS - 1] + "…"
    return text.replace("&", "&&")


LINE_HEIGHT = 15  # points: a row of the default font (Calibri 11)
# bold letters take about a sixth more room than the digits a column's width counts: a
# bold header is wrapped as if its column were this much narrower
BOLD_ROOM = 0.85


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped at word boundaries in a column ``width``
    characters wide (a close guess: a column's width counts its font's widest digits)."""
    lines, used = 1, 0
    for word in text.split():
        size = len(word)
        if used and used + 1 + size > width:
            lines, used = lines + 1, size
        else:
            used += size + (1 if used else 0)
        while used > width:  # a word longer than the column breaks inside
            lines, used = lines + 1, used - int(width)
    return lines


def _print_setup(ws: Any, heading: str, say: Say, *, grid: bool = True) -> None:
    """How a sheet prints: landscape, fit to the page's width (as many pages down as it
    takes), the session's name and the sheet's on top, when it was printed and page X of
    Y below (a sheet with a header row repeats it on every page: ``_SheetWriter.write``).
    Set before the sheet's first row is written."""
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many as it takes
    ws.print_options.gridLines = grid
    ws.page_margins = PageMargins(left=0.4, right=0.4, top=0.75, bottom=0.7, header=0.3, footer=0.3)
    ws.oddHeader.left.text = _header_text(heading)
    ws.oddHeader.right.text = "&A"  # the sheet's name
    # Excel's codes: &D the date, &T the time, &P the page, &N the pages
    ws.oddFooter.left.text = say(translate("Report", "Printed &D &T"))
    ws.oddFooter.right.text = say(translate("Report", "Page &P of &N"))


@dataclass
class _Book:
    """One workbook being written: progress, cancel, styles and the texts that were cut."""

    wb: Any
    total: int
    progress: Progress | None
    cancelled: Cancelled | None
    heading: str = ""  # on top of every printed page: the session's name
    say: Say = str  # the report's words in its language
    done: int = 0
    long_texts: list[_LongText] = field(default_factory=list)
    cut_cells: int = 0

    def __post_init__(self) -> None:
        # the workbook's own font, bold (a font without a name prints in another face)
        self.bold = Font(name=DEFAULT_FONT.name, size=DEFAULT_FONT.size, bold=True)
        self.header_fill = PatternFill("solid", fgColor=HEADER_FILL)
        self.wrapped = Alignment(vertical="top", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="top")
        self.tag_fills = {
            f"tag:{tag.value}": PatternFill("solid", fgColor=rgb) for tag, rgb in TAG_FILLS.items()
        }
        self.tag_fills[EXPIRED] = PatternFill("solid", fgColor=EXPIRED_FILL)
        self._style_ids: dict[str, int] = {}

    def style_cell(self, ws: Any, style: str, value: Any) -> Any:
        """A cell with one of the styles; every text style is a string, never a formula."""
        cell = WriteOnlyCell(ws, value)
        if style in (DATE, DATE_LEFT, DATETIME, DATETIME_LEFT, NUMBER_LEFT):
            if style in (DATE, DATE_LEFT):
                cell.number_format = DATE_FORMAT
            elif style in (DATETIME, DATETIME_LEFT):
                cell.number_format = DATETIME_FORMAT
            if style.endswith(":left"):
                cell.alignment = self.left
            return cell
        cell.data_type = "s"  # set after the value: "=..." stays text, "#N/A" no error value
        if style in (HEADER, KEY):
            cell.font = self.bold
        if style in (HEADER, KEY, WRAPPED):
            cell.alignment = self.wrapped
        if style == HEADER:
            cell.fill = self.header_fill
        elif style == QUOTED:
            cell.quotePrefix = True
        elif style in self.tag_fills:
            cell.fill = self.tag_fills[style]
        return cell

    def style_id(self, ws: Any, style: str) -> int:
        found = self._style_ids.get(style)
        if found is None:
            found = self._style_ids[style] = int(self.style_cell(ws, style, None).style_id)
        return found

    def tick(self, rows: int) -> None:
        self.done += rows
        if self.cancelled is not None and self.cancelled():
            raise cancelled_error()
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)


# columns whose width does not depend on their values
FIXED_WIDTHS = {Excel.DATETIME: 20, Excel.DATE: 12}


class _SheetWriter:
    """Writes one sheet: styled header, frozen header row, widths from a sample, autofilter."""

    def __init__(self, book: _Book, title: str, columns: Sequence[Column]) -> None:
        self.book = book
        say = book.say
        self.title = say(title)
        self.ws = book.wb.create_sheet(self.title)
        _print_setup(self.ws, book.heading, say)
        self.columns = [Column(say(c.header), c.excel) for c in columns]
        yes, no = say(YES), say(NO)
        expired = say(label.EXPIRED)
        self.rows_written = 0
        # one converter per format: value → a plain value or a Styled one
        converters: dict[Excel, Callable[[Any], Any]] = {
            Excel.TEXT: self._text,
            Excel.NUMBER: _as_number,
            Excel.DATE: lambda v: Styled(_as_date(v), DATE),
            Excel.DATETIME: lambda v: Styled(_as_datetime(v), DATETIME),
            Excel.TAG: self._tag,
            Excel.YES_NO: lambda v: yes if v else no,
            Excel.EXPIRED: lambda v: Styled(expired, EXPIRED) if v else None,
        }
        self._tags = {tag: say(tag.label) for tag in Tag}
        self._converters = [converters[c.excel] for c in self.columns]
        self._col_letter = ""
        self._letters = [get_column_letter(i + 1) for i in range(len(self.columns))]
        self._started = False
        self._fast = False

    def _tag(self, value: Any) -> Any:
        tag = value if isinstance(value, Tag) else Tag(str(value))
        return Styled(self._tags[tag], f"tag:{tag.value}")

    def _text(self, value: Any) -> Any:
        text = value if isinstance(value, str) else str(value)
        if cells.is_plain(text):
            return text
        where = self.book.say(
            translate("Report", "sheet '{sheet}' row {row}").format(
                sheet=LONG_TEXT_SHEET, row=str(len(self.book.long_texts) + 2)
            )
        )
        fitted = cells.cell_text(text, where=where)
        if fitted.cut:
            self.book.cut_cells += 1
            self.book.long_texts.append(
                _LongText(
                    self.title,
                    f"{self._col_letter}{self.rows_written + 2}",
                    cells.escape_controls(text),
                )
            )
        return Styled(fitted.value, QUOTED if fitted.formula_like else TEXT)

    def _size(self, sample: Sequence[Sequence[Any]]) -> None:
        for index, column in enumerate(self.columns):
            fixed = FIXED_WIDTHS.get(column.excel)
            if fixed is not None:
                width = fixed
            else:
                longest = max(
                    (len(str(row[index])) for row in sample if row[index] is not None),
                    default=0,
                )
                if column.excel is Excel.TAG:
                    longest = max(len(word) for word in self._tags.values())
                # the header wraps: its longest word sets the least width, not its length
                width = max(longest, *(len(word) for word in column.header.split())) + 2
            letter = self._letters[index]
            self.ws.column_dimensions[letter].width = max(MIN_WIDTH, min(MAX_WIDTH, width))

    # ------------------------------------------------------------ writing rows
    def _start(self) -> None:
        """Open the sheet's stream (its widths and panes must be set before this)."""
        self._started = True
        self._fast = _openpyxl_internals.write_rows_as_text(
            self.ws, self._letters, functools.partial(self.book.style_id, self.ws)
        )

    def append(self, values: Sequence[Any]) -> None:
        if not self._started:
            self._start()
        if self._fast:
            self.ws.append(values)
            return
        ws, book = self.ws, self.book
        self.ws.append(
            [book.style_cell(ws, v.style, v.value) if type(v) is Styled else v for v in values]
        )

    def write(self, rows: Iterable[Sequence[Any]]) -> int:
        """Write the header and every row; returns the number of data rows."""
        iterator = iter(rows)
        sample = list(itertools.islice(iterator, WIDTH_SAMPLE))
        self._size(sample)
        lines = max(
            wrapped_lines(c.header, self.ws.column_dimensions[letter].width * BOLD_ROOM)
            for c, letter in zip(self.columns, self._letters, strict=True)
        )
        if lines > 1:  # a wrapped header: its row as high as its longest one
            self.ws.row_dimensions[1].height = LINE_HEIGHT * lines
        self.ws.freeze_panes = "A2"
        self.ws.print_title_rows = "1:1"  # the header row on every printed page
        self.append([Styled(c.header, HEADER) for c in self.columns])
        converters = self._converters
        letters = self._letters
        pending = 0
        for row in itertools.chain(sample, iterator):
            out: list[Any] = []
            for index, (convert, value) in enumerate(zip(converters, row, strict=True)):
                if value is None:
                    out.append(None)
                else:
                    self._col_letter = letters[index]
                    out.append(convert(value))
            self.append(out)
            self.rows_written += 1
            pending += 1
            if pending >= BATCH:
                self.book.tick(pending)
                pending = 0
        self.book.tick(pending)
        self.ws.auto_filter.ref = f"A1:{letters[-1]}{self.rows_written + 1}"
        return self.rows_written


class _KeyValueSheet(_SheetWriter):
    """A two-column sheet of facts (Summary, About): label in bold, value typed; a long
    value wraps within its column, so each label prints beside its value."""

    LABEL_WIDTH, VALUE_WIDTH = 36, 90

    def __init__(self, book: _Book, title: str) -> None:
        super().__init__(
            book,
            title,
            [Column(translate("Report", "Fact")), Column(translate("Report", "Value"))],
        )
        self.ws.column_dimensions["A"].width = self.LABEL_WIDTH
        self.ws.column_dimensions["B"].width = self.VALUE_WIDTH
        self.ws.print_options.gridLines = False
        self.ws.page_setup.fitToHeight = 1  # the Summary on one page (it is short)
        self._col_letter = "B"

    def add(self, label: str, value: Any = None) -> None:
        """A row: ``label`` (a Text, said in the report's language) and its value (a Text
        is said too; data as it is)."""
        say = self.book.say
        label = say(label)
        if isinstance(value, Text):
            value = say(value)
        if value is None:
            cell: Any = None
        elif isinstance(value, datetime):
            cell = Styled(_as_datetime(value), DATETIME_LEFT)
        elif isinstance(value, date):
            cell = Styled(value, DATE_LEFT)
        elif isinstance(value, bool):
            cell = Styled(say(YES) if value else say(NO), WRAPPED)
        elif isinstance(value, int | Decimal | float):
            cell = Styled(value, NUMBER_LEFT)
        else:
            cell = self._text(str(value))
            if type(cell) is not Styled:
                cell = Styled(cell, WRAPPED)
        lines = wrapped_lines(label, self.LABEL_WIDTH)
        if isinstance(value, str):
            lines = max(lines, wrapped_lines(value, self.VALUE_WIDTH))
        if lines > 1:  # rows keep their height when printed: as high as the text wraps
            self.ws.row_dimensions[self.rows_written + 1].height = LINE_HEIGHT * lines
        self.append([Styled(label, KEY), cell])
        self.rows_written += 1


def _write_long_texts(book: _Book) -> None:
    if not book.long_texts:
        return
    parts = max(len(cells.split_long(t.text)) for t in book.long_texts)
    columns = [
        Column(translate("Report", "Sheet")),
        Column(translate("Report", "Cell")),
        Column(translate("Report", "Length"), Excel.NUMBER),
    ]
    columns += [
        Column(translate("Report", "Part {number}").format(number=str(n)))
        for n in range(1, parts + 1)
    ]
    writer = _SheetWriter(book, LONG_TEXT_SHEET, columns)
    rows = []
    for long in book.long_texts:
        chunks = cells.split_long(long.text)
        rows.append(
            [long.sheet, long.cell, len(long.text), *chunks, *([None] * (parts - len(chunks)))]
        )
    writer.write(rows)


@contextlib.contextmanager
def _workbook(
    target: Path,
    total: int,
    progress: Progress | None,
    cancelled: Cancelled | None,
    heading: str,
    say: Say = str,
) -> Iterator[_Book]:
    wb = Workbook(write_only=True)
    book = _Book(wb, max(total, 1), progress, cancelled, heading, say)
    with replacing(target) as temp:
        try:
            if cancelled is not None and cancelled():
                raise cancelled_error()
            yield book
            _write_long_texts(book)
            if cancelled is not None and cancelled():
                raise cancelled_error()
            _openpyxl_internals.save(wb, temp)  # a full disk: its sentence, nothing after
            if cancelled is not None and cancelled():  # cancelled while saving: no file
                raise cancelled_error()
        except BaseException:
            _openpyxl_internals.discard(wb)
            raise
    if progress is not None:
        progress(book.total, book.total)


# ---------------------------------------------------------------- reading the database


def _view_rows(services: Services, info: SessionInfo, view: View) -> Iterator[tuple[Any, ...]]:
    """Every row of a view in the window's default order, streamed."""
    ended = services.sessions.as_ended(info)
    return queries.stream_view_rows(
        services.db, info.id, view, info.columns, ended=ended, batch=BATCH
    )


@dataclass
class _Counted:
    n: int = 0


_COUNTING_TAGS = frozenset({Tag.IN_SCOPE, Tag.NOT_IN_SCOPE, Tag.UNKNOWN})


def _scan_rows(
    services: Services,
    session_id: int,
    *,
    after_id: int = 0,
    station: str | None = None,
    expired: _Counted | None = None,
    say: Say = str,
) -> Iterator[tuple[object, ...]]:
    """The scan log's rows; ``expired`` counts the scans of expired bottles that count
    (neither repeats nor undone)."""
    last = after_id
    while True:
        entries: Sequence[ScanLogEntry] = services.sessions.scan_log(
            session_id, after_id=last, station=station, limit=BATCH
        )
        for entry in entries:
            if (
                expired is not None
                and entry.tag in _COUNTING_TAGS
                and not entry.undone
                and entry.expired
            ):
                expired.n += 1
            yield scan_row(entry, say)
        if len(entries) < BATCH:
            return
        last = entries[-1].id


# a filter's operators that are words (the others are symbols), said like the window's
OPERATOR_WORDS = {
    "contains": translate("Report", "contains"),
    "in": translate("Report", "in"),
    "empty": translate("Report", "empty"),
    "not-empty": translate("Report", "not-empty"),
    "between": translate("Report", "between"),
    "within": translate("Report", "within"),
}


def _filters_text(info: SessionInfo) -> list[Text]:
    """Each frozen filter as the window shows it: the field's heading and the operator's
    word in the report's language, the value as stored ("Lagerort innerhalb Building 1")."""
    said = []
    for field_key, op, value in info.filters:
        parts = [column_label(field_key), OPERATOR_WORDS.get(op, op), value.strip()]
        said.append(joined([part for part in parts if part], " "))
    return said


def _about(book: _Book, info: SessionInfo, title: str = ABOUT_SHEET) -> _KeyValueSheet:
    sheet = _KeyValueSheet(book, title)
    still_active = translate("Report", "(still active)")
    sheet.add(translate("Report", "Session"), info.name)
    sheet.add(translate("Report", "Session #"), info.id)
    sheet.add(translate("Report", "Lab"), info.lab)
    sheet.add(translate("Report", "Listing config"), info.config_name)
    sheet.add(
        translate("Report", "Columns"),
        ", ".join(book.say(column_label(c)) for c in info.columns),
    )
    filters = _filters_text(info)
    if not filters:
        sheet.add(
            translate("Report", "Filters (frozen at start)"),
            translate("Report", "(none: every active item of the lab)"),
        )
    for n, text in enumerate(filters, 1):
        sheet.add(translate("Report", "Filter {number} (frozen at start)").format(number=n), text)
    sheet.add(translate("Report", "Started by"), info.started_by)
    sheet.add(translate("Report", "Started at (UTC)"), info.started_at)
    sheet.add(translate("Report", "Ended by"), info.ended_by or still_active)
    sheet.add(translate("Report", "Ended at (UTC)"), info.ended_at or still_active)
    if info.end_note:
        sheet.add(translate("Report", "Note at the end"), info.end_note)
    return sheet


def _item_details(services: Services, info: SessionInfo) -> Text:
    """Which state of the items the view sheets show."""
    if info.active:
        return translate("Report", "as they are now (the session is still active)")
    if services.sessions.as_ended(info):
        return translate("Report", "as they were when the session ended")
    return translate(
        "Report",
        "as they are now (the session ended before this program kept each session's "
        "items as they were at its end)",
    )


def utc_offset_text(at: datetime) -> Text:
    """The exporting computer's offset from UTC at ``at`` (naive UTC), and what it means
    for reading the times: "UTC+02:00 (CEST): add 2 h to a time here for that clock"."""
    local = at.replace(tzinfo=UTC).astimezone()
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return translate("Report", "UTC+00:00: the times here are also that computer's clock.")
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    name = local.tzname() or ""
    named = f" ({name})" if name and name[0] not in "+-" else ""
    amount = (
        translate("Report", "{hours} h {minutes} min").format(hours=hours, minutes=rest)
        if rest
        else translate("Report", "{hours} h").format(hours=hours)
    )
    offset_text = f"UTC{sign}{hours:02d}:{rest:02d}{named}"
    if minutes > 0:
        return translate(
            "Report", "{offset}: add {amount} to a time here for that computer's clock."
        ).format(offset=offset_text, amount=amount)
    return translate(
        "Report", "{offset}: subtract {amount} from a time here for that computer's clock."
    ).format(offset=offset_text, amount=amount)


def _footer(sheet: _KeyValueSheet, exported_by: str, exported_at: datetime) -> None:
    sheet.add(
        translate("Report", "Program version"),
        f"{recon_desktop.APP_NAME} {recon_desktop.__version__}",
    )
    sheet.add(translate("Report", "Exported at (UTC)"), exported_at)
    sheet.add(translate("Report", "Exported by"), exported_by)
    sheet.add(
        translate("Report", "Time zone"), translate("Report", "All times in this workbook are UTC.")
    )
    sheet.add(translate("Report", "Local time where exported"), utc_offset_text(exported_at))


def _cut_note(sheet: _KeyValueSheet, book: _Book) -> None:
    if book.cut_cells:
        sheet.add(
            translate("Report", "Cut cells"),
            translate(
                "Report",
                "{cells} held more than {limit} characters; each was cut and marked [CUT], "
                "and its whole text is on sheet '{sheet}'.",
            ).format(
                cells=plural(
                    book.cut_cells,
                    translate("Report", "{count} cell"),
                    translate("Report", "{count} cells"),
                ),
                limit=cells.MAX_CELL_CHARS,
                sheet=LONG_TEXT_SHEET,
            ),
        )
    else:
        sheet.add(
            translate("Report", "Cut cells"), translate("Report", "none: every text is complete")
        )


# ---------------------------------------------------------------- the exports


def export_report(
    services: Services,
    session_id: int,
    target: Path,
    *,
    exported_by: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    say: Say = str,
) -> Path:
    """The session report: Summary, the three views, the scan log and the actions; its
    words in the language of ``say`` (English by default)."""
    target = Path(target)
    db = services.db
    with read_snapshot(db):
        info = services.sessions.info(session_id)
        counts = services.sessions.progress(session_id)
        view_counts = {v: services.sessions.view_count(session_id, v) for v in View}
        scan_count = scans.scan_count(db, session_id)
        actions = history.session_action_count(db, session_id)
        stations = sorted({info.station, *scans.scan_stations(db, session_id)})
        exported_at = utcnow()
        total = sum(view_counts.values()) + scan_count + actions
        with _workbook(target, total, progress, cancelled, info.name, say) as book:
            summary = _about(book, info, title=SUMMARY_SHEET)
            sheet_rows = {}
            for view in View:
                writer = _SheetWriter(book, SHEET_TITLES[view], view_columns(info.columns, view))
                sheet_rows[view] = writer.write(_view_rows(services, info, view))
            expired = _Counted()
            scan_rows = _SheetWriter(book, SCANS_SHEET, SCAN_COLUMNS).write(
                _scan_rows(services, session_id, expired=expired, say=say)
            )
            _SheetWriter(book, ACTIONS_SHEET, ACTION_COLUMNS).write(
                history.session_action_rows(db, session_id, batch=BATCH)
            )
            summary.add(translate("Report", "Item details"), _item_details(services, info))
            summary.add(translate("Report", "Stations"), ", ".join(stations))
            summary.add(translate("Report", "Expected total"), counts.expected_total)
            summary.add(
                translate("Report", "Scanned (expected items found)"), counts.expected_scanned
            )
            summary.add(translate("Report", "Not scanned"), counts.not_scanned)
            summary.add(translate("Report", "Not in scope"), counts.not_in_scope)
            summary.add(translate("Report", "Unknown barcodes"), counts.unknown)
            summary.add(translate("Report", "Already scanned (repeats)"), counts.already_scanned)
            summary.add(
                translate("Report", "Expired bottles scanned (by their label, else their record)"),
                expired.n,
            )
            summary.add(
                translate("Report", "Scans recorded (all, with location scans and undos)"),
                scan_rows,
            )
            summary.add(translate("Report", "Actions"), actions)
            for view in View:
                summary.add(
                    translate("Report", "Rows on '{sheet}'").format(sheet=SHEET_TITLES[view]),
                    sheet_rows[view],
                )
            _anchor_rows(summary, info, services.sessions.anchor(session_id))
            _cut_note(summary, book)
            _footer(summary, exported_by, exported_at)
    return target


def _anchor_rows(sheet: _KeyValueSheet, info: SessionInfo, text: str | None) -> None:
    """The chain heads sealed when the session ended: kept with the report, outside the
    database, for 'recon-desktop audit verify --anchor REPORT'."""
    anchor = anchors.parse(text) if text else None
    if anchor is None:
        sheet.add(
            ANCHOR_LABEL,
            translate("Report", "none yet: it is sealed when the session ends")
            if info.ended_at is None
            else translate("Report", "none: the session ended before anchors existed (schema 3)"),
        )
        return
    sheet.add(ANCHOR_LABEL, anchor.text)
    for name, (seq, digest) in sorted(anchor.heads.items()):
        table, _, station = name.partition(":")
        sealed = SEALED_LABELS.get(table)
        sheet.add(
            sealed.format(station=station)
            if sealed is not None
            else translate("Report", "Sealed: {label}s of {station}").format(
                label=table, station=station
            ),
            translate("Report", "up to record {seq}, SHA-256 {digest}").format(
                seq=str(seq), digest=digest
            ),
        )
    sheet.add(
        translate("Report", "Checking the anchor"),
        translate(
            "Report",
            "recon-desktop audit verify --anchor THIS-FILE: fails if the database no longer "
            "holds every record sealed here, exactly as it was",
        ),
    )


ANCHOR_LABEL = translate("Report", "Anchor")
# the chains an anchor seals (store.audit.CHAIN_LABELS), as the Summary names them
SEALED_LABELS = {
    "scan": translate("Report", "Sealed: scans of {station}"),
    "history_event": translate("Report", "Sealed: inventory history events of {station}"),
    "audit_event": translate("Report", "Sealed: audit events of {station}"),
}


def export_view(
    services: Services,
    session_id: int,
    view: View,
    target: Path,
    *,
    exported_by: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    say: Say = str,
) -> Path:
    """One view of a session as it opens in its window (default order), plus an About
    sheet; its words in the language of ``say``."""
    target = Path(target)
    view = View(view)
    with read_snapshot(services.db):
        info = services.sessions.info(session_id)
        total = services.sessions.view_count(session_id, view)
        exported_at = utcnow()
        with _workbook(target, total, progress, cancelled, info.name, say) as book:
            rows = _SheetWriter(book, SHEET_TITLES[view], view_columns(info.columns, view)).write(
                _view_rows(services, info, view)
            )
            about = _about(book, info)
            about.add(translate("Report", "View"), view.title)
            about.add(translate("Report", "Item details"), _item_details(services, info))
            about.add(translate("Report", "Rows"), rows)
            _cut_note(about, book)
            _footer(about, exported_by, exported_at)
    return target


def export_scan_list(
    services: Services,
    session_id: int,
    target: Path,
    *,
    exported_by: str,
    after_id: int = 0,
    station: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    say: Say = str,
) -> Path:
    """The scanned list (optionally one station's, after a scan id: the on-screen list);
    its words in the language of ``say``."""
    target = Path(target)
    with read_snapshot(services.db):
        info = services.sessions.info(session_id)
        total = scans.scan_count(services.db, session_id, after_id=after_id, station=station)
        exported_at = utcnow()
        with _workbook(target, total, progress, cancelled, info.name, say) as book:
            rows = _SheetWriter(book, SCANS_SHEET, SCAN_COLUMNS).write(
                _scan_rows(services, session_id, after_id=after_id, station=station, say=say)
            )
            about = _about(book, info)
            about.add(
                translate("Report", "Station"), station or translate("Report", "(all stations)")
            )
            about.add(translate("Report", "Scans after #"), after_id)
            about.add(translate("Report", "Rows"), rows)
            _cut_note(about, book)
            _footer(about, exported_by, exported_at)
    return target


__all__ = ["export_report", "export_scan_list", "export_view", "view_columns"]
