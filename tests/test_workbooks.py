"""The export's and the report's workbooks as a clerk opens them: typed cells, a frozen and
filtered header, A4 landscape pages that repeat it, no formulas, and a row on an empty sheet."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from tests.conftest import cli


@pytest.fixture
def measured(data_copy: Path) -> Path:
    """The bundled plan with a month of progress: 2.1 done, a target measured, and a step
    whose note would be a formula."""
    for args in (
        ["done", "2.1", "--on", "2017-06-28", "--note", '=HYPERLINK("http://x")'],
        ["record", "3", "98", "--on", "2017-06-30"],
    ):
        run = cli(*args, "--data", str(data_copy))
        assert run.code == 0, run.stderr
    return data_copy


def workbook(data: Path, tmp_path: Path, *args: str) -> openpyxl.Workbook:
    out = tmp_path / "book.xlsx"
    run = cli(*args, "-o", str(out), "--data", str(data))
    assert run.code == 0, run.stderr
    return openpyxl.load_workbook(out)


def records(sheet: Worksheet) -> list[dict[str, object]]:
    rows = sheet.iter_rows(values_only=True)
    headers = next(rows)
    return [dict(zip(headers, row, strict=True)) for row in rows]


REPORT = ("report", "--month", "6", "--as-of", "2017-07-10", "--format", "xlsx")
EXPORT = ("export", "--format", "xlsx", "--as-of", "2017-07-10")


@pytest.mark.parametrize("command", [REPORT, EXPORT], ids=["report", "export"])
def test_every_sheet_is_set_up_for_screen_and_print(measured, tmp_path, command):
    book = workbook(measured, tmp_path, *command)
    for sheet in book.worksheets:
        last = sheet.cell(row=1, column=sheet.max_column).column_letter
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", sheet.title
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.paperSize == 9, sheet.title  # A4
        assert sheet.print_title_rows == "$1:$1", sheet.title
        # one page wide (1, the default, is left out of the file), as many long as it takes
        assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        cells = [c for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], sheet.title
        assert not [c for c in cells if isinstance(c.value, str) and c.value.startswith("=")]


def test_the_reports_dates_and_numbers_are_typed(measured, tmp_path):
    book = workbook(measured, tmp_path, *REPORT)
    due = records(book["本月到期"])
    assert list(due[0])[:4] == ["序号", "时间节点", "时间表述", "任务名称"]
    step = next(r for r in due if r["序号"] == "2.1")
    assert step["时间节点"] == datetime(2017, 6, 30)  # a date, not 2017-06-30（6月底）
    assert step["时间表述"] == "6月底"
    assert all(isinstance(r["时间节点"], datetime) for r in due)

    done = records(book["本月已完成"])
    first = next(r for r in done if r["序号"] == "2.1")
    assert (first["时间节点"], first["完成日期"]) == (datetime(2017, 6, 30), datetime(2017, 6, 28))
    assert first["进展情况"] == '\'=HYPERLINK("http://x")'  # text, never a formula

    targets = records(book["量化指标"])
    assert list(targets[0]) == [
        "序号",
        "任务名称",
        "指标",
        "目标比较",
        "目标值",
        "目标单位",
        "实际值",
        "实际单位",
        "日期",
        "达标情况",
    ]
    third = next(r for r in targets if r["序号"] == 3)
    assert (third["目标比较"], third["目标值"], third["目标单位"]) == ("≥", 100, "%")
    assert (third["实际值"], third["实际单位"], third["日期"]) == (98, "%", datetime(2017, 6, 30))
    assert third["达标情况"] == "未达标"
    fourth = next(r for r in targets if r["序号"] == 4)
    assert (fourth["目标比较"], fourth["目标值"], fourth["目标单位"]) == ("≤", 0.7, "吨标煤/万元")
    assert (fourth["实际值"], fourth["实际单位"], fourth["日期"]) == (None, None, None)

    overdue = records(book["逾期未完成"])
    assert all(isinstance(r["逾期天数"], int) for r in overdue)


def test_a_sheet_without_rows_says_so(data_copy, tmp_path):
    # nothing is due in January 2018, the month after the plan's last
    book = workbook(data_copy, tmp_path, "report", "--month", "12", "--format", "xlsx")
    sheet = book["下月到期"]
    assert [c.value for c in sheet[1]][:3] == ["序号", "时间节点", "时间表述"]  # as with rows
    assert sheet.max_row == 2
    assert sheet["A2"].value == "（无）2018年1月没有到期的时间节点。"
    assert (
        sheet.auto_filter.ref == f"A1:{sheet.cell(row=1, column=sheet.max_column).column_letter}2"
    )


def test_widths_count_cjk_characters_twice_and_are_capped(measured, tmp_path):
    book = workbook(measured, tmp_path, *REPORT)
    sheet = book["本月到期"]
    width = {c.value: sheet.column_dimensions[c.column_letter].width for c in sheet[1]}
    assert width["序号"] == 8  # 序号 (4), the filter's button (2), margin (2)
    assert width["时间节点"] == 12  # the header: wider than 2017-06-30 (10) + 2
    assert width["任务分解"] == 60
