"""PostgreSQL: the whole scan as one procedure on the server, one round trip.

The scan path run statement by statement (``ScanStore`` and ``services.scanning``) costs a
round trip each, and on a server shared by several workstations the CPU of those round
trips, on both sides, is what limits them. ``recon_scan_<digest>`` does what that path
does, in the same order and with the same locks: it holds the session row (FOR KEY
SHARE, ordered against its end), takes the server's time after the lock, replays a client
id already used, finds the item (the first candidate barcode that is one) or the
location, counts the scan (the found row's unique index decides, a repeat holds the
counting row), appends the scan and its history event onto the workstation's hash chains
(the same canonical JSON as ``audit.row_hash``, made in SQL from the chain's field list),
sets the item's last verified and adds to the session's counts. Called outside a
transaction it is its own transaction.

It is for barcodes looked up as written: a GS1 code or a GTIN (found by its canonical key,
maybe fitting several items, its label's lot and expiry kept in the scan's optional chain
columns) and an item chosen among several are recorded statement by statement. The rows
it writes leave those columns NULL, so their hashes are those of ``audit.row_hash``.

Its text comes from this module; its name carries a digest of that text, so a program
with another version of it creates its own beside it. A role that may not create
procedures runs the statements one by one instead.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import peewee as pw

from recon_desktop.core.records import HistoryKind, ScanKind, Tag
from recon_desktop.store.audit import GENESIS_HASH, HISTORY_CHAIN, SCAN_CHAIN, Chain
from recon_desktop.store.counters import COUNTED

# how a plpgsql value of each type enters the canonical JSON (as audit.row_hash writes it)
_JSON = {
    "text": "COALESCE(to_json({v})::text, 'null')",
    "bigint": "COALESCE(({v})::text, 'null')",
    "boolean": "(CASE WHEN {v} THEN '1' ELSE '0' END)",
    "timestamp": "COALESCE('\"' || to_char({v}, 'YYYY-MM-DD HH24:MI:SS.US') || '\"', 'null')",
}

# each chained column: its plpgsql expression and type, per kind of row the procedure writes
_SCAN_ROW = {
    "client_id": ("p_client_id", "text"),
    "session_id": ("p_session_id", "bigint"),
    "kind": ("v_kind", "text"),
    "raw": ("p_raw", "text"),
    "barcode": ("v_barcode", "text"),
    "tag": ("v_tag", "text"),
    "item_id": ("v_item_id", "bigint"),
    "scanned_location_id": ("v_scanned_location", "bigint"),
    "location_seen": ("v_location_seen", "text"),
    "quantity_seen": ("v_quantity", "bigint"),
    "unit_seen": ("v_unit", "text"),
    "wrong_location": ("v_wrong", "boolean"),
    "undoes_id": ("NULL::bigint", "bigint"),
    "user_id": ("p_user_id", "bigint"),
    "station": ("p_station", "text"),
    "scanned_at": ("v_now", "timestamp"),
}
_HISTORY_ROW = {
    "item_id": ("v_item_id", "bigint"),
    "kind": (f"'{HistoryKind.SCANNED.value}'::text", "text"),
    "field": ("NULL::text", "text"),
    "old_value": ("NULL::text", "text"),
    "new_value": ("v_label", "text"),
    "reason": ("v_reason", "text"),
    "user_id": ("p_user_id", "bigint"),
    "station": ("p_station", "text"),
    "session_id": ("p_session_id", "bigint"),
    "scan_id": ("o_scan_id", "bigint"),  # in the statement that writes it: rs.id
    "source": ("NULL::text", "text"),
    "corrects_id": ("NULL::bigint", "bigint"),
    "at": ("v_now", "timestamp"),
}


def _chained(chain: Chain, row: dict[str, tuple[str, str]], name: str, after: str) -> str:
    """Common table expressions that append one row onto the workstation's chain: its head
    held (FOR UPDATE, until the transaction ends, as ``audit.append`` holds it), the row
    inserted with its hash, the head moved; the row's id, seq and hash are ``r{name}``.
    ``after`` limits the rows of the head (e.g. to none)."""
    fields = chain.fields
    missing = set(fields) - set(row)
    if missing:  # the chain gained a column this procedure does not write
        raise ValueError(f"{chain.table}: no value for {sorted(missing)}")
    values = " || ',' || ".join(_JSON[row[f][1]].format(v=row[f][0]) for f in fields)
    head = f"'{chain.table}:' || p_station"
    payload = (
        f"""'["{chain.table}",' || h{name}.seq || ',"' || h{name}.prev || '",' || {values} || ']'"""
    )
    return f"""h{name} AS (SELECT seq + 1 AS seq, hash AS prev FROM chain_head
            WHERE name = {head}{after} FOR UPDATE),
        r{name} AS (INSERT INTO {chain.table} ({", ".join(fields)}, seq, prev_hash, hash)
            SELECT {", ".join(row[f][0] for f in fields)}, h{name}.seq, h{name}.prev,
                encode(sha256(convert_to({payload}, 'UTF8')), 'hex')
            FROM h{name}{", rs" if name != "s" else ""} RETURNING id, seq, hash),
        m{name} AS (UPDATE chain_head SET seq = r{name}.seq, hash = r{name}.hash FROM r{name}
            WHERE chain_head.name = {head})"""


def _write(tag: str) -> str:
    """One statement: the scan on the workstation's chain, its history event for a known
    item on the other chain, the item's last verified (``ScanStore.verify_item``) and the
    session's counts (``counters.add``); the scan's id goes into o_scan_id."""
    columns = ", ".join(t.value for t in COUNTED)
    ones = ", ".join(f"(CASE WHEN {tag} = '{t.value}' THEN 1 ELSE 0 END)" for t in COUNTED)
    added = ", ".join(
        f"{t.value} = session_counter.{t.value} + excluded.{t.value}" for t in COUNTED
    )
    history = {**_HISTORY_ROW, "scan_id": ("rs.id", "bigint")}
    return f"""
    WITH {_chained(SCAN_CHAIN, _SCAN_ROW, "s", "")},
        {_chained(HISTORY_CHAIN, history, "h", " AND v_item_id IS NOT NULL")},
        v AS (INSERT INTO item_verified (item_id, session_id, verified_at)
            SELECT v_item_id, p_session_id, v_now FROM rs WHERE v_item_id IS NOT NULL
            ON CONFLICT (item_id) DO UPDATE SET session_id = excluded.session_id,
            verified_at = excluded.verified_at
            WHERE item_verified.verified_at < excluded.verified_at),
        c AS (INSERT INTO session_counter (session_id, station, {columns}, last_scan_id)
            SELECT p_session_id, p_station, {ones}, rs.id FROM rs
            ON CONFLICT (session_id, station) DO UPDATE SET {added},
            last_scan_id = GREATEST(session_counter.last_scan_id, excluded.last_scan_id))
    SELECT rs.id INTO o_scan_id FROM rs;"""


def _body() -> str:
    labels = " ".join(
        f"WHEN '{t.value}' THEN '{t.label.replace(chr(39), chr(39) * 2)}'" for t in Tag
    )
    heads = f"ARRAY['{SCAN_CHAIN.table}:' || p_station, '{HISTORY_CHAIN.table}:' || p_station]"
    return f"""
