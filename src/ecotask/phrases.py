"""Date phrases in a text (8月底前, 9月, 6到12月, 年内), as a person reading it finds them: for
the check that a step's `due` is the one its own text names, and for the importer's reading of
a breakdown cell (cells.py). Apart from the importer, so that a check does not compile the
importer's patterns. No I/O, and nothing heavier than `re`.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .dates import parse_due

_parse_due = functools.lru_cache(maxsize=1024)(parse_due)  # phrases repeat: 11月底, 3月底

_YEAR = r"(?:(?<!\d)\d{4}年)"
_M = r"(?<![\d.．])\d{1,2}"  # a month's digits: not the tail of a number (10吨, 0.5, 2017)
_PHRASE = re.compile(
    rf"""
    (?=[到\d年上下第一二三四])  # where a phrase can start: a quick test at each character
    (?P<to>到)?
    (?P<phrase>
        {_YEAR}?{_M}(?:到|至|—|-|~){_M}月底?              # 6到12月: a span
      | {_YEAR}?{_M}月(?:(?P<day>\d{{1,2}})日|底)?前?     # 8月底, 8月底前, 9月, 6月15日前
      | (?:(?<!\d)\d{{4}}年?|(?<![明去前次\d]))年底前?      # 年底, 2017年底; not 明年底
      | (?:(?<!\d)\d{{4}}年|(?<![明去前次当\d一二三四五六七八九十两几多]))年内
                                                          # 年内, 2019年内; not 三年内
      | {_YEAR}?[上下]半年                                  # 上半年
      | {_YEAR}?第?[一二三四]季度末?前?                     # 三季度末, 第一季度
    )
    """,
    re.VERBOSE,
)
# "1." "2、" "（3）" "①" at a sentence's start: kept in the text, skipped when reading dates,
# so that "1.5月底前" is due 5月底前 and "2.6到12月" is the span 6到12月.
_NUMBERING = re.compile(r"\s*(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）]|[①-⑳])")


class Phrase(NamedTuple):
    """A date phrase found in a text: where it is (the leading 到 included) and how to write
    it as a `due` (without the 到)."""

    start: int
    end: int
    phrase: str
    month: int
    day: int | None
    year: int | None

    def due(self, year: int | None = None) -> str:
        """The `due` value: the phrase; when it names a day (6月15日), an ISO date, or without a
        year to put it in, the month (6月)."""
        if self.day is None:
            return self.phrase
        year = self.year or year
        if year is None:
            return self.phrase.split("月")[0] + "月"
        return f"{year:04d}-{self.month:02d}-{self.day:02d}"


def date_phrases(text: str) -> list[Phrase]:
    """Every date phrase in text, in order; a numbering at the start is skipped."""
    skip = m.end() if (m := _NUMBERING.match(text)) else 0
    found = []
    for m in _PHRASE.finditer(text[skip:]):
        phrase = m["phrase"]
        day = int(m["day"]) if m["day"] else None
        spec_text = phrase.split(m["day"] + "日")[0] + "底" if day else phrase
        try:
            spec = _parse_due(spec_text)
        except ValueError:
            continue  # 13月, 12到6月: not a date
        if day is not None and not 1 <= day <= 31:
            continue
        found.append(Phrase(skip + m.start(), skip + m.end(), phrase, spec.month, day, spec.year))
    return found
