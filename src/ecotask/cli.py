"""The command line: parse arguments, call one library function, hand the result to a renderer.

Only this module knows about Typer. Library modules are imported inside the commands so
that each command pays only for what it uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, NoReturn

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import EXIT_INTERNAL, EXIT_USAGE, DataError, EcotaskError

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .plan import Plan


class _Group(TyperGroup):
    """Maps every failure to one line on stderr and an exit code; never a traceback."""

    def main(  # type: ignore[override]
        self, args: Any = None, prog_name: Any = None, complete_var: Any = None, **extra: Any
    ) -> NoReturn:
        from typer import Abort
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError:  # Typer's Rich help has printed itself already
            code = EXIT_USAGE
        except ClickException as exc:
            command = exc.ctx.command_path if getattr(exc, "ctx", None) else "ecotask"
            _err(f"{command}: error: {exc.format_message()} (see '{command} --help')")
            code = exc.exit_code
        except DataError as exc:
            _err(str(exc))
            code = exc.exit_code
        except EcotaskError as exc:
            _err(f"ecotask: error: {exc}")
            code = exc.exit_code
        except Abort:
            code = 130
        except BrokenPipeError:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
            code = 1
        except Exception as exc:  # the last line of defence: a bug, reported as one
            _err(
                f"ecotask: internal error: {type(exc).__name__}: {exc} "
                "(please report this, with the command you ran)"
            )
            code = EXIT_INTERNAL
        sys.exit(code if isinstance(code, int) else 0)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


app = typer.Typer(
    cls=_Group,
    name="ecotask",
    help="Query and check a task-breakdown table (任务分解表) and its leading group's roster.",
    epilog="Example: ecotask due --month 6",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete(ctx: typer.Context, incomplete: str, kind: str) -> list[str]:
    """Names from the data for shell completion; never raises into the user's shell."""
    try:
        from .names import leader_spellings, unit_spellings
        from .plan import find_data_dir, load_plan

        plan, _ = load_plan(find_data_dir(ctx.params.get("data")))
        if plan is None:
            return []
        names = unit_spellings(plan) if kind == "unit" else leader_spellings(plan)
        return [name for name in names if incomplete in name]
    except Exception:
        return []


def _complete_units(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "unit")


def _complete_leaders(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "leader")


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Folder with tasks.yaml and group.yaml. Default: $ECOTASK_DATA, else ./data, "
        "else the bundled example.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


def _version(value: bool) -> None:
    if value:
        print(f"ecotask {__version__}")
        raise typer.Exit()


_settings = {"use_cache": True}  # set by the root callback, before every command


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Validate the data afresh instead of reading the cache of validated plans "
            "(also: ECOTASK_NO_CACHE=1).",
        ),
    ] = False,
) -> None:
    """Query and check a task-breakdown table (任务分解表) and its leading group's roster."""
    _settings["use_cache"] = not no_cache


def _plan(data: Path | None) -> Plan:
    from .plan import open_plan

    return open_plan(data, use_cache=_settings["use_cache"])


def _print(renderable: RenderableType) -> None:
    from .render.table import console

    console().print(renderable)


def _print_json(document: Any) -> None:
    from .render.json import dumps

    sys.stdout.write(dumps(document))


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
    """Check both data files and print every finding, one line each, then a summary.

    Errors (exit 1): YAML syntax, schema violations, unreadable dates, duplicate ids, unknown
    units or leaders. Warnings (exit 0, or 1 with --strict): steps after their task's
    deadline, a unit both lead and responsible, leaders not on the roster, units with no head.
    """
    from .plan import GROUP_FILE, TASKS_FILE, find_data_dir, load_plan
    from .render import findings as render

    fmt = output or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if fmt not in ("text", "json", "github"):
        raise typer.BadParameter(f"{fmt!r} is not one of text, json, github", param_hint="--format")
    folder = find_data_dir(data)
    plan, findings = load_plan(folder)
    checked = f"{folder / TASKS_FILE}, {folder / GROUP_FILE}"
    if plan is not None:
        checked += f"; {len(plan.tasks)} tasks, {len(plan.milestones)} milestones"
    if fmt == "json":
        _print_json(render.json_document(findings, checked))
    else:
        sys.stdout.write((render.github if fmt == "github" else render.text)(findings, checked))
    failed = plan is None or (strict and findings)
    raise typer.Exit(1 if failed else 0)


