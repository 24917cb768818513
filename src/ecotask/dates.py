"""The document's date phrases (8月底, 6到12月, 2017年11月), month and as-of arguments."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from .bounds import year_problem
from .errors import UsageError, brief

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Patterns as text: re compiles each on first use and keeps it, so that a query answered from
# the cache, which reads no date phrase, does not compile them.
# 到8月底, 8月底前, 到2017年11月底, 9月, 2017年11月 (a deadline): due at the month's end.
_MONTH = r"(?:到)?(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?:底)?(?:前)?"
# 6到12月, 2017年6至12月: a span from the first month's start to the last month's end.
_SPAN = r"(?:(?P<year>\d{4})年)?(?P<first>\d{1,2})(?:到|至|—|-|~)(?P<last>\d{1,2})月(?:底)?"
# 年底, 到年底前, 2017年底, 年内, 2019年内: the year's end.
_YEAR_END = r"(?:到)?(?:(?P<year>\d{4})(?=年))?(?:年?年?底(?:前)?|年内)"
_HALF = r"(?:(?P<year>\d{4})年)?(?P<half>[上下])半年"
_QUARTER = r"(?:到)?(?:(?P<year>\d{4})年)?(?:第)?(?P<q>[一二三四1-4])季度末?(?:前)?"
_ISO = r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
_FULL_DATE = r"(?P<year>\d{4})(?:年|/|\.)(?P<month>\d{1,2})(?:月|/|\.)(?P<day>\d{1,2})日?"


class DueSpec(NamedTuple):
    """A due date as the document writes it; the plan's year fills in what the phrase omits."""

    phrase: str
    month: int
    year: int | None = None
    day: int | None = None
    start_month: int | None = None

    def resolve(self, plan_year: int) -> tuple[date | None, date]:
        """(start, due): start is set only for spans such as 6到12月."""
        year = plan_year if self.year is None else self.year
        due = date(year, self.month, self.day or month_end(year, self.month).day)
        start = date(year, self.start_month, 1) if self.start_month else None
        return start, due

    def __str__(self) -> str:
        return self.phrase


def month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _check_month(month: int, phrase: str) -> int:
    if not 1 <= month <= 12:
        raise ValueError(f"{phrase!r} names month {month}, which does not exist")
    return month


def _year(match: re.Match[str]) -> int | None:
    if not match["year"]:
        return None
    year = int(match["year"])
    if problem := year_problem(year):
        raise ValueError(f"{match.string!r} names {problem}")
    return year


def parse_due(phrase: str) -> DueSpec:
    """Read a due phrase or an ISO date; ValueError says what is wrong."""
    text = phrase.strip()
    if m := re.fullmatch(_ISO, text):
        try:
            day = date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date ({exc})") from None
        if problem := year_problem(day.year):
            raise ValueError(f"{text!r} names {problem}")
        return DueSpec(text, day.month, day.year, day.day)
    if m := re.fullmatch(_SPAN, text):
        first = _check_month(int(m["first"]), text)
        last = _check_month(int(m["last"]), text)
        if first > last:
            raise ValueError(f"{text!r} ends before it starts")
        return DueSpec(text, last, _year(m), start_month=first)
    if m := re.fullmatch(_MONTH, text):
        return DueSpec(text, _check_month(int(m["month"]), text), _year(m))
    if m := re.fullmatch(_YEAR_END, text):
        return DueSpec(text, 12, _year(m))
    if m := re.fullmatch(_HALF, text):
        first, last = (1, 6) if m["half"] == "上" else (7, 12)
        return DueSpec(text, last, _year(m), start_month=first)
    if m := re.fullmatch(_QUARTER, text):
        return DueSpec(text, _CN_DIGITS[m["q"]] * 3, _year(m))
    raise ValueError(
        f"cannot read the date {brief(text)}: use the document's phrase (8月底, 9月, 6到12月, "
        "2017年11月底) or an ISO date (2017-08-31)"
    )


def parse_iso_date(text: str) -> date:
    """A calendar date written as YYYY-MM-DD."""
    if not re.fullmatch(_ISO, text.strip()):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {brief(text)}")
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a real date ({exc})") from None


def parse_month(text: str, plan_year: int) -> tuple[int, int]:
    """(year, month) from 6, 06, 6月, 2017-06 or 2017年6月; the plan's year by default."""
    value = text.strip()
    m = re.fullmatch(r"(?:(?P<year>\d{4})(?:-|年|/))?(?P<month>\d{1,2})月?", value)
    if not m:
        raise UsageError(f"cannot read the month {text!r}: give 1-12, 6月, 2017-06 or 2017年6月")
    month = int(m["month"])
    if not 1 <= month <= 12:
        raise UsageError(f"month {month} does not exist: give a month from 1 to 12")
    year = int(m["year"]) if m["year"] else plan_year
    if problem := year_problem(year):
        raise UsageError(f"{text!r} names {problem}")
    return year, month


def parse_date(text: str) -> date:
    """An as-of date: 2017-07-01, 2017/7/1, 2017年7月1日, today, or what dateutil reads,
    in the years a plan can mean."""
    day = _read_date(text)
    if problem := year_problem(day.year):
        raise UsageError(f"{text!r} names {problem}")
    return day


def _read_date(text: str) -> date:
    value = text.strip()
    if value.lower() == "today":
        return date.today()
    if m := (re.fullmatch(_ISO, value) or re.fullmatch(_FULL_DATE, value)):
        try:
            return date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError as exc:
            raise UsageError(f"{text!r} is not a real date ({exc})") from None
    from dateutil import parser  # only for the rarer spellings

    try:
        return parser.parse(value, yearfirst=True).date()
    except (ValueError, OverflowError):
        raise UsageError(
            f"cannot read the date {text!r}: use 2017-07-01, 2017/7/1 or 2017年7月1日"
        ) from None
