"""The report's sections as rows under Chinese column names: the one layout that the Markdown,
HTML and Excel renderers share, so that the three formats never disagree."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from ..parts import line
from ..progress import StepStatus
from ..report import Ratio, Report
from ..when import table_parts, when
from .progress import MET
from .progress import OP as OP_SIGNS

if TYPE_CHECKING:
    from ..plan import DatedMilestone


class Due(str):
    """A step's 时间节点 as the tables write it, 2017-06-30（6月底）, then an approved extension's
    ，延期至2017-07-31（李吉峰批准）; which also holds its date, the document's phrase and the
    extension's date apart, for a workbook's columns, and its lines (each a text and its
    bracketed note), for a page that breaks it."""

    due: date
    phrase: str
    extended_to: date | None
    lines: tuple[tuple[str, str], ...]

    def __new__(cls, m: DatedMilestone, moved: tuple[date, str] | None = None) -> Due:
        """moved: the extension's date and who approved it."""
        lines = [table_parts(m)]
        if moved is not None:
            lines.append((f"延期至{moved[0]}", f"（{moved[1]}批准）"))
        cell = super().__new__(cls, "，".join("".join(line) for line in lines))
        cell.due, cell.phrase = m.due, when(m, "phrase")
        cell.extended_to, cell.lines = moved[0] if moved else None, tuple(lines)
        return cell


class Amount(str):
    """A target or a measured value as the tables write it, ≥ 100%, which also holds its
    comparison (None for a measured value), number and unit apart, for a workbook's columns."""

    op: str | None
    value: float
    unit: str

    def __new__(cls, value: float, unit: str, op: str | None = None) -> Amount:
        sign = f"{OP_SIGNS[op]} " if op else ""
        cell = super().__new__(cls, f"{sign}{number(value)}{unit}")
        cell.op, cell.value, cell.unit = op, value, unit
        return cell


Cell = str | int | Ratio | date | None
Group = tuple[str | None, list[list[Cell]]]


class Table(NamedTuple):
    """One section as rows. `groups` holds (label, rows) pairs: one pair with label None for
    a plain table, one per unit for the overdue steps; formats that cannot nest put the label
    in a first column named `group_column`."""

    key: str
    heading: str
    summary: str
    columns: list[str]
    groups: list[Group]
    group_column: str | None = None
    empty: str = ""

    @property
    def rows(self) -> list[list[Cell]]:
        return [row for _, rows in self.groups for row in rows]


def names(values: Iterable[str]) -> str:
    return "、".join(values)


def number(value: float) -> str:
    return f"{value:g}"


NUMERALS = "一二三四五六七八九十"
HEADLINE = "总体情况"


