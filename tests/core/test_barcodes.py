"""Tests for scan normalisation (recon_desktop.core.barcodes)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recon_desktop.core.barcodes import (
    GS,
    MAX_BARCODE_LENGTH,
    BarcodeError,
    Gs1Reading,
    NormalisedBarcode,
    normalise,
)

GTIN = "09501101530003"  # GS1's example GTIN-14 (EAN-13 9501101530003)
EAN13 = "9501101530003"
SSCC = "123456789012345675"

# No example database: tests must not write files into the working tree.
quick = settings(database=None, deadline=None, max_examples=150)


def norm(raw: str, gs_substitute: str | None = None) -> NormalisedBarcode:
    result = normalise(raw, gs_substitute=gs_substitute)
    assert result is not None
    return result


def is_control(ch: str) -> bool:
    return ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F


# ---------------------------------------------------------------------------
# Plain codes, whitespace, terminators
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ABC-123", "LOC/B1/R101", "S-000042", "box 12", "Zürich µl"])
def test_plain_code_is_kept_as_given(code: str) -> None:
    result = norm(code)
    assert result == NormalisedBarcode(code, (code,), None, gs1=False)


@pytest.mark.parametrize(
    "raw",
    [
        "ABC-123\r",
        "ABC-123\n",
        "ABC-123\t",
        "ABC-123\r\n",
        "ABC-123\r\n\r\n\r\n",
        "ABC-123\t\t",
        "  ABC-123  \r\n",
        "\tABC-123\n",
    ],
)
def test_whitespace_and_terminators_are_removed(raw: str) -> None:
    assert norm(raw) == norm("ABC-123")
    assert norm(raw).text == "ABC-123"


def test_control_characters_inside_are_removed() -> None:
    assert norm("ABC\x07-123\x1b").text == "ABC-123"
    assert norm("AB\tCD").text == "ABCD"
    assert norm("\x02ABCDEFGH\x03\r\n").text == "ABCDEFGH"  # STX/ETX framing


def test_stray_gs_in_plain_data_is_removed() -> None:
    result = norm("ABC\x1dDEF")
    assert result.text == "ABCDEF"
    assert not result.gs1


@pytest.mark.parametrize(
    "raw", ["", " ", "\r\n", "\t\t\r\n", "\n\n\n", "\u3000", GS, "]C1", "]E0\r\n"]
)
def test_empty_input_is_ignored(raw: str) -> None:
    assert normalise(raw) is None


# ---------------------------------------------------------------------------
# Refused input
# ---------------------------------------------------------------------------


def test_over_long_scan_is_refused_with_its_length() -> None:
    with pytest.raises(BarcodeError) as info:
        normalise("A" * 10_000)
    message = str(info.value)
    assert "too long" in message
    assert "10,000 characters" in message
    assert message.endswith(".")


def test_length_limit_is_inclusive() -> None:
    assert norm("A" * MAX_BARCODE_LENGTH + "\r\n").text == "A" * MAX_BARCODE_LENGTH
    with pytest.raises(BarcodeError):
        normalise("A" * (MAX_BARCODE_LENGTH + 1))


@pytest.mark.parametrize(
    "raw",
    [
        "ABC\x00123",
        "\x00",
        "\x00\r\n",
        "AB\ufffdCD",
        "AB\udc80CD",  # unpaired surrogate (undecodable byte)
        "\x01\x02\x03\x04",
        "A\x01\x02B",
        "\x1b[A\x1b[B",
        "\x80\x81\x82ABC\x83",
    ],
)
def test_binary_garbage_is_refused(raw: str) -> None:
    with pytest.raises(BarcodeError) as info:
        normalise(raw)
    assert "unreadable characters" in str(info.value)


def test_barcode_error_is_a_value_error() -> None:
    assert issubclass(BarcodeError, ValueError)


def test_non_string_input_is_a_programming_error() -> None:
    with pytest.raises(TypeError):
        normalise(b"ABC")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["", "~~", "A", "1", " ", "\x1d", "]", "("])
def test_bad_gs_substitute_is_rejected(bad: str) -> None:
    with pytest.raises(ValueError, match="gs_substitute"):
        normalise("ABC", gs_substitute=bad)


# ---------------------------------------------------------------------------
# AIM symbology identifiers
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("aim", ["]A0", "]C0", "]E0", "]d1", "]Q1", "]I1"])
def test_non_gs1_aim_prefix_is_stripped(aim: str) -> None:
    result = norm(f"{aim}ABC-123\r\n")
    assert result == NormalisedBarcode("ABC-123", ("ABC-123",), aim, gs1=False)


@pytest.mark.parametrize("aim", ["]C1", "]d2", "]Q3", "]e0", "]J1"])
def test_gs1_aim_prefix_is_stripped_and_means_gs1(aim: str) -> None:
    result = norm(f"{aim}01{GTIN}21SN42\r\n")
    assert result.symbology == aim
    assert result.gs1
    assert result.text == f"01{GTIN}21SN42"
    assert result.candidates[0] == f"01{GTIN}21SN42"


def test_gs1_aim_with_data_that_is_not_gs1_falls_back_to_plain() -> None:
    result = norm("]C1HELLO WORLD")
    assert result == NormalisedBarcode("HELLO WORLD", ("HELLO WORLD",), "]C1", gs1=False)


def test_non_gs1_aim_is_authoritative_even_for_gs1_looking_data() -> None:
    result = norm(f"]C001{GTIN}")
    assert not result.gs1
    assert result.candidates == (f"01{GTIN}",)


def test_ean_aim_prefix_gives_gtin_forms() -> None:
    result = norm(f"]E0{EAN13}")
    reading = Gs1Reading(f"01{GTIN}", f"(01){GTIN}", GTIN)
    assert result == NormalisedBarcode(EAN13, (EAN13, GTIN), "]E0", False, reading)


# ---------------------------------------------------------------------------
# GS1
# ---------------------------------------------------------------------------


def test_gs1_with_gs_separators() -> None:
    raw = f"]d201{GTIN}10LOT-7{GS}17260131{GS}21SN42{GS}\r\n"
    result = norm(raw)
    assert result.gs1
    assert result.text == f"01{GTIN}10LOT-7{GS}17260131{GS}21SN42"
    assert result.candidates == (f"01{GTIN}21SN42", "SN42", GTIN, EAN13, result.text)


def test_gs1_without_gs_for_fixed_length_fields() -> None:
    raw = f"01{GTIN}1726013121SN42"  # 01 and 17 are fixed length: no GS needed
    result = norm(raw)
    assert result.gs1
    assert result.symbology is None
    assert result.text == raw
    assert result.candidates == (f"01{GTIN}21SN42", "SN42", GTIN, EAN13, raw)


def test_leading_gs_means_gs1() -> None:
    result = norm(f"{GS}10LOT-7{GS}21SN42\r\n")
    assert result.gs1
    assert result.text == f"10LOT-7{GS}21SN42"
    assert result.candidates == ("SN42", result.text)


def test_gs1_sscc_comes_first() -> None:
    result = norm(f"]C100{SSCC}")
    assert result.gs1
    assert result.candidates == (SSCC, f"00{SSCC}")


def test_bare_gtin_element_string_without_serial() -> None:
    result = norm(f"01{GTIN}")
    assert result.gs1
    assert result.candidates == (GTIN, EAN13, f"01{GTIN}")


def test_bare_element_string_with_bad_check_digit_is_plain() -> None:
    result = norm("0109501101530004")
    assert not result.gs1
    assert result.candidates == ("0109501101530004",)


def test_claimed_gs1_keeps_a_gtin_with_bad_check_digit() -> None:
    result = norm("]C1010950110153000421SN1")
    assert result.gs1
    assert result.candidates == ("010950110153000421SN1", "SN1", "09501101530004")


def test_gs1_without_gs_lets_a_variable_field_run_to_the_end() -> None:
    # Known limit: lot swallows the serial; the whole text stays a lookup key.
    result = norm(f"]C101{GTIN}10LOT21SN42")
    assert result.gs1
    assert "SN42" not in result.candidates
    assert result.candidates[-1] == f"01{GTIN}10LOT21SN42"


def test_parenthesised_gs1() -> None:
    raw = f"(01){GTIN}(10)ABC(21)123"
    result = norm(raw)
    assert result.gs1
    assert result.text == raw
    assert result.candidates == (f"01{GTIN}21123", "123", GTIN, EAN13, raw)


def test_parenthesised_text_that_is_not_gs1_is_plain() -> None:
    for raw in ["(lab) freezer 3", "(01)", "(01)123(xx)456", "(9999)ABC"]:
        result = norm(raw)
        assert result == NormalisedBarcode(raw, (raw,), None, gs1=False), raw


@pytest.mark.parametrize("sub", ["~", "|"])
def test_gs_substitute_is_read_as_gs_in_gs1_data(sub: str) -> None:
    raw = f"]d201{GTIN}10LOT-7{sub}21SN42\r\n"
    result = norm(raw, gs_substitute=sub)
    assert result.gs1
    assert result.text == f"01{GTIN}10LOT-7{GS}21SN42"
    assert result.candidates[:2] == (f"01{GTIN}21SN42", "SN42")
    # Without the setting the character is data, and the lot would swallow it.
    assert not norm(raw).gs1


def test_gs_substitute_leading_means_fnc1() -> None:
    result = norm("~10LOT-7~21SN42", gs_substitute="~")
    assert result.gs1
    assert result.candidates == ("SN42", f"10LOT-7{GS}21SN42")


def test_gs_substitute_next_to_whitespace_leaves_no_whitespace() -> None:
    result = norm("~ 10LOT-7", gs_substitute="~")
    assert result.gs1
    assert result.text == "10LOT-7"


def test_gs_substitute_is_left_alone_in_plain_data() -> None:
    assert norm("AB~CD", gs_substitute="~") == NormalisedBarcode("AB~CD", ("AB~CD",), None, False)
    assert norm("A|B", gs_substitute="|").text == "A|B"


@pytest.mark.parametrize("code", [EAN13, "4006381333931", "5901234123457", "0000000000000"])
def test_plain_ean13_is_not_gs1(code: str) -> None:
    result = norm(code + "\r\n")
    assert not result.gs1
    assert result.text == code
    assert result.candidates[0] == code


def test_plain_ean13_and_upca_add_gtin14_as_later_candidate() -> None:
    assert norm(EAN13).candidates == (EAN13, GTIN)
    upc = "036000291452"
    assert norm(upc).candidates == (upc, "00036000291452", "0036000291452")
    assert norm("9501101530004").candidates == ("9501101530004",)  # bad check digit


def test_ean13_scan_and_gs1_scan_of_the_same_product_meet() -> None:
    ean = set(norm(EAN13).candidates)
    datamatrix = set(norm(f"]d201{GTIN}21SN42").candidates)
    assert {EAN13, GTIN} <= ean & datamatrix


def test_gs1_data_with_non_ascii_falls_back_to_plain() -> None:
    result = norm(f"]d201{GTIN}10LÖT")
    assert not result.gs1
    assert result.text == f"01{GTIN}10LÖT"


# ---------------------------------------------------------------------------
# Look-alikes: invisible characters refused, full-width forms read as ASCII
# ---------------------------------------------------------------------------

LOOK_ALIKES = {
    "right-to-left override": "A\u202e0001",
    "left-to-right mark": "\u200eA0001",
    "right-to-left isolate": "A00\u206701",
    "arabic letter mark": "A000\u061c1",
    "zero-width space": "A00\u200b01",
    "zero-width joiner": "A0001\u200d",
    "word joiner": "A\u20600001",
    "byte order mark inside": "A00\ufeff01",
    "soft hyphen": "A00\u00ad01",
}


@pytest.mark.parametrize("raw", LOOK_ALIKES.values(), ids=LOOK_ALIKES.keys())
def test_invisible_format_characters_are_refused_with_a_sentence(raw: str) -> None:
    with pytest.raises(BarcodeError) as refused:
        normalise(raw + "\r\n")
    sentence = str(refused.value)
    assert "invisible characters" in sentence and sentence.endswith("again.")


def test_full_width_forms_are_read_as_ascii() -> None:
    assert norm("\uff21\uff10\uff10\uff10\uff11").text == "A0001"  # Ａ０００１
    assert norm("\uff32\uff23\uff0d\uff11\u3000\r\n").text == "RC-1"  # trailing ideographic space
    assert norm("\uff3d\uff23\uff10A004").text == "A004"  # a full-width AIM prefix
    assert norm("Zürich µl").text == "Zürich µl"  # other characters are kept as they are


@quick
@given(st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=40))
def test_a_code_typed_in_full_width_matches_its_ascii_form(code: str) -> None:
    wide = "".join(chr(ord(c) + 0xFEE0) for c in code)
    try:
        expected = normalise(code)
    except BarcodeError:
        with pytest.raises(BarcodeError):
            normalise(wide)
        return
    assert normalise(wide) == expected


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

printable_ascii = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)
subs = st.sampled_from([None, "~", "|"])
scanner_noise = st.text(
    st.sampled_from(["A", "0", "1", "]", "C", "d", "(", ")", "~", " ", GS, "\r", "\n", "\t"]),
    max_size=40,
)


@quick
@given(st.one_of(st.text(max_size=300), scanner_noise), subs)
def test_normalise_only_ever_raises_barcode_error(raw: str, sub: str | None) -> None:
    try:
        result = normalise(raw, gs_substitute=sub)
    except BarcodeError as exc:
        assert str(exc).endswith(".")
        return
    if result is None:
        return
    assert result.text
    assert result.text == result.text.strip()
    assert len(result.text) <= MAX_BARCODE_LENGTH
    assert not any(is_control(ch) and ch != GS for ch in result.text)
    assert result.gs1 or GS not in result.text
    assert result.candidates
    assert result.text in result.candidates
    assert len(set(result.candidates)) == len(result.candidates)


@quick
@given(st.one_of(st.text(max_size=60), scanner_noise, printable_ascii))
def test_normalising_plain_text_again_changes_nothing(raw: str) -> None:
    try:
        first = normalise(raw)
    except BarcodeError:
        return
    if first is None or first.gs1:
        return
    again = norm(first.text)
    assert again.text == first.text


@quick
@given(printable_ascii, st.sampled_from(["", "\r", "\n", "\t", "\r\n", "\r\n\r\n", "\t\n"]))
def test_printable_ascii_code_is_stored_as_given(code: str, terminator: str) -> None:
    stripped = code.strip()
    if not stripped or stripped[0] in "](":
        return
    result = norm(code + terminator)
    assert result.text == stripped
    assert result.symbology is None


@quick
@given(st.text(max_size=60), st.sampled_from(["\r", "\n", "\t", "\r\n"]), st.integers(1, 4))
def test_repeated_terminators_give_the_same_result(raw: str, terminator: str, n: int) -> None:
    def outcome(value: str) -> object:
        try:
            return normalise(value)
        except BarcodeError as exc:
            return str(exc)

    assert outcome(raw + terminator) == outcome(raw + terminator * n)
