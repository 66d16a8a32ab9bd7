"""The status panels of the Barcode Tracking window: the active session banner, the
database fault banner, and the large last-scan panel a technician reads from a step
away."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from recon_desktop.core.records import (
    ItemInfo,
    KeptScan,
    ScanKind,
    ScanLogEntry,
    ScanResult,
    SessionInfo,
    SessionProgress,
    Tag,
)
from recon_desktop.core.text import Text
from recon_desktop.ui import formatting, i18n, style
from recon_desktop.ui.announce import announce
from recon_desktop.ui.labels import ElidedLabel, WrappingLabel
from recon_desktop.ui.scan_list import GS, GS_SHOWN, KEPT_TEXT, PENDING_TEXT
from recon_desktop.ui.sizing import icon_size

if TYPE_CHECKING:
    from recon_desktop.ui.answers import Answer

translate = QCoreApplication.translate


def _n(count: int) -> str:
    """A count as the locale writes it (1,000 or 1.000)."""
    return QLocale().toString(count)


def word(text: str) -> str:
    """A look's or a tag's word ("In Scope", "Location set") in the interface's language:
    a Text as the core marked it, else as the scanned list's looks are marked."""
    if isinstance(text, Text):
        return i18n.say(text)
    return translate("Tags", text) if text else ""


def progress_text(progress: SessionProgress) -> str:
    return translate(
        "SessionBanner",
        "{scanned} / {total} expected scanned · {not_in_scope} not in scope · {unknown} unknown",
    ).format(
        scanned=_n(progress.expected_scanned),
        total=_n(progress.expected_total),
        not_in_scope=_n(progress.not_in_scope),
        unknown=_n(progress.unknown),
    )


def refused_text(refused: list[KeptScan], shown: int = 20) -> str:
    """Scans kept on this PC that the server refused when they were sent (made after
    their session ended, say): the list, each with its time, and the first reason."""
    names = ", ".join(
        f"{k.raw.strip().replace(GS, GS_SHOWN)} ({formatting.time_of_day(k.scanned_at)})"
        for k in refused[:shown]
    )
    reason = i18n.say(refused[0].refused or "")
    if len(refused) == 1:
        text = translate(
            "LastScanPanel",
            "This scan kept on this PC was not counted: {scans}. {reason} The log lists it.",
        )
    elif len(refused) > shown:
        text = translate(
            "LastScanPanel",
            "These {count} scans kept on this PC were not counted: {scans} and {more} more. "
            "{reason} The log lists them.",
        )
    else:
        text = translate(
            "LastScanPanel",
            "These {count} scans kept on this PC were not counted: {scans}. {reason} "
            "The log lists them.",
        )
    return text.format(
        count=_n(len(refused)), scans=names, more=_n(len(refused) - shown), reason=reason
    )


def _label(
    name: str,
    text: str = "",
    *,
    wrap: bool = False,
    elide: bool = False,
    mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
) -> QLabel:
    """A label of the panels; ``wrap``: on several lines, breaking even a long barcode;
    ``elide``: one line that gives up some of its text (its end, or as ``mode`` says) for
    "…" rather than widen the window."""
    label = (
        WrappingLabel(text)
        if wrap
        else ElidedLabel(text, mode=mode, give_way=True)
        if elide
        else QLabel(text)
    )
    label.setObjectName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class SessionBanner(QFrame):
    """Name, lab, who started it, since when, and the progress, updated with every scan."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBanner")
        banner_title = translate("SessionBanner", "Active Inventory Reconciliation Session")
        self.setAccessibleName(banner_title)
        self.title = _label("bannerTitle", banner_title, elide=True)
        self.name = _label("bannerName", elide=True)  # a long name gives way, never widens
        # lab, listing, who, since when: a long listing loses its middle, the start time
        # at the end stays whole (a longer language's words leave it less room)
        self.detail = _label("bannerDetail", elide=True, mode=Qt.TextElideMode.ElideMiddle)
        self.progress = WrappingLabel(one_line=True)  # on two lines only when narrow
        self.progress.setObjectName("bannerProgress")
        self.progress.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.progress.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.bar = QProgressBar()
        self.bar.setObjectName("bannerProgressBar")
        self.bar.setAccessibleName(translate("SessionBanner", "Expected items scanned"))
        self.bar.setTextVisible(False)
        self.bar.setMinimumWidth(120)
        self.bar.setMaximumWidth(220)
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.setHorizontalSpacing(24)
        layout.setVerticalSpacing(2)
        layout.addWidget(self.title, 0, 0)
        layout.addWidget(self.name, 1, 0)
        layout.addWidget(self.detail, 2, 0)
        layout.addWidget(self.progress, 1, 1, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.bar, 2, 1, Qt.AlignmentFlag.AlignRight)
        layout.setColumnStretch(0, 1)

    def show_session(self, info: SessionInfo) -> None:
        self.name.setText(info.name)
        self.detail.setText(
            translate(
                "SessionBanner", "{lab} · listing “{listing}” · started by {user} · since {time}"
            ).format(
                lab=info.lab,
                listing=info.config_name,
                user=info.started_by,
                time=formatting.local_time(info.started_at),
            )
        )

    def show_progress(self, progress: SessionProgress) -> None:
        self.progress.setText(progress_text(progress))
        self.bar.setRange(0, max(progress.expected_total, 1))
        self.bar.setValue(min(progress.expected_scanned, max(progress.expected_total, 1)))
        self.setAccessibleDescription(f"{self.name.text()}: {self.progress.text()}")


class FaultBanner(QLabel):
    """Why scans are not saved (the server cannot be reached, the database is damaged);
    hidden while they are. Its looks: style.qss."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultBanner")
        self.setWordWrap(True)
        self.setAccessibleName(translate("FaultBanner", "Database problem"))
        self.hide()

    def show_fault(self, sentence: str | None) -> None:
        if sentence:
            self.setText(i18n.say(sentence))
        self.setVisible(bool(sentence))


