"""The command line: parse arguments, call one library function, hand the result to a renderer."""

import sys

from . import people, plan_commands, progress_commands  # noqa: F401 - they register commands
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """The console script: unencodable characters are replaced, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    app()
