"""Anchors kept outside the database, and ``audit verify`` against them.

Ending a session seals every chain head into an anchor (``store.anchors``), which goes into
the database, the session report's Summary and, appended, the anchor file (by default
``anchors.txt`` beside the log; Tools → Settings chooses another). ``verify`` checks the
database and, given a report or an anchor file, that it still holds what they sealed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from recon_desktop.core.text import translate
from recon_desktop.errors import NotFoundError, ValidationError
from recon_desktop.store import anchors
from recon_desktop.store.db import Database
from recon_desktop.store.verify import Report
from recon_desktop.store.verify import verify as verify_database

ANCHOR_FILE = "anchors.txt"
# the Summary is a report's first sheet; its Anchor row holds the anchor's text. Both are
# named in the language the report was written in, so a report is read by its place and
# by what the text is (an anchor parses), never by those names
SUMMARY_SHEET = 0


def default_anchor_file() -> Path:
    from recon_desktop import paths

    return paths.log_dir() / ANCHOR_FILE


def anchor_file(chosen: str) -> Path:
    """The anchor file of the settings' value ("" for the default)."""
    return Path(chosen).expanduser() if chosen.strip() else default_anchor_file()


def read_anchors(path: Path) -> list[str]:
    """The anchors' texts in a session report (.xlsx, its Summary) or an anchor file (one a
    line); a sentence when the file is neither."""
    if not path.is_file():
        raise NotFoundError(translate("Anchoring", "There is no file {path}.").format(path=path))
    try:
        head = path.read_bytes()[:4]
    except OSError as exc:
        raise NotFoundError(
            translate("Anchoring", "Cannot read {path} ({strerror}).").format(
                path=path, strerror=exc.strerror
            )
        ) from None
    if head.startswith(b"PK"):
        return _from_report(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ValidationError(
            translate(
                "Anchoring", "{path} is neither a session report (.xlsx) nor an anchor file."
            ).format(path=path)
        ) from None
    found = [line.strip() for line in text.splitlines() if line.strip().startswith("{")]
    if not found:
        raise ValidationError(
            translate(
                "Anchoring", "{path} holds no anchor (an anchor file has one a line)."
            ).format(path=path)
        )
    return found


def _from_report(path: Path) -> list[str]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        summary = book.get_sheet_by_index(SUMMARY_SHEET).to_python()
    except Exception:  # noqa: BLE001 - any failure to read is the same sentence
        raise ValidationError(
            translate(
                "Anchoring",
                "{path} is not a session report this program can read (no Summary sheet).",
            ).format(path=path)
        ) from None
    found = [str(row[1]) for row in summary if len(row) > 1 and row[1]]
    texts = [text for text in found if anchors.parse(text) is not None]
    if not texts:
        raise ValidationError(
            translate(
                "Anchoring",
                "The report {path} holds no anchor: it was exported while its session was "
                "active, or the session ended before anchors existed.",
            ).format(path=path)
        )
    return texts


def verify(db: Database, outside: Sequence[str] = (), *, source: str = "") -> Report:
    return verify_database(db, outside, source=source)
