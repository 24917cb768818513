"""Parts of a step: each unit with a part in a task other than its lead (a responsible unit,
or a member of a collective named there, such as 各街镇's towns) reports its own part with
`done --by UNIT`; the step itself is done when its lead reports it. This says who has."""

from __future__ import annotations

from typing import NamedTuple

from .plan import Plan
from .progress import StepStatus


class Part(NamedTuple):
    """One name of a task's 责任单位 column (a unit, or a collective and its members) and
    which of its units have reported their part of a step."""

    name: str
    members: list[str]
    reported: list[str]

    @property
    def missing(self) -> list[str]:
        reported = self.reported
        return [m for m in self.members if m not in reported] if reported else self.members

    @property
    def text(self) -> str:
        """各街镇 3/8 已报（未报：…）; a single unit 已报 or 未报."""
        if self.members == [self.name]:
            return f"{self.name} {'已报' if self.reported else '未报'}"
        shown = f"{self.name} {len(self.reported)}/{len(self.members)} 已报"
        return shown + (f"（未报：{'、'.join(self.missing)}）" if self.missing else "")


def parts(plan: Plan, s: StepStatus) -> list[Part]:
    """The step's parts in the order its task names them: its responsible units, and each
    collective (among lead or responsible) with its members."""
    reported = s.parts
    return [
        Part(name, members, [m for m in members if m in reported] if reported else [])
        for name, members in plan.shares_of(s.milestone.task)
    ]


def reported(plan: Plan, s: StepStatus) -> list[Part]:
    """The step's parts once a unit has reported its part, else none: a plan whose units do
    not report parts reads as before."""
    return parts(plan, s) if s.parts else []


def line(found: list[Part]) -> str | None:
    """Parts as one line, 区农经局 已报；各街镇 3/8 已报（未报：…）; None for none."""
    return "；".join(part.text for part in found) or None


def reported_text(plan: Plan, s: StepStatus) -> str | None:
    """The step's parts as one line once a unit has reported its part, else None."""
    return line(reported(plan, s))


def owed(plan: Plan, unit: str, steps: list[StepStatus]) -> list[StepStatus]:
    """Of these steps, those not done of a task the unit has a part in other than its lead,
    whose part the unit has not reported."""
    mine = {i.task.id for i in plan.involvements_of(unit)}
    return [
        s
        for s in steps
        if s.done is None
        and s.milestone.task.id in mine
        and unit not in s.parts
        and unit not in {plan.canonical(n) for n in s.milestone.task.lead}
    ]
