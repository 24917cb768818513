"""Progress derived from the log: which steps are done, how targets stand, each task's light.

Everything is computed as of a date: events dated after it are not yet known, so a report for
June shows June's state even when the log has since grown.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, NamedTuple

from .plan import DatedMilestone, Plan
from .records import Event, Target, Task

State = Literal["done", "done_late", "overdue", "pending"]
# What the office calls each state, in tables, reports and exports alike.
STATE_NAMES: dict[State, str] = {
    "done": "按时完成",
    "done_late": "逾期完成",
    "overdue": "逾期未完成",
    "pending": "未到期",
}
Light = Literal["red", "yellow", "green", "done"]
LIGHTS: tuple[Light, ...] = ("red", "yellow", "green", "done")


def _in_date_order(events: list[Event]) -> list[Event]:
    """The log replayed by date, ties in the order written: an entry added late for an earlier
    day must not override what happened after it (validate warns about such a log)."""
    return sorted(events, key=lambda event: event.date)


def completions(plan: Plan, as_of: date | None = None) -> dict[str, Event]:
    """The done event of every milestone done as of the date (all events when None)."""
    done: dict[str, Event] = {}
    for event in _in_date_order(plan.events):
        if (as_of is not None and event.date > as_of) or event.milestone is None:
            continue
        if event.event == "done":
            done[event.milestone] = event
        elif event.event == "reopen":  # a reanchor confirms the step; it changes no state
            done.pop(event.milestone, None)
    return done


def state(m: DatedMilestone, done: Event | None, as_of: date) -> State:
    """A step due on 08-31 is overdue from 09-01; one done after its due date was done late."""
    if done is not None:
        return "done" if done.date <= m.due else "done_late"
    return "overdue" if m.due < as_of else "pending"


class StepStatus(NamedTuple):
    """A step and how it stands as of a date: what reports and exports show of it."""

    milestone: DatedMilestone
    state: State
    done: Event | None
    as_of: date

    @property
    def ref(self) -> str:
        return self.milestone.ref

    @property
    def days_late(self) -> int:
        """Days past the due date: until done for a step done late, to the as-of date for one
        overdue; 0 otherwise."""
        due = self.milestone.due
        if self.state == "done_late" and self.done is not None:
            return (self.done.date - due).days
        if self.state == "overdue":
            return (self.as_of - due).days
        return 0

    @property
    def label(self) -> str:
        if self.state == "pending" and self.milestone.due == self.as_of:
            return "今日到期"
        return STATE_NAMES[self.state]


def step_statuses(plan: Plan, as_of: date) -> list[StepStatus]:
    """Every step in plan order as of the date; a step done after it is not known yet."""
    done = completions(plan, as_of)
    return [
        StepStatus(m, state(m, event := done.get(m.ref), as_of), event, as_of)
        for m in plan.milestones
    ]


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
    for event in _in_date_order(plan.events):
        if event.event != "record" or event.task is None or event.indicator is None:
            continue
        if as_of is None or event.date <= as_of:
            latest[(event.task, event.indicator)] = event
    return [
        TargetStatus(task, target, latest.get((task.id, target.indicator)))
        for task in plan.tasks
        for target in task.targets
    ]


class TaskStatus(NamedTuple):
    task: Task
    light: Light
    states: dict[str, State]  # milestone ref → state
    next_due: DatedMilestone | None


def statuses(plan: Plan, as_of: date, within: int = 15) -> list[TaskStatus]:
    """Each task's light: red when a step is overdue, yellow when one falls due within the
    days given, done when every step is done, green otherwise."""
    done = completions(plan, as_of)
    horizon = as_of + timedelta(days=within)
    rows = []
    for task in plan.tasks:
        steps = plan.milestones_of(task)
        states = {m.ref: state(m, done.get(m.ref), as_of) for m in steps}
        open_steps = sorted(
            (m for m in steps if states[m.ref] in ("overdue", "pending")), key=lambda m: m.due
        )
        if any(s == "overdue" for s in states.values()):
            light: Light = "red"
        elif any(m.due <= horizon for m in open_steps):
            light = "yellow"
        elif not open_steps:
            light = "done"
        else:
            light = "green"
        rows.append(TaskStatus(task, light, states, open_steps[0] if open_steps else None))
    return rows


class Completion(NamedTuple):
    """How a set of steps stands: done on time, done late, overdue, pending."""

    done: int = 0
    done_late: int = 0
    overdue: int = 0
    pending: int = 0


def completion(steps: list[DatedMilestone], done: dict[str, Event], as_of: date) -> Completion:
    counts = {"done": 0, "done_late": 0, "overdue": 0, "pending": 0}
    for m in steps:
        counts[state(m, done.get(m.ref), as_of)] += 1
    return Completion(**counts)


def upcoming(plan: Plan, as_of: date, within: int) -> dict[str, list[DatedMilestone]]:
    """Steps not done that fall due from the date to `within` days after it, under each of
    their lead units (a step led by two units is under both), units in order of first step."""
    done = completions(plan, as_of)
    horizon = as_of + timedelta(days=within)
    by_unit: dict[str, list[DatedMilestone]] = {}
    for m in sorted(plan.milestones, key=lambda m: (m.due, m.task.id, m.number)):
        if as_of <= m.due <= horizon and m.ref not in done:
            for unit in m.task.lead:
                by_unit.setdefault(unit, []).append(m)
    return by_unit
