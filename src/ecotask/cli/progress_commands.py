"""Commands that follow the plan up: record progress, and see targets and each task's light."""

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .common import (
    AsOfOption,
    DataOption,
    JsonOption,
    LimitOption,
    app,
    complete_units,
    open_data,
    print_json,
    respond,
)

OnOption = Annotated[
    str | None,
    typer.Option(
        "--on", metavar="DATE", help="When it happened. Default: today.", show_default=False
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by", metavar="UNIT", help="The unit that reports it.", autocompletion=complete_units
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A remark.")]
RefArgument = Annotated[
    str, typer.Argument(metavar="TASK.K", help="The milestone: 2.1 is task 2's first step.")
]


def _append(data: Path | None, event: dict[str, Any]) -> str:
    from ..load import find_data_dir
    from ..log import append

    return append(find_data_dir(data), event)


@app.command(
    epilog='Example: ecotask done 2.1 --on 2017-06-28 --by 区国土分局 --note "资料收集完成"'
)
def done(
    ref: RefArgument,
    on: OnOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    data: DataOption = None,
) -> None:
    """Record that a milestone is done, in progress.yaml (created on first use)."""
    from .. import log

    step, event = log.done(open_data(data), ref, on, by, note)
    shown = _append(data, event)
    late = " (late)" if event["date"] > step.due else ""
    print(f"{step.ref} done on {event['date']}{late}, due {step.due}: recorded in {shown}")


@app.command(epilog='Example: ecotask reopen 2.1 --note "资料需补充"')
def reopen(
    ref: RefArgument,
    on: OnOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    data: DataOption = None,
) -> None:
    """Record that a milestone done before is open again; the log keeps both entries."""
    from .. import log

    step, event = log.reopen(open_data(data), ref, on, by, note)
    shown = _append(data, event)
    print(f"{step.ref} reopened on {event['date']}: recorded in {shown}")


@app.command(epilog="Example: ecotask record 4 0.72 --on 2017-06-30")
def record(
    task: Annotated[int, typer.Argument(metavar="TASK", help="The task (序号).")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The measured value.")],
    indicator: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            "-i",
            metavar="NAME",
            help="Which target, when the task has several (a unique part will do).",
        ),
    ] = None,
    on: OnOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    data: DataOption = None,
) -> None:
    """Record a measured value of one of a task's quantitative targets."""
    from .. import log

    event = log.record(open_data(data), task, value, indicator, on, by, note)
    shown = _append(data, event)
    print(
        f"task {task} {event['indicator']} = {event['value']} on {event['date']}: "
        f"recorded in {shown}"
    )


@app.command(epilog="Example: ecotask targets --as-of 2017-12-31")
def targets(
    as_of: AsOfOption = "today", data: DataOption = None, as_json: JsonOption = False
) -> None:
    """Every quantitative target with its latest measured value as of a date, and whether it
    is met (— when nothing is recorded yet)."""
    from ..dates import parse_date
    from ..progress import targets as target_statuses

    day = parse_date(as_of)
    rows = target_statuses(open_data(data), day)
    respond(as_json, "progress", "targets", rows, day)


@app.command(epilog="Example: ecotask status --as-of 2017-06-20")
def status(
    as_of: AsOfOption = "today",
    within: Annotated[
        int,
        typer.Option(
            "--within",
            metavar="DAYS",
            min=0,
            help="A step due this many days ahead makes a task yellow.",
        ),
    ] = 15,
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """One row per task with its light: red (a step overdue), yellow (one due within DAYS),
    green (on track) or done (every step done), and the count of each."""
    from ..dates import parse_date
    from ..progress import statuses

    day = parse_date(as_of)
    rows = statuses(open_data(data), day, within)
    respond(as_json, "progress", "statuses", rows, day, within, limit=limit)


@app.command(epilog="Example: ecotask remind --within 10 --as-of 2017-06-20")
def remind(
    within: Annotated[
        int,
        typer.Option("--within", metavar="DAYS", min=0, help="How many days ahead to look."),
    ] = 15,
    as_of: AsOfOption = "today",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """The steps not yet done that fall due in the next DAYS, under each lead unit, as plain
    text ready to paste into a notice."""
    from ..dates import parse_date
    from ..progress import upcoming

    day = parse_date(as_of)
    by_unit = upcoming(open_data(data), day, within)
    if as_json:
        from ..render.json import reminders

        print_json(reminders(by_unit, day, within))
    else:
        from ..render.remind import text

        sys.stdout.write(text(by_unit, day, within))