@app.command(epilog="Example: ecotask due --month 6")
def due(
    month: Annotated[
        str,
        typer.Option(
            "--month",
            "-m",
            metavar="MONTH",
            help="6, 6月, 2017-06 or 2017年6月; a bare month is in the plan's year.",
        ),
    ],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the milestones that fall due in a month, by date then task."""
    from .dates import parse_month
    from .queries import due_in_month

    plan = _plan(data)
    year, number = parse_month(month, plan.year)
    rows = due_in_month(plan, year, number)
    if as_json:
        from .render.json import milestone_row

        _print_json(
            {
                "month": f"{year}-{number:02d}",
                "count": len(rows),
                "milestones": [milestone_row(m) for m in rows],
            }
        )
    elif not rows:
        print(f"No milestones fall due in {year}-{number:02d}.")
    else:
        from .render.table import milestones

        _print(milestones(rows, f"{year}年{number}月到期的时间节点：{len(rows)} 项"))


@app.command(epilog="Example: ecotask overdue --as-of 2017-07-01")
def overdue(
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="2017-07-01, 2017/7/1, 2017年7月1日 or today.",
        ),
    ] = "today",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the milestones due before a date: a step due on 08-31 is overdue from 09-01.

    Nothing is recorded as done yet, so every step due before the date is listed.
    """
    from .dates import parse_date
    from .queries import overdue as find_overdue

    day = parse_date(as_of)
    plan = _plan(data)
    rows = find_overdue(plan, day)
    if as_json:
        from .render.json import milestone_row

        _print_json(
            {
                "as_of": day.isoformat(),
                "count": len(rows),
                "milestones": [milestone_row(m) for m in rows],
            }
        )
    elif not rows:
        print(f"No milestones are overdue as of {day}.")
    else:
        from .render.table import milestones

        _print(milestones(rows, f"截至{day}逾期的时间节点：{len(rows)} 项"))


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
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            "-u",
            metavar="UNIT",
            help="Tasks the unit takes part in, as lead, responsible or through 各街镇.",
            autocompletion=_complete_units,
        ),
    ] = None,
    leader: Annotated[
        str | None,
        typer.Option(
            "--leader",
            "-l",
            metavar="NAME",
            help="Tasks the leader is in charge of.",
            autocompletion=_complete_leaders,
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="MONTH", help="Tasks with a step due that month."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the tasks, one row each, under their category headings; filters combine."""
    from .dates import parse_month
    from .names import resolve_leader, resolve_unit
    from .queries import filter_tasks

    plan = _plan(data)
    rows = filter_tasks(
        plan,
        category=category,
        unit=resolve_unit(plan, unit) if unit is not None else None,
        leader=resolve_leader(plan, leader) if leader is not None else None,
        month=parse_month(month, plan.year) if month is not None else None,
    )
    if as_json:
        from .render.json import task_object

        _print_json({"count": len(rows), "tasks": [task_object(plan, t) for t in rows]})
    elif not rows:
        print("No tasks match.")
    else:
        from .render.table import tasks

        _print(tasks(plan, rows, f"{plan.tasks_file.plan.title}：{len(rows)} 项任务"))


@app.command(epilog="Example: ecotask show 9")
def show(
    task: Annotated[int, typer.Argument(metavar="N", help="The task's number (序号).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one task in full: category, units, leaders and every milestone with its date."""
    from .queries import get_task

    plan = _plan(data)
    found = get_task(plan, task)
    if as_json:
        from .render.json import task_object

        _print_json(task_object(plan, found))
    else:
        from .render.table import task_detail

        _print(task_detail(plan, found))


AsOfOption = Annotated[
    str,
    typer.Option("--as-of", metavar="DATE", help="2017-07-01, 2017/7/1, 2017年7月1日 or today."),
]
RoleChoice = Literal["lead", "responsible", "any"]


@app.command(epilog="Example: ecotask unit 铁东街道 --month 6")
def unit(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A unit's name, an alias (区文化广电体育局), a unique part (环保局) or 各街镇.",
            autocompletion=_complete_units,
        ),
    ],
    role: Annotated[
        RoleChoice, typer.Option("--role", "-r", help="Only tasks where it has this role.")
    ] = "any",
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="MONTH", help="Only steps due that month."),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """What a unit is answerable for: its head, then its tasks and its role in each.

    A town or street office also gets the tasks that reach it through 各街镇, marked so.
    """
    from .dates import parse_month
    from .names import resolve_unit
    from .queries import unit_report

    plan = _plan(data)
    canonical = resolve_unit(plan, name)
    period = parse_month(month, plan.year) if month is not None else None
    report = unit_report(plan, canonical, None if role == "any" else role, period)
    if as_json:
        from .render.json import unit_report as to_json

        _print_json(to_json(report))
    else:
        from .render.roster import unit as render

        _print(render(report, f"{period[0]}年{period[1]}月" if period else None))


