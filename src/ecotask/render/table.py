"""Tables for people: the document's column names, data as Text (never markup), folded cells."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table

    from ..models import Task
    from ..plan import DatedMilestone, Plan


def console() -> Console:
    """stdout; Rich itself drops colour off a terminal and under NO_COLOR."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


# Columns of prose share the width left over by the rest, in these proportions.
_RATIOS = {"任务分解": 4, "任务名称": 2, "责任单位": 2}


def _table(*columns: str, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left", expand=True)
    for name in columns:
        ratio = _RATIOS.get(name)
        table.add_column(name, overflow="fold", ratio=ratio, no_wrap=ratio is None)
    return table


def _text(value: str, style: str = "") -> RenderableType:
    from rich.text import Text

    return Text(value, style=style)


def _join(names: Iterable[str]) -> RenderableType:
    return _text("\n".join(names))


def _when(m: DatedMilestone) -> RenderableType:
    from rich.text import Text

    dates = f"{m.start:%m-%d}–{m.due:%m-%d}" if m.start else m.due.isoformat()
    phrase = f"（{m.due_text}，完成时限）" if m.milestone.due is None else f"（{m.due_text}）"
    return Text.assemble(dates, "\n", (phrase, "dim"))


def milestones(rows: list[DatedMilestone], title: str) -> RenderableType:
    table = _table("序号", "时间节点", "任务名称", "任务分解", "牵头单位", "分管领导", title=title)
    for m in rows:
        table.add_row(
            _text(m.ref),
            _when(m),
            _text(m.task.name),
            _text(m.milestone.text),
            _join(m.task.lead),
            _join(m.task.leaders),
        )
    return table


def tasks(plan: Plan, rows: list[Task], title: str) -> RenderableType:
    table = _table("序号", "任务名称", "完成时限", "牵头单位", "责任单位", "分管领导", title=title)
    category = None
    for task in rows:
        if task.category != category:
            category = task.category
            table.add_row("", _text(category, "bold"), end_section=False)
        table.add_row(
            _text(str(task.id)),
            _text(task.name),
            _text(str(task.deadline)),
            _join(task.lead),
            _text("、".join(task.responsible) + ("等相关单位" if task.open_ended else "")),
            _join(task.leaders),
        )
    return table


def task_detail(plan: Plan, task: Task) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column(overflow="fold")
    responsible = "、".join(task.responsible) + ("等相关单位" if task.open_ended else "")
    for label, value in (
        ("序号", str(task.id)),
        ("类别", task.category),
        ("任务名称", task.name),
        ("完成时限", f"{task.deadline}（{plan.deadline(task)}）"),
        ("牵头单位", "、".join(task.lead)),
        ("责任单位", responsible or "—"),
        ("分管领导", "、".join(task.leaders)),
    ):
        facts.add_row(label, _text(value))
    steps = _table("序号", "时间节点", "任务分解")
    for m in plan.milestones:
        if m.task is task:
            steps.add_row(_text(m.ref), _when(m), _text(m.milestone.text))
    return Group(facts, _text(""), steps)
