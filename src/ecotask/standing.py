"""How tasks and targets stand as of a date: each task's light (红黄绿), each target's latest
measured value, and the counts of a set of steps by state."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, NamedTuple

from .plan import DatedMilestone, Plan
from .progress import Ledger, State, StepStatus, in_date_order, ledger, status
from .records import Event, Target, Task

Light = Literal["red", "yellow", "green", "done"]
LIGHTS: tuple[Light, ...] = ("red", "yellow", "green", "done")


class TargetStatus(NamedTuple):
    task: Task
    target: Target
    actual: Event | None

    @property
    def met(self) -> bool | None:
        if self.actual is None or self.actual.value is None:
            return None
        value, goal = self.actual.value, self.target.value
        return {"<=": value <= goal, ">=": value >= goal, "=": value == goal}[self.target.op]


def targets(plan: Plan, as_of: date | None = None) -> list[TargetStatus]:
    """Every target with its latest measured value as of the date."""
    latest: dict[tuple[int, str], Event] = {}
    for event in in_date_order(plan.events):
        if event.event != "record" or event.task is None or event.indicator is None:
            continue
        if as_of is None or event.date <= as_of:
            latest[(event.task, event.indicator)] = event
    return [
        TargetStatus(task, target, latest.get((task.id, target.indicator)))
        for task in plan.tasks
        for target in task.targets
    ]


def _due(s: StepStatus) -> date:
    return s.due


def _next(s: StepStatus) -> DatedMilestone:
    """The step, due by the date an extension gives it."""
    return s.milestone._replace(due=s.due) if s.extension else s.milestone


class TaskStatus(NamedTuple):
    task: Task
    light: Light
    states: dict[str, State]  # milestone ref → state
    next_due: DatedMilestone | None
    awaiting: tuple[str, ...] = ()  # refs reported done, awaiting the office's review


def statuses(plan: Plan, as_of: date, within: int = 15) -> list[TaskStatus]:
    """Each task's light: red when a step is overdue, yellow when one falls due within the
    days given, done when every step is done, green otherwise."""
    book = ledger(plan, as_of)
    horizon = as_of + timedelta(days=within)
    rows = []
    for task in plan.tasks:
        steps = plan.milestones_of(task)
        stood = [status(m, book, as_of) for m in steps]
        states = {s.ref: s.state for s in stood}
        awaiting = tuple(m.ref for m in steps if m.ref in book.reported)
        open_steps = sorted((s for s in stood if s.state in ("overdue", "pending")), key=_due)
        if any(s == "overdue" for s in states.values()):
            light: Light = "red"
        elif any(s.due <= horizon for s in open_steps):
            light = "yellow"
        elif not open_steps:
            light = "done"
        else:
            light = "green"
        rows.append(
            TaskStatus(task, light, states, _next(open_steps[0]) if open_steps else None, awaiting)
        )
    return rows


class Completion(NamedTuple):
    """How a set of steps stands: done on time, done late, overdue, pending."""

    done: int = 0
    done_late: int = 0
    overdue: int = 0
    pending: int = 0


def completion(steps: list[DatedMilestone], book: Ledger, as_of: date) -> Completion:
    counts = {"done": 0, "done_late": 0, "overdue": 0, "pending": 0}
    for m in steps:
        counts[status(m, book, as_of).state] += 1
    return Completion(**counts)
