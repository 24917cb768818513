"""The ranges numbers and years are kept in, in the data and on the command line.

Integers are signed 64-bit: what the cache, JSON readers and spreadsheets all hold exactly.
Years are those a plan of this kind can mean; a wider range lets a typo through to date
arithmetic that has no calendar to land in.
"""

from __future__ import annotations

import math

from .i18n import N_, _

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
FIRST_YEAR = 1900
LAST_YEAR = 2199
BEYOND_INT = N_("beyond the whole numbers kept (-2^63 to 2^63-1)")
MAX_DAYS = 36500  # --within: a hundred years ahead is the furthest a plan looks
MAX_ROWS = 1_000_000  # --limit: more rows than any table shown; 0 shows them all anyway


def int_problem(value: int) -> str | None:
    """Why an integer cannot be kept, or None when it can."""
    if INT_MIN <= value <= INT_MAX:
        return None
    return _("{value} is {beyond}").format(value=_digits(value), beyond=_(BEYOND_INT))


def float_problem(value: float) -> str | None:
    """Why a float cannot be kept (infinity, not-a-number), or None when it can."""
    return (
        None if math.isfinite(value) else _("{value!r} is not a finite number").format(value=value)
    )


def year_problem(year: int) -> str | None:
    """Why a year cannot be meant, or None when it can."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return _("year {year}, outside {first}-{last}").format(
        year=_digits(year), first=FIRST_YEAR, last=LAST_YEAR
    )


def _digits(value: int) -> str:
    if abs(value).bit_length() > 100:  # str() of thousands of digits raises
        digits = round(abs(value).bit_length() * math.log10(2))
        return _("a number of about {digits} digits").format(digits=digits)
    return str(value)
