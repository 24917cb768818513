"""The export's tables as files for other programs: CSV and Excel for the people who follow
the plan up in spreadsheets, iCalendar for their calendars, JSON for scripts. The workbook
and calendar libraries are imported only by the format that needs them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..export import Cell, Sheet, step_sheet, task_sheet
from . import display_width

if TYPE_CHECKING:
    from ..plan import Plan
    from ..progress import StepStatus

FORMATS = ("csv", "xlsx", "ics", "json")
MAX_WIDTH = 60  # wider columns wrap instead: the steps run to 120 characters


def render(plan: Plan, rows: list[StepStatus], fmt: str, as_of: date) -> str | bytes:
    """The steps as of the date in one of FORMATS: text, or bytes for xlsx."""
    if fmt == "csv":
        from .spreadsheet import to_csv

        sheet = step_sheet(rows)
        return to_csv(sheet.headers, sheet.rows)
    if fmt == "xlsx":
        return to_xlsx(plan, [task_sheet(plan, rows), step_sheet(rows)])
    if fmt == "ics":
        from . import ics

        return ics.render(plan, rows, as_of)
    if fmt == "json":
        from .json import dumps

        return dumps(to_json(plan, rows, as_of))
    raise ValueError(f"unknown format {fmt!r}")


def _width(value: Cell) -> int:
    """Columns as Excel counts them, near enough."""
    if value is None:
        return 0
    return display_width(value.isoformat() if isinstance(value, date) else str(value))


def to_xlsx(plan: Plan, sheets: list[Sheet]) -> bytes:
    """A sheet per table: bold frozen headers, a filter, fitted columns, real dates (sortable
    and filterable in Excel), long text wrapped."""
    from .xlsx import Worksheet, workbook

    laid_out = []
    for sheet in sheets:
        widths, wrapped = [], []
        for column, header in enumerate(sheet.headers):
            values = [row[column] for row in sheet.rows]
            # the header also holds the filter's drop-down button
            width = max([_width(header) + 4, *(_width(v) + 2 for v in values)])
            widths.append(min(width, MAX_WIDTH))
            wrapped.append(
                width > MAX_WIDTH or any(isinstance(v, str) and "\n" in v for v in values)
            )
        laid_out.append(
            Worksheet(sheet.name, sheet.headers, sheet.rows, widths, wrapped, autofilter=True)
        )
    return workbook(laid_out, plan.tasks_file.plan.title)


def to_json(plan: Plan, rows: list[StepStatus], as_of: date) -> dict[str, Any]:
    """The query commands' shapes: task objects whose milestones also carry their state, and
    the rows of `targets --json`."""
    from ..progress import targets
    from .json import targets as target_rows
    from .json import task_object

    by_ref = {s.ref: s for s in rows}
    tasks = []
    for task in plan.tasks:
        document = task_object(plan, task)
        for milestone in document["milestones"]:
            s = by_ref[milestone["ref"]]
            milestone["state"] = s.state
            milestone["done"] = s.done.date.isoformat() if s.done else None
            milestone["done_by"] = s.done.by if s.done else None
            milestone["note"] = s.note.note if s.note else None
            milestone["evidence"] = list(s.evidence)
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
