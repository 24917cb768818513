"""Cells for spreadsheets, in CSV and in workbooks alike: text never runs as a formula.

A cell that starts with =, +, -, @, a tab or a carriage return is a formula to Excel and WPS
(`=HYPERLINK(…)`, `+cmd|…`, `@SUM(…)`), even in a CSV file or a workbook cell stored as text
once someone edits it. OWASP's advice is to start such text with a single quote, which the
spreadsheet shows as text; numbers, negative ones too, and dates are left as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_text(text: str) -> str:
    """The text as a spreadsheet cell must hold it, so that it reads as the text it is."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_value(value: Any) -> Any:
    """A cell's value: text made safe, any other value (a number, a date, None) as it is."""
    return as_text(value) if isinstance(value, str) else value


def to_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """UTF-8 text that starts with a BOM: without it Excel and WPS read the Chinese as GBK."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(
            [
                "" if v is None else v.isoformat() if isinstance(v, date) else cell_value(v)
                for v in row
            ]
        )
    return "\ufeff" + buffer.getvalue()
