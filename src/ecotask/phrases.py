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
    (?=[到\d年上下第一二三四每])  # where a phrase can start: a quick test at each character
    (?P<to>到)?
    (?P<phrase>
        每月(?:\d{{1,2}}[日号]|底|末)前?                      # 每月10日前, 每月底: recurring
      | 每季度?(?:末|底|首月\d{{1,2}}[日号])前?               # 每季度末, 每季度首月10日前
      | 每半年(?:末|底)?前?                                # 每半年
      | 每年\d{{1,2}}月(?:\d{{1,2}}[日号]|底|末)?前?            # 每年6月底
      | (?<!\d)\d{{1,3}}个工作日(?:内|前)                    # 10个工作日内
      |
        {_YEAR}?{_M}(?:到|至|—|-|~){_M}月底?              # 6到12月: a span
      | {_YEAR}?{_M}月(?:\d{{1,2}}日|底)?前?               # 8月底, 8月底前, 9月, 6月15日前
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

    def due(self) -> str:
        """The `due` value: the phrase without its 到, which the plan's year completes."""
        return self.phrase


def date_phrases(text: str) -> list[Phrase]:
    """Every date phrase in text, in order; a numbering at the start is skipped."""
    skip = m.end() if (m := _NUMBERING.match(text)) else 0
    found = []
    for m in _PHRASE.finditer(text[skip:]):
        phrase = m["phrase"]
        try:
            spec = _parse_due(phrase)
        except ValueError:
            continue  # 13月, 12到6月, 2月30日: not a date
        found.append(
            Phrase(skip + m.start(), skip + m.end(), phrase, spec.month, spec.day, spec.year)
        )
    return found
