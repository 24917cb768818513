"""Questions asked of the plan: pure functions from a Plan to rows, no printing."""

from __future__ import annotations

from datetime import date

from .errors import EcotaskError, UsageError
from .models import Task
from .plan import DatedMilestone, Plan


def _by_date(rows: list[DatedMilestone]) -> list[DatedMilestone]:
    return sorted(rows, key=lambda m: (m.due, m.task.id, m.number))


def due_in_month(plan: Plan, year: int, month: int) -> list[DatedMilestone]:
    """Milestones due in the month, by date then task."""
    return _by_date([m for m in plan.milestones if (m.due.year, m.due.month) == (year, month)])


def overdue(plan: Plan, as_of: date) -> list[DatedMilestone]:
    """Milestones due before as_of: a step due on 08-31 is overdue from 09-01."""
    return _by_date([m for m in plan.milestones if m.due < as_of])


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
        raise UsageError(f"category {text!r} matches several: {', '.join(matches)}")
    raise UsageError(f"no category {text!r}; the categories are: {listing}")


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
        message = f"no task {task_id}: the tasks are numbered {ids[0]} to {ids[-1]}"
        raise EcotaskError(message) from None
