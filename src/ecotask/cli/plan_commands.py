"""Commands over the plan: validate it, and what falls due, is late, or is in it."""

import os
import sys
from typing import Annotated, Any, Literal

import typer

from .. import bounds
from ..i18n import _
from .common import (
    AsOfOption,
    DataOption,
    JsonOption,
    LeaderFilter,
    LimitOption,
    MonthOption,
    UnitFilter,
    app,
    chosen_tasks,
    open_data,
    print_capped,
    print_json,
    print_table,
    use_cache,
)

AllOption = Annotated[
    bool, typer.Option("--all", help="Include the steps recorded as done, and when.")
]


@app.command(epilog="Example: ecotask validate --strict")
def validate(
    data: DataOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too (exit 1).")] = False,
    output: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="text|json|github",
            help="Output format. github prints GitHub Actions annotations and is the default "
            "when $GITHUB_ACTIONS is true.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check the data files (and progress.yaml, when there is one) and print every finding,
    one line each, then a summary.

    Errors (exit 1): YAML syntax, schema violations, unreadable dates, duplicate ids, unknown
    units, leaders, milestones or targets, a target's wording found in none of its task's
    steps, a progress entry whose step's text has changed since (see reanchor), an undo that
    withdraws no entry, evidence (a relative path) not under the data folder. Warnings
    (exit 0, or 1 with --strict): steps after their task's deadline, a `due` that differs
    from the date in the step's own text, a unit both lead and responsible, leaders not on
    the roster, units with no head, a progress log out of the order entries were recorded
    in (by their `recorded` stamps; by date for entries written by hand).

    Files checked before and unchanged since (to the byte) get the findings kept in the cache
    then; --no-cache checks afresh.
    """
    from ..load import GROUP_FILE, TASKS_FILE, check_files, find_data_dir
    from ..render import findings as render

    fmt = output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt not in ("text", "json", "github"):
        raise typer.BadParameter(
            _("{value!r} is not one of {choices}").format(value=fmt, choices="text, json, github"),
            param_hint="--format",
        )
    folder = find_data_dir(data)
    size, findings = check_files(folder, use_cache=use_cache())
    checked = f"{folder / TASKS_FILE}, {folder / GROUP_FILE}"
    if size is not None:
        checked += _("; {tasks} tasks, {milestones} milestones").format(
            tasks=size.tasks, milestones=size.milestones
        )
    if fmt == "json":
        print_json(render.json_document(findings, checked))
    else:
        sys.stdout.write((render.github if fmt == "github" else render.text)(findings, checked))
    failed = size is None or (strict and findings)
    raise typer.Exit(1 if failed else 0)


@app.command(epilog="Example: ecotask due --month 6")
def due(
    month: MonthOption,
    show_all: AllOption = False,
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Which steps count as done: those recorded by this date (2017-07-01, "
            "2017/7/1, 2017年7月1日 or today).",
        ),
    ] = "today",
    unit: UnitFilter = None,
    leader: LeaderFilter = None,
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the milestones that fall due in a month, by date then task; those recorded as
    done are left out unless --all is given."""
    from ..dates import parse_date, parse_month
    from ..progress import completions
    from ..queries import due_in_month, extended, only

    plan = open_data(data, month=month)  # with the steps extended into it (延期)
    day = parse_date(as_of, plan.year)
    year, number = parse_month(month, plan.year)
    done = completions(plan, day)
    ids = chosen_tasks(plan, unit, leader)
    steps, original = extended(plan, day)  # a step extended to July is due in July
    due = only(due_in_month(plan, year, number, steps), ids, _task)
    rows = [m for m in due if show_all or m.ref not in done]
    if as_json:
        from ..render.json import due as document

        print_json(document((year, number), rows, done, day, original))
    elif not rows:
        month_name = f"{year}-{number:02d}"
        said = (
            _("All {count} milestones due in {month} are done (--all lists them).")
            if due
            else _("No milestones fall due in {month}.")
        )
        print(said.format(count=len(due), month=month_name))
    else:
        title = f"{year}年{number}月到期的时间节点：{len(rows)} 项"
        _print_steps(rows, done, title, limit, show_all, original)


def _task(m: Any) -> Any:
    return m.task


def _print_steps(
    steps: list[Any],
    done: dict[str, Any],
    title: str,
    limit: int,
    with_done: bool,
    original: dict[str, Any] | None = None,
) -> None:
    """A table of at most `limit` steps, with when each was done if with_done."""
    from ..render.table import milestones as table

    print_capped(
        steps, limit, lambda some: print_table(table(some, done, title, with_done, original))
    )


@app.command(epilog="Example: ecotask overdue --as-of 2017-07-01")
def overdue(
    as_of: AsOfOption = "today",
    show_all: AllOption = False,
    unit: UnitFilter = None,
    leader: LeaderFilter = None,
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the milestones due before a date and not done by then: a step due on 08-31 is
    overdue from 09-01. --all lists those done too, with the day they were done."""
    from ..dates import parse_date
    from ..progress import completions
    from ..queries import extended, only
    from ..queries import overdue as find_overdue

    plan = open_data(data, before=as_of)
    day = parse_date(as_of, plan.year)
    done = completions(plan, day)
    late = only(find_overdue(plan, day), chosen_tasks(plan, unit, leader), _task)
    rows = [m for m in late if show_all or m.ref not in done]
    original = extended(plan, day)[1]  # a step extended (延期) is overdue by its new date
    if as_json:
        from ..render.json import overdue as document

        print_json(document(day, rows, done, original))
    elif not rows:
        print(_("No milestones are overdue as of {day}.").format(day=day))
    else:
        title = f"截至{day}{'到期' if show_all else '逾期'}的时间节点：{len(rows)} 项"
        _print_steps(rows, done, title, limit, show_all, original)


@app.command("list", epilog="Example: ecotask list --unit 区环保局 --month 11")
def list_(
    category: Annotated[
        str | None,
        typer.Option(
            "--category",
            "-c",
            metavar="CATEGORY",
            help="A category's name, a unique part of it, or its number (1 is the first).",
        ),
    ] = None,
    unit: UnitFilter = None,
    leader: LeaderFilter = None,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="MONTH", help="Tasks with a step due that month."),
    ] = None,
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the tasks, one row each, under their category headings; filters combine."""
    from ..dates import parse_date, parse_month
    from ..queries import extended, filter_tasks, only

    plan = open_data(data)
    steps = extended(plan, parse_date("today", plan.year))[0] if month else None
    rows = filter_tasks(
        plan, category=category, month=parse_month(month, plan.year) if month else None, steps=steps
    )
    rows = only(rows, chosen_tasks(plan, unit, leader), lambda task: task)
    if as_json:
        from ..render.json import task_list

        print_json(task_list(plan, rows))
    elif not rows:
        print(_("No tasks match."))
    else:
        from ..render.table import tasks

        title = f"{plan.tasks_file.plan.title}：{len(rows)} 项任务"
        print_capped(rows, limit, lambda some: print_table(tasks(plan, some, title)))


@app.command(epilog="Example: ecotask show 9")
def show(
    task: Annotated[
        int,
        typer.Argument(metavar="N", min=1, max=bounds.INT_MAX, help="The task's number (序号)."),
    ],
    as_of: AsOfOption = "today",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one task in full: category, units, leaders and every milestone with its date and
    its state as of a date, then each step's latest note (进展情况) and evidence (佐证材料),
    where there are any."""
    from ..dates import parse_date
    from ..progress import step_statuses
    from ..queries import get_task
    from ..render import history

    plan = open_data(data, task=task)
    day = parse_date(as_of, plan.year)
    found = get_task(plan, task)
    steps = step_statuses(plan, day, plan.milestones_of(found))
    if as_json:
        from ..render.json import task_with_states

        document = task_with_states(plan, found, steps)
        print_json({"as_of": day.isoformat(), **document, "progress": history.progress_rows(steps)})
    else:
        from ..render.table import task_detail

        print_table(task_detail(plan, found, steps))
        if (notes := history.progress_notes(steps)) is not None:
            print_table(notes)


@app.command(epilog="Example: ecotask schema tasks > tasks.schema.json")
def schema(
    name: Annotated[
        Literal["tasks", "group", "progress"],
        typer.Argument(help="Which data file's schema."),
    ] = "tasks",
) -> None:
    """Print the JSON Schema of a data file, so that an editor checks the YAML as one types."""
    from ..models import json_schema

    print_json(json_schema(name))
