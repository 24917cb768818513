"""A new data folder for `ecotask init`: the bundled example's files, or a skeleton that
validates, a .gitignore for the lock files writes leave beside the data, and a .gitattributes
that lets git merge the progress logs."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .errors import EcotaskError
from .files import Write, write_all
from .i18n import _
from .load import BUNDLED, GROUP_FILE, TASKS_FILE

GITIGNORE = ".gitignore"
LOCK_LINE = ".*.yaml.lock"
GITATTRIBUTES = ".gitattributes"
# Each unit appends to its own file and the office to its log: two branches that append to
# the same file keep both sides' lines, so they merge without conflict; validate then checks
# the merged log.
UNION_LINES = ("progress.yaml merge=union", "progress/*.yaml merge=union")

_TASKS = """\
# 任务分解表: a skeleton to replace with the plan's own tasks, by hand or with
# `ecotask import 任务分解表.docx -o .`. A milestone without `due` is due at its task's
# deadline (完成时限); a date phrase without a year (6月底) is in plan.year.
plan:
  title: {year}年工作任务分解表
  year: {year}
  issuer: 发文机关
  issued: {year}-01-01
categories:
  - 任务类别
tasks:
  - id: 1
    category: 任务类别
    name: 任务名称
    deadline: 年底
    lead: [牵头单位]
    leaders: [分管领导]
    milestones:
      - due: 6月底
        text: 到6月底，完成第一项工作。
"""

_GROUP = """\
# The leading group's roster, and the registry of every unit the task table names.
group:
  name: 领导小组
  members:
    - name: 分管领导
      role: 组长
      position: 职务
      unit: 牵头单位
units:
  - name: 牵头单位
    kind: bureau
"""


def contents(empty: bool, year: int | None = None) -> dict[str, bytes]:
    """The data files by name: the bundled example's bytes, or the skeleton for the year
    (default: this one)."""
    if not empty:
        return {name: (BUNDLED / name).read_bytes() for name in (TASKS_FILE, GROUP_FILE)}
    shown_year = year or date.today().year
    return {
        TASKS_FILE: _TASKS.format(year=shown_year).encode("utf-8"),
        GROUP_FILE: _GROUP.encode("utf-8"),
    }


def create(folder: Path, empty: bool, force: bool) -> list[str]:
    """Write the data files, the .gitignore and the .gitattributes into folder, all or none;
    the names written. A folder that holds anything is refused unless forced; forced, the
    data files are replaced, a .gitignore of its own gains the lock line and a .gitattributes
    the merge lines; progress.yaml is never touched."""
    if folder.exists() and not folder.is_dir():
        raise EcotaskError(_("{path} is a file: give a folder to create").format(path=folder))
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise EcotaskError(
            _(
                "{path} is not empty: give a new or empty folder, or add --force to write "
                "{tasks} and {group} into it (replacing them; progress.yaml is kept)"
            ).format(path=folder, tasks=TASKS_FILE, group=GROUP_FILE)
        )
    files = contents(empty)
    ignore = folder / GITIGNORE
    kept = ignore.read_bytes() if ignore.is_file() else b""  # bytes: whatever its encoding
    if LOCK_LINE.encode() not in kept.splitlines():
        separator = b"\n" if kept and not kept.endswith(b"\n") else b""
        lines = f"# the lock files ecotask's writes leave beside the data\n{LOCK_LINE}\n"
        files[GITIGNORE] = kept + separator + lines.encode("utf-8")
    attributes = folder / GITATTRIBUTES
    kept = attributes.read_bytes() if attributes.is_file() else b""
    missing = [line for line in UNION_LINES if line.encode() not in kept.splitlines()]
    if missing:
        separator = b"\n" if kept and not kept.endswith(b"\n") else b""
        lines = "# the progress logs merge by keeping both sides' entries\n" + "".join(
            f"{line}\n" for line in missing
        )
        files[GITATTRIBUTES] = kept + separator + lines.encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EcotaskError(
            _("cannot create {path}: {reason}").format(path=folder, reason=exc.strerror or exc)
        ) from None
    write_all([Write(folder / name, str(folder / name), data) for name, data in files.items()])
    return list(files)
