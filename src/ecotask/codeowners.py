"""CODEOWNERS from the registry: each unit's accounts own its progress/UNIT.yaml, the office's
own the plan, its log and every unit file without accounts, so the hosting's branch
protection lets each change be approved only by those it belongs to."""

from __future__ import annotations

from pathlib import Path

from .load import GROUP_FILE, PROGRESS_FILE, TASKS_FILE
from .plan import Plan
from .reporters import FOLDER, unit_file

HEADER = (
    "# Written by `ecotask codeowners` from group.yaml: each unit's accounts approve its own\n"
    "# progress file; the office's approve the plan, its decisions and the rest. Later lines\n"
    "# take precedence.\n"
)


def repository_prefix(data_dir: Path) -> str:
    """The data folder's path inside its git repository, as CODEOWNERS writes paths: / for
    the repository's top, /data/ for a data folder below it."""
    folder = data_dir.resolve()
    for top in (folder, *folder.parents):
        if (top / ".git").exists():
            inside = folder.relative_to(top).as_posix()
            return "/" if inside == "." else f"/{inside}/"
    return "/"


def _path(prefix: str, name: str) -> str:
    return (prefix + name).replace(" ", "\\ ")


def codeowners(plan: Plan, prefix: str = "/") -> str:
    office = plan.group_file.group.office
    owners = " ".join(office.accounts) if office and office.accounts else ""
    lines = [HEADER.rstrip("\n")]
    if owners:
        for name in (TASKS_FILE, GROUP_FILE, PROGRESS_FILE, f"{FOLDER}/"):
            lines.append(f"{_path(prefix, name)} {owners}")
    for unit in plan.group_file.units:
        if unit.accounts:
            lines.append(f"{_path(prefix, unit_file(unit.name))} {' '.join(unit.accounts)}")
    return "\n".join(lines) + "\n"


def unowned(plan: Plan) -> list[str]:
    """The units without accounts, and the office when it has none: their files fall to the
    office, or to no one."""
    from .letterhead import default_issuer

    office = plan.group_file.group.office
    issuer = office.issuer if office and office.issuer else default_issuer(plan)
    missing = [] if office and office.accounts else [issuer]
    return missing + [unit.name for unit in plan.group_file.units if not unit.accounts]
