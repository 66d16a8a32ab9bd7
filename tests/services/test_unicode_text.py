"""Search, filters and sign-in read text in any case and Unicode form, in every script
(on SQLite and on PostgreSQL): "éthanol" finds "Éthanol", "ΑΙΘΑΝΌΛΗ" the Greek
"αιθανόλη", a decomposed "é" the composed one, and "ana" signs in Ana."""

from __future__ import annotations

import unicodedata

import pytest

from recon_desktop.core.filters import Filter
from recon_desktop.core.folding import fold
from recon_desktop.core.records import View
from recon_desktop.errors import AuthenticationError
from recon_desktop.store.models import InventoryItem
from tests.services.conftest import PINS, World, add_item

COMPOSED = "Éthanol absolu"
DECOMPOSED = unicodedata.normalize("NFD", "éthanol")  # "e" + U+0301
GREEK = "αιθανόλη"


def test_fold_is_one_key_for_case_and_form() -> None:
    assert fold("Éthanol") == fold("éthanol") == fold(unicodedata.normalize("NFD", "ÉTHANOL"))
    assert fold("ΑΙΘΑΝΌΛΗ") == fold(GREEK)
    assert fold("Ana") == fold("ana") == "ana"
    assert fold("STRASSE") == fold("Straße")
    assert fold("Éthanol") != fold("Ethanol")  # the accent is a letter of its own


@pytest.fixture
def scripts(world: World) -> World:
    """Items of three ingredients whose names need more than A–Z to be matched."""
    s = world.services
    location = InventoryItem.get(InventoryItem.barcode == "A000").location_id
    for n, (name, code) in enumerate(((COMPOSED, "FR"), (GREEK, "GR"), ("ΜΕΘΑΝΌΛΗ", "GM"))):
        ingredient = s.admin.ensure_ingredient(world.root, name, "solvent")
        for k in range(3):
            add_item(world.lab_id, f"{code}{n}{k}", location, ingredient)
    return world


def _matching(world: World, *filters: Filter) -> int:
    return world.services.admin.count_matching(world.lab_id, list(filters))


@pytest.mark.parametrize(
    ("needle", "count"),
    [
        ("éthanol", 3),
        ("ÉTHANOL ABSOLU", 3),
        (DECOMPOSED, 3),
        ("ΑΙΘΑΝΌΛΗ", 3),
        ("ΑΝΌΛΗ", 6),  # the Greek ethanol and methanol
        ("θανόλη", 6),
        ("ethanol", 15),  # Ethanol of the lab's own items, not the accented one
    ],
)
def test_contains_filter_in_any_case_and_form(scripts: World, needle: str, count: int) -> None:
    assert _matching(scripts, Filter("ingredient", "contains", needle)) == count


def test_equals_and_in_filters_in_any_case_and_form(scripts: World) -> None:
    assert _matching(scripts, Filter("ingredient", "=", "ÉTHANOL ABSOLU")) == 3
    assert _matching(scripts, Filter("ingredient", "=", unicodedata.normalize("NFD", GREEK))) == 3
    assert _matching(scripts, Filter("ingredient", "in", "ΑΙΘΑΝΌΛΗ, éthanol absolu")) == 6
    everything = _matching(scripts)
    assert _matching(scripts, Filter("ingredient", "!=", "ΑΙΘΑΝΌΛΗ")) == everything - 3
    assert _matching(scripts, Filter("location", "within", "building 1/room 101/FREEZER A")) > 0


def test_quick_filter_of_a_view_in_any_case_and_form(scripts: World) -> None:
    s = scripts.services
    sid = s.sessions.start(scripts.ana, scripts.lab_id, scripts.config, "Solvents").id
    for needle, codes in (
        ("éthanol", {"FR00", "FR01", "FR02"}),
        (DECOMPOSED.upper(), {"FR00", "FR01", "FR02"}),
        ("ΑΙΘΑΝΌΛΗ", {"GR10", "GR11", "GR12"}),
        ("fr0", {"FR00", "FR01", "FR02"}),
    ):
        page = s.sessions.view_page(sid, View.ALL_IN_LISTING, text=needle, limit=100)
        barcode_at = 0  # the first column of the default listing
        assert {row[barcode_at] for row in page.rows} == codes, needle
        assert s.sessions.view_count(sid, View.ALL_IN_LISTING, text=needle) == len(codes)


def test_sign_in_with_the_name_in_any_case_and_form(world: World) -> None:
    auth = world.services.auth
    assert auth.sign_in("ANA", PINS["ana"]).user_id == world.ana.user_id
    assert auth.sign_in(" Ben ", PINS["ben"]).user_id == world.ben.user_id
    world.services.admin.add_user(world.root, "Zoë", "121212", lab="Cell Biology")
    zoe = auth.sign_in(unicodedata.normalize("NFD", "ZOË"), "121212")
    assert zoe.name == "Zoë"
    with pytest.raises(AuthenticationError):
        auth.sign_in("ana", PINS["ben"])


def test_a_name_in_another_case_is_the_same_user(world: World) -> None:
    """Adding "ANA" gives Ana a role; it does not make a second user."""
    admin = world.services.admin
    user_id = admin.add_user(world.root, "ANA", "555555", lab="Chemistry", role="viewer")
    assert user_id == world.ana.user_id
