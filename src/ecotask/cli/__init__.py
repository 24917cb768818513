"""The command line: parse arguments, call one library function, hand the result to a renderer."""

import sys

from . import (  # noqa: F401 - they register their commands on the app
    export_commands,
    import_commands,
    people,
    plan_commands,
    progress_commands,
    report_commands,
)
from .common import app

__all__ = ["app", "main"]


def main() -> None:
    """The console script: unencodable characters are replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    _keep_only_the_command_named(sys.argv[1:])
    app()


def _keep_only_the_command_named(args: list[str]) -> None:
    """Typer turns every registered command into a Click command before it parses anything,
    about 5 ms for ours, a fifth of what a query over a small plan costs beyond Typer itself.
    A call that names its command needs only that one; any other call (help, a typo that
    deserves a suggestion, completion, the root's help) gets them all. The root's options are
    all flags, so the first word that is not an option is the command."""
    from typer.main import get_command_name

    at = next((i for i, arg in enumerate(args) if not arg.startswith("-")), None)
    if at is None or {"-h", "--help"} & set(args[:at]):
        return
    name = args[at]
    kept = [
        info
        for info in app.registered_commands
        if info.callback and (info.name or get_command_name(info.callback.__name__)) == name
    ]
    if kept:
        app.registered_commands[:] = kept
