"""Sign-in with user + PIN or badge barcode. PINs are kept only as salted scrypt hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import NoReturn

from recon_desktop.core import barcodes
from recon_desktop.core.records import Operator, Role
from recon_desktop.core.text import Text, plural, translate
from recon_desktop.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from recon_desktop.store import events, labs, users
from recon_desktop.store.db import Database, db_now, transaction, utcnow
from recon_desktop.store.users import UserRow

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
PIN_MIN, PIN_MAX = 6, 12
SIGN_IN_FAILED = translate("AuthService", "Unknown user or wrong PIN.")


# a role as a sentence names it
ROLE_WORDS = {
    Role.ADMIN: translate("Role", "admin"),
    Role.MEMBER: translate("Role", "member"),
    Role.VIEWER: translate("Role", "viewer"),
}


def _roles_either(roles: tuple[Role, ...]) -> Text:
    """ "admin or member" (the roles that may)."""
    said = ROLE_WORDS[roles[0]]
    for role in roles[1:]:
        said = translate("Role", "{first} or {second}").format(first=said, second=ROLE_WORDS[role])
    return said


def check_pin_format(pin: str) -> str:
    if not (pin.isdigit() and pin.isascii() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise ValidationError(
            translate("AuthService", "A PIN must be {low} to {high} digits.").format(
                low=PIN_MIN, high=PIN_MAX
            )
        )
    return pin


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def pin_matches(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        pin.encode(),
        salt=base64.b64decode(salt),
        n=int(n),
        r=int(r),
        p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


_DUMMY_HASH = "scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$" + base64.b64encode(bytes(32)).decode()


class AuthService:
    def __init__(self, db: Database, station: str) -> None:
        self.db = db
        self.station = station

    def sign_in(self, identifier: str, pin: str) -> Operator:
        """User name (or badge barcode) + PIN → Operator. Same sentence for every failure
        except a locked user, who is told to wait. An unknown user costs what a known one
        does: the same statements and one PIN hash checked (against a dummy)."""
        identifier = identifier.strip()
        user = users.by_name_or_badge(identifier) if identifier else None
        if user is None and identifier:
            user = self._by_scanned_badge(identifier)
        if user is None:
            with transaction(self.db):
                users.claim_attempt(self.db, 0, db_now(self.db), MAX_FAILED_ATTEMPTS)
            pin_matches(pin, _DUMMY_HASH)  # same time as a real check
            self._record_failure(None, identifier, "unknown user")
            raise AuthenticationError(SIGN_IN_FAILED)
        self._check(user, pin)
        return Operator(user.id, user.name, self.station)

    @staticmethod
    def _by_scanned_badge(identifier: str) -> UserRow | None:
        """A badge read by a scanner that adds an AIM prefix or GS1 data, as a scan is read."""
        try:
            code = barcodes.normalise(identifier)
        except barcodes.BarcodeError:
            return None
        if code is None:
            return None
        return users.by_badges(code.candidates)

    def confirm_pin(self, operator: Operator, pin: str) -> None:
        """The PIN again, as a signature (ending a session, unlocking the window)."""
        self._check(users.by_id(operator.user_id), pin)

    def _check(self, user: UserRow, pin: str) -> None:
        """Check a PIN under the lockout: the attempt is counted (one conditional statement)
        before the PIN is hashed, so that however many tries arrive at once, at most
        MAX_FAILED_ATTEMPTS PINs are checked before the user is locked."""
        now = db_now(self.db)
        with transaction(self.db):
            count = users.claim_attempt(self.db, user.id, now, MAX_FAILED_ATTEMPTS)
        if count is None:
            self._refuse_locked(user, now)
        if pin_matches(pin, user.pin_hash):
            with transaction(self.db):
                users.attempt_succeeded(self.db, user.id, now)
            return
        with transaction(self.db):
            if count is not None and count >= MAX_FAILED_ATTEMPTS:
                users.lock_out(user.id, now + LOCKOUT)
            self._record(user, user.name, "sign-in-failed", "wrong PIN")
        raise AuthenticationError(SIGN_IN_FAILED)

    def _refuse_locked(self, user: UserRow, now: datetime) -> NoReturn:
        current = users.by_id(user.id)
        if current.locked_until is not None and current.locked_until > now:
            minutes = max(1, int((current.locked_until - now).total_seconds() // 60) + 1)
            detail = "locked"
        else:  # the last allowed tries are being checked at this moment
            minutes, detail = int(LOCKOUT.total_seconds() // 60), "locked (tries in parallel)"
        self._record_failure(user, user.name, detail)
        raise AuthenticationError(
            translate(
                "AuthService",
                "{name} is locked after {tries} wrong PINs; try again in "
                "{minutes} or ask an admin.",
            ).format(
                name=user.name,
                tries=MAX_FAILED_ATTEMPTS,
                minutes=plural(
                    minutes,
                    translate("AuthService", "{count} minute"),
                    translate("AuthService", "{count} minutes"),
                ),
            )
        )

    def _record_failure(self, user: UserRow | None, name: str, detail: str) -> None:
        with transaction(self.db):
            self._record(user, name, "sign-in-failed", detail)

    def _record(self, user: UserRow | None, name: str, kind: str, detail: str) -> None:
        events.record(
            at=utcnow(),
            kind=kind,
            user_id=user.id if user else None,
            user_name=name[:200],
            station=self.station,
            detail=detail,
        )

    # ------------------------------------------------------------ roles

    def role(self, user_id: int, lab_id: int) -> Role | None:
        return labs.role(user_id, lab_id)

    def require_role(self, operator: Operator, lab_id: int, *roles: Role, doing: str) -> Role:
        """The operator's role in the lab when it is one of ``roles``; else refused with
        what they tried (``doing``, a Text like "start a session")."""
        role = self.role(operator.user_id, lab_id)
        if role is None or role not in roles:
            lab = labs.lab_by_id(lab_id)
            lab_name = lab.name if lab else f"#{lab_id}"
            values = {"name": operator.name, "doing": doing, "lab": lab_name}
            values["needed"] = _roles_either(roles)
            if role is None:
                refused = translate(
                    "AuthService",
                    "{name} cannot {doing} in {lab}: that needs the {needed} role "
                    "(you are not a member).",
                ).format(**values)
            else:
                refused = translate(
                    "AuthService",
                    "{name} cannot {doing} in {lab}: that needs the {needed} role "
                    "(you are a {role}).",
                ).format(**values, role=ROLE_WORDS[role])
            raise PermissionDeniedError(refused)
        return role

    def user_by_name(self, name: str) -> UserRow:
        user = users.by_name(name.strip())
        if user is None:
            raise NotFoundError(
                translate("AuthService", "There is no user called {name!r}.").format(
                    name=name.strip()
                )
            )
        return user