@app.command(epilog="Example: ecotask leader 祝美娟 --as-of 2017-06-01")
def leader(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A leader's name or a unique part of it (美娟).",
            autocompletion=_complete_leaders,
        ),
    ],
    as_of: AsOfOption = "today",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """A leader's place in the group, the tasks they are in charge of and their next steps."""
    from .dates import parse_date
    from .names import resolve_leader
    from .queries import leader_report

    day = parse_date(as_of)
    plan = _plan(data)
    report = leader_report(plan, resolve_leader(plan, name), day)
    if as_json:
        from .render.json import leader_report as to_json

        _print_json(to_json(report, day))
    else:
        from .render.roster import leader as render

        _print(render(report, day))


@app.command(epilog="Example: ecotask units --sort led")
def units(
    sort: Annotated[
        Literal["name", "led", "responsible", "via", "milestones"],
        typer.Option("--sort", "-s", help="Order by this count, largest first."),
    ] = "name",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every unit with counts: tasks led, as responsible, through 各街镇, and their steps."""
    from .queries import sort_rows, unit_counts

    rows = sort_rows(unit_counts(_plan(data)), sort)
    if as_json:
        from .render.json import unit_counts as to_json

        _print_json(to_json(rows))
    else:
        from .render.roster import unit_counts as render

        _print(render(rows))


@app.command(epilog="Example: ecotask leaders --sort tasks")
def leaders(
    sort: Annotated[
        Literal["name", "tasks", "alone", "shared", "milestones"],
        typer.Option("--sort", "-s", help="Order by this count, largest first."),
    ] = "name",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every leader in charge of tasks, with their place in the group and counts."""
    from .queries import leader_counts, sort_rows

    rows = sort_rows(leader_counts(_plan(data)), sort)
    if as_json:
        from .render.json import leader_counts as to_json

        _print_json(to_json(rows))
    else:
        from .render.roster import leader_counts as render

        _print(render(rows))


@app.command(epilog="Example: ecotask group")
def group(data: DataOption = None, as_json: JsonOption = False) -> None:
    """The leading group as the document lists it: 组长, 副组长, 成员, and its office."""
    plan = _plan(data)
    if as_json:
        from .render.json import group as to_json

        _print_json(to_json(plan))
    else:
        from .render.roster import group as render

        _print(render(plan))


def main() -> None:
    """The console script: unencodable characters are replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    app()


if __name__ == "__main__":
    main()
