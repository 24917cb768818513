"""Run ecotask in-process for cog, so that the docs show real output: `make docs` rewrites
them and `make lint` fails when they drift from the code."""

from __future__ import annotations

import atexit
import shlex
import shutil
import tempfile
from pathlib import Path

import cog
from typer.main import get_command
from typer.testing import CliRunner

from ecotask.cli import app

ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "ECOTASK_DATA": "data"}


def scratch() -> Path:
    """A copy of data/ that examples may write to, so that the docs never touch the real one."""
    folder = Path(tempfile.mkdtemp(prefix="ecotask-docs-")) / "data"
    atexit.register(shutil.rmtree, folder.parent, ignore_errors=True)
    shutil.copytree("data", folder)
    return folder


def show(command: str, head: int | None = None, data: Path | None = None) -> None:
    """A fenced block with the command and what it printed, trailing spaces removed. With
    data, the command runs on that folder and the output calls it data/."""
    args = shlex.split(command)[1:] + (["--data", str(data)] if data else [])
    result = CliRunner().invoke(app, args, env=ENV, prog_name="ecotask")
    output = result.stdout.replace(str(data), "data") if data else result.stdout
    lines = [line.rstrip() for line in output.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if head is not None and len(lines) > head:
        lines = [*lines[:head], "  ..."]
    cog.outl("```")
    cog.outl(f"$ {command}")
    for line in lines:
        cog.outl(line)
    cog.outl("```")


def reference() -> None:
    """Every command's --help, in the order `ecotask --help` lists them."""
    for command in ["", *get_command(app).commands]:  # type: ignore[attr-defined]
        name = f"ecotask {command}".strip()
        cog.outl(f"## `{name}`\n")
        show(f"{name} --help")
        cog.outl()
