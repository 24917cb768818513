"""Excel workbooks, for the export and the report alike: every text cell is written as text
(never a formula, and neutralised as render/spreadsheet.py says), dates as real dates, numbers
as numbers; on every sheet the header row frozen and filtered, columns as wide as their text
(a CJK character counts two), and A4 landscape pages, one page wide, that repeat the header.
Only the commands that write a workbook import this module, and with it xlsxwriter."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

import xlsxwriter

from . import display_width
from .spreadsheet import as_text

Value = str | int | float | date | None
BOLD: Mapping[str, Any] = {"bold": True}
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
DIGIT_PIXELS = 7  # the default font's digit: Excel stores a column's width in digits
MAX_WIDTH = 60  # wider columns wrap instead: the steps run to 120 characters
FILTER_BUTTON = 2  # the header also holds the filter's drop-down button
A4 = 9  # xlsxwriter's paper sizes are Excel's


class Percent(float):
    """A share, shown as a percentage."""


class Worksheet(NamedTuple):
    """A sheet as a workbook lays it out: widths in characters, a column's cells wrapped or
    not, cells aligned to the top; `empty` is the first row of a sheet without rows."""

    name: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Value]]
    widths: Sequence[float]
    wrapped: Sequence[bool]
    header: Mapping[str, Any] = BOLD  # the header row's format, as xlsxwriter names it
    empty: str = "（无）"


def _shown(value: Value) -> str:
    """A cell as Excel shows it, near enough, to measure it."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:g}"
    return value.isoformat() if isinstance(value, date) else str(value)


def fitted(
    name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Value]],
    header: Mapping[str, Any] = BOLD,
    empty: str = "（无）",
) -> Worksheet:
    """The sheet with its columns as wide as their header and cells, up to MAX_WIDTH; wider
    text, or text of several lines, wraps."""
    widths, wrapped = [], []
    for column, title in enumerate(headers):
        values = [row[column] for row in rows]
        width = max(
            [
                display_width(title) + 2 + FILTER_BUTTON,
                *(display_width(_shown(v)) + 2 for v in values),
            ]
        )
        widths.append(min(width, MAX_WIDTH))
        wrapped.append(width > MAX_WIDTH or any(isinstance(v, str) and "\n" in v for v in values))
    return Worksheet(name, headers, rows, widths, wrapped, header, empty)


def workbook(sheets: Sequence[Worksheet], title: str, created: datetime | None = None) -> bytes:
    """The workbook's bytes; `created` (default: now) dates it, so that the same report is
    the same file."""
    buffer = io.BytesIO()
    # in_memory: no temporary files left behind if the command is stopped
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    book.set_properties(
        {"title": title, "author": "ecotask", **({"created": created} if created else {})}
    )
    formats: dict[tuple[bool, str | None], Any] = {}

    def cell_format(wrap: bool, number: str | None) -> Any:
        key = (wrap, number)
        if key not in formats:
            spec: dict[str, Any] = {"valign": "top", "text_wrap": wrap}
            if number is not None:
                spec["num_format"] = number
            formats[key] = book.add_format(spec)
        return formats[key]

    for sheet in sheets:
        ws = book.add_worksheet(sheet.name)
        header = book.add_format(dict(sheet.header))
        for column, name in enumerate(sheet.headers):
            ws.write_string(0, column, as_text(name), header)
        for column, width in enumerate(sheet.widths):
            # pixels, so that the width stored is the one given, as Excel counts it
            ws.set_column_pixels(column, column, round(width * DIGIT_PIXELS))
        for number, row in enumerate(sheet.rows, 1):
            for column, value in enumerate(row):
                wrap = sheet.wrapped[column]
                if value is None or value == "":  # an empty cell, as Excel keeps one
                    ws.write_blank(number, column, None, cell_format(wrap, None))
                elif isinstance(value, str):
                    ws.write_string(number, column, as_text(value), cell_format(wrap, None))
                elif isinstance(value, date):
                    ws.write_datetime(number, column, value, cell_format(wrap, DATE_FORMAT))
                elif isinstance(value, Percent):
                    ws.write_number(number, column, value, cell_format(wrap, PERCENT_FORMAT))
                else:
                    ws.write_number(number, column, value, cell_format(wrap, None))
        if not sheet.rows:
            ws.write_string(1, 0, as_text(sheet.empty), cell_format(False, None))
        ws.freeze_panes(1, 0)
        ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.headers) - 1)
        ws.set_landscape()
        ws.set_paper(A4)
        ws.repeat_rows(0)
        ws.fit_to_pages(1, 0)  # one page wide, as many long as it takes
    book.close()
    return buffer.getvalue()
