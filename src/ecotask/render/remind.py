"""A reminder as plain text, ready to paste into a notice (通知)."""

from __future__ import annotations

from datetime import date

from ..plan import DatedMilestone
from ..progress import StepStatus
from ..text import visible
from ..when import chinese_date, when
from ..who import UnitSteps
from .fold import fold

_HANG = "     "  # under the text after "  1. "


def no_steps(as_of: date, within: int, *, overdue: bool = False) -> str:
    if overdue:
        return f"截至{chinese_date(as_of)}，没有逾期未完成或{within}天内到期的工作。"
    return f"截至{chinese_date(as_of)}，{within}天内没有到期的工作。"


def text(
    late: list[UnitSteps],
    by_unit: dict[str, list[DatedMilestone]],
    as_of: date,
    within: int,
    width: int | None = None,
    original: dict[str, DatedMilestone] | None = None,
) -> str:
    """The overdue steps first, each with its days overdue (逾期N天), then those due within
    the days given, each with the working days left (还有N个工作日, the day itself counted).
    width: fold the lines to it (a terminal's), each under its own text; None keeps them
    whole, as a notice pasted from a file wants them. A step in `original` is extended (延期):
    it is due by its new date, the plan's beside it."""
    planned = original or {}
    day = chinese_date(as_of)
    lines: list[str] = []
    if late:
        count = len({s.ref for group in late for s in group.steps})
        lines += [f"截至{day}，以下{count}项工作逾期未完成，请各牵头单位抓紧落实：", ""]
        for group in late:
            late_rows: list[tuple[DatedMilestone, str | None]] = [
                (s.milestone._replace(due=s.due), f"逾期{s.days_late}天") for s in group.steps
            ]
            lines += _unit(group.unit, late_rows, planned)
    if by_unit:
        steps = len({m.ref for rows in by_unit.values() for m in rows})
        opening = "以下" if late else f"截至{day}，以下"
        lines += [f"{opening}{steps}项工作将在{within}天内到期，请各牵头单位抓紧落实：", ""]
        for unit, rows in by_unit.items():
            lines += _unit(unit, [(m, f"还有{_left(m, as_of)}个工作日") for m in rows], planned)
    elif late:
        lines += [f"{within}天内没有其他到期的工作。", ""]
    else:
        return no_steps(as_of, within) + "\n"
    if width is not None:
        lines = [folded for line in lines for folded in _fold(line, width)]
    return visible("\n".join(lines))


def owed_text(unit: str, steps: list[StepStatus], as_of: date, width: int | None = None) -> str:
    """The parts (分项报送) a unit still owes of steps overdue or due soon, after the
    reminders: each step with its due date and days overdue; width as text()'s."""
    if not steps:
        return f"\n{unit}没有待报送的分项。\n"
    lines = [f"{unit}待报送的分项（{len(steps)} 项，截至{as_of}）："]
    for s in steps:
        late = f"，逾期{s.days_late}天" if s.days_late else ""
        lines.append(f"  {s.ref} {s.due}{late}：{s.milestone.milestone.text}")
    if width is not None:
        lines = [folded for line in lines for folded in _fold(line, width, "    ")]
    return "\n" + visible("\n".join(lines)) + "\n"


def _left(m: DatedMilestone, as_of: date) -> int:
    from ..workdays import workdays_left

    return workdays_left(as_of, m.due, m.workdays)


def _unit(
    unit: str,
    rows: list[tuple[DatedMilestone, str | None]],
    planned: dict[str, DatedMilestone],
) -> list[str]:
    lines = [f"{unit}："]
    for number, (m, late) in enumerate(rows, 1):
        task = m.task
        others = task.responsible_text
        moved = planned.get(m.ref)
        shown = when(m, "notice") if moved is None else when(moved, "notice", m.due)
        due = shown + (f"，{late}" if late else "")
        lines.append(f"  {number}. 【{m.ref}】{task.name}（{due}）")
        lines.append(f"     {m.milestone.text}")
        detail = f"责任单位：{others}；" if others else ""
        lines.append(f"     {detail}分管领导：{'、'.join(task.leaders)}")
    return [*lines, ""]


def _fold(line: str, width: int, under: str = _HANG) -> list[str]:
    """A line folded to the width, its continuation lines indented by `under` (below the
    text of a numbered line)."""
    body = line.lstrip(" ")
    hang = under if line.startswith("  ") else ""
    lead = line[: len(line) - len(body)]
    first, *rest = fold(body, max(width - len(hang or lead), 1)) or [""]
    return [lead + first, *(hang + more for more in rest)]
