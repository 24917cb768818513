"""Recording progress: an entry built from what the office types (read by refs.py), checked
against the plan and the log; log_files.py appends it to its file."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

from . import bounds
from .errors import DataError, EcotaskError, UsageError, brief
from .i18n import _
from .load import read_sources, validate_sources
from .log_files import Entry
from .plan import DatedMilestone, Plan
from .records import Event
from .refs import event_date, indicator, milestone, number, subject


def not_ahead(entries: list[Entry], force: bool) -> None:
    """Refuse an entry dated after today, unless forced: what is recorded has happened, and a
    date ahead is far more often a slip (2099 for 2017, a wrong month) than foresight."""
    today = date.today()
    ahead = [e["date"] for e in entries if e["date"] > today]
    if ahead and not force:
        raise EcotaskError(
            _(
                "{date} is after today ({today}): record what has happened; "
                "if the date is right, add --force"
            ).format(date=ahead[0], today=today)
        )


def recorded_now() -> str:
    """The stamp of an entry written now: local time with its UTC offset, to the second."""
    from datetime import datetime

    return datetime.now().astimezone().isoformat(timespec="seconds")


def _entry(
    plan: Plan,
    kind: str,
    when: str | None,
    by: str | None,
    note: str | None,
    evidence: list[str] | None = None,
    **fields: Any,
) -> Entry:
    """An event as progress.yaml holds it, stamped with when it is recorded; `by` is resolved
    to the unit's canonical name and must have a part in the task."""
    entry: Entry = {"event": kind, **fields, "date": event_date(when, plan.year)}
    if by is not None:
        entry["by"] = _reporter(plan, by, fields)
    if note is not None:
        if not note.strip():
            raise EcotaskError(_("--note must not be empty"))
        entry["note"] = note.strip()
    if evidence:
        if any(not item.strip() for item in evidence):
            raise EcotaskError(_("--evidence must not be empty"))
        entry["evidence"] = list(dict.fromkeys(item.strip() for item in evidence))
    entry["recorded"] = recorded_now()
    return entry


def _reporter(plan: Plan, by: str, fields: dict[str, Any]) -> str:
    """--by: a unit with a part in the entry's task (lead, responsible, or a member of a
    collective named there), by its canonical name."""
    from .names import resolve_unit

    unit = resolve_unit(plan, by)
    task_id = fields["task"] if "task" in fields else int(str(fields["milestone"]).split(".")[0])
    task = plan.task_by_id[task_id]
    if not any(i.task.id == task.id for i in plan.involvements_of(unit)):
        raise EcotaskError(
            _(
                "{unit} has no part in task {task}: its units are {units} "
                "(or a member of a collective there)"
            ).format(unit=unit, task=task.id, units="、".join([*task.lead, *task.responsible]))
        )
    return unit


# What a done entry records (progress.ledger reads it so): a unit's part of a step led by
# others, a unit's report awaiting the office's review, or the step done.
DoneKind = Literal["part", "reported", "done"]


def done(
    plan: Plan,
    ref: str,
    when: str | None,
    by: str | None,
    note: str | None,
    evidence: list[str] | None = None,
) -> tuple[DatedMilestone, Entry, DoneKind]:
    """The event that marks a step done, or, by a unit with a part in the task other than its
    lead, that unit's part (parts.py), and which of the two, or a report awaiting review, it
    is; a step already done must be reopened first, and it is done no earlier than it was
    last reopened."""
    from .names import resolve_unit
    from .progress import leads_of, ledger, reopened

    step = milestone(plan, ref)
    book = ledger(plan)
    unit = resolve_unit(plan, by) if by is not None else None
    if unit is not None and unit not in leads_of(plan)(step.ref):
        part = book.parts.get(step.ref, {}).get(unit)
        if part is not None:
            raise EcotaskError(
                _(
                    "{unit} already reported its part of {ref} ({date}); "
                    "`ecotask undo {ref} --by {unit}` withdraws it"
                ).format(unit=unit, ref=step.ref, date=part.date)
            )
        entry = _entry(plan, "done", when, by, note, evidence, milestone=step.ref, step=_step(step))
        return step, entry, "part"
    earlier = book.done.get(step.ref)
    if earlier is not None:
        raise EcotaskError(
            _(
                "milestone {ref} is already done ({date}); "
                "`ecotask reopen {ref}` first to record it again"
            ).format(ref=step.ref, date=earlier.date)
        )
    waiting = book.reported.get(step.ref)
    if waiting is not None:
        raise EcotaskError(
            _(
                "milestone {ref} was reported done by {unit} ({date}) and awaits "
                "the office's review: `ecotask accept {ref}` or `ecotask return {ref}`"
            ).format(ref=step.ref, unit=waiting.by, date=waiting.date)
        )
    entry = _entry(plan, "done", when, by, note, evidence, milestone=step.ref, step=_step(step))
    last = reopened(plan, step.ref)
    if last is not None and entry["date"] < last.date:
        raise EcotaskError(
            _(
                "milestone {ref} was reopened on {date}: it cannot be done before then "
                "(`ecotask undo {ref}` withdraws the reopen if it was a mistake)"
            ).format(ref=step.ref, date=last.date)
        )
    return step, entry, "reported" if plan.review and unit is not None else "done"


