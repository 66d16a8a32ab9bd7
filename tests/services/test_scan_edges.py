"""Scan edge cases: archived expected items, client ids reused across sessions."""

from __future__ import annotations

import pytest

from recon_desktop.errors import ValidationError
from tests.services.conftest import World


def test_an_expected_item_archived_during_the_session_is_in_scope_with_a_note(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Archived")
    item = s.inventory.item_by_barcode("A004")
    s.actions.archive(world.ana, item.id, reason="looked empty", session_id=info.id)
    result = s.sessions.scan(world.ana, info.id, "A004")
    assert result is not None and result.tag.value == "in_scope"
    assert result.archived and result.note == "This item is archived."


def test_a_client_id_from_another_session_is_refused(world: World) -> None:
    s = world.services
    first = s.sessions.start(world.ana, world.lab_id, world.config, "First")
    second = s.sessions.start(world.ben, world.lab_id, world.config, "Second")
    s.sessions.scan(world.ana, first.id, "A001", client_id="same-id")
    with pytest.raises(ValidationError, match="another session"):
        s.sessions.scan(world.ben, second.id, "A002", client_id="same-id")
    assert s.sessions.progress(second.id).expected_scanned == 0


def test_scan_log_has_the_unit_and_the_station_location_survives(world: World) -> None:
    s = world.services
    info = s.sessions.start(world.ana, world.lab_id, world.config, "Units")
    assert s.sessions.current_location(info.id, world.ana.station) is None
    s.sessions.scan(world.ana, info.id, world.freezer_b_code)
    s.sessions.scan(world.ana, info.id, "A001")
    entry = s.sessions.scan_log(info.id)[-1]
    assert entry.unit_seen == "mL" and entry.wrong_location
    location = s.sessions.current_location(info.id, world.ana.station)
    assert location is not None and location[1] == world.freezer_b
    assert s.sessions.current_location(info.id, "ANOTHER-STATION") is None


def test_an_ingredient_without_a_type_gets_the_first_type_given(world: World) -> None:
    s = world.services
    first = s.admin.ensure_ingredient(world.root, "Glycerol")
    again = s.admin.ensure_ingredient(world.root, "Glycerol", "reagent")
    later = s.admin.ensure_ingredient(world.root, "Glycerol", "other")
    assert first == again == later
    from recon_desktop.store.models import Ingredient

    assert Ingredient.get_by_id(first).type == "reagent"  # set once, never overwritten
