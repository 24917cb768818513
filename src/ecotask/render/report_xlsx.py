"""The monthly report as an Excel workbook: one sheet per section, Chinese headers in a frozen
first row, columns as wide as their text (CJK characters count double). Only `report --format
xlsx` imports this module, and with it the workbook writer."""

from __future__ import annotations

from datetime import datetime, time

from ..report import Ratio, Report
from . import display_width
from .report_tables import Cell, Table, cell_text, headline_rows, tables
from .xlsx import BOLD, Percent, Value, Worksheet, workbook

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
HEADER = {**BOLD, "pattern": 1, "bg_color": "#E8EDF4", "bottom": 1, "bottom_color": "#8C959F"}


def render(report: Report) -> bytes:
    rows: list[list[Cell]] = [
        ["标题", report.heading],
        ["报告单位", report.issuer],
        ["月份", report.month_name],
        ["截至", report.as_of],
        *([label, value] for label, value in headline_rows(report)),
    ]
    sheets = [_sheet("概况", ["项目", "内容"], rows)]
    for table in tables(report):
        sheets.append(_section(table))
    stamp = datetime.combine(report.as_of, time())  # the same report, the same bytes
    return workbook(sheets, report.heading, created=stamp)


def _section(table: Table) -> Worksheet:
    if table.group_column is not None:
        columns = [table.group_column, *table.columns]
        rows = [[label, *row] for label, group in table.groups for row in group]
    else:
        columns, rows = table.columns, table.rows
    return _sheet(SHEETS[table.key], columns, rows)


def _sheet(name: str, columns: list[str], rows: list[list[Cell]]) -> Worksheet:
    widths = [display_width(c) for c in columns]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], display_width(cell_text(value) if value is not None else ""))
    return Worksheet(
        name,
        columns,
        [[_value(v) for v in row] for row in rows],
        [min(width, MAX_WIDTH) + 2 for width in widths],
        [width > MAX_WIDTH for width in widths],
        header=HEADER,
    )


def _value(value: Cell) -> Value:
    if isinstance(value, Ratio):
        return Percent(value.value) if value.value is not None else "—"
    return value
