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
from recon_desktop.errors import NotFoundError, StorageError, ValidationError
from recon_desktop.services import Services

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class LineNote:
    """What one line of the file was told: refused (left out), or a note (loaded, or a
    code that fits several items: not counted)."""

    number: int
    sentence: str
    refused: bool = True

    def __str__(self) -> str:
        return f"line {self.number}: {self.sentence}"


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

    def summary(self) -> str:
        """One sentence: "Loaded into session #3: 4 In Scope, 1 Unknown barcode; 1 expired
        bottle; 1 line fits several items (none counted); 1 line refused."."""
        loaded = ", ".join(f"{n} {label}" for label, n in self.counts.items()) or "no scans"
        parts = [f"Loaded into session #{self.session_id}: {loaded}"]
        if self.expired:
            parts.append(f"{self.expired} expired bottle{'' if self.expired == 1 else 's'}")
        if self.several:
            fits = "fits" if self.several == 1 else "fit"
            parts.append(
                f"{self.several} line{'' if self.several == 1 else 's'} {fits} several items "
                "(none counted)"
            )
        refused = self.refused
        if refused:
            parts.append(f"{refused} line{'' if refused == 1 else 's'} refused")
        text = "; ".join(parts) + "."
        if self.cancelled:
            text += " Stopped on request: the lines after were not loaded (load the file again"
            text += " to add them; nothing is recorded twice)."
        return text


def read_file(path: Path) -> bytes:
    """The file's bytes; a sentence when it cannot be read or is UTF-16 text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotFoundError(f"Cannot read {path} ({exc.strerror}).") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(
            f"{path} is UTF-16 text; save it as UTF-8 (one barcode a line) and load it again."
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
            report.notes.append(LineNote(number, "not UTF-8 text; the line was not loaded."))
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
            report.notes.append(LineNote(number, str(exc)))
            continue
        except StorageError as exc:
            report.notes.append(LineNote(number, str(exc)))
            report.stopped = (
                f"Loading stopped at line {number} of {name}: the lines before it were "
                "loaded, it and the rest were not; load the file again once the cause is gone "
                "(nothing is recorded twice)."
            )
            break
        if result is None:
            continue
        if isinstance(result, ScanChoice):
            report.several += 1
            report.notes.append(
                LineNote(
                    number,
                    f"{batch_file.shown(line)} fits {len(result.choices)}"
                    f"{'+' if result.more else ''} items: "
                    f"{batch_file.shown(result.candidates_text())}. None was counted; scan "
                    "the bottle in the window to choose which one it is.",
                    refused=False,
                )
            )
            continue
        if result.layout_guess is not None:
            report.notes.append(
                LineNote(
                    number,
                    f"{batch_file.shown(line)} is not a known barcode. "
                    f"{result.layout_guess.sentence()}",
                    refused=False,
                )
            )
        if result.duplicate:
            report.counts["already loaded"] += 1
        elif result.tag is None:
            report.counts["location"] += 1
        else:
            report.counts[result.tag.label] += 1
            if result.expired and result.tag is not Tag.ALREADY_SCANNED:  # a bottle once
                report.expired += 1
    if progress is not None:
        progress(len(lines), len(lines))
    return report
