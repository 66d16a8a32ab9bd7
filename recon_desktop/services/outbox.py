"""Scans a database server cannot take, kept on the workstation and sent when it can.

``OutboxService`` keeps a scan (durably, in ``store.outbox``) when the server is away or
does not answer in time, and sends what it keeps, in order, each with its own client id
(the server records it once however often it is sent) and its own time: a scan made
before its session ended counts, one made after is refused and stays listed.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from recon_desktop.core.records import KeptScan, Operator, ScanChoice, ScanResult, SessionInfo
from recon_desktop.core.text import translate
from recon_desktop.errors import ReconError, StorageError, ValidationError
from recon_desktop.services.sessions import SessionService
from recon_desktop.store import schema
from recon_desktop.store.db import Database, is_postgres
from recon_desktop.store.outbox import FILE_NAME, Outbox

log = logging.getLogger(__name__)


class OutboxService:
    """The kept scans of one server database."""

    def __init__(self, sessions: SessionService, outbox: Outbox) -> None:
        self.sessions = sessions
        self.outbox = outbox

    @classmethod
    def open(cls, db: Database, sessions: SessionService, folder: Path) -> OutboxService | None:
        """The outbox of a server database in ``folder`` (None for a SQLite file, which
        is on this computer already, or a server database without an id)."""
        if not is_postgres(db):
            return None
        database_id = schema.database_id(db)
        if database_id is None:
            return None
        return cls(sessions, Outbox(folder / FILE_NAME, database_id))

    @property
    def path(self) -> Path:
        return self.outbox.path

    def keep(
        self,
        operator: Operator,
        session: SessionInfo | tuple[int, str],
        raw: str,
        *,
        client_id: str,
        gs_substitute: str | None,
        scanned_at: datetime,
        item_id: int | None = None,
    ) -> KeptScan:
        """Keep one scan to send later (on disk before this returns); ``session``: its
        info, or its id and name; ``item_id``: the item chosen for a code that fits
        several, recorded as that item when sent. StorageError when the outbox cannot be
        written."""
        session_id, name = session if isinstance(session, tuple) else (session.id, session.name)
        kept = KeptScan(
            client_id=client_id,
            session_id=session_id,
            session_name=name,
            station=operator.station,
            user_id=operator.user_id,
            user_name=operator.name,
            raw=raw,
            gs_substitute=gs_substitute,
            scanned_at=scanned_at,
            item_id=item_id,
        )
        self.outbox.keep(kept)
        log.info(
            "scan %s kept on this computer (session %d, scanned %s UTC); %d waiting",
            client_id,
            session_id,
            scanned_at.isoformat(sep=" ", timespec="seconds"),
            self.outbox.count(),
        )
        return kept

    def waiting(self) -> list[KeptScan]:
        """The scans to send, in the order they were kept."""
        return self.outbox.waiting()

    def count(self) -> int:
        return self.outbox.count()

    def refused(self) -> list[KeptScan]:
        return self.outbox.refused()

    def send(self, kept: KeptScan) -> ScanResult | None:
        """Send one kept scan with its own time; it leaves the outbox once recorded. A
        refusal (the session ended before it was made, say) is marked and raised; a lost
        connection or a conflict leaves it waiting, and is raised."""
        try:
            result = self.sessions.scan(
                kept.operator,
                kept.session_id,
                kept.raw,
                client_id=kept.client_id,
                gs_substitute=kept.gs_substitute,
                scanned_at=kept.scanned_at,
                item_id=kept.item_id,
                until_end=True,
            )
        except StorageError:  # the database's trouble, not this scan's: sent again later
            raise
        except ReconError as exc:
            self._refuse(kept, str(exc))  # kept in the outbox file in English
            raise
        if isinstance(result, ScanChoice):  # fits several items: someone has to choose
            sentence = translate("OutboxService", "{choice} Scan it again to choose.").format(
                choice=result.sentence()
            )
            self._refuse(kept, sentence)
            raise ValidationError(sentence)
        self.outbox.sent(kept.client_id)
        tag = "nothing to record" if result is None else (result.tag or result.kind).value
        log.info(
            "kept scan %s sent (scanned %s UTC): %s%s; %d still waiting",
            kept.client_id,
            kept.scanned_at.isoformat(sep=" ", timespec="seconds"),
            tag,
            " (recorded before)" if result is not None and result.duplicate else "",
            self.outbox.count(),
        )
        return result

    def _refuse(self, kept: KeptScan, reason: str) -> None:
        self.outbox.refuse(kept.client_id, reason)
        log.warning(
            "kept scan %s (%s, scanned %s UTC) refused by the server: %s",
            kept.client_id,
            kept.raw.strip(),
            kept.scanned_at.isoformat(sep=" ", timespec="seconds"),
            reason,
        )

    def close(self) -> None:
        self.outbox.close()
