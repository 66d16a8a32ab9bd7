"""Users: who they are, their PIN hash and badge, and the counter that locks them out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import peewee as pw

from recon_desktop.store import folding
from recon_desktop.store.audit import db_param
from recon_desktop.store.models import User


@dataclass(frozen=True, slots=True)
class UserRow:
    """A user as sign-in needs it."""

    id: int
    name: str
    pin_hash: str
    failed_attempts: int
    locked_until: datetime | None


def _row(user: User | None) -> UserRow | None:
    if user is None:
        return None
    return UserRow(user.id, user.name, user.pin_hash, user.failed_attempts, user.locked_until)


def by_id(user_id: int) -> UserRow:
    row = _row(User.get_by_id(user_id))
    assert row is not None
    return row


def _same_name(name: str) -> pw.Expression:
    """The user whose name reads as ``name``: in any case and Unicode form ("Ana", "ana")."""
    db = User._meta.database
    return folding.folded(db, User.name) == folding.folded(db, pw.Value(name))


def by_name(name: str) -> UserRow | None:
    """The user called ``name`` (the same letters in any case or form; an exact match first,
    for names told apart only by case before they were compared this way)."""
    exact = User.get_or_none(User.name == name)
    return _row(exact or User.select().where(_same_name(name)).order_by(User.id).first())


def by_name_or_badge(identifier: str) -> UserRow | None:
    by_badge = User.get_or_none(User.badge == identifier)
    return _row(by_badge) if by_badge is not None else by_name(identifier)


def by_badges(badges: Sequence[str]) -> UserRow | None:
    """The user whose badge is one of these (the readings of one scanned badge)."""
    return _row(User.get_or_none(User.badge.in_(list(badges))))


def badge_taken(badge: str) -> bool:
    return bool(User.select().where(User.badge == badge).exists())


def create(name: str, pin_hash: str, badge: str | None, at: datetime) -> int:
    return int(User.create(name=name, pin_hash=pin_hash, badge=badge, created_at=at).id)


def any_user() -> bool:
    return bool(User.select().exists())


def claim_first_admin(db: pw.Database, name: str) -> bool:
    """Take the one place of the first admin (a row only one transaction can insert, so two
    first-run set-ups at once cannot both make one); False when it was taken."""
    p = db.param
    cursor = db.execute_sql(
        f"INSERT INTO schema_info (key, value) VALUES ({p}, {p}) ON CONFLICT (key) DO NOTHING",
        ("first_admin", name),
    )
    return cursor.rowcount == 1


def set_pin_hash(user_id: int, pin_hash: str) -> None:
    """A new PIN; the lockout count starts again."""
    User.update(pin_hash=pin_hash, failed_attempts=0, locked_until=None).where(
        User.id == user_id
    ).execute()


def users() -> list[tuple[int, str]]:
    return list(User.select(User.id, User.name).order_by(User.name).tuples())


def claim_attempt(db: pw.Database, user_id: int, now: datetime, limit: int) -> int | None:
    """Count a sign-in attempt before its PIN is checked, in one conditional statement:
    the new count, or None when the user is locked or ``limit`` attempts are already
    counted (so that parallel tries can never check more PINs than that). An unknown user
    (id 0) runs the same statement and matches nothing."""
    p = db.param
    row = db.execute_sql(
        f'UPDATE "user" SET failed_attempts = failed_attempts + 1 WHERE id = {p} '
        f"AND (locked_until IS NULL OR locked_until <= {p}) AND failed_attempts < {p} "
        "RETURNING failed_attempts",
        (user_id, db_param(db, now), limit),
    ).fetchone()
    return None if row is None else int(row[0])


def attempt_succeeded(db: pw.Database, user_id: int, now: datetime) -> None:
    """The PIN was right: the count starts again (a lock set meanwhile stays)."""
    p = db.param
    db.execute_sql(
        f'UPDATE "user" SET failed_attempts = 0, locked_until = NULL WHERE id = {p} '
        f"AND (locked_until IS NULL OR locked_until <= {p})",
        (user_id, db_param(db, now)),
    )


def lock_out(user_id: int, until: datetime) -> None:
    """The user cannot sign in until then; the count starts again."""
    User.update(failed_attempts=0, locked_until=until).where(User.id == user_id).execute()
