"""The monthly report as an Excel workbook: one sheet per section, Chinese headers in a frozen
first row, columns as wide as their text (CJK characters count double). Only `report --format
xlsx` imports this module, and with it openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..report import Ratio, Report
from . import display_width
from .report_tables import Cell, Table, cell_text, headline_rows, tables
from .spreadsheet import append_row

SHEETS = {
    "due": "本月到期",
    "overdue": "逾期未完成",
    "done": "本月已完成",
    "upcoming": "下月到期",
    "targets": "量化指标",
    "units": "单位排名",
    "leaders": "分管领导",
}
MAX_WIDTH = 60  # wider text wraps
HEADER_FILL = PatternFill("solid", fgColor="E8EDF4")
HEADER_FONT = Font(bold=True)
HEADER_BORDER = Border(bottom=Side(style="thin", color="8C959F"))
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"


def render(report: Report) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "概况"
    rows: list[list[Cell]] = [
        ["标题", report.heading],
        ["报告单位", report.issuer],
        ["月份", report.month_name],
        ["截至", report.as_of],
        *([label, value] for label, value in headline_rows(report)),
    ]
    _fill(summary, ["项目", "内容"], rows)
    for table in tables(report):
        _sheet(book.create_sheet(SHEETS[table.key]), table)
    stamp = datetime.combine(report.as_of, time())  # the same report, the same bytes
    book.properties.title = report.heading
    book.properties.creator = "ecotask"
    book.properties.created = stamp
    book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(sheet: Worksheet, table: Table) -> None:
    if table.group_column is not None:
        columns = [table.group_column, *table.columns]
        rows = [[label, *row] for label, group in table.groups for row in group]
    else:
        columns, rows = table.columns, table.rows
    _fill(sheet, columns, rows)


def _fill(sheet: Worksheet, columns: list[str], rows: list[list[Cell]]) -> None:
    append_row(sheet, columns)
    for cell in sheet[1]:
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
    widths = [display_width(c) for c in columns]
    for row in rows:
        append_row(sheet, [_value(v) for v in row])
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(cell_text(value) if value is not None else ""))
    sheet.freeze_panes = "A2"
    for i, width in enumerate(widths, 1):
        letter = get_column_letter(i)
        sheet.column_dimensions[letter].width = min(width, MAX_WIDTH) + 2
        wrap = width > MAX_WIDTH
        for r, (cell,) in enumerate(sheet.iter_rows(min_row=2, min_col=i, max_col=i)):
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(rows[r][i - 1], Ratio):
                cell.number_format = PERCENT_FORMAT
            cell.alignment = Alignment(vertical="top", wrap_text=wrap)


def _value(value: Cell) -> str | int | float | date | None:
    if isinstance(value, Ratio):
        return value.value if value.value is not None else "—"
    return value
