"""The plan in memory: both files, validated, with the indexes the queries use."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from .dates import DueSpec
    from .records import Event, GroupFile, Member, Milestone, Task, TasksFile, Unit


class DatedMilestone(NamedTuple):
    """A milestone with its dates resolved against the plan's year; a recurring step is one
    of these for each occurrence, each with its own due date."""

    task: Task
    number: int
    milestone: Milestone
    start: date | None
    due: date
    recurring: bool = False
    workdays: str = "cn"  # the plan's way of counting working days (workdays.py)

    @property
    def step_ref(self) -> str:
        """The step's TASK.K, the same for all its occurrences."""
        return f"{self.task.id}.{self.number}"

    @property
    def ref(self) -> str:
        """TASK.K, and for an occurrence its due date: 4.4@2017-04-10."""
        step = f"{self.task.id}.{self.number}"
        return f"{step}@{self.due.isoformat()}" if self.recurring else step

    @property
    def due_text(self) -> str:
        """The phrase the date came from; the deadline's when the step has none."""
        return (self.milestone.due or self.task.deadline).phrase


Role = Literal["lead", "responsible"]


class Involvement(NamedTuple):
    """A unit's part in a task: its role, and the collective it is reached through, if any."""

    task: Task
    role: Role
    via: str | None = None


