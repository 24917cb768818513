"""The command line: parse arguments, call one library function, hand the result to a renderer.

Only this module knows about Typer. Library modules are imported inside the commands so
that each command pays only for what it uses.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

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


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Query and check a task-breakdown table (任务分解表) and its leading group's roster."""


def _plan(data: Path | None) -> Plan:
    from .plan import open_plan

    return open_plan(data)


def _print(renderable: RenderableType) -> None:
    from .render.table import console

    console().print(renderable)


def _print_json(document: Any) -> None:
    from .render.json import dumps

    sys.stdout.write(dumps(document))


@app.command()
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

    Example: ecotask validate --strict
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


@app.command()
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
    """List the milestones that fall due in a month, by date then task.

    Example: ecotask due --month 6
    """
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


@app.command()
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

    Example: ecotask overdue --as-of 2017-07-01
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


@app.command("list")
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
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the tasks, one row each, under their category headings.

    Example: ecotask list --category 生态文化
    """
    from .queries import list_tasks

    plan = _plan(data)
    rows = list_tasks(plan, category)
    if as_json:
        from .render.json import task_object

        _print_json({"count": len(rows), "tasks": [task_object(plan, t) for t in rows]})
    else:
        from .render.table import tasks

        _print(tasks(plan, rows, f"{plan.tasks_file.plan.title}：{len(rows)} 项任务"))


@app.command()
def show(
    task: Annotated[int, typer.Argument(metavar="N", help="The task's number (序号).")],
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one task in full: category, units, leaders and every milestone with its date.

    Example: ecotask show 9
    """
    from .queries import get_task

    plan = _plan(data)
    found = get_task(plan, task)
    if as_json:
        from .render.json import task_object

        _print_json(task_object(plan, found))
    else:
        from .render.table import task_detail

        _print(task_detail(plan, found))


def main() -> None:
    """The console script: unencodable characters are replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    app()


if __name__ == "__main__":
    main()
