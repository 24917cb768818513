"""JSON output: stable English keys, ISO dates, Chinese as is, one document per command."""

from __future__ import annotations

import json
from typing import Any

from ..models import Task
from ..plan import DatedMilestone, Plan


def dumps(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _milestone(m: DatedMilestone) -> dict[str, Any]:
    return {
        "milestone": m.number,
        "ref": m.ref,
        "due": m.due.isoformat(),
        "start": m.start.isoformat() if m.start else None,
        "due_text": m.due_text,
        "at_deadline": m.milestone.due is None,
        "text": m.milestone.text,
    }


def milestone_row(m: DatedMilestone) -> dict[str, Any]:
    """A milestone with enough of its task to act on it alone."""
    task = m.task
    return {
        "task": task.id,
        **_milestone(m),
        "name": task.name,
        "category": task.category,
        "lead": list(task.lead),
        "responsible": list(task.responsible),
        "leaders": list(task.leaders),
    }


def task_object(plan: Plan, task: Task) -> dict[str, Any]:
    return {
        "task": task.id,
        "category": task.category,
        "name": task.name,
        "deadline": plan.deadline(task).isoformat(),
        "deadline_text": str(task.deadline),
        "lead": list(task.lead),
        "responsible": list(task.responsible),
        "open_ended": task.open_ended,
        "leaders": list(task.leaders),
        "milestones": [_milestone(m) for m in plan.milestones if m.task is task],
    }
