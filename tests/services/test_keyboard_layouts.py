"""A scanner set to another keyboard layout: the unknown scan names the known barcode it
probably is and how to set the scanner, never a silent Unknown barcode (SQLite and
PostgreSQL)."""

from __future__ import annotations

from recon_desktop.core.keyboard_layouts import FRENCH, US, as_typed
from recon_desktop.core.records import ScanKind, Tag
from tests.services.conftest import World


def start(world: World) -> int:
    return world.services.sessions.start(world.ana, world.lab_id, world.config, "Count").id


def test_a_us_scanner_at_an_azerty_computer(world: World) -> None:
    sid = start(world)
    result = world.services.sessions.scan(world.ana, sid, 'Sàà"')  # S003 through AZERTY
    assert result is not None
    assert (result.tag, result.raw, result.barcode) == (Tag.UNKNOWN, 'Sàà"', 'Sàà"')
    guess = result.layout_guess
    assert guess is not None
    assert (guess.barcode, guess.scanner, guess.computer) == (
        "S003",
        "US English (QWERTY)",
        "French (AZERTY)",
    )
    assert guess.sentence() == (
        "Probably S003, typed for a US English (QWERTY) keyboard on a French (AZERTY) one. "
        "Set the scanner's keyboard country to French (AZERTY) (a setup barcode in its "
        "manual), or switch this computer's keyboard to US English (QWERTY), then scan again."
    )
    # the scan is kept as it arrived; S003 itself is still to be found
    assert world.services.sessions.progress(sid).unknown == 1
    again = world.services.sessions.scan(world.ana, sid, "S003")
    assert again is not None and again.tag is Tag.IN_SCOPE and again.layout_guess is None


def test_an_aim_prefix_at_a_qwertz_computer(world: World) -> None:
    sid = start(world)
    result = world.services.sessions.scan(world.ana, sid, "+C1A004")  # ]C1A004 at QWERTZ
    assert result is not None and result.tag is Tag.UNKNOWN
    assert result.layout_guess is not None
    assert (result.layout_guess.barcode, result.layout_guess.computer) == (
        "A004",
        "German (QWERTZ)",
    )


def test_a_location_barcode_through_another_layout(world: World) -> None:
    sid = start(world)
    code = world.freezer_a_code
    received = as_typed(code, scanner=US, computer=FRENCH)
    assert received != code
    result = world.services.sessions.scan(world.ana, sid, received)
    assert result is not None and result.kind is ScanKind.ITEM and result.tag is Tag.UNKNOWN
    assert result.layout_guess is not None and result.layout_guess.barcode == code


def test_a_plain_unknown_gets_no_guess(world: World) -> None:
    sid = start(world)
    for raw in ("NOPE-1", "Qààà-nothing", "ZZZ999"):
        result = world.services.sessions.scan(world.ana, sid, raw)
        assert result is not None and result.tag is Tag.UNKNOWN
        assert result.layout_guess is None, raw
