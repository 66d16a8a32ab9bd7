"""One canonical key per GS1 code (recon_desktop.core.barcodes: readings, item_key)."""

from __future__ import annotations

from datetime import date

import pytest

from recon_desktop.core import batch_file, label
from recon_desktop.core.barcodes import Gs1Reading, item_key, normalise
from recon_desktop.errors import ValidationError
from tests.gs1_examples import (
    BIIP_EXAMPLE,
    BIIP_EXAMPLE_HRI,
    BIIP_SSCC,
    GS,
    GS1_SYMBOLOGIES,
    GTIN_A,
    GTIN_D,
    Label,
    gtin_forms,
)

BOTTLE = Label(GTIN_A, expiry="261231", lot="LOT42", serial="SN001")
OLD = Label(GTIN_D, expiry="200101", lot="OLD7", serial="SN9")


def reading(raw: str, gs_substitute: str | None = None) -> Gs1Reading:
    code = normalise(raw, gs_substitute=gs_substitute)
    assert code is not None and code.reading is not None, raw
    return code.reading


@pytest.mark.parametrize("form", sorted(BOTTLE.written_forms()))
def test_every_written_form_of_a_bottles_code_has_one_key(form: str) -> None:
    got = reading(BOTTLE.written_forms()[form])
    assert got == Gs1Reading(
        key=f"01{GTIN_A}21SN001",
        shown=f"(01){GTIN_A}(21)SN001",
        gtin=GTIN_A,
        lot="LOT42",
        expiry=date(2026, 12, 31),
    )
    assert not got.gtin_only
    assert got.gtin_key == f"01{GTIN_A}"


@pytest.mark.parametrize("stand_in", ["~", "|", "^"])
def test_a_stand_in_for_gs_gives_the_same_key_when_it_is_set(stand_in: str) -> None:
    for raw in BOTTLE.stand_in_forms(stand_in).values():
        assert reading(raw, stand_in) == reading(BOTTLE.human_readable)


@pytest.mark.parametrize("form", sorted(gtin_forms(GTIN_A)))
def test_every_form_of_a_gtin_alone_has_the_gtins_key(form: str) -> None:
    got = reading(gtin_forms(GTIN_A)[form])
    assert (got.key, got.shown, got.gtin) == (f"01{GTIN_A}", f"(01){GTIN_A}", GTIN_A)
    assert got.gtin_only and got.lot is None and got.expiry is None


def test_lot_and_expiry_are_read_but_not_part_of_the_key() -> None:
    gtin_lot = reading(f"(01){GTIN_A}(17)200101(10)OTHER")
    assert gtin_lot.key == f"01{GTIN_A}" and gtin_lot.gtin_only
    assert (gtin_lot.lot, gtin_lot.expiry) == ("OTHER", date(2020, 1, 1))
    old = reading(OLD.human_readable)
    assert old.key == f"01{GTIN_D}21SN9" and old.expiry == date(2020, 1, 1)


def test_a_day_00_expiry_is_the_months_last_day() -> None:
    assert reading(f"01{GTIN_A}17260200").expiry == date(2026, 2, 28)


def test_biips_documented_example_in_each_of_its_forms() -> None:
    keys = {reading(raw) for raw in (BIIP_EXAMPLE, BIIP_EXAMPLE_HRI, f"]C1{BIIP_EXAMPLE}")}
    assert keys == {Gs1Reading("0107032069804988", "(01)07032069804988", "07032069804988", "0329")}


@pytest.mark.parametrize("aim", GS1_SYMBOLOGIES)
def test_an_sscc_is_keyed_by_itself(aim: str) -> None:
    for raw in (f"(00){BIIP_SSCC}", f"00{BIIP_SSCC}", f"{aim}00{BIIP_SSCC}"):
        assert reading(raw) == Gs1Reading(f"00{BIIP_SSCC}", f"(00){BIIP_SSCC}")


def test_other_gs1_codes_are_keyed_by_all_their_fields_in_order_of_ai() -> None:
    """No GTIN, no SSCC: every field, sorted by AI, a GS after a variable-length one."""
    one = reading(f"]C110LOT-7{GS}21SN42")
    two = reading("(21)SN42(10)LOT-7")
    assert one.key == two.key == f"10LOT-7{GS}21SN42"
    assert one.shown == "(10)LOT-7(21)SN42"


def test_a_plain_ean13_is_no_gs1_message_but_has_its_gtins_key() -> None:
    """FACTS: a 13-digit EAN also parses as AI 97; it is read as a GTIN, never as AI 97."""
    code = normalise(GTIN_A[1:])
    assert code is not None and not code.gs1
    assert code.reading is not None and code.reading.key == f"01{GTIN_A}"


@pytest.mark.parametrize(
    "plain", ["RC00000001", "LOC/B1/R101", "9506000134353", "12345", "ABC(01)123", "2026"]
)
def test_other_barcodes_have_no_key(plain: str) -> None:
    code = normalise(plain)
    assert code is not None and code.reading is None
    assert item_key(plain) is None


