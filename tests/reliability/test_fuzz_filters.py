"""Fuzzing the listing filters: any field, operator and value either gets a ValidationError
sentence or compiles to SQL that runs on a real database."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import peewee as pw
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon_desktop.core import filters
from recon_desktop.core.filters import (
    FIELD_ALIASES,
    FIELDS,
    OPERATORS,
    OPERATORS_BY_KIND,
    CheckedFilter,
    Filter,
    Kind,
    check_filter,
    parse_filter,
)
from recon_desktop.errors import ValidationError
from recon_desktop.services import Services
from recon_desktop.services.demo import location_paths, seed
from recon_desktop.store import models, queries
from recon_desktop.store.db import open_database
from tests.reliability import examples

FIELD_NAMES = [*FIELDS, *FIELD_ALIASES, "Expiry", " LOT ", "Ingredient type", "ingredient-type"]
NUMBERS = [
    "0", "-0", "1,5", "1.5", "0.0000001", "0.000001", "1e3", "1E-7", "-1", "9" * 40,
    "9" * 400, "1e30", "1e400", "1e999999", "1e999999999", "-1e999999999", "NaN", "sNaN",
    "Infinity", "-inf", "1_000", "١٢", "0x10", "1e-999999999",
]  # fmt: skip
DATES = [
    "today",
    "today+30",
    "TODAY - 7",
    "today+99999",
    "today-99999",
    "2026-02-29",
    "2024-02-29",
    "0001-01-01",
    "9999-12-31",
    "2026-13-01",
    "20260101",
    "2026-W01-1",
]


ODD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\udcff",
    "x\ud800y",
    "\u200b",
    "\ufeff",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "--",
    "' OR 1=1 --",
    "\u0130",
    "ß",
    "𝔘",
    "\x1d",
    "\r\n",
    "é",
]


def _texts() -> st.SearchStrategy[str]:
    """Any text, with the odd characters (surrogates from argv, NUL, SQL quotes) mixed in."""
    odd = st.sampled_from(ODD_TEXT)
    return st.one_of(
        st.text(max_size=40),
        odd,
        st.lists(st.one_of(odd, st.text(max_size=5)), max_size=6).map("".join),
    )


def _singles(kind: Kind | None) -> st.SearchStrategy[str]:
    numbers = st.one_of(
        st.sampled_from(NUMBERS),
        st.integers().map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str),
        st.floats().map(str),
    )
    dates = st.one_of(st.sampled_from(DATES), st.dates().map(str))
    by_kind = {
        Kind.NUMBER: numbers,
        Kind.DATE: dates,
        Kind.STATUS: st.sampled_from(["active", "ARCHIVED", " archived ", "deleted", ""]),
        Kind.LOCATION: st.sampled_from(
            [*list(location_paths())[:3], "Building 1", "Building 1/", "LOC-000001", "%"]
        ),
    }
    everything = st.one_of(_texts(), numbers, dates, *by_kind.values())
    if kind in by_kind:
        return st.one_of(by_kind[kind], by_kind[kind], everything)
    return everything


def _values(kind: Kind | None = None) -> st.SearchStrategy[str]:
    single = _singles(kind)
    return st.one_of(
        single,
        single,
        st.tuples(single, st.sampled_from(["..", " and ", ","]), single).map("".join),
        st.lists(single, min_size=1, max_size=4).map(",".join),
    )


@st.composite
def any_filters(draw: st.DrawFn) -> Filter:
    """Mostly a known field with an operator and a value of its kind; sometimes anything."""
    if draw(st.integers(0, 4)) == 0:
        field = draw(st.one_of(st.sampled_from(FIELD_NAMES), _texts()))
        op = draw(st.one_of(st.sampled_from(OPERATORS), _texts()))
        return Filter(field, op, draw(_values()))
    key = draw(st.sampled_from(list(FIELDS)))
    kind = FIELDS[key].kind
    op = draw(
        st.one_of(
            st.sampled_from(OPERATORS_BY_KIND[kind] or OPERATORS),
            st.sampled_from(OPERATORS).map(str.upper),
        )
    )
    return Filter(key, op, draw(_values(kind)))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """A small demo database, once per module and backend."""
    server = None
    if request.param == "sqlite":
        target = str(tmp_path_factory.mktemp("filters") / "recon.sqlite3")
    else:
        server = request.getfixturevalue("postgres_server")
        target = server.create_database("fuzz_filters")
    db: pw.Database = open_database(target)
    try:
        services = Services.create(db, station="FUZZ")
        seed(services, 300)
        yield services
    finally:
        db.close()
        if server is not None:
            server.drop_database("fuzz_filters")


@pytest.fixture(scope="module")
def lab_id(demo: Services) -> int:
    return demo.admin.lab("Cell Biology").id


@settings(max_examples=examples(200), deadline=None)
@given(flt=any_filters())
def test_a_filter_is_refused_with_a_sentence_or_runs(lab_id: int, flt: Filter) -> None:
    try:
        checked = check_filter(flt)
    except ValidationError as exc:
        assert str(exc).strip()
        return
    assert isinstance(checked, CheckedFilter)
    count = queries.count_matching(lab_id, [flt])  # nothing at all may be raised here
    assert isinstance(count, int) and count >= 0


@settings(max_examples=examples(100), deadline=None)
@given(
    text=st.one_of(
        _texts(),
        st.tuples(st.sampled_from(FIELD_NAMES), st.sampled_from(OPERATORS), _values()).map(
            " ".join
        ),
    )
)
def test_parsing_filter_text_raises_only_validation_errors(lab_id: int, text: str) -> None:
    try:
        flt = parse_filter(text)
        check_filter(flt)
    except ValidationError:
        return
    assert queries.count_matching(lab_id, [flt]) >= 0


_config_numbers = itertools.count(1)


@settings(max_examples=examples(40), deadline=None)
@given(flt=any_filters())
def test_a_session_freezes_what_its_filter_counts(demo: Services, lab_id: int, flt: Filter) -> None:
    """A session freezes the filter as given (trimmed; a relative date as the date it meant)
    and expects exactly the items the live count showed."""
    try:
        check_filter(flt)
    except ValidationError:
        return
    name = f"Fuzz {next(_config_numbers)}"
    demo.admin.add_config(demo.auth.sign_in("ana", "246810"), name, lab_id, [flt])
    operator = demo.auth.sign_in("ben", "135790")
    session = demo.sessions.start(operator, lab_id, name, name)
    try:
        frozen = demo.sessions.frozen_filters(session.id)
        checked = check_filter(flt)
        assert [check_filter(f) for f in frozen] == [checked]
        if checked.kind is not Kind.DATE:  # relative dates are frozen as the dates they meant
            assert [f.value for f in frozen] == [flt.value.strip()]
        expected = demo.sessions.progress(session.id).expected_total
        assert expected == queries.count_matching(lab_id, frozen)
        assert expected == queries.count_matching(lab_id, [flt])
    finally:
        demo.sessions.end(operator, session.id)


@pytest.mark.parametrize(
    "flt",
    [
        Filter("quantity", "=", "1e999999"),  # overflowed the integer column when counted
        Filter("quantity", "<", "1e999999999"),  # decimal.Overflow when counted
        Filter("quantity", "between", "0..1e30"),
        Filter("quantity", "=", "0.0000001"),  # refused only once the query ran
        Filter("quantity", ">", "1e-999999999"),
        Filter("barcode", "=", "\udcff"),  # an undecodable byte on a command line
        Filter("lot", "contains", "a\x00b"),  # PostgreSQL refuses NUL in text
    ],
    ids=str,
)
def test_values_found_by_fuzzing_are_refused_when_checked(lab_id: int, flt: Filter) -> None:
    with pytest.raises(ValidationError):
        check_filter(flt)
    with pytest.raises(ValidationError):
        queries.count_matching(lab_id, [flt])


def test_the_largest_storable_quantity_is_a_valid_filter_value(lab_id: int) -> None:
    assert (filters.QUANTITY_LIMIT, filters.QUANTITY_PLACES) == (
        models.QUANTITY_LIMIT,
        models.QUANTITY_PLACES,
    )
    largest = Filter("quantity", "<=", "999999999999.999999")
    assert queries.count_matching(lab_id, [largest]) == queries.count_matching(lab_id, [])
    assert queries.count_matching(lab_id, [Filter("quantity", "<", "-999999999999")]) == 0
