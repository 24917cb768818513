"""Tables for progress: targets against their measured values, and each task's light."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .layout import paragraph
from .table import cell, cut, name_lines, new_table, when

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..standing import TargetStatus, TaskStatus

OP = {"<=": "≤", ">=": "≥", "=": "="}
MET = {True: "达标", False: "未达标", None: "—"}  # a target met, missed, or not yet measured
MET_STYLES = {True: "green", False: "red", None: ""}
LIGHT = {
    "red": ("● 红", "red"),
    "yellow": ("● 黄", "yellow"),
    "green": ("● 绿", "green"),
    "done": ("✔ 完成", "bold green"),
}
LIGHT_NAMES = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "done": "完成"}


def _number(value: float) -> str:
    return f"{value:g}"


def targets(rows: list[TargetStatus], as_of: date) -> RenderableType:
    table = new_table(
        "序号",
        "任务名称",
        "指标",
        "目标",
        "实际",
        "日期",
        "达标情况",
        title=f"截至{as_of}的量化指标：{len(rows)} 项",
        spill=("日期", "实际", "目标"),
    )
    for r in rows:
        unit = r.target.unit
        actual = r.actual
        table.add_row(
            cell(str(r.task.id)),
            cell(r.task.name),
            cell(r.target.indicator),
            cell(f"{OP[r.target.op]} {_number(r.target.value)}{unit}"),
            cell(f"{_number(actual.value)}{unit}" if actual and actual.value is not None else "—"),
            cell(str(actual.date) if actual else "—"),
            cell(MET[r.met], MET_STYLES[r.met]),
        )
    return table


def statuses(rows: list[TaskStatus], as_of: date, within: int, limit: int = 0) -> RenderableType:
    from rich.console import Group

    table = new_table(
        "序号",
        "状态",
        "任务名称",
        "逾期节点",
        "下一节点",
        "牵头单位",
        title=f"截至{as_of}的任务状态（{within} 天内到期为黄灯）",
        spill=("牵头单位", "下一节点", "逾期节点"),
    )
    shown, more = cut(rows, limit)
    for r in shown:
        label, style = LIGHT[r.light]
        overdue = [ref for ref, state in r.states.items() if state == "overdue"]
        table.add_row(
            cell(str(r.task.id)),
            cell(label, style),
            cell(r.task.name),
            cell("、".join(overdue) or "—"),
            when(r.next_due) if r.next_due else cell("—"),
            name_lines(r.task.lead),
        )
    counts = "，".join(
        f"{LIGHT_NAMES[light]} {sum(r.light == light for r in rows)}" for light in LIGHT
    )
    awaiting = [ref for r in rows for ref in r.awaiting]
    waiting = (
        [paragraph(f"待审核：{len(awaiting)} 项（{'、'.join(awaiting)}）")] if awaiting else []
    )
    return Group(table, *more, paragraph(f"合计：{counts}"), *waiting)
