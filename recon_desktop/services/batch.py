"""A batch scanner's file loaded into an active session, line by line as scans: what the
command line's ``scans load`` and the window's ⚙ → Load Batch-Scanner File… share.

One barcode a line (UTF-8), optionally a tab and the time it was read (ISO, local time
unless it has an offset). Lines end at CR and LF only (``core.batch_file``): the GS1
separators GS, FS and RS stay inside the scan, and a line shown to a person writes them
``<GS>``, ``<FS>``, ``<RS>``. A line that cannot be a scan is named with its reason and left
out; the others load. A code that fits several items (a GTIN alone on bottles of different
serials or lots) is named with its candidates and counted as none of them: never a silent
pick. One line of one file, loaded by one workstation and user, is recorded once however
often it is loaded (its scan's client id comes from the file's hash and the line's
number). The summary counts the scans by tag, and the expired bottles among them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from recon_desktop.core import batch_file
from recon_desktop.core.records import Operator, ScanChoice, Tag
from recon_desktop.core.text import Text, joined, plural, translate
from recon_desktop.errors import NotFoundError, StorageError, ValidationError
from recon_desktop.services import Services

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class LineNote:
    """What one line of the file was told: refused (left out), or a note (loaded, or a
    code that fits several items: not counted)."""

    number: int
    sentence: str  # a Text where this program said it
    refused: bool = True

    @property
    def said(self) -> Text:
        return translate("BatchService", "line {number}: {sentence}").format(
            number=str(self.number), sentence=self.sentence
        )

    def __str__(self) -> str:
        return str(self.said)


ALREADY_LOADED = translate("BatchService", "already loaded")
LOCATION = translate("BatchService", "location")


@dataclass
class BatchReport:
    """What loading a file did: scans by result, and each line that was refused or noted,
    in the file's order. ``stopped``: why loading stopped before the end (the database)."""

    session_id: int
    name: str
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[LineNote] = field(default_factory=list)
    stopped: str | None = None
    cancelled: bool = False
    several: int = 0  # lines that fit several items: none counted
    expired: int = 0  # expired bottles counted (the label's expiry, else the record's; no repeats)

    @property
    def refused(self) -> int:
        return sum(1 for note in self.notes if note.refused)

    @property
    def not_loaded(self) -> int:
        """Lines that counted nothing: refused, or fitting several items."""
        return self.refused + self.several

    def summary(self) -> Text:
        """One sentence: "Loaded into session #3: 4 In Scope, 1 Unknown barcode; 1 expired
        bottle; 1 line fits several items (none counted); 1 line refused."."""
        counts = [
            translate("BatchService", "{count} {what}").format(count=n, what=label)
            for label, n in self.counts.items()
        ]
        parts = [
            translate("BatchService", "Loaded into session #{session}: {loaded}").format(
                session=str(self.session_id),
                loaded=joined(counts) if counts else translate("BatchService", "no scans"),
            )
        ]
        if self.expired:
            parts.append(
                plural(
                    self.expired,
                    translate("BatchService", "{count} expired bottle"),
                    translate("BatchService", "{count} expired bottles"),
                )
            )
        if self.several:
            parts.append(
                plural(
                    self.several,
                    translate("BatchService", "{count} line fits several items (none counted)"),
                    translate("BatchService", "{count} lines fit several items (none counted)"),
                )
            )
        if self.refused:
            parts.append(
                plural(
                    self.refused,
                    translate("BatchService", "{count} line refused"),
                    translate("BatchService", "{count} lines refused"),
                )
            )
        text = translate("BatchService", "{parts}.").format(parts=joined(parts, "; "))
        if self.cancelled:
            text = translate(
                "BatchService",
                "{summary} Stopped on request: the lines after were not loaded (load the "
                "file again to add them; nothing is recorded twice).",
            ).format(summary=text)
        return text


