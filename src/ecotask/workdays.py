"""Working days (工作日) as the office counts them: the State Council's holidays and make-up
working days (调休) by the `chinese_calendar` package, or Monday to Friday.

The package is imported only here, and only when a working day is counted: a query that counts
none (most, and every answer from the cache that has no 工作日 step) does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import lru_cache

# Told, once a year, that the official calendar has no data for it (the CLI sets it).
warn: Callable[[str], None] | None = None
beyond: set[int] = set()  # the years counted Monday to Friday for want of data


def is_workday(day: date, workdays: str = "cn") -> bool:
    """A working day: in the official calendar (cn), or Monday to Friday (mon-fri, as
    tasks.yaml's plan.workdays may set it); a year beyond the
    calendar's data falls back to Monday to Friday, with a warning naming it."""
    if workdays == "cn":
        import chinese_calendar

        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:  # a year the package has no holiday notice for
            if day.year not in beyond:
                beyond.add(day.year)
                if warn is not None:
                    warn(
                        f"the official calendar has no holidays for {day.year}: its working "
                        "days are counted Monday to Friday"
                    )
    return day.weekday() < 5


def add_workdays(start: date, count: int, workdays: str = "cn") -> date:
    """The count-th working day after start: 5 working days after 2017-09-29 is 2017-10-12
    (the Saturday 09-30 worked, 10-01…08 off)."""
    day = start
    while count > 0:
        day += timedelta(days=1)
        count -= is_workday(day, workdays)
    return day


@lru_cache(maxsize=4096)  # many steps share a due date, and a query one as-of date
def workdays_between(after: date, until: date, workdays: str = "cn") -> int:
    """The working days after one date up to and including another; 0 when it is not later."""
    days = (until - after).days
    return sum(is_workday(after + timedelta(days=n), workdays) for n in range(1, days + 1))


def workdays_left(as_of: date, due: date, workdays: str = "cn") -> int:
    """The working days from one date (itself counted) to a due date (counted too)."""
    return workdays_between(as_of - timedelta(days=1), due, workdays)