DECLARE
    v_ended timestamp; v_now timestamp; v_heads bigint; v_item record; v_kind text;
    v_barcode text; v_tag text; v_item_id bigint; v_scanned_location bigint;
    v_location_seen text; v_quantity bigint; v_unit text; v_wrong boolean := false;
    v_label text; v_reason text; v_found bigint;
BEGIN
    -- the session row held (ordered against its end), an earlier scan with this client id,
    -- this workstation's location and its chain heads, in one statement
    SELECT s.ended_at, clock_timestamp() AT TIME ZONE 'UTC',
            (SELECT c.id FROM scan c WHERE c.client_id = p_client_id), l.id, l.path,
            (SELECT count(*) FROM chain_head h WHERE h.name = ANY ({heads}))
        INTO v_ended, v_now, o_scan_id, o_here_id, o_here, v_heads
        FROM (SELECT id, ended_at FROM session WHERE id = p_session_id FOR KEY SHARE) s
        LEFT JOIN station_state st ON st.session_id = s.id AND st.station = p_station
        LEFT JOIN location l ON l.id = st.location_id;
    IF NOT FOUND THEN o_outcome := 'no session'; RETURN; END IF;
    IF v_ended IS NOT NULL THEN o_outcome := 'ended'; RETURN; END IF;
    IF o_scan_id IS NOT NULL THEN o_outcome := 'replay'; RETURN; END IF;
    v_now := COALESCE(p_at, v_now);
    o_at := v_now;
    IF v_heads < 2 THEN  -- this workstation's first record on a chain
        INSERT INTO chain_head (name, seq, hash)
            SELECT unnest({heads}), 0, '{GENESIS_HASH}' ON CONFLICT (name) DO NOTHING;
    END IF;
    SELECT i.id, i.barcode, g.name AS ingredient, i.location_id, l.path, i.quantity, i.unit,
            i.status, EXISTS (SELECT 1 FROM expected_item e
                WHERE e.session_id = p_session_id AND e.item_id = i.id) AS expected,
            i.lot, i.expires_on
        INTO v_item
        FROM inventory_item i
        JOIN ingredient g ON g.id = i.ingredient_id JOIN location l ON l.id = i.location_id
        WHERE i.barcode = ANY (p_candidates)  -- the barcode's index, however many items
        ORDER BY array_position(p_candidates, i.barcode) LIMIT 1;
    IF NOT FOUND THEN
        v_barcode := p_text;
        SELECT lo.id, lo.path INTO v_scanned_location, v_location_seen FROM location lo
            WHERE lo.barcode = ANY (p_candidates) LIMIT 1;
        IF FOUND THEN  -- a location: items scanned next are checked against it
            v_kind := '{ScanKind.LOCATION.value}';
            {_write("v_tag")}
            INSERT INTO station_state (session_id, station, location_id, cleared_after)
                VALUES (p_session_id, p_station, v_scanned_location, 0)
                ON CONFLICT (session_id, station) DO UPDATE SET location_id = excluded.location_id;
            o_outcome := 'ok'; o_kind := v_kind; o_barcode := v_barcode;
            o_location_id := v_scanned_location; o_location := v_location_seen;
            RETURN;
        END IF;
        v_location_seen := NULL;
        v_scanned_location := NULL;
        v_tag := '{Tag.UNKNOWN.value}';
    ELSE
        v_barcode := v_item.barcode;
        v_item_id := v_item.id;
        v_location_seen := v_item.path;
        v_quantity := v_item.quantity;
        v_unit := v_item.unit;
        v_wrong := o_here_id IS NOT NULL AND o_here_id <> v_item.location_id;
        v_tag := CASE WHEN v_item.expected THEN '{Tag.IN_SCOPE.value}'
            ELSE '{Tag.NOT_IN_SCOPE.value}' END;
        o_ingredient := v_item.ingredient; o_location_id := v_item.location_id;
        o_location := v_item.path; o_status := v_item.status;
        o_lot := v_item.lot; o_expires := v_item.expires_on;
    END IF;
    v_kind := '{ScanKind.ITEM.value}';
    -- the found row's unique index decides which scan counts; a repeat holds that row
    -- until it commits (an undo of it elsewhere waits, then finds this repeat standing)
    FOR attempt IN 1..3 LOOP
        INSERT INTO found (session_id, barcode, item_id, tag, scan_client_id, found_at,
                user_id, station)
            VALUES (p_session_id, v_barcode, v_item_id, v_tag, p_client_id, v_now,
                p_user_id, p_station)
            ON CONFLICT (session_id, barcode) DO NOTHING RETURNING id INTO v_found;
        EXIT WHEN v_found IS NOT NULL;
        SELECT u.name, f.found_at, f.station INTO o_first_user, o_first_at, o_first_station
            FROM found f JOIN "user" u ON u.id = f.user_id
            WHERE f.session_id = p_session_id AND f.barcode = v_barcode FOR KEY SHARE OF f;
        IF FOUND THEN v_tag := '{Tag.ALREADY_SCANNED.value}'; EXIT; END IF;
    END LOOP;
    IF v_found IS NULL AND v_tag <> '{Tag.ALREADY_SCANNED.value}' THEN
        o_outcome := 'conflict'; RETURN;
    END IF;
    v_label := CASE v_tag {labels} END;
    v_reason := CASE WHEN v_wrong THEN 'wrong location: seen at ' || o_here END;
    {_write("v_tag")}
    o_outcome := 'ok'; o_kind := v_kind; o_barcode := v_barcode; o_tag := v_tag;
    o_item_id := v_item_id; o_quantity := v_quantity; o_unit := v_unit; o_wrong := v_wrong;
