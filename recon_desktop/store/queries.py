"""Read queries: listing filters compiled to SQL, the three views paged/sorted/counted in SQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import peewee as pw

from recon_desktop.core.columns import (
    COLUMNS,
    FIELDS,
    QUICK_FILTER_FIELDS,
    VIEW_EXTRA_COLUMNS,
    Kind,
)
from recon_desktop.core.filters import CheckedFilter, Filter, check_filters
from recon_desktop.core.records import Page, View
from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError
from recon_desktop.store import folding
from recon_desktop.store.db import is_postgres
from recon_desktop.store.models import (
    EndedItem,
    ExpectedItem,
    Found,
    Ingredient,
    InventoryItem,
    ItemVerified,
    Lab,
    Location,
    Scan,
    Session,
    User,
    int_to_quantity,
)

ScannedBy = User.alias("scanned_by")
# when the item was last verified: the newest scan that saw it (ItemVerified)
LAST_VERIFIED = pw.NodeList(
    (ItemVerified.select(ItemVerified.verified_at).where(ItemVerified.item == InventoryItem.id),)
)
ItemLocation = Location.alias("item_location")
LabelScan = Scan.alias("label_scan")  # the scan that counts, for what its label said


@dataclass(frozen=True, slots=True)
class BySession:
    """An expression that depends on the session shown (its end day, say)."""

    build: Callable[[int], Any]


@dataclass(frozen=True, slots=True)
class ColumnSQL:
    """A column of the registry (``core.columns``) in SQL: on the items as they are, on a
    past session's items as they were when it ended (see EndedItem), and the tables the
    first needs joined (beyond expected_item/found and inventory_item). ``not_scanned``
    (live, ended): the expressions in the view of the items not scanned, which has no
    found row to join; None where they are the same. Any of them may be a ``BySession``."""

    live: Any
    ended: Any
    tables: frozenset[str] = frozenset()
    not_scanned: tuple[Any, Any] | None = None


def _day_text(value: Any) -> Any:
    """A date as ISO text, the same on SQLite and PostgreSQL (text sorts as dates do)."""
    return pw.fn.SUBSTR(pw.Cast(value, "TEXT"), 1, 10)


_TODAY = _day_text(pw.SQL("CURRENT_DATE"))


def _end_day(session_id: int) -> Any:
    return _day_text(Session.select(Session.ended_at).where(Session.id == session_id))


def _expired(label: Any, recorded: Any, day: Any) -> Any:
    """The expiry that counts (the label's, else the record's) lies before ``day``."""
    expiry = recorded if label is None else pw.fn.COALESCE(label, recorded)
    return _day_text(expiry) < day


_FOUND_ONLY = frozenset({"tag", "scanned", "scanned_at"})  # a found row's own columns
_INGREDIENT = frozenset({"ingredient"})
_FOUND = frozenset({"found"})
_LABEL = frozenset({"found", "label"})
COLUMN_SQL: dict[str, ColumnSQL] = {
    "barcode": ColumnSQL(InventoryItem.barcode, EndedItem.barcode),
    "ingredient": ColumnSQL(Ingredient.name, EndedItem.ingredient, _INGREDIENT),
    "ingredient_type": ColumnSQL(Ingredient.type, EndedItem.ingredient_type, _INGREDIENT),
    "lab": ColumnSQL(Lab.name, EndedItem.lab, frozenset({"lab"})),
    "location": ColumnSQL(Location.path, EndedItem.location, frozenset({"location"})),
    "status": ColumnSQL(InventoryItem.status, EndedItem.status),
    "quantity": ColumnSQL(InventoryItem.quantity, EndedItem.quantity),
    "unit": ColumnSQL(InventoryItem.unit, EndedItem.unit),
    "lot": ColumnSQL(InventoryItem.lot, EndedItem.lot),
    "expiry": ColumnSQL(InventoryItem.expires_on, EndedItem.expires_on),
    "last_verified": ColumnSQL(LAST_VERIFIED, EndedItem.last_verified_at),
    # from the session's found rows (the same whether the session has ended or not)
    "tag": ColumnSQL(Found.tag, Found.tag, _FOUND),
    "scanned": ColumnSQL(Found.id.is_null(False), Found.id.is_null(False), _FOUND),
    "scanned_at": ColumnSQL(Found.found_at, Found.found_at, _FOUND),
    "scanned_by": ColumnSQL(ScannedBy.name, ScannedBy.name, frozenset({"found", "scanned_by"})),
    # what the label of the scan that counts said (the same whether ended or not)
    "label_lot": ColumnSQL(LabelScan.lot_seen, LabelScan.lot_seen, _LABEL),
    "label_expiry": ColumnSQL(LabelScan.expiry_seen, LabelScan.expiry_seen, _LABEL),
    "expired": ColumnSQL(
        _expired(LabelScan.expiry_seen, InventoryItem.expires_on, _TODAY),
        BySession(lambda s: _expired(LabelScan.expiry_seen, EndedItem.expires_on, _end_day(s))),
        _LABEL,
        not_scanned=(
            _expired(None, InventoryItem.expires_on, _TODAY),
            BySession(lambda s: _expired(None, EndedItem.expires_on, _end_day(s))),
        ),
    ),
}
# a value as the database hands it back → the value the column's kind promises (SQLite
# gives text for dates and times read through an expression, integers for booleans)
_CONVERTERS: dict[Kind, Callable[[Any], Any]] = {
    Kind.NUMBER: lambda v: v if isinstance(v, Decimal) else int_to_quantity(int(v)),
    Kind.YES_NO: bool,
    Kind.DATE: lambda v: date.fromisoformat(v) if isinstance(v, str) else v,
    Kind.DATETIME: lambda v: datetime.fromisoformat(v) if isinstance(v, str) else v,
}


def _db() -> pw.Database:
    return InventoryItem._meta.database


def icontains(expr: Any, text: str) -> Any:
    """Substring match in any case and Unicode form, wildcards taken as plain characters
    (``store.folding``)."""
    return folding.contains(_db(), expr, text)


def _within(path: str) -> pw.Expression:
    roots = Location.alias("root")
    sub = (
        Location.select(Location.id)
        .join(
            roots,
            on=(
                (Location.path == roots.path)
                | (pw.fn.SUBSTR(Location.path, 1, pw.fn.LENGTH(roots.path) + 1) == roots.path + "/")
            ),
        )
        .where(folding.equal(_db(), roots.path, path) | (roots.barcode == path))
    )
    return InventoryItem.location.in_(sub)


def compile_filter(flt: CheckedFilter) -> pw.Expression:
    expr = COLUMN_SQL[flt.field].live
    op, values = flt.op, flt.values
    if op == "within":
        return _within(str(values[0]))
    if op == "empty":
        return expr.is_null() | (expr == "") if flt.kind is Kind.TEXT else expr.is_null()
    if op == "not-empty":
        return expr.is_null(False) & (expr != "") if flt.kind is Kind.TEXT else expr.is_null(False)
    if op == "contains":
        return icontains(expr, str(values[0]))
    words = flt.kind in (Kind.TEXT, Kind.LOCATION)  # compared in any case and form
    if op == "in":
        if words:
            return folding.one_of(_db(), expr, [str(v) for v in values])
        return expr.in_(list(values))
    if op == "between":
        return expr.between(values[0], values[1])
    value = values[0]
    if op in ("=", "!=") and words:
        same = folding.equal(_db(), expr, str(value))
        # "!=" keeps rows where the field is empty: they are not equal to the value
        return same if op == "=" else ~same | expr.is_null()
    if op == "=":
        return expr == value
    if op == "!=":
        return (expr != value) | expr.is_null()
    return {
        "<": expr < value,
        "<=": expr <= value,
        ">": expr > value,
        ">=": expr >= value,
    }[op]


def listing_query(*fields: Any) -> pw.ModelSelect:
    return (
        InventoryItem.select(*fields)
        .join(Ingredient, on=(InventoryItem.ingredient == Ingredient.id))
        .switch(InventoryItem)
        .join(Lab, on=(InventoryItem.lab == Lab.id))
        .switch(InventoryItem)
        .join(Location, on=(InventoryItem.location == Location.id))
    )


def scope_condition(lab_id: int, checked: Sequence[CheckedFilter]) -> pw.Expression:
    """What a listing config matches in a lab: the lab's items, active ones unless the
    filters speak of status, and every filter."""
    condition = InventoryItem.lab == lab_id
    if not any(f.field == "status" for f in checked):
        condition &= InventoryItem.status == "active"
    for flt in checked:
        condition &= compile_filter(flt)
    return condition


def count_matching(lab_id: int, filters: Sequence[Filter], *, today: date | None = None) -> int:
    checked = check_filters(list(filters), today=today)
    return int(listing_query(InventoryItem.id).where(scope_condition(lab_id, checked)).count())


def matching_ids_query(lab_id: int, checked: Sequence[CheckedFilter]) -> pw.ModelSelect:
    return listing_query(InventoryItem.id).where(scope_condition(lab_id, checked))


# ---------------------------------------------------------------- the three views


def _found_join(session_id: int) -> pw.Expression:
    return (Found.session == session_id) & (Found.item == ExpectedItem.item)


def _tables_for(columns: Sequence[str]) -> set[str]:
    tables: set[str] = set()
    for column in columns:
        sql = COLUMN_SQL.get(column)  # (an unknown sort key is refused by sort_expressions)
        if sql is not None:
            tables |= sql.tables
    return tables


def view_query(
    session_id: int,
    view: View,
    columns: Sequence[str],
    *,
    text: str = "",
    select: Sequence[Any] | None = None,
    needed: Sequence[str] | None = None,
    ended: bool = False,
) -> tuple[pw.ModelSelect, dict[str, Any]]:
    """The select for a view, and the column → SQL expression map used for sorting.

    ``select`` replaces the selected expressions (e.g. just the row key); ``needed`` names
    the columns the query must be able to use, so only their tables are joined. With
    ``ended``, the items' columns are read as they were when the session ended.
    """
    if ended:
        return _ended_view_query(session_id, view, columns, text=text, select=select, needed=needed)
    exprs = _view_expressions(view, ended=False, item_id=InventoryItem.id, session_id=session_id)
    all_columns = (*columns, *VIEW_EXTRA_COLUMNS[view])
    if text.strip():
        needed = (*(needed if needed is not None else all_columns), *QUICK_FILTER_FIELDS)
    tables = _tables_for(all_columns if needed is None else needed)
    selected = (
        select if select is not None else [InventoryItem.id, *(exprs[c] for c in all_columns)]
    )
    if view is View.SCANNED_NOT_IN_LISTING:
        query = Found.select(*selected)
        # the row keys alone (or sorted by a found row's column) need no other table
        if needed is None or any(c not in _FOUND_ONLY for c in needed):
            query = (
                query.join(InventoryItem, pw.JOIN.LEFT_OUTER, on=(Found.item == InventoryItem.id))
                .join(
                    Ingredient, pw.JOIN.LEFT_OUTER, on=(InventoryItem.ingredient == Ingredient.id)
                )
                .switch(InventoryItem)
                .join(Lab, pw.JOIN.LEFT_OUTER, on=(InventoryItem.lab == Lab.id))
                .switch(InventoryItem)
                .join(Location, pw.JOIN.LEFT_OUTER, on=(InventoryItem.location == Location.id))
                .switch(Found)
            )
        if needed is None or "scanned_by" in tables:
            query = query.join(ScannedBy, on=(Found.user == ScannedBy.id))
        query = query.where(
            (Found.session == session_id) & Found.tag.in_(["not_in_scope", "unknown"])
        )
        if "label" in tables:
            query = _join_label(query)
    else:
        query = ExpectedItem.select(*selected).join(
            InventoryItem, on=(ExpectedItem.item == InventoryItem.id)
        )
        if "ingredient" in tables:
            query = query.switch(InventoryItem).join(
                Ingredient, on=(InventoryItem.ingredient == Ingredient.id)
            )
        if "lab" in tables:
            query = query.switch(InventoryItem).join(Lab, on=(InventoryItem.lab == Lab.id))
        if "location" in tables:
            query = query.switch(InventoryItem).join(
                Location, on=(InventoryItem.location == Location.id)
            )
        query = query.switch(ExpectedItem)
        if view is View.NOT_SCANNED:
            found = Found.select(pw.SQL("1")).where(_found_join(session_id))
            query = query.where((ExpectedItem.session == session_id) & ~pw.fn.EXISTS(found))
        else:
            if "found" in tables:
                query = query.join(Found, pw.JOIN.LEFT_OUTER, on=_found_join(session_id))
            if "scanned_by" in tables:
                query = query.join(ScannedBy, pw.JOIN.LEFT_OUTER, on=(Found.user == ScannedBy.id))
            if "label" in tables:
                query = _join_label(query)
            query = query.where(ExpectedItem.session == session_id)
    return _quick_filter(query, exprs, text), exprs


def _join_label(query: pw.ModelSelect) -> pw.ModelSelect:
    """The scan that counts (found's), for what its label said."""
    return query.switch(Found).join(
        LabelScan, pw.JOIN.LEFT_OUTER, on=(LabelScan.client_id == Found.scan_client_id)
    )


def _column_expression(key: str, view: View, *, ended: bool, session_id: int) -> Any:
    sql = COLUMN_SQL[key]
    if view is View.NOT_SCANNED and sql.not_scanned is not None:
        expr = sql.not_scanned[1 if ended else 0]
    else:
        expr = sql.ended if ended else sql.live
    return expr.build(session_id) if isinstance(expr, BySession) else expr


def _view_expressions(view: View, *, ended: bool, item_id: Any, session_id: int) -> dict[str, Any]:
    """The column → expression map of a view: the item fields, the columns the view adds,
    and ``item_id`` (the row's item, None for an unknown barcode)."""
    exprs = {
        key: _column_expression(key, view, ended=ended, session_id=session_id)
        for key in (*FIELDS, *VIEW_EXTRA_COLUMNS[view])
    }
    if view is View.SCANNED_NOT_IN_LISTING:  # an unknown barcode is shown as scanned
        exprs["barcode"] = pw.fn.COALESCE(exprs["barcode"], Found.barcode)
    exprs["item_id"] = item_id
    return exprs


def _quick_filter(query: pw.ModelSelect, exprs: dict[str, Any], text: str) -> pw.ModelSelect:
    if not text.strip():
        return query
    needle = text.strip()
    condition = None
    for key in QUICK_FILTER_FIELDS:
        part = icontains(exprs[key], needle)
        condition = part if condition is None else condition | part
    return query.where(condition)


def _ended_view_query(
    session_id: int,
    view: View,
    columns: Sequence[str],
    *,
    text: str,
    select: Sequence[Any] | None,
    needed: Sequence[str] | None = None,
) -> tuple[pw.ModelSelect, dict[str, Any]]:
    """``view_query`` for a session that has ended: its items come from ``ended_item``
    (one row per item of the session, found by the session and item key)."""
    outside = view is View.SCANNED_NOT_IN_LISTING
    exprs = _view_expressions(
        view,
        ended=True,
        item_id=Found.item if outside else ExpectedItem.item,
        session_id=session_id,
    )
    all_columns = (*columns, *VIEW_EXTRA_COLUMNS[view])
    if text.strip():
        needed = (*(needed if needed is not None else all_columns), *QUICK_FILTER_FIELDS)
    label = "label" in _tables_for(all_columns if needed is None else needed)
    selected = (
        select if select is not None else [exprs["item_id"], *(exprs[c] for c in all_columns)]
    )
    if outside:
        query = (
            Found.select(*selected)
            .join(
                EndedItem,
                pw.JOIN.LEFT_OUTER,
                on=((EndedItem.session == Found.session) & (EndedItem.item == Found.item)),
            )
            .switch(Found)
            .join(ScannedBy, on=(Found.user == ScannedBy.id))
            .where((Found.session == session_id) & Found.tag.in_(["not_in_scope", "unknown"]))
        )
        if label:
            query = _join_label(query)
        return _quick_filter(query, exprs, text), exprs
    query = (
        ExpectedItem.select(*selected)
        .join(
            EndedItem,
            on=(
                (EndedItem.session == ExpectedItem.session) & (EndedItem.item == ExpectedItem.item)
            ),
        )
        .switch(ExpectedItem)
    )
    if view is View.NOT_SCANNED:
        found = Found.select(pw.SQL("1")).where(_found_join(session_id))
        query = query.where((ExpectedItem.session == session_id) & ~pw.fn.EXISTS(found))
    else:
        query = query.join(Found, pw.JOIN.LEFT_OUTER, on=_found_join(session_id)).join(
            ScannedBy, pw.JOIN.LEFT_OUTER, on=(Found.user == ScannedBy.id)
        )
        if label:
            query = _join_label(query)
        query = query.where(ExpectedItem.session == session_id)
    return _quick_filter(query, exprs, text), exprs


def view_count(
    session_id: int, view: View, columns: Sequence[str], *, text: str = "", ended: bool = False
) -> int:
    query, _ = view_query(
        session_id, view, columns, text=text, select=[pw.SQL("1")], needed=(), ended=ended
    )
    return int(query.count())


def _row_key(view: View) -> Any:
    return Found.id if view is View.SCANNED_NOT_IN_LISTING else ExpectedItem.item


def sort_expressions(
    view: View, exprs: dict[str, Any], sort: str | None, descending: bool
) -> list[Any]:
    """ORDER BY for a view; without a sort key, the row key's index order (no sorting)."""
    key = _row_key(view)
    if sort is None:
        return [key.desc() if descending else key.asc()]
    if sort not in exprs:
        raise ValidationError(translate("Queries", "Cannot sort by {sort!r}.").format(sort=sort))
    sort_expr = exprs[sort]
    if descending:
        return [sort_expr.desc(nulls="LAST"), key.desc()]
    return [sort_expr.asc(nulls="LAST"), key.asc()]


def view_keys(
    session_id: int,
    view: View,
    columns: Sequence[str],
    *,
    sort: str | None = None,
    descending: bool = False,
    text: str = "",
    offset: int = 0,
    limit: int | None = None,
    ended: bool = False,
) -> list[int]:
    """The row keys of a view in display order (item ids; found-row ids for the scanned-
    not-in-listing view), with only the sort column's table joined."""
    key = _row_key(view)
    query, exprs = view_query(
        session_id,
        view,
        columns,
        text=text,
        select=[key],
        needed=(sort,) if sort else (),
        ended=ended,
    )
    query = query.order_by(*sort_expressions(view, exprs, sort, descending))
    if limit is not None:
        query = query.limit(limit).offset(offset)
    # straight from the cursor: peewee's row wrapping costs more than the query here
    sql, params = query.sql()
    return [row[0] for row in query.model._meta.database.execute_sql(sql, params).fetchall()]


def view_rows_by_keys(
    session_id: int, view: View, columns: Sequence[str], keys: Sequence[int], *, ended: bool = False
) -> Page:
    """The rows of a view for the given keys, in the order of the keys (keys no longer in
    the view are skipped)."""
    all_columns = (*columns, *VIEW_EXTRA_COLUMNS[view])
    page = Page(columns=tuple(all_columns))
    if not keys:
        return page
    key = _row_key(view)
    _, exprs = view_query(session_id, view, columns, select=[key], needed=(), ended=ended)
    by_key: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(keys), 500):
        chunk = list(keys[start : start + 500])
        rows_query, exprs = view_query(
            session_id,
            view,
            columns,
            select=[key, exprs["item_id"], *(exprs[c] for c in all_columns)],
            ended=ended,
        )
        by_key.update({row[0]: row[1:] for row in rows_query.where(key.in_(chunk)).tuples()})
    converters = [_CONVERTERS.get(COLUMNS[c].kind) for c in all_columns]
    for row_key in keys:
        row = by_key.get(row_key)
        if row is None:
            continue
        page.item_ids.append(row[0])
        page.rows.append(
            tuple(
                v if convert is None or v is None else convert(v)
                for convert, v in zip(converters, row[1:], strict=True)
            )
        )
    return page


