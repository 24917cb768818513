"""Find the data folder, load both files and index what the queries need."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import DataError, Finding

if TYPE_CHECKING:
    from .models import GroupFile, Member, Milestone, Task, TasksFile, Unit
    from .yamlio import Document

TASKS_FILE = "tasks.yaml"
GROUP_FILE = "group.yaml"
DATA_ENV = "ECOTASK_DATA"


def find_data_dir(option: Path | None = None) -> Path:
    """--data, else $ECOTASK_DATA, else ./data when it holds tasks.yaml, else the bundled copy."""
    chosen = option or (Path(os.environ[DATA_ENV]) if os.environ.get(DATA_ENV) else None)
    if chosen is not None:
        if not chosen.is_dir():
            source = "--data" if option else f"${DATA_ENV}"
            message = f"no such data folder (from {source})"
            raise DataError([Finding(str(chosen), None, None, "error", message)])
        return chosen
    local = Path("data")
    if (local / TASKS_FILE).is_file():
        return local
    return Path(__file__).parent / "data"


@dataclass(frozen=True)
class DatedMilestone:
    """A milestone with its dates resolved against the plan's year."""

    task: Task
    number: int
    milestone: Milestone
    start: date | None
    due: date

    @property
    def ref(self) -> str:
        return f"{self.task.id}.{self.number}"

    @property
    def due_text(self) -> str:
        """The phrase the date came from; the deadline's when the step has none."""
        return str(self.milestone.due or self.task.deadline)


Role = Literal["lead", "responsible"]


@dataclass(frozen=True)
class Involvement:
    """A unit's part in a task: its role, and the collective it is reached through, if any."""

    task: Task
    role: Role
    via: str | None = None


@dataclass
class Plan:
    """Both files, validated, with the indexes the queries use."""

    tasks_file: TasksFile
    group_file: GroupFile
    tasks_doc: Document
    group_doc: Document
    milestones: list[DatedMilestone] = field(init=False)

    def __post_init__(self) -> None:
        year = self.year
        self.milestones = []
        for task in self.tasks:
            deadline = self.deadline(task)
            for number, milestone in enumerate(task.milestones, 1):
                start, due = milestone.due.resolve(year) if milestone.due else (None, deadline)
                self.milestones.append(DatedMilestone(task, number, milestone, start, due))

    @property
    def year(self) -> int:
        return self.tasks_file.plan.year

    @property
    def tasks(self) -> list[Task]:
        return self.tasks_file.tasks

    def deadline(self, task: Task) -> date:
        return task.deadline.resolve(self.year)[1]

    @cached_property
    def task_by_id(self) -> dict[int, Task]:
        return {task.id: task for task in self.tasks}

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Every unit by canonical name."""
        return {unit.name: unit for unit in self.group_file.units}

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Canonical name for every name and alias of a unit."""
        names = {}
        for unit in self.group_file.units:
            for name in (unit.name, *unit.aliases):
                names.setdefault(name, unit.name)
        return names

    @cached_property
    def collectives(self) -> dict[str, list[str]]:
        return {c.name: c.members for c in self.group_file.collectives}

    @cached_property
    def involvements(self) -> dict[str, list[Involvement]]:
        """Every unit's and collective's part in each task, in task order; a unit named
        directly in a column is not also listed through a collective in that column."""
        index: dict[str, list[Involvement]] = {}
        for task in self.tasks:
            for role, names in (("lead", task.lead), ("responsible", task.responsible)):
                direct = {self.unit_names.get(name, name) for name in names}
                for name in direct:
                    index.setdefault(name, []).append(Involvement(task, role))
                for name in names:
                    for member in self.collectives.get(name, []):
                        if member not in direct:
                            index.setdefault(member, []).append(Involvement(task, role, name))
        return index

    @cached_property
    def leaders(self) -> dict[str, list[Task]]:
        """Every leader in charge of tasks, in order of first appearance, with their tasks."""
        index: dict[str, list[Task]] = {}
        for task in self.tasks:
            for name in task.leaders:
                index.setdefault(name, []).append(task)
        return index

    @cached_property
    def roster(self) -> dict[str, Member]:
        return {member.name: member for member in self.group_file.group.members}

    @cached_property
    def heads(self) -> dict[str, Member]:
        """Each unit's head: the first roster member whose position is in it."""
        heads: dict[str, Member] = {}
        for member in self.group_file.group.members:
            heads.setdefault(member.unit, member)
        return heads

    @cached_property
    def other_leaders(self) -> set[str]:
        return {leader.name for leader in self.group_file.other_leaders}


def _shown(path: Path) -> str:
    """The path as messages print it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_plan(data_dir: Path) -> tuple[Plan | None, list[Finding]]:
    """The plan and every finding; the plan is None when any finding is an error."""
    from .checks import run_checks
    from .models import GroupFile, TasksFile
    from .schema_errors import schema_findings
    from .yamlio import load

    findings: list[Finding] = []
    loaded = {}
    for name, model in ((TASKS_FILE, TasksFile), (GROUP_FILE, GroupFile)):
        path = data_dir / name
        try:
            doc = load(path, _shown(path))
        except DataError as exc:
            findings.extend(exc.findings)
            continue
        parsed, problems = schema_findings(doc, model)
        findings.extend(problems)
        if parsed is not None:
            loaded[name] = (parsed, doc)
    if len(loaded) < 2:
        return None, findings
    (tasks_file, tasks_doc), (group_file, group_doc) = loaded[TASKS_FILE], loaded[GROUP_FILE]
    plan = Plan(tasks_file, group_file, tasks_doc, group_doc)
    findings.extend(run_checks(plan))
    findings.sort(key=lambda f: (f.file != tasks_doc.file, f.line or 0, f.col or 0))
    if any(f.severity == "error" for f in findings):
        return None, findings
    return plan, findings


def open_plan(data_option: Path | None = None) -> Plan:
    """The plan for a query: any error in the data stops it, warnings do not."""
    plan, findings = load_plan(find_data_dir(data_option))
    if plan is None:
        raise DataError([f for f in findings if f.severity == "error"])
    return plan
