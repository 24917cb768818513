"""The command line: parse arguments, call one library function, hand the result to a renderer."""

try:
    from . import interrupt

    interrupt.install()  # before Typer and Rich load, which is most of a command's start

    import importlib
    import sys
    from typing import Any

    from . import stdio
    from .common import app as _app
except KeyboardInterrupt:  # before the handler was installed
    raise SystemExit(130) from None

__all__ = ["app", "main"]

# The modules that register commands on the app, those people run most first.
_MODULES = (
    "plan_commands",
    "people",
    "progress_commands",
    "follow_commands",
    "export_commands",
    "report_commands",
    "import_commands",
    "init_command",
)


def __getattr__(name: str) -> Any:
    """`app` has every command: what tests and the docs need."""
    if name == "app":
        _register()
        return _app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The console script: unencodable characters are replaced, never a crash; a failure to
    write the output and Ctrl-C, at any moment, end it with an exit code (see stdio)."""
    try:
        stdio.install()
        reconfigure = getattr(sys.stderr, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
        _register(_command_named(sys.argv[1:]))
        _app()
    except KeyboardInterrupt:
        stdio.exiting()
        raise SystemExit(stdio.EXIT_INTERRUPTED) from None
    except SystemExit as done:  # the output still buffered is part of the answer
        stdio.exiting()
        raise SystemExit(stdio.flushed(done.code if isinstance(done.code, int) else 0)) from None


# The root's options that take a value: the word after one is not the command.
_ROOT_VALUED = ("--data",)


def _command_named(args: list[str]) -> str | None:
    """The command a call names, if it names one: the first word that is neither an option
    nor a root option's value. The root's help needs every command."""
    at = 0
    while at < len(args) and args[at].startswith("-"):
        at += 2 if args[at] in _ROOT_VALUED else 1
    if at >= len(args) or {"-h", "--help"} & set(args[:at]):
        return None
    return args[at]


def _register(name: str | None = None) -> None:
    """Register the commands, or only the one named: Typer turns every registered command
    into a Click command before it parses anything, and a small query would pay for building
    and importing all the others. A name that no module registers (a typo that deserves a
    suggestion) gets them all."""
    from typer.main import get_command_name

    def named(info: Any) -> bool:
        return (
            bool(info.callback) and (info.name or get_command_name(info.callback.__name__)) == name
        )

    for module in _MODULES:
        importlib.import_module(f"{__name__}.{module}")
        if name is not None and (kept := [i for i in _app.registered_commands if named(i)]):
            _app.registered_commands[:] = kept
            return
