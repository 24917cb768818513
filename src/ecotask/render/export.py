"""The export's tables as files for other programs: CSV and Excel for the people who follow
the plan up in spreadsheets, iCalendar for their calendars, JSON for scripts. The workbook
and calendar libraries are imported only by the format that needs them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..export import Sheet, step_sheet, task_sheet

if TYPE_CHECKING:
    from ..plan import Plan
    from ..progress import StepStatus

FORMATS = ("csv", "xlsx", "ics", "json")


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


def to_xlsx(plan: Plan, sheets: list[Sheet]) -> bytes:
    """A sheet per table, laid out as render/xlsx.py does every sheet: real dates (sortable
    and filterable in Excel), fitted columns, long text wrapped."""
    from .xlsx import fitted, workbook

    laid_out = [fitted(sheet.name, sheet.headers, sheet.rows) for sheet in sheets]
    return workbook(laid_out, plan.tasks_file.plan.title)


def to_json(plan: Plan, rows: list[StepStatus], as_of: date) -> dict[str, Any]:
    """The query commands' shapes: task objects whose milestones also carry their state, and
    the rows of `targets --json`."""
    from ..standing import targets
    from .json import targets as target_rows
    from .json import task_with_states

    tasks = [task_with_states(plan, task, rows) for task in plan.tasks]
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
