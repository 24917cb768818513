"""Tables for people: the document's column names, data as Text (never markup), folded cells."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table
    from rich.text import Text

    from ..plan import DatedMilestone, Plan
    from ..records import Event, Task


def console() -> Console:
    """stdout; Rich itself drops colour off a terminal and under NO_COLOR."""
    from rich.console import Console

    return Console(highlight=False, emoji=False)


# Columns of prose share the width left over by the rest, in these proportions.
_RATIOS = {
    "任务分解": 4,
    "任务名称": 2,
    "责任单位": 2,
    "指标": 2,
    "说明": 3,
    "进展情况": 3,
    "佐证材料": 2,
}


def new_table(*columns: str, title: str | None = None) -> Table:
    from rich import box
    from rich.table import Table

    prose = any(name in _RATIOS for name in columns)  # only prose needs the full width
    heading = cell(title) if title is not None else None
    table = Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left", expand=prose)
    for name in columns:
        ratio = _RATIOS.get(name)
        table.add_column(name, overflow="fold", ratio=ratio, no_wrap=ratio is None)
    return table


def cell(value: str, style: str = "") -> Text:
    """Data as Rich shows it: never read as markup, nothing invisible printed as it is."""
    from rich.text import Text

    from ..text import visible

    return Text(visible(value), style=style)


def more_rows(hidden: int) -> str:
    """The line under a table cut at --limit."""
    return f"… {hidden} more rows: --limit 0 shows them all, --json lists them."


def capped(rows: list[Any], limit: int) -> tuple[list[Any], int]:
    """The rows a table shows at --limit (0: all), and how many it leaves out: Rich takes
    about a millisecond a row, and no one reads thousands."""
    shown = rows if limit == 0 else rows[:limit]
    return shown, len(rows) - len(shown)


def cut(rows: list[Any], limit: int) -> tuple[list[Any], list[RenderableType]]:
    """capped(), with the line counting the rest, if any, to draw under the table."""
    shown, hidden = capped(rows, limit)
    return shown, [cell(more_rows(hidden))] if hidden else []


def name_lines(names: Iterable[str]) -> RenderableType:
    return cell("\n".join(names))


def facts(rows: list[tuple[str, str]]) -> RenderableType:
    """Label and value pairs, labels bold."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(cell(label), cell(value))
    return grid


def when(m: DatedMilestone) -> RenderableType:
    from rich.text import Text

    from ..text import visible
    from ..when import when as spelled

    dates, _, phrase = spelled(m, "table").partition("（")  # the dates hold no "（"
    return Text.assemble(dates, "\n", (visible(f"（{phrase}"), "dim"))


def milestones(
    rows: list[DatedMilestone], done: dict[str, Event], title: str, with_done: bool = False
) -> RenderableType:
    """Steps with their tasks; with_done adds a column saying when each step was done."""
    columns = ["序号", "时间节点", "任务名称", "任务分解", "牵头单位", "分管领导"]
    table = new_table(*columns, *(["完成情况"] if with_done else []), title=title)
    for m in rows:
        event = done.get(m.ref)
        extra = [cell(f"{event.date} 完成" if event else "未完成", "" if event else "dim")]
        table.add_row(
            cell(m.ref),
            when(m),
            cell(m.task.name),
            cell(m.milestone.text),
            name_lines(m.task.lead),
            name_lines(m.task.leaders),
            *(extra if with_done else []),
        )
    return table


def tasks(plan: Plan, rows: list[Task], title: str) -> RenderableType:
    table = new_table(
        "序号", "任务名称", "完成时限", "牵头单位", "责任单位", "分管领导", title=title
    )
    category = None
    for task in rows:
        if task.category != category:
            category = task.category
            table.add_row(cell(""), cell(category, "bold"), end_section=False)
        table.add_row(
            cell(str(task.id)),
            cell(task.name),
            cell(str(task.deadline)),
            name_lines(task.lead),
            cell(task.responsible_text),
            name_lines(task.leaders),
        )
    return table


def task_detail(plan: Plan, task: Task) -> RenderableType:
    from rich.console import Group

    about = facts(
        [
            ("序号", str(task.id)),
            ("类别", task.category),
            ("任务名称", task.name),
            ("完成时限", f"{task.deadline}（{plan.deadline(task)}）"),
            ("牵头单位", "、".join(task.lead)),
            ("责任单位", task.responsible_text or "—"),
            ("分管领导", "、".join(task.leaders)),
        ]
    )
    steps = new_table("序号", "时间节点", "任务分解")
    for m in plan.milestones_of(task):
        steps.add_row(cell(m.ref), when(m), cell(m.milestone.text))
    return Group(about, cell(""), steps)
