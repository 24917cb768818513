"""JSON output: stable English keys, ISO dates, Chinese as is, one document per command."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from ..parts import Part
    from ..plan import DatedMilestone, Involvement, Plan
    from ..progress import StepStatus
    from ..records import Event, Member, Task
    from ..report import Report
    from ..standing import TargetStatus, TaskStatus
    from ..who import LeaderCounts, LeaderReport, UnitCounts, UnitReport, UnitSteps


def encode(document: Any) -> bytes:
    """Two-space indented JSON in UTF-8, Chinese as is, by orjson: the same bytes as the
    standard library's encoder, which drops to pure Python when it indents, and is slow on
    large answers."""
    import orjson

    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def dumps(document: Any) -> str:
    return encode(document).decode()


def milestone_row(m: DatedMilestone, done: Event | None = None) -> dict[str, Any]:
    """A milestone with enough of its task to act on it alone, and when it was done. Large
    answers build thousands of these, so the dates are left for orjson to write (as ISO)."""
    task, step = m.task, m.milestone
    return {
        "task": task.id,
        "milestone": m.number,
        "ref": m.ref if m.recurring else f"{task.id}.{m.number}",  # m.ref, mostly without a call
        "due": m.due,
        "start": m.start,
        "due_text": (step.due or task.deadline).phrase,
        "at_deadline": step.due is None,
        "text": step.text,
        "done": done.date if done else None,
        "done_by": done.by if done else None,
        "name": task.name,
        "category": task.category,
        "lead": task.lead,
        "responsible": task.responsible,
        "leaders": task.leaders,
    }


def _steps(rows: list[DatedMilestone], done: dict[str, Event]) -> list[dict[str, Any]]:
    return [milestone_row(m, done.get(m.ref)) for m in rows]


def extended_row(
    m: DatedMilestone, original: dict[str, DatedMilestone], done: Event | None = None
) -> dict[str, Any]:
    """milestone_row of a step that may carry an extension's new date (queries.extended): its
    `due` the plan's, as everywhere, and `extended_to` the new date, else null."""
    planned = original.get(m.ref)
    return {
        **milestone_row(planned or m, done),
        "extended_to": m.due.isoformat() if planned else None,
    }


def due(
    month: tuple[int, int],
    rows: list[DatedMilestone],
    done: dict[str, Event],
    as_of: date,
    original: dict[str, DatedMilestone],
) -> Any:
    """`due`'s answer: the month's steps, each with the day it was done (as of the date), if
    it was; one extended (延期) into the month with the plan's `due` and its `extended_to`."""
    year, number = month
    return {
        "month": f"{year}-{number:02d}",
        "as_of": as_of.isoformat(),
        "count": len(rows),
        "milestones": [extended_row(m, original, done.get(m.ref)) for m in rows],
    }


def days_overdue(m: DatedMilestone, done: Event | None, as_of: date) -> int | None:
    """Days past the due date as of the date, for a step still open; None once done."""
    return None if done is not None else (as_of - m.due).days


def working_days_overdue(m: DatedMilestone, done: Event | None, as_of: date) -> int | None:
    """The working days after the due date up to and including the date, for a step still
    open; None once done."""
    from ..workdays import workdays_between

    return None if done is not None else workdays_between(m.due, as_of, m.workdays)


def overdue_row(
    m: DatedMilestone, done: Event | None, as_of: date, original: dict[str, DatedMilestone]
) -> dict[str, Any]:
    """A step past its due date, m carrying an extension's new date (queries.extended): the
    days overdue are counted from it."""
    return {
        **extended_row(m, original, done),
        "days_overdue": days_overdue(m, done, as_of),
        "working_days_overdue": working_days_overdue(m, done, as_of),
    }


def overdue(
    as_of: date,
    rows: list[DatedMilestone],
    done: dict[str, Event],
    original: dict[str, DatedMilestone],
) -> Any:
    return {
        "as_of": as_of.isoformat(),
        "count": len(rows),
        "milestones": [overdue_row(m, done.get(m.ref), as_of, original) for m in rows],
    }


def reminders(
    late: list[UnitSteps],
    by_unit: dict[str, list[DatedMilestone]],
    as_of: date,
    within: int,
    original: dict[str, DatedMilestone],
) -> Any:
    """`remind`'s answer: the steps overdue, then those due soon, under each lead unit, with
    the working days left (the as-of date counted). One extended (延期) has the plan's `due`
    and its `extended_to`, its days overdue or left counted from the new date."""
    from ..workdays import workdays_left

    return {
        "as_of": as_of.isoformat(),
        "within": within,
        "overdue": [
            {
                "unit": group.unit,
                "milestones": [
                    overdue_row(s.milestone._replace(due=s.due), None, as_of, original)
                    for s in group.steps
                ],
            }
            for group in late
        ],
        "units": [
            {
                "unit": unit,
                "milestones": [
                    {
                        **extended_row(m, original),
                        "working_days_left": workdays_left(as_of, m.due, m.workdays),
                    }
                    for m in rows
                ],
            }
            for unit, rows in by_unit.items()
        ],
    }


