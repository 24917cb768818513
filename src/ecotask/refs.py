"""What the office types to name what an entry is about, read against the plan: a step's
ref (TASK.K, or an occurrence TASK.K@DATE), a task (TASK), a target's indicator, a measured
number and an entry's date. Each refusal says what to type instead."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal

from . import bounds
from .dates import parse_date
from .errors import EcotaskError, UsageError, brief
from .i18n import _
from .plan import DatedMilestone, Plan


def milestone(plan: Plan, ref: str, *, occurrence: bool = True) -> DatedMilestone:
    """The milestone named TASK.K, e.g. 2.1 for task 2's first step; an occurrence of a
    recurring step by its due date, TASK.K@2017-04-10, or its month where it has one there
    (4.4@2017-04). occurrence=False: a recurring step by its TASK.K alone (its first
    occurrence stands for it), as a fingerprint, kept per step, names it."""
    m = re.fullmatch(r"(\d{1,19})\.(\d{1,19})(?:@(\d{4}-\d{2}(?:-\d{2})?))?", ref.strip())
    if m is None:  # and no int() of 5,000 digits
        raise UsageError(
            _(
                "{ref} is not a milestone: write TASK.K, e.g. 2.1 for task 2's first step, "
                "or TASK.K@DATE for an occurrence of a recurring one (4.4@2017-04-10)"
            ).format(ref=brief(ref))
        )
    task_id, number, when = int(m[1]), int(m[2]), m[3]
    task = plan.task_by_id.get(task_id)
    if task is None:
        raise EcotaskError(_("no task {task} in the plan").format(task=task_id))
    if not 1 <= number <= len(task.milestones):
        raise EcotaskError(
            _("no milestone {ref}: task {task} has {count} milestones").format(
                ref=ref, task=task_id, count=len(task.milestones)
            )
        )
    steps = [s for s in plan.milestones_of(task) if s.number == number]
    step = f"{task_id}.{number}"
    if not steps:
        raise EcotaskError(
            _("milestone {ref} recurs, but no occurrence falls due by its deadline").format(
                ref=step
            )
        )
    if not steps[0].recurring or (when is None and not occurrence):
        if when is not None:
            raise EcotaskError(_("milestone {ref} does not recur: write {ref}").format(ref=step))
        return steps[0]
    listed = "、".join(f"{s.due:%Y-%m-%d}" for s in steps)
    if when is None:
        raise EcotaskError(
            _(
                "milestone {ref} recurs: name an occurrence by its due date, e.g. {example} "
                "(its occurrences: {listed})"
            ).format(ref=step, example=steps[0].ref, listed=listed)
        )
    found = [s for s in steps if s.due.isoformat().startswith(when)]
    if len(found) != 1:
        message = (
            _("milestone {ref} has several occurrences due {when}: its occurrences: {listed}")
            if found
            else _("milestone {ref} has no occurrence due {when}: its occurrences: {listed}")
        )
        raise EcotaskError(message.format(ref=step, when=when, listed=listed))
    return found[0]


def subject(plan: Plan, ref: str | None, *, whole_step: bool = False) -> str | int | None:
    """A step's canonical ref (TASK.K), a task's id (TASK), or None. whole_step: a recurring
    step named without an occurrence stands for all of them, by its TASK.K."""
    if ref is None:
        return None
    if "." in ref:
        if whole_step and "@" not in ref:
            return milestone(plan, ref, occurrence=False).step_ref
        return milestone(plan, ref).ref
    if not re.fullmatch(r"\d{1,19}", ref.strip()) or int(ref) > bounds.INT_MAX:
        raise UsageError(
            _("{value} is neither a milestone (TASK.K) nor a task (TASK)").format(value=brief(ref))
        )
    task = int(ref)
    if task not in plan.task_by_id:
        raise EcotaskError(_("no task {task} in the plan").format(task=task))
    return task


def event_date(text: str | None, plan_year: int) -> date:
    """--on: today by default, the plan's year when it names none; a bad date stops the write
    like bad data does."""
    try:
        return date.today() if text is None else parse_date(text, plan_year)
    except UsageError as exc:
        raise EcotaskError(str(exc)) from None


def indicator(plan: Plan, task_id: int, name: str | None) -> str:
    """Which of the task's targets: the only one, or the one named (a unique part will do)."""
    task = plan.task_by_id.get(task_id)
    if task is None:
        raise EcotaskError(_("no task {task} in the plan").format(task=task_id))
    names = [t.indicator for t in task.targets]
    if not names:
        raise EcotaskError(
            _("task {task} has no quantitative target to record").format(task=task_id)
        )
    if name is None:
        if len(names) > 1:
            raise EcotaskError(
                _("task {task} has {count} targets: choose one with --indicator ({names})").format(
                    task=task_id, count=len(names), names="、".join(names)
                )
            )
        return names[0]
    matches = [n for n in names if name == n] or [n for n in names if name in n]
    if len(matches) != 1:
        raise EcotaskError(
            _("task {task} has no single target {name!r} (its targets: {names})").format(
                task=task_id, name=name, names="、".join(names)
            )
        )
    return matches[0]


def number(text: str) -> int | float:
    """A measured value kept exactly as typed, or refused: a whole number (no point) in the
    64-bit range, or a decimal whose value a float holds exactly as written (0.72, 1e5 yes;
    0.1000000000000000001, 1e400 no)."""
    try:
        typed = Decimal(text.strip())
    except ArithmeticError:
        raise UsageError(_("{value!r} is not a number").format(value=text)) from None
    if not typed.is_finite():
        raise UsageError(_("{value!r} is not a number").format(value=text))
    if typed == typed.to_integral_value() and "." not in text:
        whole = int(typed) if typed.adjusted() < 20 else None  # not int() of 10^9 digits
        if whole is None or not bounds.INT_MIN <= whole <= bounds.INT_MAX:
            raise UsageError(
                _("{value} is {beyond}").format(value=repr(text), beyond=_(bounds.BEYOND_INT))
            )
        return whole
    value = float(typed)
    if not math.isfinite(value) or Decimal(repr(value)) != typed:
        raise UsageError(
            _(
                "{value!r} cannot be kept exactly: give at most 15 significant digits "
                "and a magnitude between 1e-300 and 1e300"
            ).format(value=text)
        )
    return value
