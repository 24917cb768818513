"""The one workbook writer (render/xlsx.py), read back with openpyxl as a user's Excel would."""

import io
from datetime import date, datetime

import openpyxl

from ecotask.render.xlsx import Percent, Worksheet, fitted, workbook


def _read(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def _sheet(rows, **layout) -> Worksheet:
    widths = layout.pop("widths", [12, 30, 8])
    return Worksheet("表", ["甲", "乙", "丙"], rows, widths, [False, True, False], **layout)


def test_text_is_text_dates_are_dates_and_shares_are_percentages():
    rows = [["=1+1", date(2017, 6, 30), Percent(0.5)], ["", None, 29], ["-2", "@A", "http://x"]]
    sheet = _read(workbook([_sheet(rows)], "标题"))["表"]
    assert [[c.value for c in row] for row in sheet.iter_rows(min_row=2)] == [
        ["'=1+1", datetime(2017, 6, 30), 0.5],
        [None, None, 29],
        ["'-2", "'@A", "http://x"],
    ]
    assert [c.data_type for c in sheet[2]] == ["s", "d", "n"]
    assert (sheet["B2"].number_format, sheet["C2"].number_format) == ("yyyy-mm-dd", "0.0%")
    assert not sheet["A4"].hyperlink and not sheet["C4"].hyperlink
    assert [bool(c.alignment.wrap_text) for c in sheet[2]] == [False, True, False]
    assert sheet["A2"].alignment.vertical == "top"


def test_layout_widths_header_freeze_and_filter():
    sheet = _read(workbook([_sheet([["a", "b", 1]])], "标题"))["表"]
    widths = {
        column: dimension.width
        for dimension in sheet.column_dimensions.values()
        for column in range(dimension.min, dimension.max + 1)
    }
    assert widths == {1: 12, 2: 30, 3: 8}
    assert [c.value for c in sheet[1]] == ["甲", "乙", "丙"] and sheet["A1"].font.b
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:C2")


def test_a_sheet_without_rows_says_so_in_its_first_row():
    sheet = _read(workbook([_sheet([], empty="（无）没有时间节点")], "标题"))["表"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["甲", "乙", "丙"],
        ["（无）没有时间节点", None, None],
    ]
    assert sheet.auto_filter.ref == "A1:C2"


def test_fitted_widths_count_cjk_twice_cap_and_wrap():
    sheet = fitted("表", ["序号", "任务分解"], [[1.5, "长" * 40], [Percent(0.25), "短\n行"]])
    # a header's width holds its filter's button; a share is measured as Excel shows it
    assert sheet.widths == [8, 60] and sheet.wrapped == [False, True]
    assert fitted("表", ["甲"], [["短\n行"]]).wrapped == [True]  # lines of their own


def test_a_dated_workbook_is_the_same_file_every_time():
    created = datetime(2017, 9, 15)
    first = workbook([_sheet([["a", "b", 1]])], "标题", created=created)
    assert workbook([_sheet([["a", "b", 1]])], "标题", created=created) == first
    book = _read(first)
    assert (book.properties.title, book.properties.creator) == ("标题", "ecotask")
    assert book.properties.created == book.properties.modified == created