_OF_THE_STEP = ("milestone", "ref", "due", "start", "due_text", "at_deadline", "text")


def task_list(plan: Plan, rows: list[Task]) -> Any:
    return {"count": len(rows), "tasks": [task_object(plan, task) for task in rows]}


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
        "milestones": [
            {key: row[key] for key in _OF_THE_STEP}
            for row in map(milestone_row, plan.milestones_of(task))
        ],
    }


def status_row(s: StepStatus) -> dict[str, Any]:
    """A step as milestone_row has it, with its state as of the date (an English key, and
    the office's name for it) and, while open past its due date, its days overdue."""
    row = milestone_row(s.milestone, s.done)  # added to, not copied: answers have thousands
    row["state"] = s.state
    row["state_name"] = s.label
    row["days_overdue"] = s.days_late if s.state == "overdue" else None
    row["review"] = s.review
    row["extended_to"] = s.due.isoformat() if s.extension else None
    return row


def part_rows(plan: Plan, s: StepStatus) -> list[dict[str, Any]]:
    """The step's parts (分项报送) and which of their units have reported theirs."""
    from ..parts import parts

    return [part_row(p) for p in parts(plan, s)]


def part_row(p: Part) -> dict[str, Any]:
    return {"name": p.name, "members": p.members, "reported": p.reported, "missing": p.missing}


def task_with_states(plan: Plan, task: Task, steps: list[StepStatus]) -> dict[str, Any]:
    """task_object, each step also with its state, when and by whom it was done, and its
    latest note and evidence."""
    document = task_object(plan, task)
    by_ref = {s.ref: s for s in steps}
    for milestone in document["milestones"]:
        s = by_ref[milestone["ref"]]
        milestone["state"] = s.state
        milestone["review"] = s.review
        milestone["extended_to"] = s.due.isoformat() if s.extension else None
        milestone["parts"] = part_rows(plan, s)
        milestone["done"] = s.done.date.isoformat() if s.done else None
        milestone["done_by"] = s.done.by if s.done else None
        milestone["note"] = s.note.note if s.note else None
        milestone["evidence"] = list(s.evidence)
    return document


def _member(member: Member | None) -> dict[str, Any] | None:
    if member is None:
        return None
    return {
        "name": member.name,
        "role": member.role,
        "position": member.position,
        "unit": member.unit,
    }


def involvement_row(i: Involvement) -> dict[str, Any]:
    return {
        "task": i.task.id,
        "name": i.task.name,
        "category": i.task.category,
        "role": i.role,
        "via": i.via,
    }


def unit_report(plan: Plan, report: UnitReport, period: tuple[int, int] | None) -> dict[str, Any]:
    """unit's answer: its steps each with its parts, then their notes and evidence."""
    from .history import progress_rows

    unreported: dict[int, list[dict[str, Any]]] = {}  # the same rows for all a task's steps

    def parts_of(s: StepStatus) -> list[dict[str, Any]]:
        if s.parts:
            return part_rows(plan, s)
        key = id(s.milestone.task)
        if (rows := unreported.get(key)) is None:
            rows = unreported[key] = part_rows(plan, s)
        return rows

    return {
        "unit": report.name,
        "month": f"{period[0]}-{period[1]:02d}" if period else None,
        "aliases": report.aliases,
        "kind": report.kind,
        "head": _member(report.head),
        "collectives": report.collectives,
        "as_of": report.as_of.isoformat(),
        "tasks": [involvement_row(i) for i in report.involvements],
        "milestones": [_with_parts(status_row(s), parts_of(s)) for s in report.milestones],
        "progress": progress_rows(report.milestones),
    }


def _with_parts(row: dict[str, Any], parts: list[dict[str, Any]]) -> dict[str, Any]:
    row["parts"] = parts
    return row


def leader_report(report: LeaderReport, as_of: date) -> dict[str, Any]:
    member = report.member
    return {
        "leader": report.name,
        "in_group": member is not None,
        "role": member.role if member else None,
        "position": member.position if member else None,
        "unit": member.unit if member else None,
        "tasks": [
            {
                "task": task.id,
                "name": task.name,
                "category": task.category,
                "shared_with": [name for name in task.leaders if name != report.name],
            }
            for task in report.tasks
        ],
        "categories": report.categories,
        "as_of": as_of.isoformat(),
        "overdue": [status_row(s) for s in report.overdue],
        "next": [status_row(s) for s in report.upcoming],
    }


