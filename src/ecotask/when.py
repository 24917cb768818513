"""A step's date as every output spells it: tables and the report, the export's columns and
calendar, the reminder notice. A step without a date phrase of its own is due at its task's
deadline (完成时限), and each spelling says so. One extended (延期) is spelled with its new date
first and the plan's beside it."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .plan import DatedMilestone

Style = Literal["table", "phrase", "calendar", "notice"]


def when(m: DatedMilestone, style: Style = "table", extended_to: date | None = None) -> str:
    """The step's date in one of four styles (a span 6到8月, and a step due at its deadline):
    - table: 06-01–08-31（6到8月）, 2017-11-30（2017年11月，完成时限）
    - phrase, the document's words alone: 6到8月, 2017年11月（完成时限）
    - calendar, the words then the dates: 6到8月（2017-06-01至2017-08-31）
    - notice, the day it is due by: 2017年8月31日前
    extended_to, the new date of an approved extension of m (as the plan has it):
    - table, on two lines: 2017-07-31 延期 / 2017-06-30（6月底）
    - notice: 延期至2017年7月31日，原2017年6月30日前
    - phrase and calendar: the plan's spelling, then ，延期至2017-07-31
    """
    if style == "table":
        return "".join(table_parts(m, extended_to))
    if extended_to is not None:
        planned = when(m, style)
        if style == "notice":
            return f"延期至{chinese_date(extended_to)}，原{planned}"
        return f"{planned}，延期至{extended_to}"
    if style == "notice":
        return f"{chinese_date(m.due)}前"
    at_deadline = m.milestone.due is None
    phrase = f"{m.due_text}（完成时限）" if at_deadline else m.due_text
    if style == "phrase":
        return phrase
    return f"{phrase}（{m.start}至{m.due}）" if m.start else f"{phrase}（{m.due}）"


def table_parts(m: DatedMilestone, extended_to: date | None = None) -> tuple[str, str]:
    """The table style's two parts, the dates and the bracketed phrase: a table that has the
    room puts them on two lines. Extended (延期), the dates are the new one's line, then the
    plan's."""
    dates = f"{m.start:%m-%d}–{m.due:%m-%d}" if m.start else m.due.isoformat()
    if extended_to is not None:
        dates = f"{extended_to} 延期\n{dates}"
    at_deadline = m.milestone.due is None
    return dates, f"（{m.due_text}，完成时限）" if at_deadline else f"（{m.due_text}）"


def chinese_date(day: date) -> str:
    """2017年6月30日: as a notice and a 公文 write a date, in full, in Arabic numerals."""
    return f"{day.year}年{day.month}月{day.day}日"
