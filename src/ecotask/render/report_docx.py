"""The monthly report as the office sends it: a 通报 in Word, in the layout of GB/T 9704-2012
(render/docx_layout.py), with the sections, numbers and tables of the other formats."""

from __future__ import annotations

import re
from pathlib import Path

from ..letterhead import Letterhead
from ..report import Ratio, Report
from ..when import chinese_date
from . import docx_layout as layout
from .report_tables import (
    RATE_NOTE,
    Cell,
    Due,
    Table,
    cell_text,
    group_heading,
    headline_rows,
    headline_text,
    numbered,
)

# Columns' shares of the table's width, by name; others get DEFAULT_WIDTH.
WIDTHS = {
    "序号": 1.7,
    "时间节点": 3.6,  # room for 2017-06-30 on one line, 进展情况 beside it too
    "任务名称": 2.8,
    "任务分解": 4.4,
    "牵头单位": 2.9,
    "完成情况": 1.9,
    "逾期天数": 1.4,
    "分管领导": 1.7,
    "完成日期": 2.3,
    "报告单位": 2.0,
    "进展情况": 3.0,
    "指标": 3.0,
    "目标": 2.0,
    "实际": 2.0,
    "日期": 2.3,
    "达标情况": 1.5,
    "单位": 2.6,
    "逾期节点": 3.6,
    "数值": 2.0,
    "按时完成率": 2.1,  # 100.0% whole
}
DEFAULT_WIDTH = 1.3
NUMBER_WIDTH = 1.1  # a column of counts
ADDRESSEE = "领导小组各成员单位："  # 主送机关


def render(report: Report, head: Letterhead, template: Path | None = None) -> bytes:
    sheet = layout.Sheet(template)
    dated = chinese_date(head.dated)
    values = {
        "发文机关": head.issuer,
        "发文字号": head.document_number or "",
        "签发人": head.signer or "",
        "成文日期": dated,
        "标题": report.heading,
    }
    sheet.stamp(values, lambda s: _fill(s, report, head, dated))
    return sheet.save()


def _fill(sheet: layout.Sheet, report: Report, head: Letterhead, dated: str) -> None:
    if not sheet.template:
        layout.masthead(sheet, head.issuer, head.document_number, head.signer)
        sheet.paragraph()
    sheet.paragraph(report.heading, layout.TITLE)
    sheet.paragraph()
    addressee = sheet.paragraph(ADDRESSEE)
    addressee.paragraph_format.first_line_indent = 0
    sheet.paragraph(
        f"现将截至{chinese_date(report.as_of)}《{report.title}》各项任务时间节点的完成"
        "情况通报如下。"
    )
    (headline, _), *sections = numbered(report)
    sheet.paragraph(headline, layout.HEADING_1)
    sheet.paragraph(headline_text(report))
    _table(sheet, ["指标", "数值"], [[label, value] for label, value in headline_rows(report)])
    sheet.paragraph(RATE_NOTE)
    for heading, table in sections:
        assert table is not None
        _section(sheet, heading, table)
    layout.signature(sheet, head.issuer, dated)
    layout.contact_note(sheet, head)


def _section(sheet: layout.Sheet, heading: str, table: Table) -> None:
    sheet.paragraph(heading, layout.HEADING_1)
    if not table.rows:
        sheet.paragraph(table.empty)
        return
    sheet.paragraph(table.summary)
    for index, (label, rows) in enumerate(table.groups, 1):
        if label is not None:
            sheet.paragraph(group_heading(index, label, rows), layout.HEADING_2)
        _table(sheet, table.columns, rows)


def _table(sheet: layout.Sheet, columns: list[str], rows: list[list[Cell]]) -> None:
    numeric = [
        bool(rows) and all(isinstance(r[i], int | Ratio) for r in rows) for i in range(len(columns))
    ]
    widths = [
        WIDTHS.get(c, NUMBER_WIDTH if n else DEFAULT_WIDTH)
        for c, n in zip(columns, numeric, strict=True)
    ]
    text = [[_text(v) for v in row] for row in rows]
    layout.table(sheet, columns, text, widths, numeric)


# Between two refs of a list (9.1、11.1): LibreOffice finds no place to break such a run and
# breaks inside a ref (9. / 1); a zero-width space after the 、 gives it the break to take.
_REF_LIST = re.compile(r"(?<=\d)、(?=\d)")


def _text(value: Cell) -> str:
    """A cell's text; a 时间节点 a line for each date and for each note, so that no date breaks;
    a list of refs breaks between refs only."""
    if isinstance(value, Due):
        return "\n".join(part for line in value.lines for part in line)
    return _REF_LIST.sub("、\u200b", cell_text(value))
