"""Inventory import from .xlsx or .csv: map columns, validate every row, then all or nothing.

``plan`` reads and checks the whole file and writes nothing; ``apply`` writes it in one
transaction (new items, changed fields, locations from paths, history with the file name
and its SHA-256) or nothing at all.

The file is read by ``recon_desktop.readers`` (hostile files get a sentence, never a
crash or a hang) and its rows converted and checked by ``core.import_rows``; every SQL
statement, the threaded insert pipeline included, is in ``store.bulk``. Speed figures:
``benchmarks/bench_excel.py`` and the README.
"""

from __future__ import annotations

import logging
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recon_desktop.core.barcodes import Gs1Reading, item_key
from recon_desktop.core.import_rows import (
    ImportProblem,
    Row,
    StoredItem,
    auto_mapping,
    changes,
    check_mapping,
    history_field,
    parse_rows,
    shown,
)
from recon_desktop.core.numbers import NumberMarks
from recon_desktop.core.records import HistoryKind, Operator, Role
from recon_desktop.core.text import Text, plural, translate
from recon_desktop.errors import (
    NotFoundError,
    ValidationError,
)
from recon_desktop.readers import DELIMITER_NAMES, open_table, sha256_of
from recon_desktop.services.admin import AdminService
from recon_desktop.services.safe_write import CancelledError
from recon_desktop.store import bulk, events, labs
from recon_desktop.store.db import DB_ERRORS, Database, db_now, transaction

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

MAX_PROBLEMS = 10_000  # problems listed; one more line says how many were left out
ANALYZE_AFTER = 1_000  # new items after which PostgreSQL's statistics are refreshed

_BARCODE = operator.attrgetter("barcode")
_INGREDIENT = operator.attrgetter("ingredient")
_INGREDIENT_TYPE = operator.attrgetter("ingredient_type")
_LOCATION = operator.attrgetter("location")


@dataclass
class ImportPlan:
    path: Path
    sha256: str
    delimiter: str | None
    encoding: str | None
    headers: list[str]
    mapping: dict[str, str]  # field -> header
    rows: int
    new: int
    updated: int
    unchanged: int
    problems: list[ImportProblem]
    lab_id: int = 0
    lab: str = ""
    changes: int = 0  # changed fields over all updated items
    marks: NumberMarks | None = None  # how the file writes numbers as text (None: unknown)
    _parsed: list[Row] = field(default_factory=list, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def delimiter_name(self) -> str:
        if self.delimiter is None:
            return ""
        return DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))

    def summary(self) -> str:
        """One line for a person: what the import does (or why it cannot)."""
        file: str = self.path.name
        if self.delimiter:
            file = translate("ImportService", "{file} ({delimiter}-separated)").format(
                file=file, delimiter=self.delimiter_name
            )
        rows = _rows(self.rows)
        if not self.ok:
            return translate(
                "ImportService", "{file}: {problems} in {rows}; nothing was imported."
            ).format(file=file, problems=_problems(len(self.problems)), rows=rows)
        changes = plural(
            self.changes,
            translate("ImportService", "{count} field change"),
            translate("ImportService", "{count} field changes"),
        )
        return translate(
            "ImportService",
            "{file}: {rows}: {new} new, {updated} updated ({changes}), {unchanged} unchanged.",
        ).format(
            file=file,
            rows=rows,
            new=self.new,
            updated=self.updated,
            changes=changes,
            unchanged=self.unchanged,
        )


def _rows(count: int) -> Text:
    return plural(
        count, translate("ImportService", "{count} row"), translate("ImportService", "{count} rows")
    )


def _problems(count: int) -> Text:
    return plural(
        count,
        translate("ImportService", "{count} problem"),
        translate("ImportService", "{count} problems"),
    )


# ---------------------------------------------------------------- the service