def review(
    plan: Plan, kind: str, ref: str, when: str | None, note: str | None
) -> tuple[DatedMilestone, Entry, Event]:
    """The office's decision on a unit's report that a step is done: accept (销号: done, as of
    the report's date) or return (退回: open again, with the reason in note); the report too."""
    from .progress import ledger

    if not plan.review:
        raise EcotaskError(
            _(
                "review is not required (group.yaml: office.review): a unit's done counts as "
                "soon as it is recorded"
            )
        )
    step = milestone(plan, ref)
    report = ledger(plan).reported.get(step.ref)
    if report is None:
        raise EcotaskError(_("milestone {ref} has no report awaiting review").format(ref=step.ref))
    if kind == "return" and (note is None or not note.strip()):
        raise EcotaskError(_("--reason must not be empty"))
    entry = _entry(plan, kind, when, None, note, milestone=step.ref, step=_step(step))
    if entry["date"] < report.date:
        raise EcotaskError(
            _("milestone {ref} was reported on {date}: it cannot be reviewed before then").format(
                ref=step.ref, date=report.date
            )
        )
    return step, entry, report


def extend(
    plan: Plan, ref: str, to: str, reason: str, approved_by: str, when: str | None
) -> tuple[DatedMilestone, Entry, date]:
    """The event that records an approved new due date (延期) of an open step, later than the
    date it is due by now; with that date."""
    from .progress import ledger, status

    step = milestone(plan, ref)
    book = ledger(plan)
    if step.ref in book.done:
        raise EcotaskError(
            _("milestone {ref} is done: there is nothing to extend").format(ref=step.ref)
        )
    if not reason.strip():
        raise EcotaskError(_("--reason must not be empty"))
    if not approved_by.strip():
        raise EcotaskError(_("--approved-by must not be empty"))
    new = event_date(to, plan.year)
    current = status(step, book, date.max).due
    if new <= current:
        raise EcotaskError(
            _(
                "milestone {ref} is due {current}: an extension gives a later date, not {new}"
            ).format(ref=step.ref, current=current, new=new)
        )
    entry = _entry(plan, "extend", when, None, reason, milestone=step.ref, step=_step(step))
    entry = {**entry, "to": new, "approved_by": approved_by.strip()}
    entry["recorded"] = entry.pop("recorded")  # last, as in every entry
    return step, entry, current


def reopen(
    plan: Plan, ref: str, when: str | None, by: str | None, note: str | None
) -> tuple[DatedMilestone, Entry]:
    """The event that opens a step done before, from its date on; the log keeps both."""
    from .progress import ledger

    step = milestone(plan, ref)
    earlier = ledger(plan).done.get(step.ref)
    if earlier is None:
        raise EcotaskError(_("milestone {ref} is not done: nothing to reopen").format(ref=step.ref))
    entry = _entry(plan, "reopen", when, by, note, milestone=step.ref, step=_step(step))
    if entry["date"] < earlier.date:
        raise EcotaskError(
            _(
                "milestone {ref} was done on {date}: it cannot be reopened before then "
                "(`ecotask undo {ref}` withdraws the done entry if it was a mistake)"
            ).format(ref=step.ref, date=earlier.date)
        )
    return step, entry


def note(
    plan: Plan,
    ref: str,
    text: str,
    when: str | None,
    by: str | None,
    evidence: list[str] | None = None,
) -> tuple[DatedMilestone, Entry]:
    """The event that records how a step stands (进展情况), open or done."""
    step = milestone(plan, ref)
    if not text.strip():
        raise EcotaskError(_("the note must not be empty"))
    return step, _entry(
        plan, "note", when, by, text, evidence, milestone=step.ref, step=_step(step)
    )


