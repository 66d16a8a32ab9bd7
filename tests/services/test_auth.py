"""Sign-in: same sentence for unknown user and wrong PIN, lockout, salted scrypt hashes."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

import peewee as pw
import pytest

from recon_desktop.core.records import Role
from recon_desktop.errors import (
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from recon_desktop.services.auth import MAX_FAILED_ATTEMPTS, SIGN_IN_FAILED, pin_matches
from recon_desktop.store.db import is_postgres, utcnow
from recon_desktop.store.models import AuditEvent, User
from tests.services.conftest import PINS, World


def failures(name: str) -> list[str]:
    return [
        detail
        for (detail,) in AuditEvent.select(AuditEvent.detail)
        .where((AuditEvent.kind == "sign-in-failed") & (AuditEvent.user_name == name))
        .order_by(AuditEvent.id)
        .tuples()
    ]


def test_sign_in_by_name_or_badge_and_confirm_the_pin(world: World) -> None:
    assert world.ana.name == "ana"
    assert world.ana.station == "BENCH-1"
    assert world.ana.user_id == User.get(User.name == "ana").id
    User.update(badge="BADGE-7").where(User.id == world.ben.user_id).execute()
    assert world.services.auth.sign_in(" BADGE-7 ", PINS["ben"]) == world.ben
    # a scanner set to send AIM symbology prefixes (and a terminator) reads the same badge
    assert world.services.auth.sign_in("]C0BADGE-7\r\n", PINS["ben"]) == world.ben
    world.services.auth.confirm_pin(world.ana, PINS["ana"])
    with pytest.raises(AuthenticationError, match="Unknown user or wrong PIN"):
        world.services.auth.confirm_pin(world.ana, PINS["ben"])


def test_unknown_user_and_wrong_pin_get_the_same_sentence(world: World) -> None:
    auth = world.services.auth
    with pytest.raises(AuthenticationError) as unknown:
        auth.sign_in("nobody", "246810")
    with pytest.raises(AuthenticationError) as wrong:
        auth.sign_in("ana", "000000")
    with pytest.raises(AuthenticationError) as empty:
        auth.sign_in("   ", "246810")
    assert str(unknown.value) == str(wrong.value) == str(empty.value) == SIGN_IN_FAILED
    assert failures("nobody") == ["unknown user"]
    assert failures("ana") == ["wrong PIN"]


def test_five_wrong_pins_in_a_row_lock_the_user(world: World) -> None:
    auth = world.services.auth
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(AuthenticationError):
            auth.sign_in("ben", "999999")
    auth.sign_in("ben", PINS["ben"])  # a right PIN in between: the count starts again
    assert User.get_by_id(world.ben.user_id).failed_attempts == 0
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthenticationError, match="Unknown user or wrong PIN"):
            auth.sign_in("ben", "999999")
    with pytest.raises(AuthenticationError) as locked:
        auth.sign_in("ben", PINS["ben"])  # the right PIN, too late
    sentence = str(locked.value)
    assert sentence.startswith("ben is locked after 5 wrong PINs; try again in ")
    assert sentence.endswith(" minutes or ask an admin.")
    assert failures("ben") == ["wrong PIN"] * (2 * MAX_FAILED_ATTEMPTS - 1) + ["locked"]
    # the lock passes: the right PIN works again and clears the counter
    User.update(locked_until=utcnow() - timedelta(seconds=1)).where(
        User.id == world.ben.user_id
    ).execute()
    assert auth.sign_in("ben", PINS["ben"]).name == "ben"
    user = User.get_by_id(world.ben.user_id)
    assert (user.failed_attempts, user.locked_until) == (0, None)


def test_forty_wrong_pins_at_once_check_at_most_five(world: World, db: pw.Database) -> None:
    """Parallel tries cannot get past the count: each is counted, in one conditional
    statement, before its PIN is hashed; the badge signs in to the same locked user."""
    User.update(badge="BADGE-B").where(User.id == world.ben.user_id).execute()
    auth = world.services.auth
    tries = 40
    start = threading.Barrier(tries)
    outcomes: list[str] = []

    def wrong_pin(n: int) -> None:
        start.wait()
        try:
            auth.sign_in("ben" if n % 2 else "BADGE-B", "999999")
        except AuthenticationError as exc:
            outcomes.append(str(exc))
        finally:
            db.close()  # this thread's connection

    threads = [threading.Thread(target=wrong_pin, args=(n,)) for n in range(tries)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(outcomes) == tries
    checked = [o for o in outcomes if o == SIGN_IN_FAILED]
    locked = [o for o in outcomes if o.startswith("ben is locked after 5 wrong PINs")]
    assert len(checked) <= MAX_FAILED_ATTEMPTS and len(checked) + len(locked) == tries
    assert failures("ben").count("wrong PIN") == len(checked)
    for who in ("ben", "BADGE-B", "]C0BADGE-B\r\n"):  # the right PIN, by name or badge
        with pytest.raises(AuthenticationError, match="ben is locked after 5 wrong PINs"):
            auth.sign_in(who, PINS["ben"])


def test_an_unknown_user_costs_what_a_known_one_does(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same statements and one PIN hash of the same cost, whoever is named (the time
    itself is not asserted here: it is the PIN hash, measured by the benchmarks)."""
    import recon_desktop.services.auth as auth_module

    hashed: list[tuple[int, int, int]] = []
    real_scrypt = auth_module.hashlib.scrypt

    def scrypt(password: bytes, **kwargs: object) -> bytes:
        hashed.append((kwargs["n"], kwargs["r"], kwargs["p"]))  # type: ignore[arg-type]
        return real_scrypt(password, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(auth_module.hashlib, "scrypt", scrypt)
    statements: list[str] = []
    execute_sql = world.services.db.execute_sql

    def spy(sql: str, params: object = None, *args: object, **kwargs: object) -> object:
        statements.append(sql.split()[0].upper())
        return execute_sql(sql, params, *args, **kwargs)

    monkeypatch.setattr(world.services.db, "execute_sql", spy)
    costs = []
    for name in ("ana", "nobody"):
        hashed.clear()
        statements.clear()
        with pytest.raises(AuthenticationError):
            world.services.auth.sign_in(name, "999999")
        costs.append((list(hashed), sorted(s for s in statements if s != "SELECT")))
    assert costs[0] == costs[1]
    assert costs[0][0] == [(auth_module.SCRYPT_N, auth_module.SCRYPT_R, auth_module.SCRYPT_P)]


def test_pins_are_kept_only_as_salted_scrypt_hashes(world: World, db: pw.Database) -> None:
    admin = world.services.admin
    admin.add_user(world.root, "dora", PINS["ana"], lab="Cell Biology", role="member")
    ana, dora = (User.get(User.name == n).pin_hash for n in ("ana", "dora"))
    assert ana.startswith("scrypt$") and dora.startswith("scrypt$")
    assert ana != dora  # salted: the same PIN gives another hash
    assert pin_matches(PINS["ana"], ana) and pin_matches(PINS["ana"], dora)
    for pin in PINS.values():
        assert not any(pin in stored for (stored,) in User.select(User.pin_hash).tuples())
    if not is_postgres(db):
        db.execute_sql("PRAGMA wal_checkpoint(FULL)")
        for path in Path(db.database).parent.glob(Path(db.database).name + "*"):
            data = path.read_bytes()
            for pin in PINS.values():
                assert pin.encode() not in data, path.name
    for pin in ("", "12345", "1234567890123", "12ab56", "１２３４５６"):
        with pytest.raises(ValidationError, match="A PIN must be 6 to 12 digits"):
            world.services.admin.add_user(world.root, "eve", pin, lab="Cell Biology")
    assert User.get_or_none(User.name == "eve") is None


def test_roles_per_lab(world: World) -> None:
    auth = world.services.auth
    assert auth.role(world.ana.user_id, world.lab_id) is Role.MEMBER
    assert auth.role(world.vic.user_id, world.lab_id) is Role.VIEWER
    assert auth.role(world.ana.user_id, world.other_lab_id) is None
    with pytest.raises(
        PermissionDeniedError,
        match="vic cannot start a session in Cell "
        r"Biology: that needs the admin or member role \(you are a viewer\)",
    ):
        auth.require_role(world.vic, world.lab_id, Role.ADMIN, Role.MEMBER, doing="start a session")
    with pytest.raises(PermissionDeniedError, match=r"\(you are not a member\)"):
        auth.require_role(world.ana, world.other_lab_id, Role.MEMBER, doing="scan")
    with pytest.raises(NotFoundError, match="There is no user called 'zed'"):
        auth.user_by_name("zed")
