"""The plan with each step's state as of a date, as the export's tables: one row per step
(`step_sheet`) and one per task with its steps counted by state (`task_sheet`), in the
document's column names. render/export.py writes them as CSV, Excel, iCalendar or JSON.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .progress import STATE_NAMES, StepStatus
from .when import when

if TYPE_CHECKING:
    from .plan import Plan

Cell = str | int | date | None


class Sheet(NamedTuple):
    """A table as csv and xlsx write it: the document's column names, typed cells."""

    name: str
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]


def joined(names: list[str]) -> str:
    """A list as the document writes it in one cell."""
    return "、".join(names)


STEP_HEADERS = (
    "序号",
    "节点",
    "类别",
    "任务名称",
    "任务分解",
    "时间节点",
    "起始日期",
    "时间表述",
    "牵头单位",
    "责任单位",
    "分管领导",
    "状态",
    "完成日期",
    "报告单位",
    "备注",
    "进展情况",
    "佐证材料",
    "延期",
)


def step_sheet(rows: list[StepStatus]) -> Sheet:
    """One row per milestone: 时间节点 is the date, 时间表述 the document's phrase for it;
    备注 is the done entry's note, 进展情况 the step's latest note, 佐证材料 its evidence, 延期
    the new due date of an approved extension."""
    return Sheet(
        "时间节点",
        STEP_HEADERS,
        [
            (
                s.milestone.task.id,
                s.milestone.ref,
                s.milestone.task.category,
                s.milestone.task.name,
                s.milestone.milestone.text,
                s.milestone.due,
                s.milestone.start,
                when(s.milestone, "phrase"),
                joined(s.milestone.task.lead),
                s.milestone.task.responsible_text,
                joined(s.milestone.task.leaders),
                STATE_NAMES[s.state],
                s.done.date if s.done else None,
                s.done.by if s.done else None,
                s.done.note if s.done else None,
                s.note.note if s.note else None,
                joined(list(s.evidence)) or None,
                s.due if s.extension else None,
            )
            for s in rows
        ],
    )


TASK_HEADERS = (
    "序号",
    "类别",
    "任务名称",
    "任务分解",
    "完成时限",
    "截止日期",
    "牵头单位",
    "责任单位",
    "分管领导",
    "节点数",
    *STATE_NAMES.values(),
)


def task_sheet(plan: Plan, rows: list[StepStatus]) -> Sheet:
    """One row per task, as the document's table has them, with its steps counted by state."""
    by_task: dict[int, list[StepStatus]] = {}
    for s in rows:
        by_task.setdefault(s.milestone.task.id, []).append(s)
    table: list[tuple[Cell, ...]] = []
    for task in plan.tasks:
        own = by_task.get(task.id, [])
        counts = Counter(s.state for s in own)
        table.append(
            (
                task.id,
                task.category,
                task.name,
                "\n".join(s.milestone.milestone.text for s in own),
                str(task.deadline),
                plan.deadline(task),
                joined(task.lead),
                task.responsible_text,
                joined(task.leaders),
                len(own),
                *(counts[name] for name in STATE_NAMES),
            )
        )
    return Sheet("任务", TASK_HEADERS, table)