class Plan:
    """Both files, validated, with the indexes the queries use. A plain class: dataclasses
    cost a query most of a millisecond to import."""

    def __init__(
        self, tasks_file: TasksFile, group_file: GroupFile, events: list[Event] | None = None
    ) -> None:
        self.tasks_file = tasks_file
        self.group_file = group_file
        self.events: list[Event] = events or []
        year = self.year
        self.milestones: list[DatedMilestone] = []
        resolved: dict[DueSpec, tuple[date | None, date]] = {}  # a few phrases, many steps

        def when(spec: DueSpec) -> tuple[date | None, date]:
            found = resolved.get(spec)
            if found is None:
                found = resolved[spec] = spec.resolve(year)
            return found

        # Each task's steps, by the task's identity: looked up, since scanning every step for
        # each task of a large plan takes time in the square of its size.
        self._steps: dict[int, list[DatedMilestone]] = {}
        self._shares: dict[int, list[tuple[str, list[str]]]] = {}
        for task in self.tasks:
            steps = self._steps[id(task)] = self._dated(task, when(task.deadline)[1], when)
            self.milestones += steps

    def _dated(
        self, task: Task, deadline: date, when: Callable[[DueSpec], tuple[date | None, date]]
    ) -> list[DatedMilestone]:
        """A task's steps with their dates: a recurring step once for each occurrence up to
        the deadline, a count of working days from the step before (the first: from the
        plan's issue)."""
        info = self.tasks_file.plan
        steps: list[DatedMilestone] = []
        before = info.issued
        for number, milestone in enumerate(task.milestones, 1):
            spec = milestone.due
            if spec is not None and spec.every is not None:
                days = spec.occurrences(milestone.from_ or info.issued, deadline)
                steps += [
                    DatedMilestone(task, number, milestone, None, day, True, info.workdays)
                    for day in days
                ]
                before = days[-1] if days else before
                continue
            if spec is not None and spec.workdays is not None:
                from .workdays import add_workdays

                start, due = None, add_workdays(before, spec.workdays, info.workdays)
            else:
                start, due = when(spec) if spec else (None, deadline)
            steps.append(DatedMilestone(task, number, milestone, start, due, False, info.workdays))
            before = due
        return steps

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Plan:
        """From normalized data ({"tasks", "group", and "progress" when there is one}), as
        the models dump the files."""
        from . import records

        progress = data.get("progress")
        return cls(
            records.tasks_file(data["tasks"]),
            records.group_file(data["group"]),
            records.events(progress) if progress else [],
        )

    @property
    def year(self) -> int:
        return self.tasks_file.plan.year

    @property
    def review(self) -> bool:
        """Whether a unit's done waits for the office's accept (group.yaml office.review)."""
        office = self.group_file.group.office
        return office is not None and office.review == "required"

    @property
    def tasks(self) -> list[Task]:
        return self.tasks_file.tasks

    def deadline(self, task: Task) -> date:
        return task.deadline.resolve(self.year)[1]

    @cached_property
    def task_by_id(self) -> dict[int, Task]:
        return {task.id: task for task in self.tasks}

    def milestones_of(self, task: Task) -> list[DatedMilestone]:
        """The task's steps in order, a recurring one's occurrences in its place (a list not
        to be changed)."""
        return self._steps.get(id(task), [])

    def shares_of(self, task: Task) -> list[tuple[str, list[str]]]:
        """The names of the task's 责任单位 column that report a part of their own (parts.py),
        each with its units: a responsible unit other than a lead as itself, a collective
        (among lead or responsible) with its members. Kept per task: every step of the task
        has the same."""
        found = self._shares.get(id(task))
        if found is None:
            leads = {self.canonical(name) for name in task.lead}
            found = []
            for name in [*task.lead, *task.responsible]:
                members = self.collectives.get(name)
                if members is not None:
                    found.append((name, members))
                elif (unit := self.canonical(name)) not in leads:
                    found.append((unit, [unit]))
            self._shares[id(task)] = found
        return found

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Every unit by canonical name."""
        return {unit.name: unit for unit in self.group_file.units}

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Canonical name for every name and alias of a unit."""
        names: dict[str, str] = {}
        for unit in self.group_file.units:
            for name in (unit.name, *unit.aliases):
                names.setdefault(name, unit.name)
        return names

    def canonical(self, name: str) -> str:
        """The unit's canonical name for any of its names; other names as they are."""
        return self.unit_names.get(name, name)

    @cached_property
    def collectives(self) -> dict[str, list[str]]:
        """Each collective's members by canonical name: a member may be written as an alias."""
        return {
            c.name: list(dict.fromkeys(map(self.canonical, c.members)))
            for c in self.group_file.collectives
        }

    @cached_property
    def involvements(self) -> dict[str, list[Involvement]]:
        """Every unit's and collective's part in each task, in task order; a unit named
        directly in a column is not also listed through a collective in that column."""
        index: dict[str, list[Involvement]] = {}
        for task in self.tasks:
            for name, role, via in self._parts(task):
                index.setdefault(name, []).append(Involvement(task, role, via))
        return index

    def involvements_of(self, name: str) -> list[Involvement]:
        """What `involvements` holds for one unit or collective, without indexing every other
        one: a unit's query over thousands of tasks needs only its own."""
        if "involvements" in self.__dict__:
            return self.involvements.get(name, [])
        names = self.unit_names
        holders = {c for c, members in self.collectives.items() if name in members}
        found = []
        for task in self.tasks:  # as _parts() lists them, for this one name
            for role, listed in self._columns(task):
                if any(names.get(part, part) == name for part in listed):
                    found.append(Involvement(task, role, None))
                else:
                    found += [Involvement(task, role, part) for part in listed if part in holders]
        return found

    @staticmethod
    def _columns(task: Task) -> tuple[tuple[Role, list[str]], ...]:
        return ("lead", task.lead), ("responsible", task.responsible)

    def _parts(self, task: Task) -> Iterator[tuple[str, Role, str | None]]:
        """Who takes part in the task: each unit or collective, its role, and the collective
        it is reached through, if any."""
        for role, names in self._columns(task):
            direct = {self.canonical(name) for name in names}
            for name in direct:
                yield name, role, None
            for name in names:
                for member in self.collectives.get(name, []):
                    if member not in direct:
                        yield member, role, name

    def index(self) -> dict[str, dict[str, list[int]]]:
        """Which tasks (by position) have a step due in each month, and which each unit or
        collective takes part in: what the cache needs to read only part of a plan. A step
        extended (延期) is due in its new month too, whatever the date a query asks about."""
        months: dict[str, set[int]] = {}
        position = {id(task): i for i, task in enumerate(self.tasks)}
        for m in self.milestones:
            months.setdefault(f"{m.due:%Y-%m}", set()).add(position[id(m.task)])
        for e in self.events:
            if e.event == "extend" and e.to and e.milestone:
                task = self.task_by_id.get(int(e.milestone.partition(".")[0]))
                if task is not None:
                    months.setdefault(f"{e.to:%Y-%m}", set()).add(position[id(task)])
        units = {
            name: sorted({position[id(i.task)] for i in involvements})
            for name, involvements in self.involvements.items()
        }
        return {"months": {k: sorted(v) for k, v in months.items()}, "units": units}

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
            heads.setdefault(self.canonical(member.unit), member)
        return heads

    @cached_property
    def other_leaders(self) -> set[str]:
        return {leader.name for leader in self.group_file.other_leaders}
