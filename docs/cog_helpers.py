"""Run ecotask in-process for cog, so that the docs show real output: `make docs` rewrites
them and `make lint` fails when they drift from the code."""

from __future__ import annotations

import atexit
import re
import shlex
import shutil
import tempfile
from pathlib import Path

try:
    import cog
except ImportError:  # outside cog: tests/test_json_contract.py reads key_types and PROGRESS
    cog = None
from typer.main import get_command
from typer.testing import CliRunner

from ecotask.cli import app

# The README shows ecotask as the office sees it, in Chinese; docs/cli-reference.md keeps
# the help in English, the catalogue's msgids (ECOTASK_LANG=zh|en overrides the locale).
ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "TERM": "dumb",
    "ECOTASK_DATA": "data",
    "ECOTASK_LANG": "zh",
}


def scratch() -> Path:
    """A copy of data/ that examples may write to, so that the docs never touch the real one."""
    folder = Path(tempfile.mkdtemp(prefix="ecotask-docs-")) / "data"
    atexit.register(shutil.rmtree, folder.parent, ignore_errors=True)
    shutil.copytree("data", folder)
    return folder


def show(command: str, head: int | None = None, data: Path | None = None, lang: str = "zh") -> None:
    """A fenced block with the command and what it printed, trailing spaces removed. With
    data, the command runs on that folder and the output calls it data/."""
    args = shlex.split(command)[1:] + (["--data", str(data)] if data else [])
    env = {**ENV, "ECOTASK_LANG": lang}
    result = CliRunner().invoke(app, args, env=env, prog_name="ecotask")
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
        show(f"{name} --help", lang="en")
        cog.outl()


# docs/json.md: each command's JSON document, its keys and types derived from the real output
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


def _is_record(value: dict) -> bool:
    """A record has fixed English keys; a map (a step's ref or a category to a value) not."""
    return all(key.isascii() and key.replace("_", "").isalpha() for key in value)


def key_types(document: object, path: str = "") -> dict[str, set[str]]:
    """Every key path (`milestones[].ref`, `states{}` for a map's values) with the JSON
    types found there, over every element of every list."""
    found: dict[str, set[str]] = {}

    def walk(value: object, at: str) -> None:
        if isinstance(value, dict):
            kind = "object" if _is_record(value) else "map"
            found.setdefault(at, set()).add(kind)
            for key, item in value.items():
                walk(item, f"{at}.{key}".lstrip(".") if kind == "object" else f"{at}{{}}")
        elif isinstance(value, list):
            found.setdefault(at, set()).add("array")
            for item in value:
                walk(item, f"{at}[]")
        elif isinstance(value, str) and ISO_DATE.fullmatch(value):
            found.setdefault(at, set()).add("string (date)")
        else:
            found.setdefault(at, set()).add(JSON_TYPES[type(value)])

    walk(document, path)
    found.pop("", None)
    return found


# What docs/json.md's examples record first, so that done steps and measured values show.
PROGRESS = (
    "done 2.1 --on 2017-06-28 --by 区国土分局",
    "done 7.1 --on 2017-03-05 --by 区环保局",
    "record 4 0.72 --on 2017-06-30",
    "done 9.1 --on 2017-07-05 --by 统一镇",  # a part (分项报送) of an overdue step
    "extend 16.2 --to 2017-07-07 --on 2017-06-25 --reason 省厅调整部署 --approved-by 李吉峰",
)


def progressed() -> Path:
    """A scratch copy of data/ with PROGRESS recorded."""
    folder = scratch()
    for command in PROGRESS:
        result = CliRunner().invoke(app, [*shlex.split(command), "--data", str(folder)], env=ENV)
        assert result.exit_code == 0, result.stderr
    return folder


def run_json(command: str, data: Path) -> object:
    """The JSON a command prints on data, the folder called data/ in it."""
    import json

    args = [*shlex.split(command)[1:], "--data", str(data)]
    result = CliRunner().invoke(app, args, env=ENV, prog_name="ecotask")
    return _stamped(json.loads(result.stdout.replace(str(data), "data")))


def _stamped(value: object) -> object:
    """The document with each `recorded` stamp (when an entry was written: the moment the
    docs were made) shown as one fixed time, so that the docs do not change with the clock."""
    if isinstance(value, dict):
        return {
            key: RECORDED if key == "recorded" and item else _stamped(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_stamped(item) for item in value]
    return value


RECORDED = "2017-07-10T09:30:00+08:00"


def _first(value: object) -> object:
    """The document with every list cut to its first element."""
    if isinstance(value, dict):
        return {key: _first(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_first(item) for item in value[:1]]
    return value


def contract(command: str, data: Path) -> None:
    """A command's JSON document on data: a table of its keys and types, then the real
    output with every list cut to its first element."""
    import json

    document = run_json(command, data)
    cog.outl("| key | type |")
    cog.outl("| --- | --- |")
    for key, types in key_types(document).items():
        cog.outl(f"| `{key}` | {' or '.join(sorted(types))} |")
    cog.outl()
    cog.outl(f"`$ {command}` (every list cut to its first element):")
    cog.outl()
    cog.outl("```json")
    cog.outl(json.dumps(_first(document), ensure_ascii=False, indent=2))
    cog.outl("```")
