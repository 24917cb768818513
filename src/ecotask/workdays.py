"""Working days (工作日) as the office counts them: the State Council's holidays and make-up
working days (调休) by the `chinese_calendar` package, or Monday to Friday.

The package is imported only here, and only when a working day is counted: a query that counts
none (most, and every answer from the cache that has no 工作日 step) does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache, lru_cache

from .i18n import _

# Told, once a year, that the official calendar has no data for it (the CLI sets it).
warn: Callable[[str], None] | None = None
beyond: set[int] = set()  # the years counted Monday to Friday for want of data


def is_workday(day: date, workdays: str = "cn") -> bool:
    """A working day: in the official calendar (cn), or Monday to Friday (mon-fri, as
    tasks.yaml's plan.workdays may set it); a year beyond the calendar's data falls back to
    Monday to Friday, with a warning naming it."""
    if workdays == "cn":
        if _official(day.year):
            import chinese_calendar

            return bool(chinese_calendar.is_workday(day))
        _fall_back(day.year)
    return day.weekday() < 5


@cache
def _official(year: int) -> bool:
    """Whether the package has the holiday notice of the year."""
    import chinese_calendar

    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def _fall_back(year: int) -> None:
    if year not in beyond:
        beyond.add(year)
        if warn is not None:
            warn(
                _(
                    "the official calendar has no holidays for {year}: its working days are "
                    "counted Monday to Friday"
                ).format(year=year)
            )


def add_workdays(start: date, count: int, workdays: str = "cn") -> date:
    """The count-th working day after start: 5 working days after 2017-09-29 is 2017-10-12
    (the Saturday 09-30 worked, 10-01…08 off)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_workday(day, workdays)
    return day


def workdays_between(after: date, until: date, workdays: str = "cn") -> int:
    """The working days after one date up to and including another; 0 when it is not later."""
    if workdays == "cn" and until > after:
        for year in range((after + timedelta(days=1)).year, until.year + 1):
            if not _official(year):
                _fall_back(year)  # said each run, though the count is kept
    return _count(after, until, workdays)


@lru_cache(maxsize=4096)  # many steps share a due date, and a query one as-of date
def _count(after: date, until: date, workdays: str) -> int:
    days = (until - after).days
    return sum(is_workday(after + timedelta(days=n), workdays) for n in range(1, days + 1))


def workdays_left(as_of: date, due: date, workdays: str = "cn") -> int:
    """The working days from one date (itself counted) to a due date (counted too)."""
    return workdays_between(as_of - timedelta(days=1), due, workdays)
