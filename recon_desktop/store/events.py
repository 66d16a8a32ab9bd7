"""Audit events that are not about one item: sign-ins refused, administration, sessions
started, joined, refused or ended. Hash-chained like the scans and the history."""

from __future__ import annotations

from datetime import datetime

import peewee as pw

from recon_desktop.store import audit
from recon_desktop.store.audit import AUDIT_CHAIN


def record(
    *,
    at: datetime,
    kind: str,
    user_id: int | None,
    user_name: str,
    station: str,
    session_id: int | None = None,
    detail: str | None = None,
    subject: str | None = None,
    state: str | None = None,
    db: pw.Database | None = None,
) -> int:
    """Append one event inside the caller's transaction; its id."""
    from recon_desktop.store.models import AuditEvent

    database = db if db is not None else AuditEvent._meta.database
    return audit.append(
        database,
        AUDIT_CHAIN,
        {
            "kind": kind,
            "user_id": user_id,
            "user_name": user_name[:200] if user_name is not None else None,
            "station": station,
            "session_id": session_id,
            "detail": detail,
            "subject": subject,
            "state": state,
            "at": at,
        },
    )
