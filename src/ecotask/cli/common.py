"""The Typer app, its shared options and helpers, and the one place failures become exit codes.

Only the cli package knows about Typer. Library modules are imported inside the commands so
that each command pays only for what it uses.
"""

import importlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.core import Command
from typer.core import TyperCommand, TyperGroup

from .. import __version__, bounds
from ..errors import EXIT_INTERNAL, EXIT_USAGE, DataError, EcotaskError
from . import language

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..plan import Plan


class _Help(Command):
    """Help in the reader's language, unpadded off a terminal: the app's and each command's."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        language.translate_help(self, ctx)
        with _unpadded():
            super().format_help(ctx, formatter)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=language.usage_prefix())


class _Group(_Help, TyperGroup):
    """Maps every failure to one line on stderr and an exit code; never a traceback."""

    def main(  # type: ignore[override]
        self, args: Any = None, prog_name: Any = None, complete_var: Any = None, **extra: Any
    ) -> NoReturn:
        from typer import Abort
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        from ..i18n import _
        from .stdio import EXIT_INTERRUPTED, OutputError, failed, flushed

        language.install()
        extra.pop("standalone_mode", None)
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoArgsIsHelpError:  # Typer's Rich help has printed itself already
            code = EXIT_USAGE
        except ClickException as exc:
            context = getattr(exc, "ctx", None)  # only usage errors carry the command's
            command = context.command_path if context else "ecotask"
            message = language.click_message(exc.format_message())
            _err(
                _("{command}: error: {message} (see '{command} --help')").format(
                    command=command, message=message
                )
            )
            code = exc.exit_code
        except (OutputError, BrokenPipeError) as exc:
            code = failed(exc)
        except DataError as exc:
            _err(str(exc))
            code = exc.exit_code
        except EcotaskError as exc:
            _err(_("ecotask: error: {message}").format(message=exc))
            code = exc.exit_code
        except Abort:
            code = EXIT_INTERRUPTED
        except Exception as exc:  # the last line of defence: a bug, reported as one
            _err(
                _(
                    "ecotask: internal error: {kind}: {message} "
                    "(please report this, with the command you ran)"
                ).format(kind=type(exc).__name__, message=exc)
            )
            code = EXIT_INTERNAL
        sys.exit(flushed(code if isinstance(code, int) else 0))


class _Command(_Help, TyperCommand):
    pass


@contextmanager
def _unpadded() -> Iterator[None]:
    """Typer's Rich help pads its lines to the window: not in a file or a pipe. It folds its
    paragraphs by the rules of render.fold, Chinese ones too."""
    from ..render.fold import breaks
    from ..render.table import unpadded

    texts: Any = importlib.import_module("rich.text")  # where Text.wrap finds divide_line
    saved, divide = sys.stdout, texts.divide_line
    if not saved.isatty():
        sys.stdout = unpadded(saved)
    texts.divide_line = breaks
    try:
        yield
    finally:
        sys.stdout, texts.divide_line = saved, divide


def _err(message: str) -> None:
    from ..text import visible

    print(visible(message), file=sys.stderr)


def unwrapped(doc: str) -> str:
    """A docstring as help: each paragraph on one line, for the help to fold to the window
    (Typer's Rich help keeps the lines as typed), and the first sentence a paragraph of its
    own, so that the list of commands shows it, whole, as the command's summary."""
    import inspect
    import re

    paragraphs = [" ".join(p.split()) for p in inspect.cleandoc(doc).split("\n\n")]
    return "\n\n".join(
        [*re.split(r"(?<=\.) (?=[A-Z-])", paragraphs[0], maxsplit=1), *paragraphs[1:]]
    )


class _App(typer.Typer):
    """Every command's help from its docstring, unwrapped (see unwrapped)."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Any]:
        register = super().command

        def decorator(function: Callable[..., Any]) -> Any:
            kwargs.setdefault("cls", _Command)
            if function.__doc__ and kwargs.get("help") is None:
                kwargs["help"] = unwrapped(function.__doc__)
            return register(*args, **kwargs)(function)

        return decorator


app = _App(
    cls=_Group,
    name="ecotask",
    epilog="Example: ecotask due --month 6",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _complete(ctx: typer.Context, incomplete: str, kind: str) -> list[str]:
    """Names from the data for shell completion; never raises into the user's shell."""
    try:
        from ..load import open_plan
        from ..names import leader_spellings, unit_spellings

        plan = open_plan(ctx.params.get("data"))  # from the cache after the first time
        names = unit_spellings(plan) if kind == "unit" else leader_spellings(plan)
        return [name for name in names if name.startswith(incomplete)]  # shells match prefixes
    except Exception:
        return []


def complete_units(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "unit")


def complete_leaders(ctx: typer.Context, incomplete: str) -> list[str]:
    return _complete(ctx, incomplete, "leader")


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="DIR",
        help="Folder with tasks.yaml and group.yaml; may also come before the command "
        "(ecotask --data DIR due). Default: $ECOTASK_DATA, else the nearest of this folder and "
        "its parents that holds tasks.yaml or data/tasks.yaml, else the bundled example "
        "(read only: `ecotask init DIR` makes a folder to write in).",
        show_default=False,
    ),
]
AS_OF_HELP = (
    "2017-07-01, 2017/7/1, 2017年7月1日, or today; without a year (7/1, 7月1日, 七月一日) "
    "in the plan's year. 1/2/2017 reads both ways and is refused."
)
AsOfOption = Annotated[str, typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP)]
MonthOption = Annotated[
    str,
    typer.Option(
        "--month",
        "-m",
        metavar="MONTH",
        help="6, 6月, 六月, 2017-06 or 2017年6月; a bare month is in the plan's year.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE, atomically; an existing FILE needs --force. Default: stdout.",
    ),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Replace FILE when it exists.")]
AheadOption = Annotated[bool, typer.Option("--force", help="Record it though --on is after today.")]
LimitOption = Annotated[
    int,
    typer.Option(
        "--limit",
        metavar="N",
        min=0,
        max=bounds.MAX_ROWS,
        help="Show at most N rows in the table (0: all); JSON is never cut.",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]
UnitFilter = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        metavar="UNIT",
        help="Only the tasks the unit takes part in, as lead or responsible, directly or "
        "through a collective (各街镇).",
        autocompletion=complete_units,
    ),
]
LeaderFilter = Annotated[
    str | None,
    typer.Option(
        "--leader",
        "-l",
        metavar="NAME",
        help="Only the tasks the leader is in charge of.",
        autocompletion=complete_leaders,
    ),
]


