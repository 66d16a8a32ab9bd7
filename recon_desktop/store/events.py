"""Audit events that are not about one item: sign-ins refused, sessions started, joined,
refused or ended."""

from __future__ import annotations

from datetime import datetime

from recon_desktop.store.models import AuditEvent


def record(
    *,
    at: datetime,
    kind: str,
    user_id: int | None,
    user_name: str,
    station: str,
    session_id: int | None = None,
    detail: str | None = None,
) -> None:
    AuditEvent.create(
        at=at,
        kind=kind,
        user=user_id,
        user_name=user_name,
        station=station,
        session=session_id,
        detail=detail,
    )
