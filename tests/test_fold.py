"""Folding text by display width with the Chinese line-breaking rules (render.fold)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from ecotask.render import display_width
from ecotask.render.fold import CLOSING, OPENING, fold


def test_a_closing_mark_takes_the_character_before_it_to_the_next_line() -> None:
    # 24 columns end after 等; "，" may not open the next line, so 等 goes down with it
    assert fold("畅通公众参与和社会监督等渠道，有序增强公众参与", 24) == [
        "畅通公众参与和社会监督等",
        "渠道，有序增强公众参与",
    ]


def test_an_enumeration_comma_never_opens_a_line() -> None:
    assert fold("区住建局、区国土分局", 8) == ["区住建", "局、区国", "土分局"]


def test_a_number_keeps_its_percent_sign_and_its_unit() -> None:
    assert fold("确保达到90%以上的水平", 12) == ["确保达到90%", "以上的水平"]
    assert fold("完成城区内所有10吨以下燃煤锅炉", 14) == ["完成城区内所有", "10吨以下燃煤锅", "炉"]


def test_a_closing_mark_after_a_space_stays_on_its_line() -> None:
    # the document writes "18% 。" (task 14.2): the space is no place to break before 。
    assert fold("确保达到18% 。", 11) == ["确保达到", "18% 。"]


def test_an_opening_mark_never_ends_a_line() -> None:
    # 《 would end the first line at 10 columns: it goes down with the character after it
    assert fold("修订完善《双台子区预案》", 10) == ["修订完善", "《双台子区", "预案》"]


def test_latin_words_break_at_spaces_and_lose_them() -> None:
    assert fold("print every finding, one line each", 20) == [
        "print every finding,",
        "one line each",
    ]


def test_the_texts_own_line_breaks_and_indentation_are_kept() -> None:
    assert fold("  一二三四五六\n七八", 8) == ["  一二三", "四五六", "七八"]
    assert fold("", 10) == [""]


def test_what_no_line_can_hold_is_cut_by_characters() -> None:
    assert fold("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]


TEXT = (
    "到6月底，完成城区内所有10吨以下燃煤锅炉淘汰清理工作；区域大气PM2.5、PM10年均浓度分别"
    "达到46微克/立方米和70微克/立方米，环境质量达标率达到74.7%（以《环境公报》为准）。"
)


@pytest.mark.parametrize("width", range(6, 41))
def test_at_every_width_the_rules_hold_and_nothing_is_lost(width: int) -> None:
    lines = fold(TEXT, width)
    assert "".join(lines) == TEXT
    assert all(display_width(line) <= width for line in lines)
    assert all(line[0] not in CLOSING for line in lines[1:])
    assert all(line[-1] not in OPENING for line in lines)
    assert not any(a[-1].isdigit() and b[0] in "%吨" for a, b in pairwise(lines))
