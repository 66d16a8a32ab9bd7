"""What the last-scan panel says after an action: what changed, old → new.

Pure functions from an action's outcome (``action_dialog.ActionOutcome``) to an
``Answer`` the panel paints; a split's answer carries the new item, whose barcode is shown
large to be copied or printed on a label.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from recon_desktop.core.records import ItemInfo
from recon_desktop.ui import formatting
from recon_desktop.ui.action_dialog import ActionOutcome, ItemChange, changed_fields, field_name

translate = QCoreApplication.translate


@dataclass(frozen=True)
class Answer:
    """One action's answer in the last-scan panel."""

    title: str
    ingredient: str = ""
    detail: str = ""
    note: str = ""
    new_item: ItemInfo | None = None  # a split's: its barcode shown large, with its label
    look: str = "changed"  # the panel's look: "changed", or "error" when nothing changed
    icon: str = "check"  # "location" for a move


def change_text(change: ItemChange) -> str:
    """ "Location: Shelf 1/Box 2 → Shelf 2/Box 1 · Quantity: 77.2 mL → 50 mL" """
    parts = []
    for name, old, new in changed_fields(change):
        if name == "Location":
            old, new = formatting.short_paths(old, new)
        parts.append(
            translate("Answers", "{field}: {old} → {new}").format(
                field=field_name(name), old=old, new=new
            )
        )
    return " · ".join(parts)


def _title(action: str) -> str:
    """The title of one item's answer."""
    if action == "move":
        return translate("Answers", "Moved")
    if action == "split":
        return translate("Answers", "Split")
    if action == "archive":
        return translate("Answers", "Archived")
    return translate("Answers", "Changed")


def _nothing(action: str) -> str:
    if action == "move":
        return translate("Answers", "Nothing moved")
    if action == "split":
        return translate("Answers", "Nothing split")
    if action == "archive":
        return translate("Answers", "Nothing archived")
    return translate("Answers", "Nothing changed")


def _many(action: str, count: int) -> str:
    """The title of several items' answer (``count`` is two or more)."""
    number = formatting.number(count)
    if action == "move":
        return translate("Answers", "Moved {count} items").format(count=number)
    if action == "split":
        return translate("Answers", "Split {count} items").format(count=number)
    if action == "archive":
        return translate("Answers", "Archived {count} items").format(count=number)
    return translate("Answers", "Changed {count} items").format(count=number)


def _refused(action: str, count: int) -> str:
    """The start of the note on the items refused."""
    number = formatting.number(count)
    if count == 1:
        if action == "move":
            return translate("Answers", "{count} item was not moved:").format(count=number)
        if action == "split":
            return translate("Answers", "{count} item was not split:").format(count=number)
        if action == "archive":
            return translate("Answers", "{count} item was not archived:").format(count=number)
        return translate("Answers", "{count} item was not changed:").format(count=number)
    if action == "move":
        return translate("Answers", "{count} items were not moved:").format(count=number)
    if action == "split":
        return translate("Answers", "{count} items were not split:").format(count=number)
    if action == "archive":
        return translate("Answers", "{count} items were not archived:").format(count=number)
    return translate("Answers", "{count} items were not changed:").format(count=number)


def answer_for(outcome: ActionOutcome) -> Answer | None:
    """The panel's answer to an action; None when nothing changed and nothing failed."""
    changes = outcome.changes
    refused = len(outcome.failures)
    if not changes and not refused:
        return None
    action = outcome.action
    icon = "location" if action == "move" else "check"
    note = ""
    if refused:
        note = (
            f"{_refused(action, refused)} "
            + "; ".join(outcome.failures[:3])
            + (" …" if refused > 3 else "")
        )
    if not changes:
        return Answer(_nothing(action), note=note, look="error")
    if len(changes) == 1:
        change = changes[0]
        item = change.after
        if change.new_item is not None:
            new = change.new_item
            split_off = formatting.quantity_with_unit(new.quantity, new.unit)
            return Answer(
                translate("Answers", "Split — label the new item"),
                ingredient=new.ingredient,
                detail=translate(
                    "Answers", "{quantity} split off {barcode} ({changes}), at {location}"
                ).format(
                    quantity=split_off,
                    barcode=item.barcode,
                    changes=change_text(change),
                    location=new.location,
                ),
                note=note,
                new_item=new,
            )
        title = _title(action)
        fields = changed_fields(change)
        if action == "set" and fields:
            title = translate("Answers", "{field} set").format(field=field_name(fields[0][0]))
        return Answer(
            title,
            ingredient=item.ingredient,
            detail=f"{item.barcode} · {change_text(change)}",
            note=note,
            icon=icon,
        )
    count = len(changes)
    first = changes[0].after
    if action == "move" and all(c.after.location == first.location for c in changes):
        where = translate("Answers", "to {location}").format(location=first.location)
    elif action == "archive":
        where = translate("Answers", "their history records the reason")
    else:
        where = ""
    codes = ", ".join(c.after.barcode for c in changes[:4]) + (" …" if count > 4 else "")
    return Answer(
        _many(action, count),
        detail=" · ".join(p for p in (codes, where) if p),
        note=note,
        icon=icon,
    )
