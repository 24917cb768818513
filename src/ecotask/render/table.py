"""Tables for people: the document's column names, data as Text (never markup), folded cells."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING, Any, cast

from ..i18n import _
from .layout import Column, FitTable, paragraph

if TYPE_CHECKING:
    from datetime import date

    from rich.console import Console, RenderableType
    from rich.text import Text

    from ..plan import DatedMilestone, Plan
    from ..progress import StepStatus
    from ..records import Event, Task


def console() -> Console:
    """stdout; Rich itself drops colour off a terminal and under NO_COLOR. Off a terminal no
    line ends in spaces: a file or a pipe gets no padding."""
    import sys

    from rich.console import Console

    out = sys.stdout if sys.stdout.isatty() else unpadded(sys.stdout)
    return Console(file=out, highlight=False, emoji=False)


def terminal_width() -> int | None:
    """The width text is folded to on a terminal; None off one, where lines stay whole."""
    import sys

    return console().width if sys.stdout.isatty() else None


def unpadded(stream: IO[str]) -> IO[str]:
    """stream, its lines' trailing spaces dropped on the way: for what is not a terminal."""
    return cast("IO[str]", _Unpadded(stream))


class _Unpadded:
    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_TRAILING.sub("", text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self._stream.fileno()

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", None) or "utf-8"


_TRAILING = re.compile(r"[ \t]+(?=\n)")

# Columns of prose fold, sharing the width left over by the rest in these proportions.
_RATIOS = {
    "任务分解": 4,
    "任务名称": 2,
    "责任单位": 2,
    "指标": 2,
    "说明": 3,
    "进展情况": 3,
    "佐证材料": 2,
    "分项报送": 3,
}


def new_table(
    *columns: str, title: str | None = None, spill: tuple[str, ...] = (), detail: bool = True
) -> FitTable:
    """spill: the columns that leave a table too wide for the window, the first first; into
    a line under each row (detail), or out, with a note naming them."""
    return FitTable(
        [Column(name, _RATIOS.get(name)) for name in columns], title, spill, detail=detail
    )


def cell(value: str, style: str = "") -> Text:
    """Data as Rich shows it: never read as markup, nothing invisible printed as it is."""
    from rich.text import Text

    from ..text import visible

    return Text(visible(value), style=style)


def more_rows(hidden: int) -> str:
    """The line under a table cut at --limit."""
    return _("… {count} more rows: --limit 0 shows them all, --json lists them.").format(
        count=hidden
    )


def capped(rows: list[Any], limit: int) -> tuple[list[Any], int]:
    """The rows a table shows at --limit (0: all), and how many it leaves out: Rich takes
    about a millisecond a row, and no one reads thousands."""
    shown = rows if limit == 0 else rows[:limit]
    return shown, len(rows) - len(shown)


def cut(rows: list[Any], limit: int) -> tuple[list[Any], list[RenderableType]]:
    """capped(), with the line counting the rest, if any, to draw under the table."""
    shown, hidden = capped(rows, limit)
    return shown, [paragraph(more_rows(hidden))] if hidden else []


def name_lines(names: Iterable[str]) -> Text:
    return cell("\n".join(names))


def facts(rows: list[tuple[str, str]]) -> RenderableType:
    """Label and value pairs, labels bold."""
    grid = FitTable([Column(""), Column("", ratio=1)], header=False, edge=0)
    for label, value in rows:
        grid.add_row(cell(label, "bold"), cell(value))
    return grid


def when(m: DatedMilestone, extended_to: date | None = None) -> Text:
    """The step's date (when.py's table style), its phrase dim under the dates."""
    from rich.text import Text

    from ..text import visible
    from ..when import table_parts

    dates, phrase = table_parts(m, extended_to)
    return Text.assemble(dates, "\n", (visible(phrase), "dim"))


# Who answers for a step, and whether it is done, can go under the row: the step cannot.
_LEAVE_STEPS = ("完成情况", "分管领导", "牵头单位")


def state(s: StepStatus) -> Text:
    """A step's state (完成情况) as of the date: when it was done, or how many days it is
    overdue; open steps not yet due are dim."""
    if s.done is not None:
        late = f"，逾期{s.days_late}天" if s.days_late else ""
        return cell(f"{s.label}\n{s.done.date}{late}")
    if s.state == "overdue":
        return cell(f"{s.label}\n逾期{s.days_late}天", "bold")
    return cell(s.label, "dim")


def milestones(
    rows: list[DatedMilestone],
    done: dict[str, Event],
    title: str,
    with_done: bool = False,
    original: dict[str, DatedMilestone] | None = None,
) -> RenderableType:
    """Steps with their tasks; with_done adds a column saying when each step was done. A
    step in `original` is extended (延期): its new date, then the plan's."""
    columns = ["序号", "时间节点", "任务名称", "任务分解", "牵头单位", "分管领导"]
    table = new_table(
        *columns, *(["完成情况"] if with_done else []), title=title, spill=_LEAVE_STEPS
    )
    for m in rows:
        event = done.get(m.ref)
        extra = [cell(f"{event.date} 完成" if event else "未完成", "" if event else "dim")]
        planned = (original or {}).get(m.ref)
        shown = when(m) if planned is None else when(planned, m.due)
        table.add_row(
            cell(m.ref),
            shown,
            cell(m.task.name),
            cell(m.milestone.text),
            name_lines(m.task.lead),
            name_lines(m.task.leaders),
            *(extra if with_done else []),
        )
    return table


def tasks(plan: Plan, rows: list[Task], title: str) -> RenderableType:
    table = new_table(
        "序号",
        "任务名称",
        "完成时限",
        "牵头单位",
        "责任单位",
        "分管领导",
        title=title,
        spill=("分管领导", "责任单位", "完成时限"),
    )
    category = None
    for task in rows:
        if task.category != category:
            category = task.category
            table.add_row(cell(""), cell(category, "bold"))
        table.add_row(
            cell(str(task.id)),
            cell(task.name),
            cell(str(task.deadline)),
            name_lines(task.lead),
            cell(task.responsible_text),
            name_lines(task.leaders),
        )
    return table


def task_detail(plan: Plan, task: Task, steps: list[StepStatus]) -> RenderableType:
    """The task, then its steps with their state as of the date."""
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
    return Group(about, cell(""), step_table(steps, grouped=True), *part_table(plan, steps))


def part_table(plan: Plan, steps: list[StepStatus]) -> list[RenderableType]:
    """分项报送: each step's parts and who has reported theirs, once any unit has."""
    from ..parts import line, parts

    if not any(s.parts for s in steps):
        return []
    table = new_table("序号", "分项报送", title="分项报送（责任单位各自报送）")
    for s in steps:
        table.add_row(cell(s.ref), cell(line(parts(plan, s)) or "—"))
    return [cell(""), table]


def step_table(
    steps: list[StepStatus], title: str | None = None, grouped: bool = False
) -> FitTable:
    """Steps with their state (完成情况), which goes under the row when the window is narrow.
    grouped: a recurring step once, with its phrase and how many occurrences are done, and
    its occurrences under it. A 延期 column only where a step has an extension."""
    extended = any(s.extension for s in steps)
    columns = ["序号", "时间节点", *(["延期"] if extended else []), "任务分解", "完成情况"]
    table = new_table(*columns, title=title, spill=("完成情况",))
    for i, s in enumerate(steps):
        m = s.milestone
        moved = [extension(s)] if extended else []
        if grouped and m.recurring and (i == 0 or steps[i - 1].milestone.number != m.number):
            mine = [o for o in steps if o.milestone.number == m.number]
            done = sum(o.done is not None for o in mine)
            phrase = cell(f"{m.due_text}\n（{len(mine)}次）")
            blank = [cell("")] if extended else []
            table.add_row(
                cell(m.step_ref), phrase, *blank, cell(m.milestone.text), cell(f"完成{done}次")
            )
        if grouped and m.recurring:
            table.add_row(cell(f"  @{m.due}"), cell(m.due.isoformat()), *moved, cell(""), state(s))
        else:
            table.add_row(cell(s.ref), when(m), *moved, cell(m.milestone.text), state(s))
    return table


def extension(s: StepStatus) -> Text:
    """延期: the approved new due date, and who approved it."""
    from rich.text import Text

    if s.extension is None:
        return cell("—", "dim")
    return Text.assemble(str(s.due), "\n", (f"{s.extension.approved_by}批准", "dim"))
