"""Fuzzing the scan path: whatever a scanner (or a confused keyboard) types, the scan is
refused with a ValidationError sentence, ignored when empty, or recorded with exactly the
text that arrived."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import peewee as pw
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon_desktop.core import barcodes
from recon_desktop.core.records import Operator, ScanChoice, ScanKind, Tag
from recon_desktop.errors import ValidationError
from recon_desktop.services import Services
from recon_desktop.services.demo import seed
from recon_desktop.services.sessions import new_client_id
from recon_desktop.store import audit
from recon_desktop.store.db import open_database
from tests.reliability import examples

GS = "\x1d"
AIM = ["]C1", "]C0", "]d2", "]Q3", "]E0", "]e0", "]J1", "]A0", "]z9"]
TERMINATORS = ["", "\r", "\n", "\r\n", "\t", "\r\n\r\n", " "]
DECORATION = [
    "",
    " ",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "\ud800",
    GS,
    GS + GS,
    "~",
    "é",
    "𝔘",
]
GS1 = [
    "0109506000134352",
    "01095060001343521012345",
    "0109506000134352" + GS + "10ABC",
    "(01)09506000134352(17)261231(10)ABC",
    "00106141411234567897",
    "10ABC" + GS + "21X",
    "4006381333931",
    "036000291452",
    "12345670",
]


@dataclass
class Bench:
    services: Services
    operator: Operator
    session_id: int
    db: pw.Database


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def bench(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Bench]:
    """A demo lab with an active session, once per module and backend."""
    server = None
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("scans") / "recon.sqlite3")
    else:
        server = request.getfixturevalue("postgres_server")
        target = server.create_database("fuzz_scans")
    db = open_database(target)
    try:
        services = Services.create(db, station="FUZZ")
        seed(services, 200)
        ben = services.auth.sign_in("ben", "135790")
        lab = services.admin.lab("Cell Biology")
        session = services.sessions.start(ben, lab.id, "Freezer A, Room 101", "Fuzz")
        yield Bench(services, ben, session.id, db)
    finally:
        db.close()
        if server is not None:
            server.drop_database("fuzz_scans")


def scans() -> st.SearchStrategy[str]:
    known = st.one_of(
        st.integers(1, 220).map(lambda n: f"RC{n:08d}"),  # items, and barcodes past them
        st.integers(1, 30).map(lambda n: f"LOC-{n:06d}"),
        st.sampled_from(GS1),
    )
    decorated = st.tuples(
        st.sampled_from(TERMINATORS),
        st.one_of(st.just(""), st.sampled_from(AIM)),
        st.sampled_from(DECORATION),
        known,
        st.sampled_from(DECORATION),
        st.sampled_from(TERMINATORS),
    ).map("".join)
    return st.one_of(
        st.text(max_size=60),
        st.text(st.characters(exclude_categories=()), max_size=20),  # surrogates too
        decorated,
        decorated,
        st.lists(
            st.one_of(st.sampled_from([*AIM, *DECORATION, *TERMINATORS]), known), max_size=6
        ).map("".join),
        st.integers(150, 400).map(lambda n: "9" * n),  # too long to be a barcode
        st.text(st.sampled_from("\x00\x01\x1b\x1d\x7f\x9f a1"), max_size=30),
    )


def count_scans(db: pw.Database) -> int:
    return int(db.execute_sql("SELECT COUNT(*) FROM scan").fetchone()[0])


@settings(max_examples=examples(200), deadline=None)
@given(raw=scans(), substitute=st.sampled_from([None, None, None, "~"]))
def test_a_scan_is_refused_ignored_or_stored_exactly(
    bench: Bench, raw: str, substitute: str | None
) -> None:
    before = count_scans(bench.db)
    try:
        expected = barcodes.normalise(raw, gs_substitute=substitute)
    except barcodes.BarcodeError:
        expected = None
        with pytest.raises(ValidationError):
            bench.services.sessions.scan(
                bench.operator,
                bench.session_id,
                raw,
                client_id=new_client_id(),
                gs_substitute=substitute,
            )
        assert count_scans(bench.db) == before, "a refused scan was stored"
        return
    result = bench.services.sessions.scan(
        bench.operator, bench.session_id, raw, client_id=new_client_id(), gs_substitute=substitute
    )
    if expected is None:
        assert result is None
        assert count_scans(bench.db) == before, "an empty scan was stored"
        return
    if isinstance(result, ScanChoice):  # a GTIN of several items: asked, nothing stored
        assert expected.reading is not None and expected.reading.gtin_only
        assert count_scans(bench.db) == before, "a scan that asks which item was stored"
        return
    assert result is not None
    assert count_scans(bench.db) == before + 1
    stored_raw, stored_barcode, kind, tag = bench.db.execute_sql(
        f"SELECT raw, barcode, kind, tag FROM scan WHERE id = {bench.db.param}", (result.scan_id,)
    ).fetchone()
    assert stored_raw == raw == result.raw
    assert stored_barcode == result.barcode
    assert kind == result.kind.value
    if result.kind is ScanKind.ITEM and result.item_id is None:
        assert result.tag in (Tag.UNKNOWN, Tag.ALREADY_SCANNED)
        # a GS1 code as its canonical form, whichever way it was written
        canonical = expected.reading.shown if expected.gs1 and expected.reading else None
        assert stored_barcode == (canonical or expected.text)
    elif result.item_id is not None:
        key = barcodes.item_key(stored_barcode)
        assert stored_barcode in expected.candidates or (
            key is not None and expected.reading is not None and key.gtin == expected.reading.gtin
        )
    assert (tag or None) == (result.tag.value if result.tag else None)
    assert bench.services.sessions.scan_log_entry(result.scan_id).raw == raw


def test_the_scan_log_still_verifies_after_fuzzing(bench: Bench) -> None:
    assert audit.verify(bench.db).ok
