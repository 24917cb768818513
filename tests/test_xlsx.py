"""The one workbook writer (render/xlsx.py), read back with openpyxl as a user's Excel would."""

import io
from datetime import date, datetime

import openpyxl

from ecotask.render.xlsx import Percent, Worksheet, workbook


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
    sheet = _read(workbook([_sheet([["a", "b", 1]], autofilter=True)], "标题"))["表"]
    widths = {
        column: dimension.width
        for dimension in sheet.column_dimensions.values()
        for column in range(dimension.min, dimension.max + 1)
    }
    assert widths == {1: 12, 2: 30, 3: 8}
    assert [c.value for c in sheet[1]] == ["甲", "乙", "丙"] and sheet["A1"].font.b
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:C2")
    plain = _read(workbook([_sheet([["a", "b", 1]])], "标题"))["表"]
    assert plain.auto_filter.ref is None


def test_a_dated_workbook_is_the_same_file_every_time():
    created = datetime(2017, 9, 15)
    first = workbook([_sheet([["a", "b", 1]])], "标题", created=created)
    assert workbook([_sheet([["a", "b", 1]])], "标题", created=created) == first
    book = _read(first)
    assert (book.properties.title, book.properties.creator) == ("标题", "ecotask")
    assert book.properties.created == book.properties.modified == created