def view_page(
    session_id: int,
    view: View,
    columns: Sequence[str],
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str | None = None,
    descending: bool = False,
    text: str = "",
    ended: bool = False,
) -> Page:
    """One page of a view in two steps: the page's row keys, ordered and limited with only
    the sort column's table joined; then the columns of just those rows."""
    keys = view_keys(
        session_id,
        view,
        columns,
        sort=sort,
        descending=descending,
        text=text,
        offset=offset,
        limit=limit,
        ended=ended,
    )
    return view_rows_by_keys(session_id, view, columns, keys, ended=ended)


def view_rows(
    session_id: int, view: View, columns: Sequence[str], *, batch: int = 2000, **kwargs: Any
) -> Iterator[tuple[int | None, tuple[object, ...]]]:
    """Every row of a view in order, fetched in batches (for exports)."""
    offset = 0
    while True:
        page = view_page(session_id, view, columns, offset=offset, limit=batch, **kwargs)
        yield from zip(page.item_ids, page.rows, strict=True)
        if len(page.rows) < batch:
            return
        offset += batch


def stream_view_rows(
    db: pw.Database,
    session_id: int,
    view: View,
    columns: Sequence[str],
    *,
    ended: bool,
    batch: int,
) -> Iterator[tuple[Any, ...]]:
    """Every row of a view in the window's default order, streamed (the report): on
    PostgreSQL in pages of ``batch`` rows (psycopg would buffer a whole result, so pages
    keep the client's memory flat), on SQLite straight from one cursor."""
    if is_postgres(db):
        for _, row in view_rows(session_id, view, columns, batch=batch, ended=ended):
            yield row
        return
    query, exprs = view_query(session_id, view, columns, ended=ended)
    query = query.order_by(*sort_expressions(view, exprs, None, False))
    for row in query.tuples().iterator():
        yield row[1:]
