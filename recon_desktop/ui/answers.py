"""What the last-scan panel says after an action: what changed, old → new.

Pure functions from an action's outcome (``action_dialog.ActionOutcome``) to an
``Answer`` the panel paints; a split's answer carries the new item, whose barcode is shown
large to be copied or printed on a label.
"""

from __future__ import annotations

from dataclasses import dataclass

from recon_desktop.core.records import ItemInfo
from recon_desktop.ui import formatting
from recon_desktop.ui.action_dialog import ActionOutcome, ItemChange, changed_fields, plural

TITLES = {"move": "Moved", "split": "Split", "set": "Changed", "archive": "Archived"}
VERBS = {"move": "moved", "split": "split", "set": "changed", "archive": "archived"}


@dataclass(frozen=True)
class Answer:
    """One action's answer in the last-scan panel."""

    title: str
    ingredient: str = ""
    detail: str = ""
    note: str = ""
    new_item: ItemInfo | None = None  # a split's: its barcode shown large, with its label


def change_text(change: ItemChange) -> str:
    """ "Location: Shelf 1/Box 2 → Shelf 2/Box 1 · Quantity: 77.2 mL → 50 mL" """
    parts = []
    for name, old, new in changed_fields(change):
        if name == "Location":
            old, new = formatting.short_paths(old, new)
        parts.append(f"{name}: {old} → {new}")
    return " · ".join(parts)


def answer_for(outcome: ActionOutcome) -> Answer | None:
    """The panel's answer to an action; None when nothing changed and nothing failed."""
    changes = outcome.changes
    refused = len(outcome.failures)
    if not changes and not refused:
        return None
    verb = VERBS.get(outcome.action, "changed")
    note = ""
    if refused:
        note = (
            f"{refused} {plural(refused, 'item was', 'items were')} not {verb}: "
            + "; ".join(outcome.failures[:3])
            + (" …" if refused > 3 else "")
        )
    if not changes:
        return Answer(f"Nothing {verb}", note=note)
    if len(changes) == 1:
        change = changes[0]
        item = change.after
        if change.new_item is not None:
            new = change.new_item
            split_off = formatting.quantity_with_unit(new.quantity, new.unit)
            return Answer(
                "Split — label the new item",
                ingredient=new.ingredient,
                detail=(
                    f"{split_off} split off {item.barcode} ({change_text(change)}), "
                    f"at {new.location}"
                ),
                note=note,
                new_item=new,
            )
        title = TITLES.get(outcome.action, "Changed")
        fields = changed_fields(change)
        if outcome.action == "set" and fields:
            title = f"{fields[0][0]} set"
        return Answer(
            title,
            ingredient=item.ingredient,
            detail=f"{item.barcode} · {change_text(change)}",
            note=note,
        )
    count = len(changes)
    first = changes[0].after
    if outcome.action == "move" and all(c.after.location == first.location for c in changes):
        where = f"to {first.location}"
    elif outcome.action == "archive":
        where = "their history records the reason"
    else:
        where = ""
    codes = ", ".join(c.after.barcode for c in changes[:4]) + (" …" if count > 4 else "")
    title = f"{TITLES.get(outcome.action, 'Changed')} {count} {plural(count, 'item')}"
    return Answer(title, detail=" · ".join(p for p in (codes, where) if p), note=note)