def unit_counts(rows: list[UnitCounts], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "count": len(rows),
        "units": [
            {
                "unit": r.name,
                "kind": r.kind,
                "led": r.led,
                "responsible": r.responsible,
                "via": r.via,
                "milestones": r.milestones,
                "completion": r.completion._asdict(),
            }
            for r in rows
        ],
    }


def leader_counts(rows: list[LeaderCounts], as_of: date) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "count": len(rows),
        "leaders": [
            {
                "leader": r.name,
                "in_group": r.member is not None,
                "role": r.member.role if r.member else None,
                "position": r.member.position if r.member else None,
                "tasks": r.tasks,
                "alone": r.alone,
                "shared": r.shared,
                "milestones": r.milestones,
                "completion": r.completion._asdict(),
            }
            for r in rows
        ],
    }


def group(plan: Plan) -> dict[str, Any]:
    data = plan.group_file
    office = data.group.office
    notice = data.notice
    return {
        "name": data.group.name,
        "members": [_member(member) for member in data.group.members],
        "office": office
        and {"host": office.host, "director": office.director, "concurrent": office.concurrent},
        "notice": notice
        and {"issuer": notice.issuer, "issued": notice.issued.isoformat(), "cc": list(notice.cc)},
    }


def targets(rows: list[TargetStatus], as_of: date | None) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat() if as_of else None,
        "count": len(rows),
        "targets": [
            {
                "task": r.task.id,
                "name": r.task.name,
                "indicator": r.target.indicator,
                "op": r.target.op,
                "value": r.target.value,
                "unit": r.target.unit,
                "actual": r.actual.value if r.actual else None,
                "actual_date": r.actual.date.isoformat() if r.actual else None,
                "met": r.met,
                "text": r.target.text,
            }
            for r in rows
        ],
    }


def statuses(rows: list[TaskStatus], as_of: date, within: int) -> dict[str, Any]:
    from ..standing import LIGHTS

    return {
        "as_of": as_of.isoformat(),
        "within": within,
        "tasks": [
            {
                "task": r.task.id,
                "name": r.task.name,
                "light": r.light,
                "overdue": [ref for ref, state in r.states.items() if state == "overdue"],
                "next": r.next_due.ref if r.next_due else None,
                "next_due": r.next_due.due.isoformat() if r.next_due else None,
                "states": r.states,
                "awaiting_review": list(r.awaiting),
            }
            for r in rows
        ],
        "counts": {light: sum(r.light == light for r in rows) for light in LIGHTS},
    }


def report(r: Report) -> dict[str, Any]:
    """`report --format json`: the report's content as data; rates are fractions (0.5), null
    when nothing counts yet, with the formulas the report states."""
    from .report_tables import RANKING_NOTE, RATE_NOTE

    h = r.headline
    year, month = r.next_month
    owed = dict(r.parts)
    return {
        "title": r.title,
        "heading": r.heading,
        "issuer": r.issuer,
        "month": f"{r.year}-{r.month:02d}",
        "as_of": r.as_of.isoformat(),
        "rate_formula": RATE_NOTE,
        "headline": {
            "due": h.due,
            "done": h.done,
            "done_late": h.done_late,
            "open": h.open,
            "overdue": h.overdue,
            "month_rate": h.month_rate.value,
            "plan": h.plan._asdict(),
            "rate": h.rate.value,
        },
        "due": [status_row(s) for s in r.due],
        "overdue": [
            {
                "unit": group.unit,
                "milestones": [
                    {**status_row(s), "parts": [part_row(p) for p in owed.get(s.ref, ())]}
                    for s in group.steps
                ],
            }
            for group in r.overdue
        ],
        "done": [status_row(s) for s in r.done],
        "review": r.review,
        "awaiting_review": [
            {**status_row(s), "reported": s.report.date.isoformat(), "reported_by": s.report.by}
            for s in r.awaiting
            if s.report is not None
        ],
        "upcoming": {
            "month": f"{year}-{month:02d}",
            "milestones": [status_row(s) for s in r.upcoming],
        },
        "targets": targets(r.targets, r.as_of)["targets"],
        "ranking": {
            "formula": RANKING_NOTE,
            "units": [
                {
                    "rank": u.rank,
                    "unit": u.counts.name,
                    "led": u.counts.led,
                    "milestones": u.counts.milestones,
                    "completion": u.counts.completion._asdict(),
                    "rate": u.rate.value,
                }
                for u in r.units
            ],
        },
        "leaders": [
            {
                "leader": x.counts.name,
                "role": x.counts.member.role if x.counts.member else None,
                "tasks": x.counts.tasks,
                "milestones": x.counts.milestones,
                "due": x.due,
                "completion": x.counts.completion._asdict(),
                "rate": x.rate.value,
                "overdue": x.overdue,
            }
            for x in r.leaders
        ],
    }