class ImportService:
    def __init__(self, db: Database, admin: AdminService) -> None:
        self.db = db
        self.admin = admin

    # ------------------------------------------------------------ headers
    def read_headers(
        self, path: str | Path, *, encoding: str | None = None
    ) -> tuple[list[str], str | None]:
        """The header row and the detected CSV delimiter (None for .xlsx)."""
        table = open_table(Path(path), encoding)
        return table.headers, table.delimiter

    def auto_mapping(self, headers: Sequence[str]) -> dict[str, str]:
        """field → header for every header whose name matches a field (or an alias)."""
        return auto_mapping(headers)

    # ------------------------------------------------------------ plan
    def plan(
        self,
        path: str | Path,
        lab: str | int,
        *,
        mapping: dict[str, str] | None = None,
        encoding: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        marks: NumberMarks | None = None,
    ) -> ImportPlan:
        """Parse and validate the whole file against the database; writes nothing.
        ``marks``: the decimal mark and thousands separator of numbers written as text
        (the locale the file was written in; without them "1,000" and "1.000" are refused
        as two possible numbers)."""
        with bulk.collector_paused():
            plan = self._plan(Path(path), lab, mapping, encoding, progress, cancelled, marks)
        plan.marks = marks
        return plan

    def _plan(
        self,
        path: Path,
        lab: str | int,
        mapping: dict[str, str] | None,
        encoding: str | None,
        progress: Progress | None,
        cancelled: Cancelled | None,
        marks: NumberMarks | None = None,
    ) -> ImportPlan:
        lab_info = self.admin.lab(lab)
        digest = sha256_of(path) if path.is_file() else ""
        table = open_table(path, encoding)
        mapping = dict(mapping) if mapping is not None else self.auto_mapping(table.headers)
        check_mapping(mapping, table.headers, path.name)
        index = {f: table.headers.index(h) for f, h in mapping.items() if h}
        plan = ImportPlan(
            path=path,
            sha256=digest,
            delimiter=table.delimiter,
            encoding=table.encoding,
            headers=table.headers,
            mapping=mapping,
            rows=0,
            new=0,
            updated=0,
            unchanged=0,
            problems=[],
            lab_id=lab_info.id,
            lab=lab_info.name,
        )

        def before_block() -> None:
            if cancelled is not None and cancelled():
                raise CancelledError(
                    translate("ImportService", "The import was cancelled; nothing was imported.")
                )

        def after_block(count: int) -> None:
            if progress is not None:
                progress(count, 0)

        parsed, numeric, plan.rows = parse_rows(
            table.rows,
            index,
            mapping,
            plan.problems,
            file_name=path.name,
            numeric_cells=table.numeric_cells,
            formula_cells=table.formula_cells,
            before_block=before_block,
            after_block=after_block,
            marks=marks,
        )
        if plan.rows == 0:
            raise ValidationError(
                translate("ImportService", "{name} has a header row but no rows to import.").format(
                    name=path.name
                )
            )
        self._check_numeric_barcodes(parsed, numeric, plan, mapping)
        self._check_same_codes(parsed, plan, mapping)
        self._check_ingredient_types(parsed, plan, mapping)
        self._compare(parsed, plan)
        if len(plan.problems) > MAX_PROBLEMS:
            left = len(plan.problems) - MAX_PROBLEMS
            plan.problems = plan.problems[:MAX_PROBLEMS]
            plan.problems.append(
                ImportProblem(
                    0,
                    "",
                    translate("ImportService", "… and {count} more problems").format(count=left),
                )
            )
        plan._parsed = parsed
        return plan

    def _check_numeric_barcodes(
        self, parsed: list[Row], numeric: set[int], plan: ImportPlan, mapping: dict[str, str]
    ) -> None:
        """A barcode that arrived as a number may have lost leading zeros: refuse it when the
        lab already has that barcode with zeros in front, or when the file's other numeric-
        looking barcodes are longer (they kept their zeros as text)."""
        if not numeric:
            return
        digit_lengths = Counter(
            len(r.barcode) for r in parsed if r.barcode.isdigit() and r.row not in numeric
        )
        typical = digit_lengths.most_common(1)[0][0] if digit_lengths else 0
        # every barcode in the database that starts with a zero, by its digits without them
        # (one query however many rows arrived as numbers)
        padded: dict[str, str] = {}
        for barcode in bulk.barcodes_with_leading_zeros(self.db):
            if barcode.isdigit():
                padded.setdefault(barcode.lstrip("0"), barcode)
        bad: set[int] = set()
        for row in parsed:
            if row.row not in numeric:
                continue
            zeros = [padded[row.barcode]] if row.barcode in padded else []
            if zeros:
                reason = translate(
                    "ImportService",
                    "the barcode arrived as the number {barcode}, and item {item} exists: the "
                    "leading zeros were lost. Format the column as Text",
                ).format(barcode=row.barcode, item=zeros[0])
            elif typical and len(row.barcode) < typical:
                reason = translate(
                    "ImportService",
                    "the barcode arrived as the number {barcode}, shorter than the file's "
                    "other {digits}-digit barcodes: leading zeros were probably lost. Format "
                    "the column as Text",
                ).format(barcode=row.barcode, digits=typical)
            else:
                continue
            plan.problems.append(ImportProblem(row.row, mapping["barcode"], reason))
            bad.add(row.row)
        if bad:
            parsed[:] = [r for r in parsed if r.row not in bad]

    def _check_same_codes(
        self, parsed: list[Row], plan: ImportPlan, mapping: dict[str, str]
    ) -> None:
        """Two rows with one GS1 code written two ways (``(01)…(21)…`` and ``01…21…``) are
        one item: the second is refused, naming the first."""
        first: dict[str, Row] = {}
        bad: set[int] = set()
        for row, reading in self._readings(parsed):
            earlier = first.setdefault(reading.key, row)
            if earlier is not row:
                plan.problems.append(
                    ImportProblem(
                        row.row,
                        mapping["barcode"],
                        translate(
                            "ImportService",
                            "the barcode {barcode} is the same code as {other} on row {row} "
                            "({shown}), written another way",
                        ).format(
                            barcode=row.barcode,
                            other=earlier.barcode,
                            row=str(earlier.row),
                            shown=reading.shown,
                        ),
                    )
                )
                bad.add(row.row)
        if bad:
            parsed[:] = [r for r in parsed if r.row not in bad]

    @staticmethod
    def _readings(parsed: list[Row]) -> list[tuple[Row, Gs1Reading]]:
        """The rows whose barcode is a GS1 code or a GTIN, with its canonical key."""
        return [
            (row, reading)
            for row, reading in zip(parsed, map(item_key, map(_BARCODE, parsed)), strict=True)
            if reading is not None
        ]

    def _existing(
        self, parsed: list[Row], mapping: dict[str, str]
    ) -> tuple[dict[str, StoredItem], list[ImportProblem]]:
        """The items the rows are, by the rows' barcodes: an item with the barcode as
        written, else the one item whose barcode is the same GS1 code written another
        way (its canonical key). A code that several items have is a problem."""
        existing = bulk.existing_items(self.db, list(map(_BARCODE, parsed)))
        others = [(r, k) for r, k in self._readings(parsed) if r.barcode not in existing]
        problems: list[ImportProblem] = []
        if not others:
            return existing, problems
        by_key = bulk.existing_items_by_key(self.db, [k.key for _, k in others])
        for row, reading in others:
            items = by_key.get(reading.key, [])
            if len(items) == 1:
                existing[row.barcode] = items[0][1]
            elif items:
                problems.append(
                    ImportProblem(
                        row.row,
                        mapping["barcode"],
                        translate(
                            "ImportService",
                            "the barcode {barcode} is the code of {count} items ({barcodes}); "
                            "import it under one of their barcodes",
                        ).format(
                            barcode=row.barcode,
                            count=len(items),
                            barcodes=", ".join(barcode for barcode, _ in items),
                        ),
                    )
                )
        return existing, problems

    def _check_ingredient_types(
        self, parsed: list[Row], plan: ImportPlan, mapping: dict[str, str]
    ) -> None:
        """An ingredient has one type: a row giving it another (than the database, or an
        earlier row of the file) is refused rather than having its type dropped."""
        if "ingredient_type" not in mapping:
            return
        pairs = {
            (name, kind)
            for name, kind in zip(
                map(_INGREDIENT, parsed), map(_INGREDIENT_TYPE, parsed), strict=True
            )
            if kind
        }  # the few distinct (ingredient, type) pairs of the file
        names = sorted({name for name, _ in pairs})
        known = {  # name -> (type, where it comes from)
            name: (kind, translate("ImportService", "in the database"))
            for name, kind in bulk.ingredient_types(self.db, names).items()
        }
        if len(names) == len(pairs) and all(
            known.get(name, (kind,))[0] == kind for name, kind in pairs
        ):
            return  # one type per ingredient, and the database's where it has one
        bad: set[int] = set()
        for row in parsed:
            if not row.ingredient_type:
                continue
            first = known.setdefault(
                row.ingredient,
                (
                    row.ingredient_type,
                    translate("ImportService", "on row {row}").format(row=str(row.row)),
                ),
            )
            if first[0] != row.ingredient_type:
                plan.problems.append(
                    ImportProblem(
                        row.row,
                        mapping["ingredient_type"],
                        translate(
                            "ImportService",
                            "{ingredient} is of type {known!r} {where}; this row says {given!r} "
                            "(an ingredient has one type)",
                        ).format(
                            ingredient=row.ingredient,
                            known=first[0],
                            where=first[1],
                            given=row.ingredient_type,
                        ),
                    )
                )
                bad.add(row.row)
        if bad:
            parsed[:] = [r for r in parsed if r.row not in bad]

    def _compare(self, parsed: list[Row], plan: ImportPlan) -> None:
        existing, problems = self._existing(parsed, plan.mapping)
        if problems:
            plan.problems.extend(problems)
            bad = {p.row for p in problems}
            parsed[:] = [r for r in parsed if r.row not in bad]
        known = [row for row in parsed if row.barcode in existing] if existing else []
        plan.new, plan.updated, plan.unchanged, plan.changes = len(parsed) - len(known), 0, 0, 0
        for row in known:
            found = existing[row.barcode]
            if found.lab_id != plan.lab_id:
                plan.problems.append(
                    ImportProblem(
                        row.row,
                        plan.mapping["barcode"],
                        translate(
                            "ImportService",
                            "the barcode {barcode} belongs to an item of lab {lab}, not {chosen}",
                        ).format(barcode=row.barcode, lab=found.lab, chosen=plan.lab),
                    )
                )
                continue
            changed = changes(row, found)
            if changed:
                plan.updated += 1
                plan.changes += len(changed)
            else:
                plan.unchanged += 1

    # ------------------------------------------------------------ apply
    def check_admin(self, operator: Operator, lab: str | int) -> None:
        """Only an admin of the lab imports into it (PermissionDeniedError otherwise)."""
        info = self.admin.lab(lab)
        self.admin.auth.require_role(
            operator, info.id, Role.ADMIN, doing=translate("Doing", "import inventory")
        )

    def apply(
        self,
        plan: ImportPlan,
        *,
        operator: Operator,
        progress: Progress | None = None,
    ) -> ImportPlan:
        """Import a checked plan: all of it in one transaction, or nothing; by an admin of
        the lab, recorded with the file's name and SHA-256.

        The file is read again if the plan holds no rows; its SHA-256 must still match, and
        every row is compared with the database again inside the transaction.
        """
        if not plan.ok:
            raise ValidationError(
                translate(
                    "ImportService", "{name} has {problems}; nothing was imported. First: {first}."
                ).format(
                    name=plan.path.name,
                    problems=_problems(len(plan.problems)),
                    first=plan.problems[0].sentence,
                )
            )
        self.admin.auth.require_role(
            operator, plan.lab_id, Role.ADMIN, doing=translate("Doing", "import inventory")
        )
        digest = sha256_of(plan.path) if plan.path.is_file() else ""
        if digest != plan.sha256:
            raise ValidationError(
                translate(
                    "ImportService",
                    "{name} changed since it was checked; check it again, then import.",
                ).format(name=plan.path.name)
            )
        parsed = plan._parsed
        if not parsed:
            fresh = self.plan(
                plan.path,
                plan.lab_id,
                mapping=plan.mapping,
                encoding=plan.encoding,
                marks=plan.marks,
            )
            if not fresh.ok:
                raise ValidationError(
                    translate(
                        "ImportService",
                        "{name} has {problems}; nothing was imported. First: {first}.",
                    ).format(
                        name=plan.path.name,
                        problems=_problems(len(fresh.problems)),
                        first=fresh.problems[0].sentence,
                    )
                )
            parsed = fresh._parsed
        source = f"{plan.path.name} sha256:{plan.sha256}"
        with bulk.collector_paused(), transaction(self.db):
            self._write(plan, parsed, source, operator, progress)
            events.record(
                at=db_now(self.db),
                kind="inventory-imported",
                user_id=operator.user_id,
                user_name=operator.name,
                station=operator.station,
                detail=(
                    f"{source} into {plan.lab}: {plan.new:,} new, {plan.updated:,} updated "
                    f"({plan.changes:,} field changes), {plan.unchanged:,} unchanged"
                ),
            )
        if plan.new >= ANALYZE_AFTER:
            try:
                bulk.refresh_item_statistics(self.db)
            except DB_ERRORS as exc:  # the import is in: autovacuum will do it later
                log.warning("ANALYZE after an import failed: %s", exc)
        return plan

    def _write(
        self,
        plan: ImportPlan,
        parsed: list[Row],
        source: str,
        who: Operator,
        progress: Progress | None,
    ) -> ImportPlan:
        db = self.db
        station, user_id = who.station, who.user_id
        if labs.lab_by_id(plan.lab_id) is None:
            raise NotFoundError(
                translate("ImportService", "There is no lab {lab!r}.").format(lab=plan.lab)
            )
        existing, problems = self._existing(parsed, plan.mapping)
        known = [row for row in parsed if row.barcode in existing] if existing else []
        problems += [
            ImportProblem(
                row.row,
                plan.mapping["barcode"],
                translate("ImportService", "the barcode {barcode} belongs to lab {lab}").format(
                    barcode=row.barcode, lab=existing[row.barcode].lab
                ),
            )
            for row in known
            if existing[row.barcode].lab_id != plan.lab_id
        ]
        if problems:
            raise ValidationError(
                translate(
                    "ImportService",
                    "{name} no longer fits the database ({problems}); nothing was imported. "
                    "Check it again.",
                ).format(name=plan.path.name, problems=problems[0].sentence)
            )
        locations = {
            path: self.admin.ensure_location(who, path).id
            for path in sorted(set(map(_LOCATION, parsed)))
        }
        # the file's type of each ingredient (the plan checked that rows agree)
        types = {
            name: kind
            for name, kind in set(
                zip(map(_INGREDIENT, parsed), map(_INGREDIENT_TYPE, parsed), strict=True)
            )
            if kind
        }
        ingredients = {
            name: self.admin.ensure_ingredient(who, name, types.get(name))
            for name in dict.fromkeys(map(_INGREDIENT, parsed))
        }
        now = db_now(db)  # the server's clock on PostgreSQL, as for every record
        updates: list[bulk.ItemUpdate] = []
        events: list[tuple[Any, ...]] = []  # in HISTORY_CHAIN.columns order
        new_rows = [row for row in parsed if row.barcode not in existing] if existing else parsed
        plan.new = plan.updated = plan.unchanged = plan.changes = 0
        for row in known:
            found = existing[row.barcode]
            changed = changes(row, found)
            if not changed:
                plan.unchanged += 1
                continue
            plan.updated += 1
            plan.changes += len(changed)
            item_id = found.id
            target = found._replace(**{k: new for k, (_, new) in changed.items()})
            updates.append(
                bulk.ItemUpdate(
                    ingredients.get(target.ingredient)
                    or self.admin.ensure_ingredient(who, target.ingredient),
                    locations.get(target.location)
                    or self.admin.ensure_location(who, target.location).id,
                    target.quantity,
                    target.unit,
                    target.status,
                    target.lot,
                    target.expires_on,
                    item_id,
                    found.version,
                )
            )
            for name, (old, new) in changed.items():
                events.append(
                    (
                        item_id,
                        HistoryKind.IMPORTED.value,
                        history_field(name),
                        shown(old),
                        shown(new),
                        f"row {row.row}",
                        user_id,
                        station,
                        None,
                        None,
                        source,
                        None,
                        now,
                        None,  # state: a change carries its one field
                    )
                )
        if not bulk.update_items(db, updates):
            raise ValidationError(
                translate(
                    "ImportService",
                    "Items in {name} were changed by someone else during the import; nothing "
                    "was imported. Check the file again.",
                ).format(name=plan.path.name)
            )
        plan.new = len(new_rows)
        total = len(parsed)

        def done(rows: int) -> None:
            if progress is not None:
                progress(min(rows, total), total)

        bulk.insert_new_items(
            db,
            new_rows,
            events,
            ingredients=ingredients,
            locations=locations,
            lab_id=plan.lab_id,
            lab=plan.lab,
            now=now,
            user_id=user_id,
            station=station,
            source=source,
            progress=done,
        )
        if progress is not None:
            progress(total, total)
        return plan