END"""


_PARAMETERS = (
    "p_client_id text, p_session_id bigint, p_station text, p_user_id bigint, p_raw text, "
    "p_text text, p_candidates text[], p_at timestamp"
)
_RESULT = (
    ("o_outcome", "text"), ("o_scan_id", "bigint"), ("o_kind", "text"), ("o_barcode", "text"),
    ("o_tag", "text"), ("o_at", "timestamp"), ("o_item_id", "bigint"),
    ("o_ingredient", "text"), ("o_location_id", "bigint"), ("o_location", "text"),
    ("o_quantity", "bigint"), ("o_unit", "text"), ("o_status", "text"),
    ("o_wrong", "boolean"), ("o_here_id", "bigint"), ("o_here", "text"),
    ("o_lot", "text"), ("o_expires", "date"),
    ("o_first_user", "text"), ("o_first_at", "timestamp"), ("o_first_station", "text"),
)  # fmt: skip
_SIGNATURE = _PARAMETERS + ", " + ", ".join(f"INOUT {n} {t} DEFAULT NULL" for n, t in _RESULT)
_BODY = _body()
NAME = "recon_scan_" + hashlib.sha256((_SIGNATURE + _BODY).encode()).hexdigest()[:12]
CREATE = f"CREATE PROCEDURE {NAME} ({_SIGNATURE}) LANGUAGE plpgsql AS $recon$ {_BODY} $recon$"
# the same, safe to run again (the server setup makes it and gives it to the owner role)
REPLACE = CREATE.replace("CREATE PROCEDURE", "CREATE OR REPLACE PROCEDURE", 1)
CALL = f"CALL {NAME} (%s, %s, %s, %s, %s, %s, %s, %s{', NULL' * len(_RESULT)})"


def available(db: pw.Database) -> bool:
    """Whether the procedure is on the server, created first if it may be (False: this
    role may not create it; the scan then runs statement by statement)."""
    exists = "SELECT 1 FROM pg_proc WHERE proname = %s"
    if db.execute_sql(exists, (NAME,)).fetchone() is not None:
        return True
    try:
        with db.atomic():
            db.execute_sql(CREATE)
    except (pw.ProgrammingError, pw.IntegrityError, pw.InternalError, pw.OperationalError):
        pass  # no right to create it, or another workstation created it meanwhile
    return db.execute_sql(exists, (NAME,)).fetchone() is not None


def scan(
    db: pw.Database,
    client_id: str,
    session_id: int,
    station: str,
    user_id: int,
    raw: str,
    text: str,
    candidates: Sequence[str],
    at: datetime | None,
) -> tuple[Any, ...]:
    """One scan, in one statement (its own transaction when none is open): the values of
    ``_RESULT``."""
    # a connection found lost is replaced and the call made again: by its client id, a scan
    # recorded before the connection went records nothing more (ServerDatabase)
    execute = getattr(db, "execute_idempotent", db.execute_sql)
    row = execute(
        CALL, (client_id, session_id, station, user_id, raw, text, list(candidates), at)
    ).fetchone()
    return tuple(row)
