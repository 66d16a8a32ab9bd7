"""Listing config rules, pure: fields, the operators that fit them, values, columns."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon_desktop.core.filters import (
    DEFAULT_COLUMNS,
    FIELDS,
    NO_VALUE_OPERATORS,
    OPERATORS,
    OPERATORS_BY_KIND,
    CheckedFilter,
    Filter,
    Kind,
    check_columns,
    check_filter,
    field_key,
    parse_date,
    parse_filter,
)
from recon_desktop.errors import ValidationError

TODAY = date(2026, 3, 10)
GOOD_VALUE = {
    Kind.TEXT: "abc",
    Kind.LOCATION: "Building 1/Room 101",
    Kind.STATUS: "active",
    Kind.NUMBER: "2.5",
    Kind.DATE: "2026-04-01",
}


def check(field: str, op: str, value: str = "") -> CheckedFilter:
    return check_filter(Filter(field, op, value), today=TODAY)


def refused(field: str, op: str, value: str = "") -> str:
    with pytest.raises(ValidationError) as error:
        check(field, op, value)
    return str(error.value)


def test_parse_filter_reads_field_operator_and_the_rest_as_value() -> None:
    assert parse_filter("quantity between 1..5") == Filter("quantity", "between", "1..5")
    assert parse_filter("  ingredient CONTAINS  PBS 10x ") == Filter(
        "ingredient", "contains", "PBS 10x"
    )
    assert parse_filter("lot empty") == Filter("lot", "empty", "")
    assert str(Filter("lot", "empty")) == "lot empty"
    assert Filter("status", "=", "active").as_list() == ["status", "=", "active"]
    for text in ("", "   ", "status"):
        with pytest.raises(ValidationError, match="needs a field and an operator"):
            parse_filter(text)


def test_field_names_and_aliases() -> None:
    assert field_key(" Ingredient Type ") == "ingredient_type"
    assert field_key("type") == "ingredient_type"
    assert field_key("expires_on") == field_key("Expires") == field_key("EXPIRY") == "expiry"
    assert field_key("ingredient-type") == "ingredient_type"
    with pytest.raises(ValidationError) as error:
        field_key("colour")
    assert str(error.value).startswith("There is no field called 'colour'; use one of: barcode,")


def test_the_required_fields_and_operators_exist() -> None:
    assert {
        "barcode",
        "ingredient",
        "ingredient_type",
        "lab",
        "location",
        "status",
        "quantity",
        "unit",
        "lot",
        "expiry",
    } <= {k for k, s in FIELDS.items() if s.filterable}
    assert set(OPERATORS) == {
        "=",
        "!=",
        "contains",
        "in",
        "empty",
        "not-empty",
        "<",
        "<=",
        ">",
        ">=",
        "between",
        "within",
    }
    assert set(DEFAULT_COLUMNS) <= set(FIELDS)


@pytest.mark.parametrize("field", [k for k, s in FIELDS.items() if s.filterable])
def test_every_operator_either_fits_the_field_or_is_refused_naming_it(field: str) -> None:
    spec = FIELDS[field]
    for op in OPERATORS:
        value = "" if op in NO_VALUE_OPERATORS else GOOD_VALUE[spec.kind]
        if op == "between":
            value = {Kind.NUMBER: "1..5", Kind.DATE: "2026-01-01..2026-12-31"}.get(spec.kind, value)
        if op in OPERATORS_BY_KIND[spec.kind]:
            checked = check(field, op, value)
            assert (checked.field, checked.op, checked.kind) == (field, op, spec.kind)
        else:
            sentence = refused(field, op, value)
            assert sentence.startswith(
                f"{spec.label}: the operator {op!r} does not fit this field; use one of "
            ), sentence


def test_values_are_parsed_into_the_fields_type() -> None:
    assert check("quantity", ">=", "2,5").values == (Decimal("2.5"),)
    assert check("quantity", "in", "1, 2.5,3").values == (Decimal(1), Decimal("2.5"), Decimal(3))
    for text in ("1..5", "1 and 5", "1 AND 5", "1,5", " 1 .. 5 "):
        assert check("quantity", "between", text).values == (Decimal(1), Decimal(5)), text
    assert check("expiry", "<=", "today+30").values == (date(2026, 4, 9),)
    assert check("expiry", "between", "today - 7..TODAY").values == (date(2026, 3, 3), TODAY)
    assert check("status", "=", "ARCHIVED").values == ("archived",)
    assert check("status", "in", "active, archived").values == ("active", "archived")
    assert check("barcode", "in", "A1, B2").values == ("A1", "B2")
    assert check("location", "within", " Building 1 ").values == ("Building 1",)
    assert check("lot", " Not-Empty ").op == "not-empty"


@pytest.mark.parametrize(
    ("flt", "sentence"),
    [
        (("quantity", ">", "lots"), "Quantity: 'lots' is not a number."),
        (("quantity", "<", "NaN"), "Quantity: 'NaN' is not a number."),
        (("quantity", "<", "inf"), "Quantity: 'inf' is not a number."),
        (("quantity", ">=", "1,000"), "Quantity: '1,000' could be 1000 (a thousands separator)"),
        (("quantity", ">=", "1,234.5"), "Quantity: '1,234.5' has more than one separator"),
        (("quantity", "between", "5..1"), "Quantity: 'between' needs the lower bound first"),
        (("quantity", "between", "5"), "Quantity: 'between' needs two values like '1..5'."),
        (("quantity", "between", "..5"), "Quantity: 'between' needs two values"),
        (
            ("expiry", "=", "2026-02-30"),
            "Expiry: '2026-02-30' is not a date; write it as YYYY-MM-DD or today+N.",
        ),
        (("expiry", ">", "tomorrow"), "Expiry: 'tomorrow' is not a date"),
        (("status", "=", "lost"), "Status: 'lost' is not a status; use active or archived."),
        (("barcode", "in", "a,,b"), "Barcode: 'in' needs a comma-separated list of values."),
        (("barcode", "=", "  "), "Barcode: the operator '=' needs a value."),
        (("lot", "empty", "x"), "Lot: 'empty' takes no value (got 'x')."),
        (("lot", "~", "x"), "Lot: '~' is not an operator; use one of =, !=, contains"),
        (("last_verified", ">", "2026-01-01"), "Last verified cannot be used in a filter."),
        (("colour", "=", "red"), "There is no field called 'colour'"),
    ],
)
def test_bad_filters_are_refused_naming_the_field_and_the_problem(
    flt: tuple[str, str, str], sentence: str
) -> None:
    assert refused(*flt).startswith(sentence)


def test_relative_and_iso_dates() -> None:
    assert parse_date("today", today=TODAY) == TODAY
    assert parse_date(" Today + 3 ", today=TODAY) == date(2026, 3, 13)
    assert parse_date("today-10", today=TODAY) == date(2026, 2, 28)
    assert parse_date("2026-12-31", today=TODAY) == date(2026, 12, 31)
    with pytest.raises(ValidationError, match=re.escape("Date: 'today+' is not a date")):
        parse_date("today+", today=TODAY)


def test_columns_are_an_ordered_list_of_known_fields() -> None:
    assert check_columns(["lot", " Barcode ", "", "expires_on"]) == ("lot", "barcode", "expiry")
    with pytest.raises(ValidationError, match=re.escape("The column 'Barcode' is listed twice.")):
        check_columns(["barcode", "lot", "BARCODE"])
    with pytest.raises(ValidationError, match=re.escape("Choose at least one column.")):
        check_columns(["", "  "])
    with pytest.raises(ValidationError, match="There is no field called 'size'"):
        check_columns(["barcode", "size"])


@settings(max_examples=300, deadline=None)
@given(
    field=st.sampled_from([*FIELDS, "nope"]),
    op=st.sampled_from([*OPERATORS, "~"]),
    value=st.text(max_size=30),
)
def test_any_filter_is_either_accepted_or_refused_with_a_sentence(
    field: str, op: str, value: str
) -> None:
    try:
        checked = check(field, op, value)
    except ValidationError as error:
        assert str(error).endswith(".") and "\n" not in str(error).strip("\n")
    else:
        assert checked.op in OPERATORS_BY_KIND[checked.kind]
        if checked.op == "between":
            assert checked.values[0] <= checked.values[1]  # type: ignore[operator]