def test_a_missing_gs_is_repaired_where_the_rest_parses_again() -> None:
    """FACTS: without GS the lot runs on into the serial; the repair ends it earlier."""
    code = normalise(f"]d201{GTIN_A}10LOT4221SN001")
    assert code is not None and code.reading is not None
    assert code.reading.lot == "LOT4221SN001" and code.reading.gtin_only
    assert [(r.key, r.lot) for r in code.repairs] == [(f"01{GTIN_A}21SN001", "LOT42")]
    with_gs = normalise(f"]d201{GTIN_A}10LOT42{GS}21SN001")
    assert with_gs is not None and with_gs.repairs == ()
    typed = normalise(BOTTLE.human_readable)  # the parentheses delimit every field
    assert typed is not None and typed.repairs == ()


@pytest.mark.parametrize(
    "barcode",
    [*BOTTLE.written_forms().values(), *gtin_forms(GTIN_A).values(), "0109506000134352"],
)
def test_an_items_barcode_gets_the_key_its_scans_get(barcode: str) -> None:
    assert item_key(barcode) == reading(barcode)


def test_item_key_is_none_for_what_a_scan_refuses() -> None:
    assert item_key("\u200b0109506000134352") is None
    assert item_key("") is None


# ---------------------------------------------------------------- the label beside the record


def test_differences_say_what_the_label_says_that_the_record_does_not() -> None:
    assert label.differences("LOT43", None, "LOT42", date(2026, 1, 1)) == (
        "lot on the label LOT43, recorded LOT42",
    )
    assert label.differences("LOT42", date(2020, 1, 1), "LOT42", date(2026, 1, 1)) == (
        "expiry on the label 2020-01-01, recorded 2026-01-01",
    )
    assert label.differences("L1", date(2020, 1, 1), None, None) == (
        "lot on the label L1, none recorded",
        "expiry on the label 2020-01-01, none recorded",
    )
    assert label.differences(None, None, "LOT42", date(2026, 1, 1)) == ()
    assert label.differences("LOT42", date(2026, 1, 1), "LOT42", date(2026, 1, 1)) == ()


def test_an_expiry_is_past_from_the_next_day() -> None:
    assert label.is_expired(date(2020, 1, 1), date(2020, 1, 2))
    assert not label.is_expired(date(2020, 1, 1), date(2020, 1, 1))
    assert not label.is_expired(None, date(2020, 1, 2))


# ---------------------------------------------------------------- batch files


def test_batch_lines_end_at_cr_and_lf_only() -> None:
    data = (
        b"\xef\xbb\xbf]d2" + f"01{GTIN_A}10LOT42".encode() + b"\x1d21SN001\r\n"
        b"A\x1cB\x1eC\n\nD\x0bE\x0cF\xc2\x85G\rH"
    )
    assert batch_file.lines(data) == [
        (1, f"]d201{GTIN_A}10LOT42{GS}21SN001"),
        (2, "A\x1cB\x1eC"),
        (4, "D\x0bE\x0cF\x85G"),
        (5, "H"),
    ]
    # what str.splitlines would have done: GS, FS, RS, VT, FF and NEL end its lines
    assert "A\x1dB\x1cC\x1eD\x0bE\x0cF\x85G".splitlines() == list("ABCDEFG")


def test_a_batch_line_is_shown_with_its_separators_named() -> None:
    assert batch_file.shown(f"{GS}01{GTIN_A}10L{GS}21S\x1eX\x1cY\r\n") == (
        f"<GS>01{GTIN_A}10L<GS>21S<RS>X<FS>Y"
    )


def test_batch_line_times(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    assert batch_file.parse_line(f"01{GTIN_A}10L{GS}21S\t2026-03-04T05:06:07+00:00") == (
        f"01{GTIN_A}10L{GS}21S",
        batch_file.datetime(2026, 3, 4, 5, 6, 7),
    )
    with pytest.raises(ValidationError):
        batch_file.parse_line("A1\tsoon")


def test_eight_digits_are_a_gtin_8_only_when_the_scanner_says_ean_8() -> None:
    """A lab's own codes are often eight digits: alone they stay plain text; ``]E4`` (the
    EAN-8 symbology identifier) makes them a GTIN-8, keyed as its GTIN-14."""
    plain, ean8, padded = (
        normalise("96385074"),
        normalise("]E496385074"),
        item_key("(01)00000096385074"),
    )
    assert plain is not None and plain.reading is None
    assert ean8 is not None and ean8.reading is not None and padded is not None
    assert ean8.reading.key == padded.key == "0100000096385074"
    assert ean8.candidates == ("96385074", "00000096385074")
    wrong = normalise("]E412345678")  # a wrong check digit: plain text
    assert wrong is not None and wrong.reading is None