def record(
    plan: Plan,
    task: int,
    value: str,
    name: str | None,
    when: str | None,
    by: str | None,
    note: str | None,
    evidence: list[str] | None = None,
) -> Entry:
    """The event that records a measured value of one of a task's targets."""
    which = indicator(plan, task, name)
    fields = {"task": task, "indicator": which, "value": number(value)}
    target = _target(plan, task, which)
    return _entry(plan, "record", when, by, note, evidence, **fields, target=target)


UNDOABLE = ("done", "reopen", "record", "note", "accept", "return", "extend")


def undo(
    plan: Plan, ref: str | None, when: str | None, by: str | None = None
) -> tuple[Event, Entry]:
    """The event that withdraws the latest entry in force (of the step TASK.K, or of task
    TASK's targets, when given; by the unit, when given, which then withdraws it in its own
    file). It names the entry by its step or target, event, date and recorded stamp: the log
    keeps both, and the entry counts for nothing."""
    from .names import resolve_unit
    from .progress import withdrawn

    gone = withdrawn(plan.events)
    wanted = subject(plan, ref)
    unit = resolve_unit(plan, by) if by is not None else None
    found = next(
        (
            e
            for i, e in reversed(list(enumerate(plan.events)))
            if i not in gone
            and e.event in UNDOABLE
            and (unit is None or e.by == unit)
            and wanted in (None, e.milestone if e.milestone is not None else e.task)
        ),
        None,
    )
    if found is None:
        if unit is not None and ref is None:
            raise EcotaskError(_("no entry by {unit} to undo").format(unit=unit))
        if unit is not None and ref is not None:
            raise EcotaskError(
                _("no entry for {ref} by {unit} to undo").format(ref=ref.strip(), unit=unit)
            )
        if wanted is None:
            raise EcotaskError(_("no entry to undo"))
        if isinstance(wanted, int):
            raise EcotaskError(_("no entry for task {task} to undo").format(task=wanted))
        raise EcotaskError(_("no entry for milestone {ref} to undo").format(ref=wanted))
    about: Entry = (
        {"milestone": found.milestone, "step": found.step}
        if found.milestone is not None
        else {"task": found.task, "indicator": found.indicator, "target": found.target}
    )
    named: Entry = {"event": found.event, "date": found.date, "recorded": found.recorded}
    entry = _entry(plan, "undo", when, unit, None, **{k: v for k, v in about.items() if v})
    entry["withdraws"] = {k: v for k, v in named.items() if v is not None}
    return found, entry


def _step(step: DatedMilestone) -> str:
    from .anchor import fingerprint

    return fingerprint(step.milestone.text)


def _target(plan: Plan, task: int, which: str) -> str:
    from .anchor import fingerprint

    return fingerprint(next(t.text for t in plan.task_by_id[task].targets if t.indicator == which))


def reanchor(
    data_dir: Path, refs: list[str], name: str | None, when: str | None, note: str | None
) -> list[tuple[str, Entry]]:
    """The events that confirm a deliberate edit of a step (a ref TASK.K) or of a task's
    target (a ref TASK): the entries before them for that step or target are read against its
    text as it is now. Refused when there is nothing to confirm: every entry matches."""
    sources = read_sources(data_dir)
    plan, findings = validate_sources(data_dir, {**sources, "progress": None})[:2]
    if plan is None:  # tasks.yaml or group.yaml is at fault, not the log
        raise DataError([f for f in findings if f.severity == "error"])
    confirmed = [_reanchor(plan, ref, name, when, note) for ref in refs]
    if validate_sources(data_dir, sources, locate=False)[0] is not None:
        shown = "、".join(shown for shown, _event in confirmed)
        raise EcotaskError(
            _("nothing to reanchor: every entry for {refs} matches its text").format(refs=shown)
        )
    return confirmed


def _reanchor(
    plan: Plan, ref: str, name: str | None, when: str | None, note: str | None
) -> tuple[str, Entry]:
    if "." in ref:
        step = milestone(plan, ref, occurrence=False)
        shown = step.step_ref
        fields: dict[str, str | int] = {"milestone": step.step_ref, "step": _step(step)}
    else:
        if not re.fullmatch(r"\d{1,19}", ref.strip()) or int(ref) > bounds.INT_MAX:
            raise UsageError(
                _("{ref} is neither a milestone (TASK.K) nor a task (TASK)").format(ref=brief(ref))
            )
        task = int(ref)
        which = indicator(plan, task, name)
        shown = _("task {task}'s target {indicator}").format(task=task, indicator=which)
        fields = {"task": task, "indicator": which, "target": _target(plan, task, which)}
    return shown, _entry(plan, "reanchor", when, None, note, None, **fields)
