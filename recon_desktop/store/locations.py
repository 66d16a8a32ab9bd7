"""Locations: the tree of places, each with its path and barcode."""

from __future__ import annotations

from collections.abc import Sequence

from recon_desktop.core.records import LocationInfo
from recon_desktop.store.models import Location


def _info(loc: Location | None) -> LocationInfo | None:
    if loc is None:
        return None
    return LocationInfo(loc.id, loc.name, loc.path, loc.barcode, loc.parent_id)


def by_id(location_id: int) -> LocationInfo | None:
    return _info(Location.get_or_none(Location.id == location_id))


def by_path(path: str) -> LocationInfo | None:
    return _info(Location.get_or_none(Location.path == path))


def by_path_or_barcode(text: str) -> LocationInfo | None:
    return _info(Location.get_or_none((Location.path == text) | (Location.barcode == text)))


def by_barcodes(barcodes: Sequence[str]) -> LocationInfo | None:
    """The location whose barcode is one of these (the readings of one scan)."""
    return _info(Location.get_or_none(Location.barcode.in_(list(barcodes))))


def create(name: str, parent_id: int | None, path: str) -> int:
    return int(Location.create(name=name, parent=parent_id, path=path).id)


def set_barcode(location_id: int, barcode: str) -> None:
    Location.update(barcode=barcode).where(Location.id == location_id).execute()


def locations() -> list[LocationInfo]:
    query = (
        Location.select(
            Location.id, Location.name, Location.path, Location.barcode, Location.parent
        )
        .order_by(Location.path)
        .tuples()
    )
    return [LocationInfo(*row) for row in query]
