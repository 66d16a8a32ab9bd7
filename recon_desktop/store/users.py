"""Users: who they are, their PIN hash and badge, and the counter that locks them out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

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


def by_name(name: str) -> UserRow | None:
    return _row(User.get_or_none(User.name == name))


def by_name_or_badge(identifier: str) -> UserRow | None:
    return _row(User.get_or_none((User.name == identifier) | (User.badge == identifier)))


def by_badges(badges: Sequence[str]) -> UserRow | None:
    """The user whose badge is one of these (the readings of one scanned badge)."""
    return _row(User.get_or_none(User.badge.in_(list(badges))))


def badge_taken(badge: str) -> bool:
    return bool(User.select().where(User.badge == badge).exists())


def create(name: str, pin_hash: str, badge: str | None, at: datetime) -> int:
    return int(User.create(name=name, pin_hash=pin_hash, badge=badge, created_at=at).id)


def users() -> list[tuple[int, str]]:
    return list(User.select(User.id, User.name).order_by(User.name).tuples())


def clear_failures(user_id: int) -> None:
    User.update(failed_attempts=0, locked_until=None).where(User.id == user_id).execute()


def count_failure(user_id: int) -> int:
    """One more wrong PIN, counted by the database; the count now."""
    User.update(failed_attempts=User.failed_attempts + 1).where(User.id == user_id).execute()
    return int(User.get_by_id(user_id).failed_attempts)


def lock_out(user_id: int, until: datetime) -> None:
    """The user cannot sign in until then; the count starts again."""
    User.update(failed_attempts=0, locked_until=until).where(User.id == user_id).execute()