def read_file(path: Path) -> bytes:
    """The file's bytes; a sentence when it cannot be read or is UTF-16 text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotFoundError(
            translate("BatchService", "Cannot read {path} ({strerror}).").format(
                path=path, strerror=exc.strerror
            )
        ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            translate(
                "BatchService",
                "{path} is UTF-16 text; save it as UTF-8 (one barcode a line) and load it again.",
            ).format(path=path)
        )
    return data


def parse_line(line: str) -> tuple[str, datetime | None]:
    """``BARCODE`` or ``BARCODE<TAB>ISO-TIME`` (local time unless the time has an offset)."""
    return batch_file.parse_line(line)


def split_lines(data: bytes) -> list[tuple[int, str | None]]:
    """(line number, text, or None when the line is not UTF-8) of a batch file's non-empty
    lines, split at CR and LF only; a UTF-8 byte order mark is left out."""
    return batch_file.lines(data)


def load(
    services: Services,
    operator: Operator,
    session_id: int,
    data: bytes,
    *,
    name: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    gs_substitute: str | None = None,
) -> BatchReport:
    """Every line of ``data`` (a file called ``name``) as a scan in the session; a
    ``gs_substitute`` (the workstation's setting: what its scanner sends instead of GS) is
    read as GS in a GS1 code. A fault of the database stops it (``stopped`` says where;
    the lines before are loaded)."""
    lines = split_lines(data)
    digest = hashlib.sha256(data).hexdigest()
    report = BatchReport(session_id, name)
    station = services.station
    for done, (number, line) in enumerate(lines):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None and done % 20 == 0:
            progress(done, len(lines))
        if line is None:
            report.notes.append(
                LineNote(
                    number, translate("BatchService", "not UTF-8 text; the line was not loaded.")
                )
            )
            continue
        # one line of one file, loaded by this workstation and user, is recorded once,
        # however often it is loaded; the same file from another station or user counts too
        client_id = hashlib.sha256(
            f"{session_id}:{station}:{operator.user_id}:{digest}:{number}".encode()
        ).hexdigest()[:32]
        try:
            code, moment = parse_line(line)
            result = services.sessions.scan(
                operator,
                session_id,
                code,
                client_id=client_id,
                scanned_at=moment,
                gs_substitute=gs_substitute or None,
            )
        except ValidationError as exc:
            report.notes.append(LineNote(number, exc.args[0]))
            continue
        except StorageError as exc:
            report.notes.append(LineNote(number, exc.args[0]))
            report.stopped = translate(
                "BatchService",
                "Loading stopped at line {number} of {name}: the lines before it were "
                "loaded, it and the rest were not; load the file again once the cause is gone "
                "(nothing is recorded twice).",
            ).format(number=str(number), name=name)
            break
        if result is None:
            continue
        if isinstance(result, ScanChoice):
            report.several += 1
            report.notes.append(
                LineNote(
                    number,
                    translate(
                        "BatchService",
                        "{line} fits {count} items: {candidates}. None was counted; scan "
                        "the bottle in the window to choose which one it is.",
                    ).format(
                        line=batch_file.shown(line),
                        count=f"{len(result.choices)}{'+' if result.more else ''}",
                        candidates=batch_file.shown(result.candidates_text()),
                    ),
                    refused=False,
                )
            )
            continue
        if result.layout_guess is not None:
            report.notes.append(
                LineNote(
                    number,
                    translate("BatchService", "{line} is not a known barcode. {guess}").format(
                        line=batch_file.shown(line), guess=result.layout_guess.sentence()
                    ),
                    refused=False,
                )
            )
        if result.duplicate:
            report.counts[ALREADY_LOADED] += 1
        elif result.tag is None:
            report.counts[LOCATION] += 1
        else:
            report.counts[result.tag.label] += 1
            if result.expired and result.tag is not Tag.ALREADY_SCANNED:  # a bottle once
                report.expired += 1
    if progress is not None:
        progress(len(lines), len(lines))
    return report
