"""``audit verify``: everything the database can be checked against, first problem named.

1. The hash chains (scans, inventory history, audit events) are whole: no record changed,
   inserted or removed, the heads where the records end.
2. The database's own protection is in place: the append-only triggers (SQLite and
   PostgreSQL), and on a server the workstations' role may only insert and read them.
3. Every sealed record (lab, user and PIN hash, role, location, ingredient, listing
   config, session with its expected set and the items kept at its end) is as its last
   seal says, and none was added or removed outside the application.
4. Every item's current values are what its history gives when replayed.
5. The anchors kept in the database, and any given from outside (a session report, the
   anchor file), still match: the records they sealed are there, unaltered.

The chains can be recomputed by anyone who can write the file; only 5, with an anchor
kept elsewhere, shows a rewrite. RELIABILITY.md says what this proves and what it cannot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from recon_desktop.core import item_state
from recon_desktop.core.wording import counted
from recon_desktop.store import anchors, audit, item_states, schema, seals

ITEM_BLOCK = 20_000  # items replayed at a time (flat memory on a million items)


@dataclass
class Report:
    ok: bool
    checked: int = 0
    problem: str = ""
    notes: list[str] = field(default_factory=list)


def verify(db: pw.Database, outside: Sequence[str] = (), *, source: str = "") -> Report:
    """Check the database, and the anchors given as texts from outside (``source`` names
    where they came from, for the sentences)."""
    chains = audit.verify(db)
    report = Report(ok=False, checked=chains.checked)
    if not chains.ok:
        report.problem = chains.problem
        return report
    for check in (schema.protection_problem, _seals_problem, _items_problem):
        problem = check(db, report)
        if problem:
            report.problem = problem
            return report
    database = schema.database_id(db)
    for text in anchors.kept(db):
        anchor = anchors.parse(text)
        if anchor is None:
            report.problem = "an anchor kept in the database is not readable (it was changed)"
            return report
        problem = anchors.check(db, anchor)
        if problem:
            report.problem = problem
            return report
    if outside:
        problem = _outside_problem(db, database, outside, source, report)
        if problem:
            report.problem = problem
            return report
    report.ok = True
    return report


def _outside_problem(
    db: pw.Database, database: str | None, texts: Sequence[str], source: str, report: Report
) -> str | None:
    parsed = [anchors.parse(text) for text in texts]
    readable = [a for a in parsed if a is not None]
    if not readable:
        return f"{source or 'the file'} holds no anchor this program can read"
    ours = [a for a in readable if a.database == database]
    if not ours:
        return (
            f"{source or 'the file'} holds no anchor of this database (its anchors name "
            f"another database id than {database}): another database was put in place, or "
            "the file belongs to another one"
        )
    for anchor in ours:
        problem = anchors.check(db, anchor, outside=True)
        if problem:
            return problem
    report.notes.append(
        f"{counted(len(ours), 'anchor')} from {source or 'outside'} "
        f"{'matches' if len(ours) == 1 else 'match'}; the newest is "
        f"{ours[-1].what}"
    )
    return None


# ---------------------------------------------------------------- seals


_SUBJECT_NAMES = {
    "lab": "lab #{0}",
    "user": "user #{0}",
    "role": "the role of user #{0} in lab #{1}",
    "location": "location #{0}",
    "ingredient": "ingredient #{0}",
    "config": "listing config #{0}",
    "session": "session #{0}",
    "anchor": "the anchor #{0} kept in the database",
}


def _subject(subject: str, state: dict[str, Any] | None) -> str:
    kind, key = seals.subject_key(subject)
    text = _SUBJECT_NAMES.get(kind, subject).format(*key)
    name = (state or {}).get("name") or (state or {}).get("path")
    return f"{text} ({name})" if name else text


def _shown(name: str, value: Any) -> str:
    if name == "pin":
        return "a PIN hash"
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _seals_problem(db: pw.Database, report: Report) -> str | None:
    sealed = seals.sealed_states(db)
    for kind in seals.KINDS:
        current = seals.current_states(db, kind)
        report.checked += len(current)
        for subject, state in current.items():
            seal = sealed.get(subject)
            if seal is None:
                return (
                    f"{_subject(subject, state)} was added outside the application (no "
                    "audit event made it)"
                )
            event_id, recorded = seal
            if recorded is None:
                return f"audit event #{event_id} holds values that cannot be read (changed)"
            state = seals.as_sealed(db, subject, state, recorded)
            for name in sorted(set(state) | set(recorded)):
                if state.get(name) != recorded.get(name):
                    if name == "pin":
                        what = "its PIN hash is not the one set by the application"
                    else:
                        what = (
                            f"its {name.replace('_', ' ')} is {_shown(name, state.get(name))}"
                            f", the audit trail (event #{event_id}) sealed "
                            f"{_shown(name, recorded.get(name))}"
                        )
                    return f"{_subject(subject, state)} was changed outside the application: {what}"
        for subject, (event_id, recorded) in sealed.items():
            if subject.startswith(f"{kind}:") and subject not in current:
                return (
                    f"{_subject(subject, recorded)} was removed outside the application "
                    f"(sealed by audit event #{event_id})"
                )
    return None


# ---------------------------------------------------------------- items


def _item_events(
    db: pw.Database, first: int, last: int
) -> Iterable[tuple[int, int, str, str | None, str | None, str | None]]:
    p = db.param
    return db.execute_sql(
        "SELECT item_id, id, kind, field, new_value, state FROM history_event "
        f"WHERE item_id BETWEEN {p} AND {p} AND (state IS NOT NULL OR field IS NOT NULL) "
        "ORDER BY item_id, id",
        (first, last),
    ).fetchall()


def _items_problem(db: pw.Database, report: Report) -> str | None:
    """Replay each item's history from its last recorded values and compare."""
    orphan = db.execute_sql(
        "SELECT h.id, h.item_id FROM history_event h WHERE NOT EXISTS "
        "(SELECT 1 FROM inventory_item i WHERE i.id = h.item_id) LIMIT 1"
    ).fetchone()
    if orphan is not None:
        return (
            f"inventory item #{orphan[1]} was removed outside the application (its history "
            f"event #{orphan[0]} remains)"
        )
    low, high = item_states.id_range(db)
    for first in range(low, high + 1, ITEM_BLOCK):
        last = min(high, first + ITEM_BLOCK - 1)
        history: dict[int, list[tuple[int, str, str | None, str | None, str | None]]] = {}
        for item_id, event_id, kind, name, new, state in _item_events(db, first, last):
            history.setdefault(int(item_id), []).append((int(event_id), kind, name, new, state))
        for item_id, current in item_states.states(db, first, last):
            report.checked += 1
            problem = _item_problem(item_id, current, history.get(item_id, []))
            if problem:
                return problem
    return None


def _item_problem(
    item_id: int,
    current: dict[str, Any],
    events: list[tuple[int, str, str | None, str | None, str | None]],
) -> str | None:
    where = f"inventory item #{item_id} ({current['barcode']})"
    start = max((i for i, e in enumerate(events) if e[4] is not None), default=None)
    if start is None:
        return (
            f"{where} has no history that records its values: it was added outside the application"
        )
    event_id, _, _, _, text = events[start]
    try:
        recorded = item_state.parse(str(text))
    except ValueError:
        return f"history event #{event_id} holds item values that cannot be read (changed)"
    replayed = item_state.replay(recorded, [(e[2], e[3]) for e in events[start + 1 :] if e[2]])
    differing = item_state.differences(replayed, current)
    if differing:
        name = differing[0]
        return (
            f"{where} was changed outside the application: its {name} is "
            f"{current[name]!r}, its history gives {replayed[name]!r}"
        )
    return None
