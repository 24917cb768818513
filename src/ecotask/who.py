"""What each unit and each leader answers for: a unit's or a leader's tasks and steps, the
counts every unit and leader is ranked by, and the steps grouped under their lead units."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from .plan import DatedMilestone, Involvement, Plan, Role
from .progress import StepStatus, by_due, ledger, status, step_statuses
from .queries import by_date, late_steps
from .records import Member, Task
from .standing import Completion, completion


def _steps(plan: Plan, tasks: Iterable[Task]) -> list[DatedMilestone]:
    """The steps of these tasks, each task once: looked up, not scanned for, since every unit
    or leader scanning all steps takes time in the square of the plan's size."""
    unique = {id(task): task for task in tasks}
    return [m for task in unique.values() for m in plan.milestones_of(task)]


class UnitReport(NamedTuple):
    """What a unit is and which tasks it answers for, and how their steps stand."""

    name: str
    aliases: list[str]
    kind: str
    head: Member | None
    collectives: list[str]
    involvements: list[Involvement]
    milestones: list[StepStatus]
    as_of: date


def unit_report(
    plan: Plan,
    name: str,
    as_of: date,
    role: Role | None = None,
    month: tuple[int, int] | None = None,
) -> UnitReport:
    """name is canonical (see names.resolve_unit); role and month narrow the tasks; each
    step's state is as of the date."""
    unit = plan.units.get(name)
    involvements = [i for i in plan.involvements_of(name) if role is None or i.role == role]
    book = ledger(plan, as_of)
    milestones = by_date(_steps(plan, (i.task for i in involvements)))
    if month is None:
        steps = [status(m, book, as_of) for m in milestones]
    else:  # by the date a step is due by: an extension (延期) moves it
        moved = {ref: e.to for ref, e in book.extended.items() if e.to}
        steps = by_due(
            status(m, book, as_of)
            for m in milestones
            if ((day := moved.get(m.ref, m.due)).year, day.month) == month
        )
        due_tasks = {id(s.milestone.task) for s in steps}
        involvements = [i for i in involvements if id(i.task) in due_tasks]
    return UnitReport(
        name=name,
        aliases=list(unit.aliases) if unit else [],
        kind=unit.kind if unit else "collective",
        head=plan.heads.get(name),
        collectives=[c for c, members in plan.collectives.items() if name in members],
        involvements=involvements,
        milestones=steps,
        as_of=as_of,
    )


class LeaderReport(NamedTuple):
    """A leader's place in the group, the tasks they are in charge of, the steps of those
    overdue and the next ones not done."""

    name: str
    member: Member | None
    tasks: list[Task]
    categories: dict[str, int]
    upcoming: list[StepStatus]
    overdue: list[StepStatus]
    as_of: date


def leader_report(plan: Plan, name: str, as_of: date, upcoming: int = 5) -> LeaderReport:
    """name is canonical (see names.resolve_leader); upcoming: how many next steps not done,
    due from the date on; overdue: every step due before it and not done, the most overdue
    first."""
    tasks = plan.leaders.get(name, [])
    categories = {c: n for c in plan.tasks_file.categories if (n := _count(tasks, c))}
    steps = step_statuses(plan, as_of, by_date(_steps(plan, tasks)))
    later = [s for s in steps if s.state == "pending"][:upcoming]
    late = late_steps(steps)
    return LeaderReport(name, plan.roster.get(name), tasks, categories, later, late, as_of)


def _count(tasks: list[Task], category: str) -> int:
    return sum(task.category == category for task in tasks)


class UnitCounts(NamedTuple):
    name: str
    kind: str
    led: int
    responsible: int
    via: int
    milestones: int
    completion: Completion


def unit_counts(plan: Plan, as_of: date) -> list[UnitCounts]:
    """One row per unit and collective, in the registry's order, collectives last, with how
    the steps of its tasks stand as of the date."""
    book = ledger(plan, as_of)
    rows = []
    for name in [*plan.units, *plan.collectives]:
        involvements = plan.involvements.get(name, [])
        direct = [i for i in involvements if i.via is None]
        tasks = {i.task.id: i.task for i in involvements}
        rows.append(
            UnitCounts(
                name=name,
                kind=plan.units[name].kind if name in plan.units else "collective",
                led=len({i.task.id for i in direct if i.role == "lead"}),
                responsible=len({i.task.id for i in direct if i.role == "responsible"}),
                via=len({i.task.id for i in involvements if i.via is not None}),
                milestones=sum(len(plan.milestones_of(task)) for task in tasks.values()),
                completion=completion(_steps(plan, tasks.values()), book, as_of),
            )
        )
    return rows


class LeadCounts(NamedTuple):
    """How the steps of the tasks a unit leads stand: what the report ranks it by."""

    name: str
    led: int  # tasks it leads
    milestones: int  # their steps
    completion: Completion


def lead_counts(plan: Plan, as_of: date) -> list[LeadCounts]:
    """Each unit (not collective) that leads a task, directly or as a member of a collective
    that leads it, in the registry's order, with the steps of those tasks as of the date. A
    task led by two units counts for both; the tasks a unit only co-operates on do not."""
    book = ledger(plan, as_of)
    rows = []
    for name in plan.units:
        tasks = {i.task.id: i.task for i in plan.involvements_of(name) if i.role == "lead"}
        if tasks:
            steps = _steps(plan, tasks.values())
            rows.append(LeadCounts(name, len(tasks), len(steps), completion(steps, book, as_of)))
    return rows


class LeaderCounts(NamedTuple):
    name: str
    member: Member | None
    tasks: int
    alone: int
    shared: int
    milestones: int
    completion: Completion


def leader_counts(plan: Plan, as_of: date) -> list[LeaderCounts]:
    """One row per leader in charge of tasks, in order of first appearance."""
    book = ledger(plan, as_of)
    rows = []
    for name, tasks in plan.leaders.items():
        alone = sum(len(task.leaders) == 1 for task in tasks)
        rows.append(
            LeaderCounts(
                name=name,
                member=plan.roster.get(name),
                tasks=len(tasks),
                alone=alone,
                shared=len(tasks) - alone,
                milestones=sum(len(plan.milestones_of(task)) for task in tasks),
                completion=completion(_steps(plan, tasks), book, as_of),
            )
        )
    return rows


def sort_rows(rows: list[Any], key: str) -> list[Any]:
    """Largest count first (ties keep their order); names in the data's order."""
    if key == "name":
        return rows
    if key == "overdue":
        return sorted(rows, key=lambda row: -row.completion.overdue)
    return sorted(rows, key=lambda row: -getattr(row, key))


class UnitSteps(NamedTuple):
    unit: str
    steps: list[StepStatus]


def by_lead_unit(plan: Plan, steps: list[StepStatus]) -> list[UnitSteps]:
    """Each lead unit with its steps; a step led by two units is listed under both.
    The unit with most comes first, ties in the registry's order."""
    groups: dict[str, list[StepStatus]] = {}
    for s in steps:
        for name in s.milestone.task.lead:
            groups.setdefault(plan.unit_names.get(name, name), []).append(s)
    order = {name: i for i, name in enumerate([*plan.units, *plan.collectives])}
    ranked = sorted(groups.items(), key=lambda g: (-len(g[1]), order.get(g[0], len(order))))
    return [UnitSteps(name, steps) for name, steps in ranked]
