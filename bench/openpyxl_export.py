"""The baseline of `export --format xlsx`: the same plan, rows and layout, written with openpyxl
(the writer the export used before xlsxwriter), so that the two are timed in the same round.

Usage: python bench/openpyxl_export.py DATA_DIR OUT.xlsx AS_OF

The plan is read as the export reads it (from ecotask's cache when warm); only the writer
differs. Rows go in with openpyxl's own append, not the export's old append_row, whose scan of
the sheet for every row made it quadratic: the baseline is openpyxl written well.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ecotask.export import step_sheet, task_sheet
from ecotask.load import open_plan
from ecotask.progress import step_statuses
from ecotask.render.spreadsheet import cell_value
from ecotask.render.xlsx import fitted


def main(data: Path, out: Path, as_of: date) -> None:
    plan = open_plan(data)
    rows = step_statuses(plan, as_of)
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    book.properties.title = plan.tasks_file.plan.title
    aligned = {wrap: Alignment(vertical="top", wrap_text=wrap) for wrap in (False, True)}
    for table in (task_sheet(plan, rows), step_sheet(rows)):
        layout = fitted(table.name, table.headers, table.rows)
        ws = book.create_sheet(table.name)
        ws.append(list(table.headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            ws.append([cell_value(v) for v in row])
        for column, (width, wrap) in enumerate(zip(layout.widths, layout.wrapped, strict=True), 1):
            ws.column_dimensions[get_column_letter(column)].width = width
            for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
                cell.alignment = aligned[wrap]
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = "1:1"
    book.save(out)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3]))