def chosen_tasks(plan: "Plan", unit: str | None, leader: str | None) -> set[int] | None:
    """The ids of the tasks --unit and --leader leave (None: no filter), names resolved as
    the unit and leader commands resolve them."""
    from ..queries import task_ids

    if unit is None and leader is None:
        return None
    from ..names import resolve_leader, resolve_unit

    return task_ids(
        plan,
        unit=resolve_unit(plan, unit) if unit is not None else None,
        leader=resolve_leader(plan, leader) if leader is not None else None,
    )


def _version(value: bool) -> None:
    if value:
        print(f"ecotask {__version__}")
        raise typer.Exit()


_settings = {"use_cache": True}  # set by the root callback, before every command


def _note(message: str) -> None:
    from ..i18n import _

    _err(_("ecotask: note: {message}").format(message=message))


def warn(message: str) -> None:
    """A warning line on stderr: the command still did what it was asked."""
    from ..i18n import _

    _err(_("ecotask: warning: {message}").format(message=message))


@app.callback()
def _root(
    ctx: typer.Context,
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
    verbose: Annotated[
        bool,
        typer.Option("--verbose", help="Say on stderr when the cache cannot be used, and why."),
    ] = False,
    data: DataOption = None,
) -> None:
    """Query and check a task-breakdown table (任务分解表) and its leading group's roster."""
    from .. import cache, workdays

    _settings["use_cache"] = not no_cache
    cache.explain = _note if verbose else None
    workdays.warn = warn
    workdays.beyond.clear()  # each run warns afresh (the tests run many in one process)
    if data is not None and ctx.invoked_subcommand:
        # The command's own --data defaults to this one, and overrides it when given.
        given = dict(ctx.default_map or {})
        given[ctx.invoked_subcommand] = {**given.get(ctx.invoked_subcommand, {}), "data": data}
        ctx.default_map = given


def use_cache() -> bool:
    """False under --no-cache (ECOTASK_NO_CACHE is the cache module's to read)."""
    return _settings["use_cache"]


def open_data(
    data: Path | None, stages: Callable[[str], None] | None = None, **only: Any
) -> "Plan":
    """The plan; only: the tasks load.open_plan is to read, by month, before, unit or task.
    An answer from the bundled example says so, on stderr: the office should not take the
    example's figures for its own. Validating a large plan afresh shows a bar on a terminal,
    or marks the caller's stages."""
    from ..i18n import _
    from ..load import find_data_dir, is_bundled, open_plan
    from .progress_bar import for_plan

    folder = find_data_dir(data)
    if is_bundled(folder):
        _note(
            _(
                "示例数据: this is the bundled example (no tasks.yaml here or above); "
                "`ecotask init DIR` makes a data folder of your own"
            )
        )
    if stages is not None:
        return open_plan(folder, use_cache=use_cache(), stages=stages, **only)
    with for_plan(folder, _("reading the plan"), 2) as own:
        return open_plan(folder, use_cache=use_cache(), stages=own, **only)


def print_table(renderable: "RenderableType") -> None:
    from ..render.table import console

    console().print(renderable)


def respond(
    as_json: bool, table_module: str, name: str, *args: Any, limit: int | None = None
) -> None:
    """Print a result through render.json.<name>, or, for people, render.<table_module>.<name>:
    the two name their renderers alike, and each is imported only when it is used. A limit
    (--limit) goes to the table alone: JSON is never cut."""
    if as_json:
        from ..render import json as to_json

        print_json(getattr(to_json, name)(*args))
    else:
        table = getattr(importlib.import_module(f"ecotask.render.{table_module}"), name)
        print_table(table(*args) if limit is None else table(*args, limit=limit))


def print_capped(rows: list[Any], limit: int, show: Callable[[list[Any]], None]) -> None:
    """show() the rows a table shows at --limit, then print a line counting the rest."""
    from ..render.table import capped, more_rows

    shown, hidden = capped(rows, limit)
    show(shown)
    if hidden:
        print(more_rows(hidden))


def print_json(document: Any) -> None:
    """UTF-8 whatever the locale, straight to stdout's bytes: a large answer is not decoded
    only for the text layer to encode it again."""
    from ..output import to_stdout
    from ..render.json import encode

    to_stdout([encode(document)])