def numeral(n: int) -> str:
    """一 to 九十九; larger numbers in digits."""
    if n <= 10:
        return NUMERALS[n - 1]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (
            (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")
        )
    return str(n)


def numbered(report: Report) -> list[tuple[str, Table | None]]:
    """The report's sections with their numbers, the same in every format: 一、总体情况 (no
    table: the headline figures), then each table's."""
    return [(f"{numeral(1)}、{HEADLINE}", None)] + [
        (f"{numeral(number)}、{table.heading}", table)
        for number, table in enumerate(tables(report), 2)
    ]


def group_heading(number: int, label: str, rows: list[list[Cell]]) -> str:
    """A group's heading within a section: （一）区环保局（3 项）."""
    return f"（{numeral(number)}）{label}（{len(rows)} 项）"


RATE_NOTE = (
    "按时完成率 = 按时完成 ÷（按时完成 + 逾期完成 + 逾期未完成）；未到期且未完成的节点不计。"
)


RANKING_NOTE = (
    "按各单位牵头任务的时间节点排名：按时完成率 = 按时完成 ÷（按时完成 + 逾期完成 + 逾期未完成），"
    "从高到低；相同时逾期未完成少者在前。两个单位共同牵头的任务，两个单位都计；"
    "作为责任单位参与的任务不计入排名。牵头节点尚无到期的单位列在最后。"
)


def headline_rows(report: Report) -> list[tuple[str, Cell]]:
    h = report.headline
    return [
        ("本月到期", h.due),
        ("按时完成", h.done),
        ("逾期完成", h.done_late),
        ("本月未完成", h.open),
        ("本月按时完成率", h.month_rate),
        ("逾期未完成（全计划）", h.overdue),
        ("按时完成率（全计划）", h.rate),
    ]


def headline_text(report: Report) -> str:
    h = report.headline
    return (
        f"{report.month_name}到期的时间节点 {h.due} 项：按时完成 {h.done} 项，逾期完成 "
        f"{h.done_late} 项，未完成 {h.open} 项。截至 {report.as_of}，全计划 "
        f"{sum(h.plan)} 个时间节点中逾期未完成 {h.overdue} 项，按时完成率 {h.rate}。"
    )


def _step_row(s: StepStatus) -> list[Cell]:
    m = s.milestone
    return [m.ref, due_cell(s), m.task.name, m.milestone.text, names(m.task.lead), s.label]


PROGRESS = "进展情况"


def due_cell(s: StepStatus) -> Due:
    """时间节点 as the plan gives it, and beside it the extension's date (延期) when approved."""
    extended = s.extension
    return Due(s.milestone, (s.due, extended.approved_by or "") if extended else None)


def _awaiting_row(s: StepStatus) -> list[Cell]:
    report = s.report
    shown = [str(report.date), report.by or "—"] if report else ["—", "—"]
    return [s.ref, due_cell(s), s.milestone.task.name, *shown]


def progress_text(s: StepStatus) -> str:
    """进展情况: the step's latest note and its 佐证材料, as of the report's date."""
    note = s.note.note if s.note is not None and s.note.note else ""
    evidence = f"佐证材料：{names(s.evidence)}" if s.evidence else ""
    return "；".join(part for part in (note, evidence) if part) or "—"


def _with_progress(table: Table, steps: list[list[StepStatus]]) -> Table:
    """The table with a column 进展情况 when one of its steps has a note or evidence: a
    report whose steps have none reads as it always did."""
    if not any(s.note or s.evidence for group in steps for s in group):
        return table
    groups = [
        (label, [[*row, progress_text(s)] for row, s in zip(rows, own, strict=True)])
        for (label, rows), own in zip(table.groups, steps, strict=True)
    ]
    return table._replace(columns=[*table.columns, PROGRESS], groups=groups)


PARTS = "分项报送"


def _with_parts(table: Table, steps: list[list[StepStatus]], shown: dict[str, str]) -> Table:
    """The overdue table with a column 分项报送 when one of its steps has a part reported."""
    if not shown:
        return table
    groups = [
        (label, [[*row, shown.get(s.ref, "—")] for row, s in zip(rows, own, strict=True)])
        for (label, rows), own in zip(table.groups, steps, strict=True)
    ]
    return table._replace(columns=[*table.columns, PARTS], groups=groups)


def tables(report: Report) -> list[Table]:
    """The report's sections after the headline, in order; the step tables carry each step's
    latest note and evidence in a column 进展情况 where there are any, and the overdue steps
    their parts (分项报送) once a unit has reported one."""
    found = _tables(report)
    steps = {
        "due": [report.due],
        "overdue": [group.steps for group in report.overdue],
        "done": [report.done],
        "upcoming": [report.upcoming],
    }
    found = [_with_progress(t, steps[t.key]) if t.key in steps else t for t in found]
    owed = {ref: line(list(found)) or "—" for ref, found in report.parts}
    return [_with_parts(t, steps[t.key], owed) if t.key == "overdue" else t for t in found]


def _tables(report: Report) -> list[Table]:
    h = report.headline
    step_columns = ["序号", "时间节点", "任务名称", "任务分解", "牵头单位", "完成情况"]
    overdue_rows: list[Group] = [
        (
            group.unit,
            [
                [
                    s.ref,
                    due_cell(s),
                    s.milestone.task.name,
                    s.milestone.milestone.text,
                    s.days_late,
                    names(s.milestone.task.leaders),
                ]
                for s in group.steps
            ],
        )
        for group in report.overdue
    ]
    done_rows: list[list[Cell]] = [
        [
            s.ref,
            s.milestone.task.name,
            due_cell(s),
            s.done.date if s.done else None,
            s.label + (f" {s.days_late} 天" if s.days_late else ""),
            s.done.by if s.done and s.done.by else "—",
        ]
        for s in report.done
    ]
    year, month = report.next_month
    recorded = [t for t in report.targets if t.met is not None]
    target_rows: list[list[Cell]] = [
        [
            t.task.id,
            t.task.name,
            t.target.indicator,
            Amount(t.target.value, t.target.unit, t.target.op),
            Amount(t.actual.value, t.target.unit)
            if t.actual and t.actual.value is not None
            else "—",
            t.actual.date if t.actual else None,
            MET[t.met],
        ]
        for t in report.targets
    ]
    unit_rows: list[list[Cell]] = [
        [
            u.rank,
            u.counts.name,
            u.counts.led,
            u.counts.milestones,
            u.counts.completion.done,
            u.counts.completion.done_late,
            u.counts.completion.overdue,
            u.counts.completion.pending,
            u.rate,
        ]
        for u in report.units
    ]
    leader_rows: list[list[Cell]] = [
        [
            r.counts.name,
            r.counts.member.role if r.counts.member else "名单外",
            r.counts.tasks,
            r.counts.milestones,
            r.due,
            r.counts.completion.done,
            r.counts.completion.done_late,
            r.counts.completion.overdue,
            r.counts.completion.pending,
            r.rate,
            names(r.overdue) or "—",
        ]
        for r in report.leaders
    ]
    return [
        Table(
            "due",
            "本月到期",
            f"{report.month_name}到期 {h.due} 项，截至 {report.as_of} 按时完成 {h.done} 项、"
            f"逾期完成 {h.done_late} 项、未完成 {h.open} 项。",
            step_columns,
            [(None, [_step_row(s) for s in report.due])],
            empty=f"{report.month_name}没有到期的时间节点。",
        ),
        Table(
            "overdue",
            "逾期未完成",
            f"截至 {report.as_of}，全计划逾期未完成 {h.overdue} 项，按牵头单位列出"
            "（两个单位共同牵头的，分别列出）。",
            ["序号", "时间节点", "任务名称", "任务分解", "逾期天数", "分管领导"],
            overdue_rows,
            group_column="牵头单位",
            empty=f"截至 {report.as_of}，没有逾期未完成的时间节点。",
        ),
        Table(
            "done",
            "本月已完成",
            f"{report.month_name}内报告完成 {len(done_rows)} 项（截至 {report.as_of}）。",
            ["序号", "任务名称", "时间节点", "完成日期", "完成情况", "报告单位"],
            [(None, done_rows)],
            empty=f"{report.month_name}内没有报告完成的时间节点。",
        ),
        *(
            [
                Table(
                    "awaiting",
                    "待审核",
                    f"截至 {report.as_of}，单位报送完成、待办公室审核（销号或退回）"
                    f" {len(report.awaiting)} 项，审核通过前不计入完成。",
                    ["序号", "时间节点", "任务名称", "报送日期", "报送单位"],
                    [(None, [_awaiting_row(s) for s in report.awaiting])],
                    empty=f"截至 {report.as_of}，没有待审核的报送。",
                )
            ]
            if report.review
            else []
        ),
        Table(
            "upcoming",
            "下月到期",
            f"{year}年{month}月到期 {len(report.upcoming)} 项。",
            step_columns,
            [(None, [_step_row(s) for s in report.upcoming])],
            empty=f"{year}年{month}月没有到期的时间节点。",
        ),
        Table(
            "targets",
            "量化指标",
            f"共 {len(report.targets)} 项，截至 {report.as_of} 已填报 {len(recorded)} 项："
            f"达标 {sum(t.met is True for t in recorded)} 项，"
            f"未达标 {sum(t.met is False for t in recorded)} 项。",
            ["序号", "任务名称", "指标", "目标", "实际", "日期", "达标情况"],
            [(None, target_rows)],
            empty="计划没有量化指标。",
        ),
        Table(
            "units",
            "单位排名",
            RANKING_NOTE,
            [
                "名次",
                "单位",
                "牵头任务",
                "牵头节点",
                "按时完成",
                "逾期完成",
                "逾期未完成",
                "未到期",
                "按时完成率",
            ],
            [(None, unit_rows)],
            empty="没有承担时间节点的单位。",
        ),
        Table(
            "leaders",
            "分管领导",
            "各分管领导所分管任务的时间节点完成情况。",
            [
                "分管领导",
                "领导小组",
                "分管任务",
                "节点数",
                "本月到期",
                "按时完成",
                "逾期完成",
                "逾期未完成",
                "未到期",
                "按时完成率",
                "逾期节点",
            ],
            [(None, leader_rows)],
            empty="没有分管领导。",
        ),
    ]


def cell_text(value: Cell) -> str:
    """A cell as text, the way Markdown and HTML show it."""
    if value is None:
        return "—"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
