"""The document's date phrases (8月底, 6到12月, 6月30日前, 每月10日前, 10个工作日内), month and
as-of arguments."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from .bounds import year_problem
from .errors import UsageError, brief
from .i18n import N_, _

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
# 6月30日前, 到2017年6月30日, 6月30日: due on that day.
_DAY = r"(?:到)?(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})[日号](?:前)?"
# 10个工作日内, 方案印发后10个工作日内, 5个工作日前: counted from the step before.
_WORKDAYS = r"(?:[^\s\d]{1,30}后)?(?P<n>\d{1,3})个工作日(?:内|前)"
# Recurring duties, one occurrence a period: (pattern, months a period, its month in the period).
_RECURRING = (
    (r"每月(?P<day>\d{1,2})[日号](?:前)?", 1, 1),
    (r"每月(?:底|末)(?:前)?", 1, 1),
    (r"每季度?(?:末|底)(?:前)?", 3, 3),
    (r"每季度?首月(?P<day>\d{1,2})[日号](?:前)?", 3, 1),
    (r"每半年(?:末|底)?(?:前)?", 6, 6),
    (r"每年(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})[日号]|底|末)?(?:前)?", 12, 0),
)
_FULL_DATE = r"(?P<year>\d{4})(?:年|/|\.)(?P<month>\d{1,2})(?:月|/|\.)(?P<day>\d{1,2})日?"


class DueSpec(NamedTuple):
    """A due date as the document writes it; the plan's year fills in what the phrase omits."""

    phrase: str
    month: int
    year: int | None = None
    day: int | None = None
    start_month: int | None = None
    every: int | None = None  # a recurring duty: months a period; `month` is its month in one
    workdays: int | None = None  # N个工作日内: counted from the step before

    def resolve(self, plan_year: int) -> tuple[date | None, date]:
        """(start, due): start is set only for spans such as 6到12月. A recurring phrase gives
        its last occurrence in the year; a count of working days has no date of its own."""
        if self.workdays is not None:
            raise ValueError(
                _("{phrase!r} counts working days from the step before").format(phrase=self.phrase)
            )
        year = plan_year if self.year is None else self.year
        if self.every is not None:
            return None, self.occurrences(date(year - 1, 12, 31), date(year, 12, 31))[-1]
        due = date(year, self.month, self.day or month_end(year, self.month).day)
        start = date(year, self.start_month, 1) if self.start_month else None
        return start, due

    def occurrences(self, after: date, until: date) -> list[date]:
        """A recurring duty's due dates after one day up to another, one a period; a day the
        month lacks (每月31日) is its last."""
        every = self.every or 12
        found: list[date] = []
        period = (after.year * 12 + after.month - 1) // every * every
        while True:
            year, month = divmod(period + self.month - 1, 12)
            last = month_end(year, month + 1).day
            day = date(year, month + 1, min(self.day or last, last))
            if day > until:
                return found
            if day > after:
                found.append(day)
            period += every

    def __str__(self) -> str:
        return self.phrase


def month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _check_month(month: int, phrase: str) -> int:
    if not 1 <= month <= 12:
        raise ValueError(
            _("{phrase!r} names month {month}, which does not exist").format(
                phrase=phrase, month=month
            )
        )
    return month


def _year(match: re.Match[str]) -> int | None:
    if not match["year"]:
        return None
    year = int(match["year"])
    if problem := year_problem(year):
        raise ValueError(
            _("{value} names {problem}").format(value=repr(match.string), problem=problem)
        )
    return year


