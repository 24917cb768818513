"""Export: the plan with each step's state, as a file for spreadsheets, calendars or scripts."""

from typing import Annotated

import typer

from ..i18n import _
from .common import (
    AsOfOption,
    DataOption,
    ForceOption,
    LeaderFilter,
    OutputOption,
    UnitFilter,
    app,
    chosen_tasks,
    open_data,
)
from .documents import chosen_format
from .progress_bar import for_plan

FORMAT_HELP = (
    "csv (one row per step, UTF-8 with BOM), xlsx (a sheet of tasks and one of steps), "
    "ics (an all-day event per step) or json. Default: -o FILE's extension."
)


@app.command(epilog="Example: ecotask export --format xlsx -o 任务分解表.xlsx --as-of 2017-07-01")
def export(
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="csv|xlsx|ics|json",
            help=FORMAT_HELP,
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    as_of: AsOfOption = "today",
    unit: UnitFilter = None,
    leader: LeaderFilter = None,
    data: DataOption = None,
) -> None:
    """Export the plan with each step's state as of a date (按时完成, 逾期完成, 逾期未完成,
    未到期) and the day it was done: for spreadsheets, calendars or scripts."""
    from ..dates import parse_date
    from ..load import find_data_dir
    from ..output import emit
    from ..progress import step_statuses
    from ..queries import narrowed
    from ..render.export import FORMATS, render

    chosen = chosen_format(fmt, output, FORMATS, None)
    if output is None and chosen == "xlsx":
        emit(b"", None, what=chosen)  # refuses binary on stdout: before the work, not after
    with for_plan(find_data_dir(data), _("exporting"), 4) as stages:
        whole = open_data(data, stages)
        day = parse_date(as_of, whole.year)
        plan = narrowed(whole, chosen_tasks(whole, unit, leader))
        stages(_("each step's state"))
        rows = step_statuses(plan, day)
        stages(_("writing {format}").format(format=chosen))
        content = render(plan, rows, chosen, day)
    emit(content, output, force=force, what=chosen)
