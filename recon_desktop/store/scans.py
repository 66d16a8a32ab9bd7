"""The scan path's statements: hand-written SQL, prepared once per database.

Building a peewee query costs more than the durable commit of a scan, so the scan, its
undo and what the window polls every second run these statements on peewee's own
connection. Each method is one statement (or a fixed pair) inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import peewee as pw

from recon_desktop.core.records import (
    HistoryKind,
    ScanKind,
    ScanLogEntry,
    SessionProgress,
    Tag,
)
from recon_desktop.store import audit, counters, scan_on_server
from recon_desktop.store.audit import HISTORY_CHAIN, SCAN_CHAIN, db_param
from recon_desktop.store.db import is_postgres, read_time
from recon_desktop.store.models import int_to_quantity

Row = tuple[Any, ...]

_LOG_QUERY = (
    "SELECT s.id, s.scanned_at, u.name, s.station, s.raw, s.barcode, s.kind, s.tag, "
    "s.item_id, i.barcode, g.name, s.location_seen, s.quantity_seen, s.wrong_location, "
    "EXISTS (SELECT 1 FROM scan x WHERE x.undoes_id = s.id AND x.kind = 'undo'), "
    "s.undoes_id, s.unit_seen, "
    # the label's lot and expiry, and the item's as kept at the session's end (else now)
    "s.lot_seen, s.expiry_seen, CASE WHEN e.item_id IS NULL THEN i.lot ELSE e.lot END, "
    "CASE WHEN e.item_id IS NULL THEN i.expires_on ELSE e.expires_on END, s.client_id "
    'FROM scan s JOIN "user" u ON u.id = s.user_id '
    "LEFT JOIN inventory_item i ON i.id = s.item_id "
    "LEFT JOIN ingredient g ON g.id = i.ingredient_id "
    "LEFT JOIN ended_item e ON e.session_id = s.session_id AND e.item_id = s.item_id "
    "WHERE {where} ORDER BY s.id"
)
# what the scan path reads of an item it may have found
_ITEM_COLUMNS = (
    "i.id, i.barcode, g.name, i.location_id, l.path, i.quantity, i.unit, i.status, "
    "EXISTS (SELECT 1 FROM expected_item e WHERE e.session_id = {p} AND e.item_id = i.id), "
    "i.barcode_key, i.gtin, i.lot, i.expires_on "
    "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
    "JOIN location l ON l.id = i.location_id"
)


class ScanStore:
    """The scan path's statements for one database (``p`` is its driver's placeholder)."""

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.p = p = db.param
        postgres = is_postgres(db)
        if postgres:
            # a scan shares the session row's lock with other scans (FOR KEY SHARE does not
            # block an action raising the expected total), so it and the session's end
            # (FOR UPDATE) are ordered by the database; the time is the server's
            now, lock = "(clock_timestamp() AT TIME ZONE 'UTC')", " FOR KEY SHARE"
        else:  # SQLite: the write lock already orders everything
            now, lock = "NULL", ""
        self._session_state = f"SELECT ended_at, lab_id, {now} FROM session WHERE id = {p}{lock}"
        # the session state, an earlier scan with the client id and the station's location
        # in one round trip (each costs CPU on both sides with many stations); the time is
        # read after the lock is granted: the locked row comes from a subquery
        self._scan_state = (
            f"SELECT s.ended_at, s.lab_id, {now}, "
            f"(SELECT c.id FROM scan c WHERE c.client_id = {p}), l.id, l.path "
            f"FROM (SELECT id, ended_at, lab_id FROM session WHERE id = {p}{lock}) s "
            f"LEFT JOIN station_state st ON st.session_id = s.id AND st.station = {p} "
            "LEFT JOIN location l ON l.id = st.location_id"
        )
        self._station_location = (
            "SELECT l.id, l.path FROM station_state st JOIN location l ON l.id = st.location_id "
            f"WHERE st.session_id = {p} AND st.station = {p}"
        )
        self._cleared_after = (
            f"SELECT cleared_after FROM station_state WHERE session_id = {p} AND station = {p}"
        )
        self._last_scan_id = f"SELECT COALESCE(MAX(id), 0) FROM scan WHERE session_id = {p}"
        self._is_expected = f"SELECT 1 FROM expected_item WHERE session_id = {p} AND item_id = {p}"
        self._insert_found = (
            "INSERT INTO found (session_id, barcode, item_id, tag, scan_client_id, found_at, "
            f"user_id, station) VALUES ({p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}) "
            "ON CONFLICT (session_id, barcode) DO NOTHING RETURNING id"
        )
        self._found_by = (
            'SELECT u.name, f.found_at, f.station FROM found f JOIN "user" u ON u.id = f.user_id '
            f"WHERE f.session_id = {p} AND f.barcode = {p}"
        )
        self._found_by_held = self._found_by + (" FOR KEY SHARE OF f" if postgres else "")
        self._set_station_location = (
            f"INSERT INTO station_state (session_id, station, location_id, cleared_after) "
            f"VALUES ({p}, {p}, {p}, 0) ON CONFLICT (session_id, station) "
            "DO UPDATE SET location_id = excluded.location_id"
        )
        self._set_cleared_after = (
            f"INSERT INTO station_state (session_id, station, location_id, cleared_after) "
            f"VALUES ({p}, {p}, NULL, {p}) ON CONFLICT (session_id, station) "
            "DO UPDATE SET cleared_after = excluded.cleared_after"
        )
        # a scan stands until an undo points at it (a follow-up record of a registered
        # unknown barcode points at its scan too, and leaves it standing)
        standing = "NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = s.id AND u.kind = 'undo')"
        self._last_undoable = (
            "SELECT s.id, s.kind, s.client_id, s.item_id, s.barcode FROM scan s "
            f"WHERE s.session_id = {p} AND s.station = {p} AND s.kind IN ('item', 'location') "
            f"AND {standing} ORDER BY s.id DESC LIMIT 1"
        )
        self._previous_location = (
            "SELECT s.scanned_location_id FROM scan s "
            f"WHERE s.session_id = {p} AND s.station = {p} AND s.kind = 'location' "
            f"AND {standing} ORDER BY s.id DESC LIMIT 1"
        )
        self._delete_found = (
            f"DELETE FROM found WHERE session_id = {p} AND scan_client_id = {p} RETURNING tag"
        )
        self._hold_counting = (  # SQLite: the write lock already orders undos
            f"SELECT id FROM found WHERE session_id = {p} AND barcode = {p} FOR UPDATE"
            if postgres
            else None
        )
        self._next_counting = (
            "SELECT s.client_id, s.item_id, s.scanned_at, s.user_id, s.station FROM scan s "
            f"WHERE s.session_id = {p} AND s.barcode = {p} AND s.kind = 'item' "
            f"AND {standing} ORDER BY s.id LIMIT 1"
        )
        self._scanned_event = (
            f"SELECT id FROM history_event WHERE scan_id = {p} "
            f"AND kind = '{HistoryKind.SCANNED.value}'"
        )
        self._session_of_scan = f"SELECT session_id FROM scan WHERE id = {p}"
        # PostgreSQL: the scan procedure is there (created now, in a transaction of its own,
        # never inside a caller's that would hold it back from other workstations)
        self._on_server = postgres and scan_on_server.available(db)
        self._registered_item = (
            f"SELECT item_id FROM scan WHERE undoes_id = {p} AND kind = 'registered'"
        )
        # a scan of a known item verifies it (an older time, from a batch file, does not
        # replace a newer one): the item's narrow item_verified row, not the item's own
        self._verify_item = (
            "INSERT INTO item_verified (item_id, session_id, verified_at) "
            f"VALUES ({p}, {p}, {p}) ON CONFLICT (item_id) DO UPDATE "
            "SET session_id = excluded.session_id, verified_at = excluded.verified_at "
            "WHERE item_verified.verified_at < excluded.verified_at"
        )
        # after an undo: the item's newest scan that stands (its history is short)
        self._last_standing_sighting = (
            "SELECT h.at, h.session_id FROM history_event h "
            f"WHERE h.item_id = {p} AND h.kind = '{HistoryKind.SCANNED.value}' "
            "AND NOT EXISTS (SELECT 1 FROM scan u WHERE u.undoes_id = h.scan_id "
            "AND u.kind = 'undo') "
            "ORDER BY h.at DESC, h.id DESC LIMIT 1"
        )
        self._set_verified = (
            "INSERT INTO item_verified (item_id, session_id, verified_at) "
            f"VALUES ({p}, {p}, {p}) ON CONFLICT (item_id) DO UPDATE "
            "SET session_id = excluded.session_id, verified_at = excluded.verified_at"
        )
        self._unverified = f"DELETE FROM item_verified WHERE item_id = {p}"
        self._items: dict[int, str] = {}  # by the number of candidate barcodes
        self._items_by_code: dict[tuple[int, int, bool], str] = {}
        self._locations: dict[int, str] = {}

    # ------------------------------------------------------------ the scan
    def on_server(self) -> bool:
        """PostgreSQL with the scan procedure (``scan_on_server``): the whole scan is one
        statement on the server."""
        return self._on_server

    def scan_on_server(
        self,
        client_id: str,
        session_id: int,
        station: str,
        user_id: int,
        raw: str,
        text: str,
        candidates: Sequence[str],
        at: datetime | None,
    ) -> Row:
        """The whole scan in one statement (see ``scan_on_server``): (outcome, scan id,
        kind, barcode, tag, time, item id, ingredient, location id, location path, stored
        quantity, unit, status, wrong location, the station's location id and path, the
        item's lot and expiry, and who, when and where the scan that counts was made, for
        a repeat)."""
        return scan_on_server.scan(
            self.db, client_id, session_id, station, user_id, raw, text, candidates, at
        )

    def scan_state(self, client_id: str, session_id: int, station: str) -> Row | None:
        """(ended_at, lab id, server time or None, id of an earlier scan with this client
        id, the station's location id, its path), the session row held; None: no session."""
        return self._one(self._scan_state, (client_id, session_id, station))

    def session_state(self, session_id: int) -> Row | None:
        """(ended_at, lab id, server time or None), the session row held."""
        return self._one(self._session_state, (session_id,))

    def items(self, session_id: int, barcodes: Sequence[str]) -> list[Row]:
        """The items with one of these barcodes: (id, barcode, ingredient, location id,
        location path, stored quantity, unit, status, in the session's expected set,
        canonical key, GTIN, lot, expiry)."""
        sql = self._items.get(len(barcodes))
        if sql is None:
            marks = ", ".join([self.p] * len(barcodes))
            sql = self._items[len(barcodes)] = (
                f"SELECT {_ITEM_COLUMNS.format(p=self.p)} WHERE i.barcode IN ({marks})"
            )
        return list(self.db.execute_sql(sql, (session_id, *barcodes)).fetchall())

    def items_by_code(
        self,
        session_id: int,
        barcodes: Sequence[str],
        keys: Sequence[str],
        gtin: str | None,
        limit: int,
    ) -> list[Row]:
        """The items (as ``items`` gives them) a GS1 code may be: with one of these
        barcodes as written, one of these canonical keys, or this GTIN; at most ``limit``
        (one index lookup each, OR-ed)."""
        shape = (len(barcodes), len(keys), gtin is not None)
        sql = self._items_by_code.get(shape)
        if sql is None:
            p = self.p
            terms = [f"i.barcode IN ({', '.join([p] * len(barcodes))})"]
            if keys:
                terms.append(f"i.barcode_key IN ({', '.join([p] * len(keys))})")
            if gtin is not None:
                terms.append(f"i.gtin = {p}")
            sql = self._items_by_code[shape] = (
                f"SELECT {_ITEM_COLUMNS.format(p=p)} WHERE {' OR '.join(terms)} LIMIT {int(limit)}"
            )
        params = (session_id, *barcodes, *keys, *([gtin] if gtin is not None else []))
        return list(self.db.execute_sql(sql, params).fetchall())

    def locations(self, barcodes: Sequence[str]) -> list[Row]:
        """(id, path) of the locations with one of these barcodes."""
        sql = self._locations.get(len(barcodes))
        if sql is None:
            marks = ", ".join([self.p] * len(barcodes))
            sql = self._locations[len(barcodes)] = (
                f"SELECT id, path FROM location WHERE barcode IN ({marks})"
            )
        return list(self.db.execute_sql(sql, tuple(barcodes)).fetchall())

    def append_scan(self, values: dict[str, Any]) -> int:
        return audit.append(self.db, SCAN_CHAIN, values)

    def append_history(self, values: dict[str, Any]) -> int:
        return audit.append(self.db, HISTORY_CHAIN, values)

    def verify_item(self, item_id: int, session_id: int, at: datetime) -> None:
        """The item was seen at ``at`` in the session (its "last verified")."""
        self.db.execute_sql(self._verify_item, (item_id, session_id, db_param(self.db, at)))

    def reverify_item(self, item_id: int) -> None:
        """After an undo: the item was last verified by its newest scan that stands (or
        never)."""
        row = self._one(self._last_standing_sighting, (item_id,))
        if row is None:
            self.db.execute_sql(self._unverified, (item_id,))
        else:
            self.db.execute_sql(self._set_verified, (item_id, row[1], row[0]))

    # ------------------------------------------------------------ what counts
    def insert_found(
        self,
        session_id: int,
        barcode: str,
        item_id: int | None,
        tag: Tag,
        client_id: str,
        at: datetime,
        user_id: int,
        station: str,
    ) -> bool:
        """Count this scan for its barcode; False when another scan already counts."""
        params = (
            session_id,
            barcode,
            item_id,
            tag.value,
            client_id,
            db_param(self.db, at),
            user_id,
            station,
        )
        return self._one(self._insert_found, params) is not None

    def found_by(self, session_id: int, barcode: str, *, hold: bool = False) -> Row | None:
        """(user name, time, station) of the scan that counts for a barcode; ``hold`` keeps
        that row from being removed until this transaction ends (FOR KEY SHARE on PostgreSQL)."""
        return self._one(self._found_by_held if hold else self._found_by, (session_id, barcode))

    def is_expected(self, session_id: int, item_id: int) -> bool:
        return self._one(self._is_expected, (session_id, item_id)) is not None

    def next_counting(self, session_id: int, barcode: str) -> Row | None:
        """(client id, item id, time, user id, station) of the first standing item scan of
        a barcode."""
        return self._one(self._next_counting, (session_id, barcode))

    def delete_found(self, session_id: int, client_id: str) -> Tag | None:
        """Remove the found row of the scan with this client id; its tag (None: the scan
        did not count)."""
        row = self._one(self._delete_found, (session_id, client_id))
        return Tag(row[0]) if row is not None else None

    def count(
        self, session_id: int, station: str, changes: dict[Tag, int], *, last_scan_id: int = 0
    ) -> None:
        """Add what this transaction changed to the session's counts (see ``counters``)."""
        counters.add(self.db, session_id, station, changes, last_scan_id=last_scan_id)

    def hold_counting(self, session_id: int, barcode: str) -> None:
        """One undo or repeat of a barcode at a time (PostgreSQL; SQLite's write lock
        already orders them)."""
        if self._hold_counting is not None:
            self.db.execute_sql(self._hold_counting, (session_id, barcode))

    # ------------------------------------------------------------ undo
    def last_undoable(self, session_id: int, station: str) -> Row | None:
        """(id, kind, client id, item id, barcode) of the station's last standing scan."""
        return self._one(self._last_undoable, (session_id, station))

    def previous_location(self, session_id: int, station: str) -> int | None:
        row = self._one(self._previous_location, (session_id, station))
        return row[0] if row else None

    def scanned_event(self, scan_id: int) -> int | None:
        """The history event a scan wrote for its item."""
        row = self._one(self._scanned_event, (scan_id,))
        return row[0] if row else None

    def registered_item(self, scan_id: int) -> int | None:
        """The item an Unknown scan's barcode was registered as (its follow-up's), if any."""
        row = self._one(self._registered_item, (scan_id,))
        return row[0] if row else None

    def session_of_scan(self, scan_id: int) -> int | None:
        row = self._one(self._session_of_scan, (scan_id,))
        return row[0] if row else None

    def found_late(self, session_id: int, item_id: int) -> None:
        """A scan sent late into a session that has ended meanwhile (it was made before
        the end) found this item: the session keeps it as it is now if it had not kept it
        (an item it kept already stays as it was kept: those rows are append-only). When
        it was verified the scan itself recorded, as every scan does."""
        p = self.p
        self.db.execute_sql(
            "INSERT INTO ended_item (session_id, item_id, barcode, ingredient, "
            "ingredient_type, lab, location, status, quantity, unit, lot, expires_on, "
            f"last_verified_at) SELECT {p}, i.id, i.barcode, g.name, g.type, l.name, loc.path, "
            "i.status, i.quantity, i.unit, i.lot, i.expires_on, "
            "(SELECT v.verified_at FROM item_verified v WHERE v.item_id = i.id) "
            "FROM inventory_item i JOIN ingredient g ON g.id = i.ingredient_id "
            "JOIN lab l ON l.id = i.lab_id JOIN location loc ON loc.id = i.location_id "
            f"WHERE i.id = {p} ON CONFLICT (session_id, item_id) DO NOTHING",
            (session_id, item_id),
        )

    # ------------------------------------------------------------ the station
    def station_location(self, session_id: int, station: str) -> Row | None:
        """(id, path) of the location this station set by scanning a location barcode."""
        return self._one(self._station_location, (session_id, station))

    def set_station_location(self, session_id: int, station: str, location: int | None) -> None:
        self.db.execute_sql(self._set_station_location, (session_id, station, location))

    def cleared_after(self, session_id: int, station: str) -> int:
        row = self._one(self._cleared_after, (session_id, station))
        return int(row[0]) if row else 0

    def last_scan_id(self, session_id: int) -> int:
        return int(self.db.execute_sql(self._last_scan_id, (session_id,)).fetchone()[0])

    def set_cleared_after(self, session_id: int, station: str, scan_id: int) -> None:
        self.db.execute_sql(self._set_cleared_after, (session_id, station, scan_id))

    # ------------------------------------------------------------ progress and the log
    def progress(self, session_id: int) -> SessionProgress | None:
        """The session's progress from its kept counts (a few rows at any size)."""
        counts = counters.read(self.db, session_id)
        return counts.progress if counts is not None else None

    def counts(self, session_id: int) -> counters.SessionCounts | None:
        return counters.read(self.db, session_id)

    def log(
        self,
        session_id: int,
        *,
        after_id: int = 0,
        station: str | None = None,
        limit: int | None = None,
        newest: int | None = None,
    ) -> list[ScanLogEntry]:
        """Chronological scans of a session (optionally one station's, after an id; the
        first ``limit`` of them, or the ``newest`` few)."""
        p = self.p
        where = f"s.session_id = {p} AND s.id > {p}"
        params: list[Any] = [session_id, after_id]
        if station is not None:
            where += f" AND s.station = {p}"
            params.append(station)
        query = _LOG_QUERY.format(where=where)
        if newest is not None:
            query = query.replace("ORDER BY s.id", f"ORDER BY s.id DESC LIMIT {int(newest)}")
            rows = self.db.execute_sql(query, params).fetchall()
            return [_log_entry(r) for r in reversed(rows)]
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        return [_log_entry(r) for r in self.db.execute_sql(query, params).fetchall()]

    def list_page(
        self,
        session_id: int,
        *,
        after_id: int = 0,
        older: bool = True,
        key: tuple[datetime, int] | None = None,
        limit: int,
    ) -> tuple[list[ScanLogEntry], bool]:
        """A page of the scanned list: the session's item and location scans after scan
        ``after_id`` (Clear All), in scan-time order (then id), oldest first: the ``limit``
        just before ``key`` (``older``; no key: the newest) or just after it (no key: the
        oldest); and whether there are more beyond them. One range of the index on
        (session, scan time, id), whatever the session's size."""
        p = self.p
        where = f"s.session_id = {p} AND s.id > {p} AND s.kind IN ('item', 'location')"
        params: list[Any] = [session_id, after_id]
        if key is not None:
            where += f" AND (s.scanned_at, s.id) {'<' if older else '>'} ({p}, {p})"
            params += [db_param(self.db, key[0]), key[1]]
        way = "DESC" if older else "ASC"
        query = _LOG_QUERY.format(where=where).replace(
            "ORDER BY s.id", f"ORDER BY s.scanned_at {way}, s.id {way} LIMIT {int(limit) + 1}"
        )
        rows = self.db.execute_sql(query, params).fetchall()
        entries = [_log_entry(r) for r in rows[:limit]]
        if older:
            entries.reverse()
        return entries, len(rows) > limit

    def registrations(self, scan_ids: Sequence[int]) -> list[ScanLogEntry]:
        """The follow-up records of these scans' unknown barcodes registered as items."""
        found: list[ScanLogEntry] = []
        for start in range(0, len(scan_ids), 500):
            chunk = list(scan_ids[start : start + 500])
            marks = ", ".join([self.p] * len(chunk))
            where = f"s.undoes_id IN ({marks}) AND s.kind = 'registered'"
            rows = self.db.execute_sql(_LOG_QUERY.format(where=where), chunk).fetchall()
            found += [_log_entry(r) for r in rows]
        return found

    def log_entry(self, scan_id: int) -> ScanLogEntry | None:
        row = self._one(_LOG_QUERY.format(where=f"s.id = {self.p}"), (scan_id,))
        return _log_entry(row) if row else None

    def _one(self, sql: str, params: Sequence[Any]) -> Any:
        return self.db.execute_sql(sql, params).fetchone()


# ---------------------------------------------------------------- for the report


def scan_count(
    db: pw.Database, session_id: int, *, after_id: int = 0, station: str | None = None
) -> int:
    """How many scans a session has (optionally one station's, after an id)."""
    p = db.param
    sql = f"SELECT COUNT(*) FROM scan WHERE session_id = {p} AND id > {p}"
    params: list[Any] = [session_id, after_id]
    if station is not None:
        sql += f" AND station = {p}"
        params.append(station)
    return int(db.execute_sql(sql, params).fetchone()[0])


def label_seen(db: pw.Database, scan_id: int) -> tuple[int | None, str | None, date | None, int]:
    """(item id, lot, expiry, session id) of a scan: what its GS1 label said, and which
    item and session it was in; session 0 when there is no such scan."""
    row = db.execute_sql(
        f"SELECT item_id, lot_seen, expiry_seen, session_id FROM scan WHERE id = {db.param}",
        (scan_id,),
    ).fetchone()
    if row is None:
        return None, None, None, 0
    return row[0], row[1], _day(row[2]), int(row[3])


def scan_stations(db: pw.Database, session_id: int) -> list[str]:
    """The stations that scanned in a session, in order."""
    p = db.param
    rows = db.execute_sql(
        f"SELECT DISTINCT station FROM scan WHERE session_id = {p} ORDER BY station", (session_id,)
    ).fetchall()
    return [r[0] for r in rows]


def _log_entry(r: Sequence[Any]) -> ScanLogEntry:
    return ScanLogEntry(
        id=r[0],
        at=read_time(r[1]),
        user=r[2],
        station=r[3],
        raw=r[4],
        barcode=r[5],
        kind=ScanKind(r[6]),
        tag=Tag(r[7]) if r[7] else None,
        item_id=r[8],
        item_barcode=r[9],
        ingredient=r[10],
        location_seen=r[11],
        quantity_seen=int_to_quantity(r[12]) if r[12] is not None else None,
        wrong_location=bool(r[13]),
        undone=bool(r[14]),
        undoes_id=r[15],
        unit_seen=r[16],
        lot_seen=r[17],
        expiry_seen=_day(r[18]),
        item_lot=r[19],
        item_expiry=_day(r[20]),
        client_id=r[21],
    )


def _day(value: Any) -> date | None:
    """A date as the database hands it back (SQLite: ISO text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