def parse_due(phrase: str) -> DueSpec:
    """Read a due phrase or an ISO date; ValueError says what is wrong."""
    text = phrase.strip()
    if m := re.fullmatch(_ISO, text):
        try:
            day = date(int(m["year"]), int(m["month"]), int(m["day"]))
        except ValueError as exc:
            raise ValueError(_not_real(repr(text), exc)) from None
        if problem := year_problem(day.year):
            raise ValueError(_("{value} names {problem}").format(value=repr(text), problem=problem))
        return DueSpec(text, day.month, day.year, day.day)
    if m := re.fullmatch(_DAY, text):
        return _day(text, _check_month(int(m["month"]), text), int(m["day"]), _year(m))
    if m := re.fullmatch(_WORKDAYS, text):
        if not 1 <= (count := int(m["n"])) <= 250:
            raise ValueError(
                _("{phrase!r} counts {count} working days: give 1 to 250").format(
                    phrase=text, count=count
                )
            )
        return DueSpec(text, 1, workdays=count)
    for pattern, every, month in _RECURRING:
        if m := re.fullmatch(pattern, text):
            given = m.groupdict()
            month = _check_month(int(given["month"]), text) if given.get("month") else month
            nth = int(given["day"]) if given.get("day") else None
            if nth is not None and not 1 <= nth <= 31:
                raise ValueError(
                    _("{phrase!r} names day {day}, which no month has").format(phrase=text, day=nth)
                )
            if every == 12 and nth is not None:
                _day(text, month, nth, None)  # 每年2月30日 does not exist
            return DueSpec(text, month, day=nth, every=every)
    if m := re.fullmatch(_SPAN, text):
        first = _check_month(int(m["first"]), text)
        last = _check_month(int(m["last"]), text)
        if first > last:
            raise ValueError(_("{phrase!r} ends before it starts").format(phrase=text))
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
        _(
            "cannot read the date {value}: use the document's phrase (8月底, 9月, 6到12月, "
            "2017年11月底, 6月30日前, 每月10日前, 10个工作日内) or an ISO date (2017-08-31)"
        ).format(value=brief(text))
    )


def _day(text: str, month: int, day: int, year: int | None) -> DueSpec:
    """A day of a month; without a year, one that every year has (not 2月29日)."""
    try:
        date(2017 if year is None else year, month, day)
    except ValueError:
        if year is not None or (month, day) != (2, 29):
            raise ValueError(_("{phrase!r} is not a real date").format(phrase=text)) from None
        raise ValueError(
            _("{phrase!r} is not in every year: write the year (2020年2月29日)").format(phrase=text)
        ) from None
    return DueSpec(text, month, year, day)


def parse_iso_date(text: str) -> date:
    """A calendar date written as YYYY-MM-DD."""
    if not re.fullmatch(_ISO, text.strip()):
        raise ValueError(_("expected a date as YYYY-MM-DD, got {value}").format(value=brief(text)))
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValueError(_not_real(repr(text), exc)) from None


# Python's reasons for refusing a date, in the office's words.
_DATE_REASONS = {
    "month must be in 1..12": N_("month must be in 1..12"),
    "day is out of range for month": N_("day is out of range for month"),
}


def _not_real(value: str, exc: ValueError) -> str:
    reason = _DATE_REASONS.get(str(exc))
    return _("{value} is not a real date ({reason})").format(
        value=value, reason=_(reason) if reason else exc
    )


# Chinese numerals as the office writes months and days (六月, 十二月, 三十日) and, digit by
# digit, years (二〇一七年).
_CN_NUMERAL = "〇一二三四五六七八九"
_CN_RUN = r"[〇零一二三四五六七八九十]+"


def _cn_value(run: str) -> str:
    run = run.replace("零", "〇")
    if "十" not in run:
        return "".join(str(_CN_NUMERAL.index(c)) for c in run)
    tens, _, ones = run.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return run  # not a number of 1-99: left for the pattern to refuse
    value = (_CN_NUMERAL.index(tens) if tens else 1) * 10
    return str(value + (_CN_NUMERAL.index(ones) if ones else 0))


def _normalized(text: str) -> str:
    """Full-width digits and signs as ASCII (NFKC), Chinese numerals as digits."""
    import unicodedata

    value = unicodedata.normalize("NFKC", text).strip()
    return re.sub(_CN_RUN, lambda m: _cn_value(m[0]), value)


