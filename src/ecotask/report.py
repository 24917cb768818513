"""The supervising office's monthly report (通报) for the leading group, computed once.

`build` answers every question the report asks as of one date and returns a plain `Report`;
render/report_tables.py lays it out for the Markdown, HTML and Excel renderers. Nothing here
prints or knows about a file format.

Units are ranked by the steps of the tasks they lead (牵头), the units that answer for them;
a unit that only co-operates (责任单位) on a task is not credited with it.

The on-time rate (按时完成率) is the share of the steps whose outcome is known — done on time,
done late, or overdue — that were done on time; steps not yet due and still open do not count.
A step extended (延期) is due, and on time, by its new date, and falls in its new month.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import NamedTuple

from .dates import month_end
from .letterhead import default_issuer
from .parts import Part, reported
from .plan import Plan
from .progress import StepStatus, step_statuses
from .queries import due_in_month, extended, late_steps
from .records import Task
from .standing import Completion, TargetStatus, targets
from .who import LeadCounts, LeaderCounts, UnitSteps, by_lead_unit, lead_counts, leader_counts


class Ratio(NamedTuple):
    """part of whole, shown as a percentage; no value when whole is 0."""

    part: int
    whole: int

    @property
    def value(self) -> float | None:
        return self.part / self.whole if self.whole else None

    def __str__(self) -> str:
        value = self.value
        return "—" if value is None else f"{value:.1%}"


class Headline(NamedTuple):
    """The month in figures, and the whole plan's standing as of the date."""

    due: int  # steps due in the month
    done: int  # of those, done on time by the as-of date
    done_late: int  # of those, done late by the as-of date
    open: int  # of those, not done by the as-of date
    overdue: int  # steps of the whole plan overdue as of the date
    month_rate: Ratio  # the month's steps done on time
    plan: Completion  # the whole plan as of the date
    rate: Ratio  # the whole plan's on-time rate


class UnitRank(NamedTuple):
    rank: int
    counts: LeadCounts  # the steps of the tasks it leads
    rate: Ratio


class LeaderSummary(NamedTuple):
    counts: LeaderCounts
    rate: Ratio
    due: int  # steps of the leader's tasks due in the month
    overdue: list[str]  # refs of the leader's overdue steps


class Report(NamedTuple):
    title: str  # the plan's title
    issuer: str  # who reports: the leading group's office
    year: int
    month: int
    as_of: date
    next_month: tuple[int, int]
    headline: Headline
    due: list[StepStatus]  # due in the month
    overdue: list[UnitSteps]  # the whole plan's overdue steps by lead unit
    done: list[StepStatus]  # done during the month, by the as-of date
    upcoming: list[StepStatus]  # due in the next month
    targets: list[TargetStatus]
    units: list[UnitRank]
    leaders: list[LeaderSummary]
    categories: list[str]
    tasks: list[Task]
    steps: list[StepStatus]  # every milestone, in plan order
    awaiting: tuple[StepStatus, ...] = ()  # reported done, awaiting the office's review
    review: bool = False  # whether a unit's done waits for the office's review
    # (ref, its parts: 分项报送) of each overdue step, once a unit has reported its part
    parts: tuple[tuple[str, tuple[Part, ...]], ...] = ()

    @property
    def month_name(self) -> str:
        return f"{self.year}年{self.month}月"

    @property
    def heading(self) -> str:
        return f"{self.title}执行情况通报（{self.month_name}）"


def _rate(c: Completion) -> Ratio:
    return Ratio(c.done, c.done + c.done_late + c.overdue)


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def build(plan: Plan, year: int, month: int, as_of: date | None = None) -> Report:
    """The report for the month, as of a date (default: the month's last day)."""
    day = as_of or month_end(year, month)
    steps = step_statuses(plan, day)
    by_ref = {s.ref: s for s in steps}
    moved = extended(plan, day)[0]  # a step extended (延期) to July is July's, not June's
    due = [by_ref[m.ref] for m in due_in_month(plan, year, month, moved)]
    states = [s.state for s in due]
    month_done, month_late = states.count("done"), states.count("done_late")
    counts = Counter(s.state for s in steps)
    whole = Completion(counts["done"], counts["done_late"], counts["overdue"], counts["pending"])
    headline = Headline(
        due=len(due),
        done=month_done,
        done_late=month_late,
        open=len(due) - month_done - month_late,
        overdue=whole.overdue,
        month_rate=Ratio(month_done, len(due)),
        plan=whole,
        rate=_rate(whole),
    )
    late = late_steps(steps)
    owed = tuple((s.ref, tuple(found)) for s in late if (found := reported(plan, s)))
    finished = sorted(
        (s for s in steps if s.done and (s.done.date.year, s.done.date.month) == (year, month)),
        key=lambda s: (s.done.date if s.done else day, s.milestone.task.id, s.milestone.number),
    )
    following = _next_month(year, month)
    upcoming = [by_ref[m.ref] for m in due_in_month(plan, *following, moved)]
    return Report(
        title=plan.tasks_file.plan.title,
        issuer=default_issuer(plan),
        year=year,
        month=month,
        as_of=day,
        next_month=following,
        headline=headline,
        due=due,
        overdue=by_lead_unit(plan, late),
        done=finished,
        upcoming=upcoming,
        targets=targets(plan, day),
        units=_rank_units(lead_counts(plan, day)),
        leaders=_leaders(plan, day, due, late),
        categories=list(plan.tasks_file.categories),
        tasks=list(plan.tasks),
        steps=steps,
        awaiting=tuple(
            sorted(
                (s for s in steps if s.review == "reported"),
                key=lambda s: (s.report.date if s.report else day, s.milestone.task.id),
            )
        ),
        review=plan.review,
        parts=owed,
    )


def _rank_units(rows: list[LeadCounts]) -> list[UnitRank]:
    """Units by the on-time rate of the steps of the tasks they lead (see RANKING), then
    fewest overdue, then most done; equal rate and overdue share a rank. Units with none of
    those steps settled yet come last."""

    def key(r: LeadCounts) -> tuple[bool, float, int]:
        value = _rate(r.completion).value
        return (value is None, -(value or 0.0), r.completion.overdue)

    ranked = sorted(rows, key=lambda r: (*key(r), -r.completion.done - r.completion.done_late))
    result: list[UnitRank] = []
    for position, row in enumerate(ranked, 1):
        rank = result[-1].rank if result and key(ranked[position - 2]) == key(row) else position
        result.append(UnitRank(rank, row, _rate(row.completion)))
    return result


def _leaders(
    plan: Plan, day: date, due: list[StepStatus], late: list[StepStatus]
) -> list[LeaderSummary]:
    """Leaders on the roster in its order, then the others in order of first appearance."""
    roster = list(plan.roster)
    rows = sorted(
        leader_counts(plan, day),
        key=lambda r: roster.index(r.name) if r.name in roster else len(roster),
    )
    return [
        LeaderSummary(
            counts=r,
            rate=_rate(r.completion),
            due=sum(r.name in s.milestone.task.leaders for s in due),
            overdue=[s.ref for s in late if r.name in s.milestone.task.leaders],
        )
        for r in rows
    ]


# The shared layout ---------------------------------------------------------------------------
