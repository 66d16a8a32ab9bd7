"""Labs, who belongs to them in which role, and their listing configs."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime

from recon_desktop.core.filters import Filter
from recon_desktop.core.records import LabInfo, Role
from recon_desktop.store.models import Lab, ListingConfig, Membership

# a listing config as kept: (id, lab id, name, column keys, filters)
ConfigRow = tuple[int, int, str, list[str], list[Filter]]


def lab_by_id(lab_id: int) -> LabInfo | None:
    lab = Lab.get_or_none(Lab.id == lab_id)
    return LabInfo(lab.id, lab.name) if lab else None


def lab_by_name(name: str) -> LabInfo | None:
    lab = Lab.get_or_none(Lab.name == name)
    return LabInfo(lab.id, lab.name) if lab else None


def create_lab(name: str, at: datetime) -> LabInfo:
    lab = Lab.create(name=name, created_at=at)
    return LabInfo(lab.id, lab.name)


def labs() -> list[LabInfo]:
    return [LabInfo(i, n) for i, n in Lab.select(Lab.id, Lab.name).order_by(Lab.name).tuples()]


def any_lab() -> bool:
    return bool(Lab.select().exists())


def labs_of(user_id: int) -> list[tuple[LabInfo, Role]]:
    rows = (
        Membership.select(Lab.id, Lab.name, Membership.role)
        .join(Lab)
        .where(Membership.user == user_id)
        .order_by(Lab.name)
        .tuples()
    )
    return [(LabInfo(i, n), Role(r)) for i, n, r in rows]


def role(user_id: int, lab_id: int) -> Role | None:
    row = Membership.get_or_none((Membership.user == user_id) & (Membership.lab == lab_id))
    return Role(row.role) if row else None


def set_role(user_id: int, lab_id: int, role: Role) -> None:
    """The user's role in the lab, given or changed."""
    Membership.insert(user=user_id, lab=lab_id, role=role.value).on_conflict(
        conflict_target=[Membership.user, Membership.lab],
        update={Membership.role: role.value},
    ).execute()


# ---------------------------------------------------------------- listing configs


def config_exists(lab_id: int, name: str) -> bool:
    return bool(
        ListingConfig.select()
        .where((ListingConfig.lab == lab_id) & (ListingConfig.name == name))
        .exists()
    )


def create_config(
    *,
    name: str,
    lab_id: int,
    columns: Sequence[str],
    filters: Sequence[Sequence[str]],
    created_by: int | None,
    at: datetime,
) -> int:
    config = ListingConfig.create(
        name=name,
        lab=lab_id,
        columns=json.dumps(list(columns)),
        filters=json.dumps([list(f) for f in filters]),
        created_by=created_by,
        created_at=at,
    )
    return int(config.id)


def configs(lab_id: int) -> list[tuple[int, str]]:
    return list(
        ListingConfig.select(ListingConfig.id, ListingConfig.name)
        .where(ListingConfig.lab == lab_id)
        .order_by(ListingConfig.name)
        .tuples()
    )


def config(lab_id: int, name_or_id: str | int) -> ConfigRow | None:
    """A listing config by id, or by name within the lab."""
    if isinstance(name_or_id, int):
        row = ListingConfig.get_or_none(ListingConfig.id == name_or_id)
    else:
        row = ListingConfig.get_or_none(
            (ListingConfig.lab == lab_id) & (ListingConfig.name == name_or_id)
        )
    if row is None:
        return None
    filters = [Filter(*f) for f in json.loads(row.filters)]
    return row.id, row.lab_id, row.name, json.loads(row.columns), filters