def parse_month(text: str, plan_year: int) -> tuple[int, int]:
    """(year, month) from 6, 06, 6月, 六月, 2017-06 or 2017年6月; the plan's year by default."""
    value = _normalized(text)
    m = re.fullmatch(r"(?:(?P<year>\d{4})(?:-|年|/))?(?P<month>\d{1,2})月?", value)
    if not m:
        raise UsageError(
            _("cannot read the month {value}: give 1-12, 6月, 六月, 2017-06 or 2017年6月").format(
                value=brief(text)
            )
        )
    month = int(m["month"])
    if not 1 <= month <= 12:
        raise UsageError(
            _("month {month} does not exist: give a month from 1 to 12").format(month=month)
        )
    year = int(m["year"]) if m["year"] else plan_year
    if problem := year_problem(year):
        raise UsageError(_("{value} names {problem}").format(value=repr(text), problem=problem))
    return year, month


DATE_FORMS = N_(
    "2017-07-01, 2017/7/1, 2017年7月1日, or without the year (the plan's): 7/1, 7月1日, 七月一日; "
    "or today"
)
# Year first, as Chinese and ISO dates are: 2017-07-01, 2017/7/1, 2017.7.1, 2017年7月1日.
_YEAR_FIRST = (
    r"(?P<year>\d{4})\s*(?:年|/|\.|-)\s*(?P<month>\d{1,2})\s*(?:月|/|\.|-)\s*"
    r"(?P<day>\d{1,2})\s*(?:日|号)?"
)
# No year: month then day, as the office writes them (7/1, 06-30, 7月1日): the plan's year.
_NO_YEAR = r"(?P<month>\d{1,2})\s*(?:月|/|\.|-)\s*(?P<day>\d{1,2})\s*(?:日|号)?"
# Year last: 30/6/2017 can only be read one way, 1/2/2017 either way round.
_YEAR_LAST = r"(?P<first>\d{1,2})[/.-](?P<second>\d{1,2})[/.-](?P<year>\d{4})"


def parse_date(text: str, plan_year: int) -> date:
    """An as-of or event date: 2017-07-01, 2017/7/1, 2017年7月1日, full-width digits and
    Chinese numerals alike; a date without a year (7/1, 7月1日) is in the plan's year; today.
    A day/month order that reads both ways (1/2/2017) is refused, never guessed."""
    day = _read_date(text, plan_year)
    if problem := year_problem(day.year):
        raise UsageError(_("{value} names {problem}").format(value=repr(text), problem=problem))
    return day


def _read_date(text: str, plan_year: int) -> date:
    value = _normalized(text)
    if value.lower() in ("today", "今天", "今日"):
        return date.today()
    if m := re.fullmatch(_YEAR_FIRST, value):
        return _real(text, int(m["year"]), int(m["month"]), int(m["day"]))
    if m := re.fullmatch(_NO_YEAR, value):
        return _real(text, plan_year, int(m["month"]), int(m["day"]))
    if m := re.fullmatch(_YEAR_LAST, value):
        first, second, year = int(m["first"]), int(m["second"]), int(m["year"])
        if first <= 12 and second <= 12 and first != second:
            raise UsageError(
                _(
                    "{value} could be {one} or {other}: write the year first; dates read: {forms}"
                ).format(
                    value=brief(text),
                    one=f"{year}-{first:02d}-{second:02d}",
                    other=f"{year}-{second:02d}-{first:02d}",
                    forms=_(DATE_FORMS),
                )
            )
        month, day = (second, first) if first > 12 else (first, second)
        return _real(text, year, month, day)
    if re.search(r"[A-Za-z]", value):  # a month's English name: July 1, 1 Jul 2017
        from datetime import datetime

        from dateutil import parser

        try:
            return parser.parse(value, default=datetime(plan_year, 1, 1)).date()
        except (ValueError, OverflowError):
            pass
    raise UsageError(
        _("cannot read the date {value}: use {forms}").format(
            value=brief(text), forms=_(DATE_FORMS)
        )
    )


def _real(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise UsageError(_not_real(brief(text), exc)) from None
