"""Reading back what a scanner set to another keyboard layout meant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recon_desktop.core.keyboard_layouts import (
    DEAD,
    FRENCH,
    GERMAN,
    PAIRS,
    US,
    Layout,
    as_typed,
    retype,
    retypings,
)


@pytest.mark.parametrize(
    ("received", "meant", "scanner", "computer"),
    [
        ("RCààààààà&", "RC00000001", US, FRENCH),  # the AZERTY case
        ("+C1", "]C1", US, GERMAN),  # the AIM prefix at a QWERTZ computer
        ("Qààà", "A000", US, FRENCH),  # A and Q swap places
        ("RC)))))))!", "RC00000001", FRENCH, US),  # AZERTY digits need Shift
        ("RC0000000ß", "RC0000000-", US, GERMAN),
        ("Zzyy", "Yyzz", US, GERMAN),
    ],
)
def test_known_cases(received: str, meant: str, scanner: Layout, computer: Layout) -> None:
    assert retype(received, scanner=scanner, computer=computer) == meant
    assert as_typed(meant, scanner=scanner, computer=computer) == received
    assert (meant, scanner, computer) in retypings(received)


def test_characters_no_key_types_are_kept_and_foreign_ones_rule_a_pair_out() -> None:
    assert retype("01\x1d10LOTY", scanner=US, computer=GERMAN) == "01\x1d10LOTZ"
    assert retype("RC€1", scanner=US, computer=FRENCH) is None  # no AZERTY key gives €
    assert retypings("RC00000001") != []  # digits read as AZERTY from a US computer
    assert retypings("") == [] and retypings("   ") == []


def test_every_layout_has_one_character_per_key_place_and_all_letters() -> None:
    letters = set("abcdefghijklmnopqrstuvwxyz")
    for layout in (US, FRENCH, GERMAN):
        assert letters <= set(layout.plain)
        assert {c.upper() for c in letters} <= set(layout.shifted)
    with pytest.raises(ValueError, match="one character per key place"):
        Layout("short", "abc", "ABC")


def _typable(layout: Layout) -> str:
    return "".join(sorted({c for c in layout.plain + layout.shifted if c != DEAD} | {" "}))


@pytest.mark.parametrize(("scanner", "computer"), PAIRS)
@given(data=st.data())
def test_what_a_scanner_types_reads_back(
    scanner: Layout, computer: Layout, data: st.DataObject
) -> None:
    text = data.draw(st.text(alphabet=_typable(scanner), max_size=40))
    received = as_typed(text, scanner=scanner, computer=computer)
    if len(received) != len(text):
        return  # a dead key of the computer's swallowed a character: not recognised
    assert retype(received, scanner=scanner, computer=computer) == text
