"""The monthly report as an Excel workbook: one sheet per section, laid out as render/xlsx.py
does every sheet. Where the tables write one text for several values, the workbook gives each
its own typed column: a step's 时间节点 a date and its 时间表述 the document's phrase, a target's
comparison, number and unit apart. Only `report --format xlsx` imports this module, and with
it the workbook writer."""

from __future__ import annotations

from datetime import datetime, time

from ..report import Ratio, Report
from .progress import OP
from .report_tables import Amount, Cell, Due, Table, headline_rows, tables
from .xlsx import BOLD, Percent, Value, Worksheet, fitted, workbook

SHEETS = {
    "due": "本月到期",
    "overdue": "逾期未完成",
    "done": "本月已完成",
    "upcoming": "下月到期",
    "targets": "量化指标",
    "units": "单位排名",
    "leaders": "分管领导",
}
HEADER = {**BOLD, "pattern": 1, "bg_color": "#E8EDF4", "bottom": 1, "bottom_color": "#8C959F"}
DATED = "时间节点"  # a step's Due: its date, and beside it
PHRASE = "时间表述"  # the document's words for it, as the export names them
EXTENDED = "延期"  # and an approved extension's new date, in a report that has one
AMOUNTS = {"目标": True, "实际": False}  # columns of Amounts, and whether they compare


def render(report: Report) -> bytes:
    rows: list[list[Cell]] = [
        ["标题", report.heading],
        ["报告单位", report.issuer],
        ["月份", report.month_name],
        ["截至", report.as_of],
        *([label, value] for label, value in headline_rows(report)),
    ]
    sheets = [_sheet("概况", ["项目", "内容"], rows)]
    extended = any(s.extension for s in report.steps)
    for table in tables(report):
        sheets.append(_section(table, extended))
    stamp = datetime.combine(report.as_of, time())  # the same report, the same bytes
    return workbook(sheets, report.heading, created=stamp)


def _section(table: Table, extended: bool) -> Worksheet:
    if table.group_column is not None:
        columns = [table.group_column, *table.columns]
        rows = [[label, *row] for label, group in table.groups for row in group]
    else:
        columns, rows = table.columns, table.rows
    return _sheet(SHEETS[table.key], columns, rows, f"（无）{table.empty}", extended)


def _split(column: str, values: list[Cell], extended: bool) -> list[tuple[str, list[Value]]]:
    """A column as the workbook's columns: one, or a typed column per part of its text; by
    the column's name, so that a sheet has the same columns with rows or without. extended:
    the report has an extension (延期), so each 时间节点 has its 延期 beside it; a report
    without one reads as it always did."""
    if column == DATED:
        dues = [v if isinstance(v, Due) else None for v in values]
        moved: list[Value] = [d.extended_to if d is not None else None for d in dues]
        return [
            (column, [d.due if d is not None else None for d in dues]),
            (PHRASE, [d.phrase if d is not None else None for d in dues]),
            *([(EXTENDED, moved)] if extended else []),
        ]
    if column in AMOUNTS:
        amounts = [v if isinstance(v, Amount) else None for v in values]
        parts: list[tuple[str, list[Value]]] = []
        if AMOUNTS[column]:
            signs: list[Value] = [OP[a.op] if a is not None and a.op else None for a in amounts]
            parts.append((f"{column}比较", signs))
        parts.append((f"{column}值", [a.value if a is not None else None for a in amounts]))
        parts.append((f"{column}单位", [a.unit if a is not None else None for a in amounts]))
        return parts
    return [(column, [_value(v) for v in values])]


def _sheet(
    name: str,
    columns: list[str],
    rows: list[list[Cell]],
    empty: str = "（无）",
    extended: bool = False,
) -> Worksheet:
    split = [
        part
        for i, column in enumerate(columns)
        for part in _split(column, [r[i] for r in rows], extended)
    ]
    headers = [column for column, _ in split]
    typed = [list(cells) for cells in zip(*(values for _, values in split), strict=True)]
    return fitted(name, headers, typed, header=HEADER, empty=empty)


def _value(value: Cell) -> Value:
    if isinstance(value, Ratio):
        return Percent(value.value) if value.value is not None else "—"
    return value
