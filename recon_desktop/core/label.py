"""What a GS1 label says about a bottle, beside what the record says.

A GS1 code carries the bottle's lot (AI 10) and expiry (AI 17). A scan compares them
with the item's recorded lot and expiry: a difference is said in words (the tag adds
"lot on the label LOT43, recorded LOT42"), and a bottle whose expiry is past is
**Expired**. The expiry that counts is the label's when the scan read one, else the
record's; it is past when it lies before the day of the scan (in this computer's time
zone), or, for a view of a session, before the day it ended (today while it runs).

Pure Python: no peewee, no Qt.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from recon_desktop.core.text import translate

EXPIRED = translate("Label", "Expired")


def day_of(at: datetime) -> date:
    """The local calendar day of a stored time (naive meaning UTC, or aware)."""
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    return aware.astimezone().date()


def is_expired(expiry: date | None, on: date) -> bool:
    """An expiry before ``on`` is past (a bottle may be used on its expiry day)."""
    return expiry is not None and expiry < on


def differences(
    lot_seen: str | None,
    expiry_seen: date | None,
    lot: str | None,
    expires_on: date | None,
) -> tuple[str, ...]:
    """What the label says that the record does not, one phrase each: the lot, then the
    expiry. Nothing for what the label does not carry."""
    said: list[str] = []
    if lot_seen is not None and lot_seen != (lot or None):
        said.append(
            translate("Label", "lot on the label {seen}, recorded {recorded}").format(
                seen=lot_seen, recorded=lot
            )
            if lot
            else translate("Label", "lot on the label {seen}, none recorded").format(seen=lot_seen)
        )
    if expiry_seen is not None and expiry_seen != expires_on:
        said.append(
            translate("Label", "expiry on the label {seen}, recorded {recorded}").format(
                seen=expiry_seen.isoformat(), recorded=expires_on.isoformat()
            )
            if expires_on
            else translate("Label", "expiry on the label {seen}, none recorded").format(
                seen=expiry_seen.isoformat()
            )
        )
    return tuple(said)