class ExpiredBadge(QFrame):
    """**Expired** in its word, colour and icon (``style.EXPIRED_LOOK``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiredBadge")
        look = style.EXPIRED_LOOK
        icon = QLabel()
        icon.setPixmap(style.icon(look.icon).pixmap(24, 24))
        expired = QLabel(word(look.word))
        expired.setObjectName("expiredWord")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 10, 2)
        layout.setSpacing(6)
        layout.addWidget(icon)
        layout.addWidget(expired)
        self.word = expired


class LastScanPanel(QFrame):
    """The latest scan in large text: tag (word, colour, icon), ingredient, barcode,
    location; for a wrong-location item a "Move here" button; for a GS1 label that says
    another lot or expiry than the record, what it says and "Update the record"; for an
    expired bottle, **Expired**. After an action, what it changed, old → new; a split's new
    barcode large, with Copy and Print label."""

    moveHereClicked = Signal()
    printLabelClicked = Signal(object)  # ItemInfo: the item whose barcode is shown large
    registerClicked = Signal()  # register the unknown barcode just scanned
    joinClicked = Signal()  # the session offered (``show_offer``) is to be joined
    updateFromLabelClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lastScanPanel")
        self.setAccessibleName(translate("LastScanPanel", "Last scan"))
        # a screen reader's user can reach it with Tab and hear it again (its description)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.look = ""
        self.showing_kept = False  # the kept-on-this-PC answer is shown
        self.announced = ""  # the last scan or answer read out to a screen reader
        self.icon = QLabel()
        self.icon.setAccessibleName(translate("LastScanPanel", "Scan result icon"))
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tag = _label("lastScanTag")
        # a new barcode to label the item with, read from afar (a long one breaks)
        self.big_barcode = WrappingLabel(one_line=True)
        self.big_barcode.setObjectName("bigBarcode")
        self.big_barcode.setTextFormat(Qt.TextFormat.PlainText)
        self.big_barcode.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ingredient = _label("lastScanIngredient", wrap=True)
        self.detail = _label("lastScanDetail", wrap=True)
        self.wrong = _label("wrongLocation", wrap=True)
        self.note = _label("lastScanNote", wrap=True)
        self.move_here = QPushButton(translate("LastScanPanel", "&Move here"))
        self.move_here.setObjectName("moveHereButton")
        self.move_here.setToolTip(
            translate("LastScanPanel", "Record that this item is now at the current location")
        )
        self.move_here.clicked.connect(self.moveHereClicked)
        self.move_here.hide()
        self.copy_button = QPushButton(translate("LastScanPanel", "C&opy barcode"))
        self.copy_button.setObjectName("copyBarcodeButton")
        self.copy_button.setToolTip(
            translate("LastScanPanel", "Copy the new barcode, to paste it elsewhere")
        )
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.copy_button.hide()
        self.print_button = QPushButton(translate("LastScanPanel", "&Print label…"))
        self.print_button.setObjectName("printLabelButton")
        self.print_button.setToolTip(
            translate(
                "LastScanPanel", "Print a label for the new item (Tools → Settings: its size)"
            )
        )
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.print_button.hide()
        self.register_button = QPushButton(translate("LastScanPanel", "&Register item…"))
        self.register_button.setObjectName("registerButton")
        self.register_button.setToolTip(
            translate(
                "LastScanPanel",
                "Record this barcode as a new item here: ingredient, type, quantity, unit",
            )
        )
        self.register_button.clicked.connect(self.registerClicked)
        self.register_button.hide()
        self.item: ItemInfo | None = None  # the item whose barcode is shown large
        self.join = QPushButton(translate("LastScanPanel", "&Join"))
        self.join.setObjectName("joinOfferedButton")
        self.join.setToolTip(translate("LastScanPanel", "Scan into this session from here too"))
        self.join.clicked.connect(self.joinClicked)
        self.join.hide()
        self.expired = ExpiredBadge()
        self.expired.hide()
        self.label_said = _label("labelSaid", wrap=True)
        self.update_record = QPushButton(translate("LastScanPanel", "&Update the record"))
        self.update_record.setObjectName("updateRecordButton")
        self.update_record.setToolTip(
            translate(
                "LastScanPanel",
                "Record the lot and expiry this label says for the item (kept in its history "
                "with the scan)",
            )
        )
        self.update_record.clicked.connect(self.updateFromLabelClicked)
        self.update_record.hide()

        text = QVBoxLayout()
        text.setSpacing(4)
        text.addStretch(1)  # the lines stay together, centred, however many are shown
        for widget in (
            self.tag,
            self.big_barcode,
            self.ingredient,
            self.detail,
            self.wrong,
            self.note,
        ):
            text.addWidget(widget)
        text.addWidget(self.expired, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.label_said)
        text.addStretch(1)
        buttons = QVBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        for button in self.buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(16)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        self.setMinimumHeight(150)
        self.show_idle(translate("LastScanPanel", "Scan a barcode"))

    def buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.move_here,
            self.update_record,
            self.register_button,
            self.copy_button,
            self.print_button,
            self.join,
        )

    def _on_print_button_clicked(self) -> None:
        if self.item is not None:
            self.printLabelClicked.emit(self.item)

    def _on_copy_button_clicked(self) -> None:
        if self.item is not None:
            QGuiApplication.clipboard().setText(self.item.barcode)
            self.note.setText(
                translate("LastScanPanel", "{barcode} is copied.").format(barcode=self.item.barcode)
            )
            self.note.show()

    # ------------------------------------------------------------ states
    def show_message(
        self,
        look: str,
        title: str,
        *,
        icon: str = "",
        ingredient: str = "",
        detail: str = "",
        wrong: str = "",
        note: str = "",
        can_move: bool = False,
        can_register: bool = False,
        item: ItemInfo | None = None,
        expired: bool = False,
        label_said: str = "",
        can_update: bool = False,
    ) -> None:
        """Paint one state; ``item``: its barcode shown large, to copy (a split's)."""
        self.look = look
        self.showing_kept = False
        for widget in (self, self.tag):
            widget.setProperty("look", look)
            style.repolish(widget)
        side = icon_size(self.tag, 1.45)  # beside the tag's large word, as the font sets it
        self.icon.setFixedSize(side.grownBy(QMargins(2, 2, 2, 2)))
        if icon:
            self.icon.setPixmap(style.icon(icon).pixmap(side, self.devicePixelRatioF()))
        else:
            self.icon.clear()
        self.tag.setText(title)
        for label, value in (
            (self.ingredient, ingredient),
            (self.detail, detail),
            (self.wrong, wrong),
            (self.note, note),
            (self.label_said, label_said),
        ):
            label.setText(value)
            label.setVisible(bool(value))
        self.expired.setVisible(expired)
        self.move_here.setVisible(can_move)
        self.join.hide()
        self.register_button.setVisible(can_register)
        self.update_record.setVisible(can_update)
        self.item = item
        big = item.barcode if item is not None else ""
        if big or self.big_barcode.isVisible():
            self.big_barcode.setText(big)
            self.big_barcode.setVisible(bool(big))
            self.copy_button.setVisible(bool(big))
            self.print_button.setVisible(bool(big))
        expiry = (word(style.EXPIRED_LOOK.word) if expired else "", label_said)
        parts = (title, *expiry, big, ingredient, detail, wrong, note)
        said = ". ".join(part.rstrip(".") for part in parts if part) + "."
        self.setAccessibleDescription(said)
        self.icon.setAccessibleName(
            translate("LastScanPanel", "{title} icon").format(title=title) if icon else ""
        )
        active = QApplication.activeWindow()
        if look != "idle" and active in (None, self.window()):
            # read out here unless a scan typed in another window is answered there; an
            # expired bottle, or one in the wrong place, is told at once
            urgent = look == "error" or bool(wrong) or expired
            self.announced = announce(self, said, urgent=urgent)

    def show_idle(self, text: str, detail: str = "") -> None:
        self.show_message("idle", text, icon="scan", detail=detail)

    def show_on_its_way(self, barcode: str, waiting: int) -> None:
        """Scans sent and not answered yet (a slow database): no tag until each is saved."""
        detail = (
            translate(
                "LastScanPanel",
                "{barcode} and {more} more: on the way to the database; the tags show once "
                "they are saved.",
            )
            if waiting > 1
            else translate(
                "LastScanPanel",
                "{barcode}: on the way to the database; the tag shows once it is saved.",
            )
        )
        self.show_message(
            "idle",
            translate("ScanList", PENDING_TEXT),
            icon="scan",
            detail=detail.format(barcode=barcode.replace(GS, GS_SHOWN), more=_n(waiting - 1)),
        )

    def show_kept(self, barcode: str, waiting: int) -> None:
        """A scan the server could not take now: kept on this PC, sent when it is back."""
        detail = (
            translate(
                "LastScanPanel",
                "{barcode} ({waiting} waiting): the database server cannot be reached. The "
                "scan is saved on this PC with its time and sent when the server is back; its "
                "tag shows then.",
            )
            if waiting > 1
            else translate(
                "LastScanPanel",
                "{barcode}: the database server cannot be reached. The scan is saved on this "
                "PC with its time and sent when the server is back; its tag shows then.",
            )
        )
        self.show_message(
            "unknown",
            translate("ScanList", KEPT_TEXT),
            icon="scan",
            detail=detail.format(barcode=barcode, waiting=_n(waiting)),
        )
        self.showing_kept = True  # until the scans are sent, or another answer shows

    def show_offer(self, info: SessionInfo, more: int) -> None:
        """No session here, and one is active that this person may join: offer it."""
        since = formatting.time_of_day(info.started_at, seconds=False)
        detail = (
            translate(
                "LastScanPanel",
                "Started by {user} at {time} in {lab} ({more} more in ⚙ → Join Active "
                "Session). Join it (Alt+J) to scan into it from here.",
            )
            if more
            else translate(
                "LastScanPanel",
                "Started by {user} at {time} in {lab}. Join it (Alt+J) to scan into it from here.",
            )
        )
        self.show_message(
            "idle",
            translate("LastScanPanel", "“{name}” is active").format(name=info.name),
            icon="scan",
            detail=detail.format(user=info.started_by, time=since, lab=info.lab, more=_n(more)),
        )
        self.join.show()

    def show_not_saved(self, sentence: str) -> None:
        self.show_message(
            "error",
            word(style.NOT_SAVED_LOOK.word),
            icon=style.NOT_SAVED_LOOK.icon,
            detail=i18n.say(sentence),
        )

    def show_refused(self, title: str, sentence: str) -> None:
        self.show_message("error", title, icon=style.NOT_SAVED_LOOK.icon, detail=i18n.say(sentence))

    def show_undone(self, entry: ScanLogEntry) -> None:
        barcode = (entry.item_barcode or entry.barcode).replace(GS, GS_SHOWN)
        self.show_message(
            "undone",
            translate("LastScanPanel", "Location scan undone")
            if entry.kind is ScanKind.LOCATION
            else translate("LastScanPanel", "Scan undone"),
            icon=style.UNDONE_LOOK.icon,
            ingredient=entry.ingredient or "",
            detail=translate(
                "LastScanPanel",
                "{barcode} no longer counts in this session (a correction is recorded).",
            ).format(barcode=barcode),
        )

    def show_moved(self, item: ItemInfo, was: str | None) -> None:
        self.show_message(
            "moved",
            translate("LastScanPanel", "Moved here"),
            icon="location",
            ingredient=item.ingredient,
            detail=translate("LastScanPanel", "{barcode} · now at {location} (was {was})").format(
                barcode=item.barcode, location=item.location, was=was
            ),
        )

    def show_registered(self, item: ItemInfo) -> None:
        """An unknown barcode registered as a new item: its barcode large, to label."""
        self.show_message(
            "changed",
            translate("LastScanPanel", "Registered — label the new item"),
            icon="check",
            ingredient=item.ingredient,
            detail=translate(
                "LastScanPanel",
                "{quantity} at {location} · Not in Scope (not in the listing frozen at the start)",
            ).format(
                quantity=formatting.quantity_with_unit(item.quantity, item.unit),
                location=item.location,
            ),
            item=item,
        )

    def show_answer(self, answer: Answer) -> None:
        """What an action changed, old → new (``answers``)."""
        self.show_message(
            answer.look,
            answer.title,
            icon=answer.icon,
            ingredient=answer.ingredient,
            detail=answer.detail,
            note=answer.note,
            item=answer.new_item,
        )

    def show_result(self, result: ScanResult) -> None:
        """A saved scan; "Move here" shows for a known item found at the wrong location."""
        barcode = result.barcode.replace(GS, GS_SHOWN)
        if result.kind is ScanKind.LOCATION:
            look = style.LOCATION_LOOK
            self.show_message(
                look.key,
                word(look.word),
                icon=look.icon,
                ingredient=result.location or "",
                detail=translate(
                    "LastScanPanel", "{barcode} · items scanned next are checked against it"
                ).format(barcode=barcode),
            )
            return
        look = style.TAG_LOOKS[result.tag or Tag.UNKNOWN]
        where = result.location or ""
        wrong = ""
        if result.wrong_location:
            recorded, here = formatting.short_paths(where, result.current_location or "")
            wrong = translate(
                "LastScanPanel", "{wrong_location}: recorded at {recorded}, you are at {here}"
            ).format(
                wrong_location=word(style.WRONG_LOCATION_LOOK.word), recorded=recorded, here=here
            )
        detail = " · ".join(part for part in (barcode, where) if part)
        if result.quantity is not None:
            detail += f" · {formatting.quantity_with_unit(result.quantity, result.unit)}"
        ingredient = result.ingredient or (
            translate("LastScanPanel", "No item has this barcode; it is kept in the list.")
            if result.item_id is None
            else ""
        )
        note = formatting.scan_note(result)
        if result.layout_guess is not None:  # never a silent unknown: which one, and the fix
            ingredient = i18n.say(result.layout_guess.summary())
            advice = i18n.say(result.layout_guess.advice())
            note = " ".join(part for part in (note, advice) if part)
        differences = result.label_differences
        label_said = (
            translate("LastScanPanel", "The label says: {differences}.").format(
                differences="; ".join(i18n.say(d) for d in differences)
            )
            if differences
            else ""
        )
        self.show_message(
            look.key,
            word(look.word),
            icon=look.icon,
            ingredient=ingredient,
            detail=detail,
            wrong=wrong,
            note=note,
            can_move=(
                result.wrong_location
                and result.item_id is not None
                and result.current_location_id is not None
            ),
            can_register=result.item_id is None,
            expired=result.expired,
            label_said=label_said,
            can_update=bool(differences),
        )

    def show_record_updated(
        self, item: ItemInfo, was_lot: str | None, was_expiry: date | None
    ) -> None:
        """The record now says what the label said: lot and expiry, old → new."""
        changes = []
        if was_lot != item.lot:
            changes.append(
                translate("LastScanPanel", "lot {old} → {new}").format(
                    old=was_lot or "—", new=item.lot or "—"
                )
            )
        if was_expiry != item.expires_on:
            old = formatting.day(was_expiry) if was_expiry else "—"
            new = formatting.day(item.expires_on) if item.expires_on else "—"
            changes.append(
                translate("LastScanPanel", "expiry {old} → {new}").format(old=old, new=new)
            )
        barcode = item.barcode.replace(GS, GS_SHOWN)
        self.show_message(
            "moved",
            translate("LastScanPanel", "Record updated"),
            icon="check",
            ingredient=item.ingredient,
            detail=translate("LastScanPanel", "{barcode} · {changes} (as on the label)").format(
                barcode=barcode, changes=", ".join(changes)
            ),
        )
