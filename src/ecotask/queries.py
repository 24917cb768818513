"""Questions asked of the plan: pure functions from a Plan to rows, no printing."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NamedTuple, TypeVar

from .errors import EcotaskError, UsageError
from .i18n import _
from .plan import DatedMilestone, Involvement, Plan, Role
from .progress import Completion, StepStatus, completion, ledger, step_statuses
from .records import Member, Task

T = TypeVar("T")


def by_date(rows: list[DatedMilestone]) -> list[DatedMilestone]:
    return sorted(rows, key=lambda m: (m.due, m.task.id, m.number))


def _steps(plan: Plan, tasks: Iterable[Task]) -> list[DatedMilestone]:
    """The steps of these tasks, each task once: looked up, not scanned for, since every unit
    or leader scanning all steps takes time in the square of the plan's size."""
    unique = {id(task): task for task in tasks}
    return [m for task in unique.values() for m in plan.milestones_of(task)]


def task_ids(plan: Plan, *, unit: str | None = None, leader: str | None = None) -> set[int] | None:
    """The tasks a unit takes part in (as lead or responsible, directly or through a
    collective) and that a leader is in charge of, both filters given; None when neither is.
    unit and leader are canonical (see names.resolve_unit and names.resolve_leader)."""
    if unit is None and leader is None:
        return None
    ids = {task.id for task in plan.tasks}
    if unit is not None:
        ids &= {i.task.id for i in plan.involvements_of(unit)}
    if leader is not None:
        ids &= {task.id for task in plan.leaders.get(leader, [])}
    return ids


def only(rows: list[T], ids: set[int] | None, task: Callable[[T], Task]) -> list[T]:
    """The rows whose task is one of ids (all of them when ids is None, no filter given)."""
    return rows if ids is None else [row for row in rows if task(row).id in ids]


def narrowed(plan: Plan, ids: set[int] | None) -> Plan:
    """The plan with only the tasks in ids (the plan itself when None): what a view filtered
    by unit or leader shows, its tasks and steps in the plan's order."""
    if ids is None:
        return plan
    tasks = [task for task in plan.tasks if task.id in ids]
    return Plan(plan.tasks_file._replace(tasks=tasks), plan.group_file, plan.events)


def due_in_month(
    plan: Plan, year: int, month: int, steps: list[DatedMilestone] | None = None
) -> list[DatedMilestone]:
    """Milestones due in the month, by date then task; of `steps` (those of extended, say)
    if given, else of the plan's."""
    found = plan.milestones if steps is None else steps
    return by_date([m for m in found if (m.due.year, m.due.month) == (year, month)])


def extended(plan: Plan, as_of: date) -> tuple[list[DatedMilestone], dict[str, DatedMilestone]]:
    """The plan's milestones, one extended (延期) by the date carrying its new date; and each
    so moved as the plan has it, by ref."""
    moved = {ref: e.to for ref, e in ledger(plan, as_of).extended.items() if e.to}
    original = {m.ref: m for m in plan.milestones if m.ref in moved}
    steps = [m._replace(due=moved[m.ref]) if m.ref in moved else m for m in plan.milestones]
    return steps, original


def overdue(plan: Plan, as_of: date) -> list[DatedMilestone]:
    """Milestones due before as_of: a step due on 08-31 is overdue from 09-01; one extended
    (延期) by then is due by its new date, which it carries."""
    return by_date([m for m in extended(plan, as_of)[0] if m.due < as_of])


def resolve_category(plan: Plan, text: str) -> str:
    """A category by its full name, its number (1-based) or a unique part of its name."""
    categories = plan.tasks_file.categories
    if text in categories:
        return text
    if text.isdigit() and 1 <= int(text) <= len(categories):
        return categories[int(text) - 1]
    matches = [c for c in categories if text in c]
    if len(matches) == 1:
        return matches[0]
    listing = "; ".join(f"{i} {c}" for i, c in enumerate(categories, 1))
    if matches:
        raise UsageError(
            _("category {text!r} matches several: {names}").format(
                text=text, names=", ".join(matches)
            )
        )
    raise UsageError(
        _("no category {text!r}; the categories are: {listing}").format(text=text, listing=listing)
    )


def list_tasks(plan: Plan, category: str | None = None) -> list[Task]:
    if category is None:
        return list(plan.tasks)
    name = resolve_category(plan, category)
    return [task for task in plan.tasks if task.category == name]


def get_task(plan: Plan, task_id: int) -> Task:
    try:
        return plan.task_by_id[task_id]
    except KeyError:
        ids = sorted(plan.task_by_id)
        message = _("no task {task}: the tasks are numbered {first} to {last}").format(
            task=task_id, first=ids[0], last=ids[-1]
        )
        raise EcotaskError(message) from None


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
    steps = step_statuses(plan, as_of, by_date(_steps(plan, (i.task for i in involvements))))
    if month is not None:  # by the date a step is due by: an extension (延期) moves it
        steps = sorted(
            (s for s in steps if (s.due.year, s.due.month) == month),
            key=lambda s: (s.due, s.milestone.task.id, s.milestone.number),
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


def filter_tasks(
    plan: Plan,
    *,
    category: str | None = None,
    month: tuple[int, int] | None = None,
    steps: list[DatedMilestone] | None = None,
) -> list[Task]:
    """Tasks that pass every filter given (by unit and leader: see task_ids and only); by
    month, of `steps` (those of extended, say) if given, else of the plan's."""
    tasks = list_tasks(plan, category)
    if month is not None:
        found = plan.milestones if steps is None else steps
        due = {m.task.id for m in found if (m.due.year, m.due.month) == month}
        tasks = [task for task in tasks if task.id in due]
    return tasks


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


def late_steps(steps: list[StepStatus], ids: set[int] | None = None) -> list[StepStatus]:
    """The overdue ones of these steps, the most overdue first, of the tasks in ids (all
    when None)."""
    late = only([s for s in steps if s.state == "overdue"], ids, lambda s: s.milestone.task)
    return sorted(late, key=lambda s: (s.due, s.milestone.task.id, s.milestone.number))
