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
    app()
