"""Tables for who does what: a unit, a leader, the counts per unit and leader, the roster."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..progress import STATE_NAMES
from .layout import FitTable, paragraph
from .table import cell, cut, facts, name_lines, new_table, part_table, step_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..plan import Plan
    from ..progress import StepStatus
    from ..records import Member
    from ..standing import Completion
    from ..who import LeaderCounts, LeaderReport, UnitCounts, UnitReport

KIND = {
    "government": "区政府",
    "office": "办公室",
    "party": "党委部门",
    "bureau": "局",
    "agency": "直属单位",
    "town": "镇",
    "street": "街道",
    "mass_org": "群团组织",
    "collective": "集体称谓",
}
ROLE = {"lead": "牵头", "responsible": "责任"}


def _place(member: Member | None, short: bool = False) -> str:
    if member is None:
        return "名单外" if short else "不在领导小组名单中"
    return member.role if member.role != "成员" else f"成员（{member.position}）"


def unit_report(
    report: UnitReport, period: tuple[int, int] | None, limit: int = 0, plan: Plan | None = None
) -> RenderableType:
    """limit cuts the tasks and the steps, each. With the plan, the steps' parts (分项报送)
    and, with review required, those awaiting it (待审核) follow."""
    from rich.console import Group

    head = report.head
    about = facts(
        [
            ("单位", report.name),
            ("别名", "、".join(report.aliases) or "—"),
            ("类别", KIND.get(report.kind, report.kind)),
            ("负责人", f"{head.name}（{head.position}）" if head else "名单中无"),
            *([("所属", "、".join(report.collectives))] if report.collectives else []),
        ]
    )
    tasks = new_table(
        "序号", "任务名称", "职责", "完成时限", "分管领导", spill=("分管领导", "完成时限")
    )
    involvements, more_tasks = cut(report.involvements, limit)
    for i in involvements:
        role = ROLE[i.role] + (f"（经{i.via}）" if i.via else "")
        tasks.add_row(
            cell(str(i.task.id)),
            cell(i.task.name),
            cell(role),
            cell(str(i.task.deadline)),
            name_lines(i.task.leaders),
        )
    month = f"{period[0]}年{period[1]}月" if period else None
    parts: list[RenderableType] = [about, cell("")]
    if not report.involvements:
        parts.append(paragraph(f"没有{month}到期的任务。" if month else "没有任务。"))
    else:
        parts += [tasks, *more_tasks]
    if report.milestones:
        title = f"{month}到期的时间节点" if month else "时间节点"
        parts += _steps(report.milestones, f"{title}（截至{report.as_of}）", limit)
        if plan is not None:
            parts += part_table(plan, report.milestones)
            awaiting = [s.ref for s in report.milestones if s.review == "reported"]
            if plan.review and awaiting:
                parts.append(paragraph(f"待审核：{len(awaiting)} 项（{'、'.join(awaiting)}）"))
    return Group(*parts)


def _steps(steps: list[StepStatus], title: str, limit: int = 0) -> list[RenderableType]:
    """The steps with their state, and the line counting those left out, if any."""
    shown, more = cut(steps, limit)
    return [step_table(shown, title), *more]


def leader_report(report: LeaderReport, as_of: date, limit: int = 0) -> RenderableType:
    from rich.console import Group

    member = report.member
    about = facts(
        [
            ("姓名", report.name),
            ("领导小组", _place(member)),
            ("分管任务", f"{len(report.tasks)} 项"),
            *[(f"  {name}", f"{count} 项") for name, count in report.categories.items()],
        ]
    )
    tasks = new_table("序号", "任务名称", "完成时限", "共同分管", spill=("共同分管", "完成时限"))
    shown, more = cut(report.tasks, limit)
    for task in shown:
        others = [name for name in task.leaders if name != report.name]
        tasks.add_row(
            cell(str(task.id)), cell(task.name), cell(str(task.deadline)), name_lines(others)
        )
    parts: list[RenderableType] = [about, cell(""), tasks, *more]
    if report.overdue:
        parts += _steps(report.overdue, f"截至{as_of}逾期未完成的时间节点", limit)
    if report.upcoming:
        parts += _steps(report.upcoming, f"{as_of}起的下一批时间节点")
    else:
        parts.append(paragraph(f"{as_of}起没有未完成的时间节点。"))
    return Group(*parts)


def _counts(*columns: str, first_count: int, as_of: date) -> FitTable:
    """Counts right-aligned; too wide for the window, the counts by state are left out,
    the last first: they are in `status`, and the rest is what the table is for."""
    leaving = tuple(reversed(COMPLETION))
    table = new_table(*columns, title=f"截至{as_of}", spill=leaving, detail=False)
    for column in table.columns[first_count:]:
        column.justify = "right"
    return table


COMPLETION = tuple(STATE_NAMES.values())


def _completion(c: Completion) -> list[str]:
    return [str(c.done), str(c.done_late), str(c.overdue), str(c.pending)]


def unit_counts(rows: list[UnitCounts], as_of: date) -> RenderableType:
    table = _counts(
        "单位", "牵头", "责任", "经集体", "节点数", *COMPLETION, first_count=1, as_of=as_of
    )
    for r in rows:
        table.add_row(
            cell(r.name),
            *map(cell, [str(r.led), str(r.responsible), str(r.via), str(r.milestones)]),
            *map(cell, _completion(r.completion)),
        )
    return table


def leader_counts(rows: list[LeaderCounts], as_of: date) -> RenderableType:
    table = _counts(
        "分管领导",
        "领导小组",
        "任务数",
        "独自",
        "共同",
        "节点数",
        *COMPLETION,
        first_count=2,
        as_of=as_of,
    )
    for r in rows:
        table.add_row(
            cell(r.name),
            cell(_place(r.member, short=True)),
            *map(cell, [str(r.tasks), str(r.alone), str(r.shared), str(r.milestones)]),
            *map(cell, _completion(r.completion)),
        )
    return table


def group(plan: Plan) -> RenderableType:
    from rich.console import Group

    data = plan.group_file
    table = new_table("职务", "姓名", "职位", "单位", title=data.group.name, spill=("单位",))
    for member in data.group.members:
        table.add_row(
            cell(member.role), cell(member.name), cell(member.position), cell(member.unit)
        )
    parts: list[RenderableType] = [table]
    office = data.group.office
    if office:
        concurrent = "（兼）" if office.concurrent else ""
        parts.append(
            paragraph(
                f"领导小组下设办公室，办公室设在{office.host}，办公室主任{office.director}{concurrent}。"
            )
        )
    if data.notice and data.notice.cc:
        parts.append(paragraph(f"抄送：{'、'.join(data.notice.cc)}"))
    return Group(*parts)
