"""An .xlsx workbook's first sheet, read by python-calamine once ``guards`` allow it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from recon_desktop.core.import_cells import text_of
from recon_desktop.core.text import translate
from recon_desktop.errors import ValidationError
from recon_desktop.readers.guards import inspect
from recon_desktop.readers.table import Table


def read_xlsx(path: Path) -> Table:
    from python_calamine import CalamineWorkbook

    def load() -> Any:
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)

    formulas, loaded = inspect(path, load)
    try:
        sheet = loaded.result()
        start_row, _ = sheet.start or (0, 0)
        rows = sheet.iter_rows()
        header_cells = next(rows, None)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - calamine raises its own types for damaged files
        raise ValidationError(
            translate("Readers", "{name} cannot be read as a workbook ({exc}).").format(
                name=path.name, exc=exc
            )
        ) from None
    if header_cells is None or not any(text_of(c) for c in header_cells):
        raise ValidationError(
            translate("Readers", "The first sheet of {name} is empty.").format(name=path.name)
        )
    headers = [text_of(c) for c in header_cells]
    first_row = (start_row or 0) + 1  # the header's row number in the file

    # formula cells are keyed by the file's row number and absolute column index
    start_col = (sheet.start or (0, 0))[1] or 0
    shifted = {(r, c - start_col): ref for (r, c), ref in formulas.items()}
    # (row number in the file, cells): calamine gives each row as a new list
    return Table(headers, enumerate(rows, first_row + 1), None, None, True, shifted)
