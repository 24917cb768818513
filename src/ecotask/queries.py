"""Questions asked of the plan: the steps and tasks a view selects (a month's, the overdue, a
category's), as pure functions from a Plan to rows; who.py answers for units and leaders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from .errors import EcotaskError, UsageError
from .i18n import _
from .plan import DatedMilestone, Plan
from .progress import StepStatus, by_due, ledger
from .records import Task

T = TypeVar("T")


def by_date(rows: list[DatedMilestone]) -> list[DatedMilestone]:
    return sorted(rows, key=lambda m: (m.due, m.task.id, m.number))


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


def late_steps(steps: list[StepStatus], ids: set[int] | None = None) -> list[StepStatus]:
    """The overdue ones of these steps, the most overdue first, of the tasks in ids (all
    when None)."""
    late = only([s for s in steps if s.state == "overdue"], ids, lambda s: s.milestone.task)
    return by_due(late)
