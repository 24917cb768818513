"""A reminder as plain text, ready to paste into a notice (通知)."""

from __future__ import annotations

from datetime import date

from ..plan import DatedMilestone
from ..text import visible
from ..when import chinese_date, when


def no_steps(as_of: date, within: int, *, overdue: bool = False) -> str:
    if overdue:
        return f"截至{chinese_date(as_of)}，没有逾期未完成或{within}天内到期的工作。"
    return f"截至{chinese_date(as_of)}，{within}天内没有到期的工作。"


def text(by_unit: dict[str, list[DatedMilestone]], as_of: date, within: int) -> str:
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
    return visible("\n".join(lines))
