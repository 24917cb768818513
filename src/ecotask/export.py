"""The plan with each step's state as of a date, for other programs: CSV and Excel for the
people who follow it up in spreadsheets, iCalendar for their calendars, JSON for scripts.

The rows are computed once (`steps`, `step_sheet`, `task_sheet`); the writers only format
them. openpyxl and icalendar are imported inside their writers, so that no other command pays
for them at start-up.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from .progress import STATE_NAMES, StepStatus, step_statuses
from .record import Record
from .render import display_width
from .spreadsheet import append_row, cell_value
from .when import when

if TYPE_CHECKING:
    from .plan import Plan

FORMATS = ("csv", "xlsx", "ics", "json")

Cell = str | int | date | None


class Sheet(Record):
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
)


def step_sheet(rows: list[StepStatus]) -> Sheet:
    """One row per milestone: 时间节点 is the date, 时间表述 the document's phrase for it."""
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


def to_csv(sheet: Sheet) -> str:
    """UTF-8 text that starts with a BOM: without it Excel and WPS read the Chinese as GBK."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow(
            [
                "" if v is None else v.isoformat() if isinstance(v, date) else cell_value(v)
                for v in row
            ]
        )
    return "\ufeff" + buffer.getvalue()


MAX_WIDTH = 60  # wider columns wrap instead: the steps run to 120 characters


def _width(value: Cell) -> int:
    """Columns as Excel counts them, near enough."""
    if value is None:
        return 0
    return display_width(value.isoformat() if isinstance(value, date) else str(value))


def to_xlsx(plan: Plan, sheets: list[Sheet]) -> bytes:
    """A workbook with a sheet per table: bold frozen headers, a filter, fitted columns, real
    dates (sortable and filterable in Excel), long text wrapped."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    aligned = {wrap: Alignment(vertical="top", wrap_text=wrap) for wrap in (False, True)}
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    book.properties.title = plan.tasks_file.plan.title
    book.properties.creator = "ecotask"
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        append_row(ws, sheet.headers)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            append_row(ws, row)
        for column, header in enumerate(sheet.headers, 1):
            values = [row[column - 1] for row in sheet.rows]
            # the header also holds the filter's drop-down button
            width = max([_width(header) + 4, *(_width(v) + 2 for v in values)])
            ws.column_dimensions[get_column_letter(column)].width = min(width, MAX_WIDTH)
            wrap = width > MAX_WIDTH or any(isinstance(v, str) and "\n" in v for v in values)
            alignment = aligned[wrap]  # one object: building one per cell took most of the time
            for (cell,) in ws.iter_rows(min_row=2, min_col=column, max_col=column):
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
                cell.alignment = alignment
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def uid(plan: Plan, ref: str) -> str:
    """The same for a step in every export, so that importing again updates the calendar's
    events rather than adding copies; the issuer keeps two districts' plans apart."""
    info = plan.tasks_file.plan
    name = f"ecotask:{info.issuer}/{info.title}/{info.year}/{ref}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, name)}@ecotask"


def description(s: StepStatus, as_of: date) -> str:
    """What someone needs to act on the step from the calendar alone."""
    m = s.milestone
    done = f"，{s.done.date}完成" if s.done else ""
    return "\n".join(
        [
            f"任务分解：{m.milestone.text}",
            f"时间节点：{when(m, 'calendar')}",
            f"牵头单位：{joined(m.task.lead)}",
            f"责任单位：{m.task.responsible_text or '—'}",
            f"分管领导：{joined(m.task.leaders)}",
            f"状态：{STATE_NAMES[s.state]}{done}（截至{as_of}）",
        ]
    )


def to_ics(plan: Plan, rows: list[StepStatus], as_of: date) -> str:
    """One all-day event per step on its due date; transparent, since a deadline does not
    make anyone busy."""
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    from . import __version__

    title = plan.tasks_file.plan.title
    calendar = Calendar()
    calendar.add("prodid", f"-//ecotask//ecotask {__version__}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for s in rows:
        event = CalendarEvent()
        event.add("uid", uid(plan, s.milestone.ref))
        event.add("dtstamp", stamp)
        event.add("dtstart", s.milestone.due)
        event.add("dtend", s.milestone.due + timedelta(days=1))
        event.add("summary", f"[{s.milestone.ref}] {s.milestone.task.name}")
        event.add("description", description(s, as_of))
        event.add("categories", [s.milestone.task.category])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()  # icalendar leaves it unannotated
    return ical.decode("utf-8")


def to_json(plan: Plan, rows: list[StepStatus], as_of: date) -> dict[str, Any]:
    """The query commands' shapes: task objects whose milestones also carry their state, and
    the rows of `targets --json`."""
    from .progress import targets
    from .render.json import targets as target_rows
    from .render.json import task_object

    by_ref = {s.milestone.ref: s for s in rows}
    tasks = []
    for task in plan.tasks:
        document = task_object(plan, task)
        for milestone in document["milestones"]:
            s = by_ref[milestone["ref"]]
            milestone["state"] = s.state
            milestone["done"] = s.done.date.isoformat() if s.done else None
            milestone["done_by"] = s.done.by if s.done else None
        tasks.append(document)
    info = plan.tasks_file.plan
    return {
        "plan": {
            "title": info.title,
            "year": info.year,
            "issuer": info.issuer,
            "issued": info.issued.isoformat(),
        },
        "as_of": as_of.isoformat(),
        "tasks": tasks,
        "targets": target_rows(targets(plan, as_of), as_of)["targets"],
    }


def export(plan: Plan, fmt: str, as_of: date) -> str | bytes:
    """The plan as of the date in one of FORMATS: text, or bytes for xlsx."""
    rows = step_statuses(plan, as_of)
    if fmt == "csv":
        return to_csv(step_sheet(rows))
    if fmt == "xlsx":
        return to_xlsx(plan, [task_sheet(plan, rows), step_sheet(rows)])
    if fmt == "ics":
        return to_ics(plan, rows, as_of)
    if fmt == "json":
        from .render.json import dumps

        return dumps(to_json(plan, rows, as_of))
    raise ValueError(f"unknown format {fmt!r}")
