"""What is measured for one plan size: ecotask's commands and the baselines they are held to."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import hands
import taskwarrior

BARE_TYPER = '''"""The floor for any Typer CLI: one command with one int option."""
import typer


def main(n: int = typer.Option(..., "--n", help="A number.")) -> None:
    print(n)


typer.run(main)
'''
LIBYAML = "import yaml,sys; yaml.load(open(sys.argv[1],encoding='utf-8'), Loader=yaml.CSafeLoader)"
# Variables that would change what ecotask does: another data folder, no cache, CI output.
_SCRUB = ("ECOTASK_DATA", "ECOTASK_NO_CACHE", "GITHUB_ACTIONS", "XDG_CACHE_HOME")


@dataclass(frozen=True)
class Command:
    key: str
    label: str
    argv: list[str]
    env: dict[str, str]
    cold_cache: Path | None = None  # deleted before every run: as after an edit of the data
    heavy: bool = False  # validates from scratch: run fewer times on large plans
    baseline: bool = False
    reference: str | None = None  # the key of a baseline of its own, as the goals compare


@dataclass(frozen=True)
class Workspace:
    """Folders of one benchmark invocation; plans are generated once and reused by every round."""

    root: Path

    def plan(self, n: int) -> Path:
        return self.root / "plans" / str(n)

    def tasks_yaml(self, n: int) -> Path:
        return self.plan(n) / "tasks.yaml"

    def taskwarrior(self, n: int) -> Path:
        return self.root / "taskwarrior" / str(n)

    def warm_cache(self, n: int) -> Path:
        """One per size, so that the database's size is that of one plan's."""
        return self.root / "cache-warm" / str(n)

    def cache_bytes(self, n: int) -> int:
        """The size of the files in the size's cache folder."""
        return sum(p.stat().st_size for p in self.warm_cache(n).rglob("*") if p.is_file())

    @property
    def cold_cache(self) -> Path:
        return self.root / "cache-cold"

    @property
    def typer_app(self) -> Path:
        path = self.root / "bare_typer.py"
        if not path.exists():
            path.write_text(BARE_TYPER, encoding="utf-8")
        return path


def ecotask_script() -> Path:
    """The ecotask next to this interpreter: the venv being measured, not whatever is on PATH."""
    script = Path(sys.executable).parent / "ecotask"
    if not script.exists():
        raise SystemExit(f"no ecotask next to {sys.executable}: run with the project's venv")
    return script


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _SCRUB}
    return {**env, "XDG_CACHE_HOME": str(cache)}


def commands(ws: Workspace, n: int, task: str | None) -> list[Command]:
    """Every command for a plan of n tasks, ecotask's first, in the order of the table."""
    eco, data = str(ecotask_script()), ["--data", str(ws.plan(n))]
    warm, cold = _env(ws.warm_cache(n)), _env(ws.cold_cache)
    june = ["due", "--month", "6"]
    python = sys.executable
    found = [
        Command(
            "due-json-cold",
            "due --json (first query)",
            [eco, *june, "--json", *data],
            cold,
            cold_cache=ws.cold_cache,
            heavy=True,
        ),
        Command("due-json", "due --json (later)", [eco, *june, "--json", *data], warm),
        Command("due-table", "due table (later)", [eco, *june, *data], warm),
        Command(
            "unit-json",
            "unit 区环保局 --json (later)",
            [eco, "unit", "区环保局", "--json", *data],
            warm,
        ),
        Command(
            "validate-cold",
            "validate (first query)",
            [eco, "validate", *data],
            cold,
            cold_cache=ws.cold_cache,
            heavy=True,
        ),
        Command("validate", "validate (later)", [eco, "validate", *data], warm),
        Command("help", "--help", [eco, "--help"], warm),
        Command(
            "typer",
            "bare Typer --n 3",
            [python, str(ws.typer_app), "--n", "3"],
            warm,
            baseline=True,
        ),
        Command(
            "typer-help",
            "bare Typer --help",
            [python, str(ws.typer_app), "--help"],
            warm,
            baseline=True,
        ),
        Command(
            "libyaml",
            "libyaml parse",
            [python, "-c", LIBYAML, str(ws.tasks_yaml(n))],
            warm,
            baseline=True,
        ),
    ]
    if n == EXPORT_SIZE:
        found += _exports(ws, eco, data, warm)
    units, one = hands.prepare(ws.plan(n), ws.root / "hands" / str(n))
    logs = _env(ws.root / "cache-hands" / str(n))  # apart: the size's cache stays one plan's
    status = [eco, "status", "--as-of", "2017-07-01", "--data"]
    found += [
        Command("status-units", "status, 30 units' files × 20", [*status, str(units)], logs),
        Command("status-one", "status, that log in one file", [*status, str(one)], logs),
    ]
    if task:
        tw = ws.taskwarrior(n)
        found.append(
            Command(
                "taskwarrior",
                "Taskwarrior month query",
                taskwarrior.query(task),
                taskwarrior.env(tw),
                baseline=True,
            )
        )
    return found


EXPORT_SIZE = 10000  # the export is timed at this size only: its baseline takes tens of seconds
AS_OF = "2017-09-15"  # mid-plan, so that every state occurs


def _exports(ws: Workspace, eco: str, data: list[str], env: dict[str, str]) -> list[Command]:
    """`export --format xlsx` and its baseline, the same rows written with openpyxl."""
    baseline = Path(__file__).with_name("openpyxl_export.py")
    out = ws.root / "export.xlsx"
    return [
        Command(
            "export-xlsx",
            "export --format xlsx",
            [eco, "export", "--format", "xlsx", "-o", str(out), "--force", "--as-of", AS_OF, *data],
            env,
            heavy=True,
            reference="openpyxl-export",
        ),
        Command(
            "openpyxl-export",
            "the same workbook by openpyxl",
            [sys.executable, str(baseline), data[1], str(ws.root / "openpyxl.xlsx"), AS_OF],
            env,
            heavy=True,
            baseline=True,
        ),
    ]


FIRST = ("due-json-cold", "validate-cold")
LATER = ("due-json", "due-table", "unit-json", "validate")
MONTH = "due-json"  # the query Taskwarrior answers too: the month's steps, as JSON
UNITS = ("status-units", "status-one")  # a file per reporter, held to one file (hands.py)


def typer_reference(key: str) -> str:
    """`--help` is held to bare Typer's `--help`; everything else to bare Typer's `--n 3`."""
    return "typer-help" if key.endswith("help") else "typer"
