"""A reminder as plain text, ready to paste into a notice (通知)."""

from __future__ import annotations

from datetime import date

from ..plan import DatedMilestone
from ..text import visible
from ..when import chinese_date, when
from .fold import fold

_HANG = "     "  # under the text after "  1. "


def no_steps(as_of: date, within: int, *, overdue: bool = False) -> str:
    if overdue:
        return f"截至{chinese_date(as_of)}，没有逾期未完成或{within}天内到期的工作。"
    return f"截至{chinese_date(as_of)}，{within}天内没有到期的工作。"


def text(
    by_unit: dict[str, list[DatedMilestone]], as_of: date, within: int, width: int | None = None
) -> str:
    """width: fold the lines to it (a terminal's), each under its own text; None keeps them
    whole, as a notice pasted from a file wants them."""
    if not by_unit:
        return no_steps(as_of, within) + "\n"
    steps = len({m.ref for rows in by_unit.values() for m in rows})
    lines = [
        f"截至{chinese_date(as_of)}，以下{steps}项工作将在{within}天内到期，请各牵头单位抓紧落实：",
        "",
    ]
    for unit, rows in by_unit.items():
        lines.append(f"{unit}：")
        for number, m in enumerate(rows, 1):
            task = m.task
            others = task.responsible_text
            lines.append(f"  {number}. 【{m.ref}】{task.name}（{when(m, 'notice')}）")
            lines.append(f"     {m.milestone.text}")
            detail = f"责任单位：{others}；" if others else ""
            lines.append(f"     {detail}分管领导：{'、'.join(task.leaders)}")
        lines.append("")
    if width is not None:
        lines = [folded for line in lines for folded in _fold(line, width)]
    return visible("\n".join(lines))


def _fold(line: str, width: int) -> list[str]:
    """A line folded to the width, its continuation lines under its text."""
    body = line.lstrip(" ")
    hang = _HANG if line.startswith("  ") else ""
    lead = line[: len(line) - len(body)]
    first, *rest = fold(body, max(width - len(hang or lead), 1)) or [""]
    return [lead + first, *(hang + more for more in rest)]
