"""Progress derived from the log: the ledger of what is in force, and how each step stands
(done, late, reported, extended); standing.py says how tasks and targets stand.

Everything is computed as of a date: events dated after it are not yet known, so a report for
June shows June's state even when the log has since grown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Literal, NamedTuple

from .plan import DatedMilestone, Plan
from .records import Event

State = Literal["done", "done_late", "overdue", "pending"]
# What the office calls each state, in tables, reports and exports alike.
STATE_NAMES: dict[State, str] = {
    "done": "按时完成",
    "done_late": "逾期完成",
    "overdue": "逾期未完成",
    "pending": "未到期",
}
# With review required (group.yaml office.review), a unit's done is reported until the office
# accepts it, and returned when the office sends it back: until accepted the step counts as
# open (overdue or pending), so every light, count and rate counts accepted completions only.
Review = Literal["reported", "returned"]
REVIEW_NAMES: dict[Review, str] = {"reported": "已报送", "returned": "已退回"}


def withdrawn(events: list[Event]) -> dict[int, int]:
    """The position of each entry an undo withdraws, with the undo's: for each undo, the
    latest entry before it, not itself withdrawn, of the same step or target with the event,
    date and (when given) recorded stamp it names. An undo that names none withdraws nothing
    (validate says so)."""
    from .anchor import subject

    gone: dict[int, int] = {}
    for i, undo in enumerate(events):
        if undo.event != "undo" or undo.withdraws is None:
            continue
        named, about = undo.withdraws, subject(undo)
        for j in range(i - 1, -1, -1):
            e = events[j]
            if (
                j not in gone
                and e.event == named.event
                and e.date == named.date
                and subject(e) == about
                and (named.recorded is None or e.recorded == named.recorded)
            ):
                gone[j] = i
                break
    return gone


def in_force(events: list[Event]) -> list[Event]:
    """The log as the views read it: withdrawn entries and the undos that withdraw them
    count for nothing, as of any date."""
    gone = withdrawn(events)
    return [e for i, e in enumerate(events) if i not in gone and e.event != "undo"]


def in_date_order(events: list[Event]) -> list[Event]:
    """The log in force, replayed by date, ties in the order recorded: an entry added late
    for an earlier day must not override what happened after it."""
    return sorted(in_force(events), key=lambda event: event.date)


class Ledger(NamedTuple):
    """What the log says of each step as of a date, by ref: the done entry in force (none
    once reopened), the latest entry with a note, and the evidence of its entries; with
    review, the done entries awaiting it (reported) and the returns since the last report."""

    done: dict[str, Event]
    notes: dict[str, Event]
    evidence: dict[str, list[str]]
    reported: dict[str, Event]
    returned: dict[str, Event]
    extended: dict[str, Event]  # the latest approved extension (延期) of each step
    parts: dict[str, dict[str, Event]]  # each step's parts reported, by unit (parts.py)


def ledger(plan: Plan, as_of: date | None = None) -> Ledger:
    """The one reading of the log (all of it when as_of is None) that every view asks."""
    book = Ledger({}, {}, {}, {}, {}, {}, {})
    review = plan.review
    leads = leads_of(plan)
    for event in in_date_order(plan.events):
        ref = event.milestone
        if (as_of is not None and event.date > as_of) or ref is None:
            continue
        if event.event == "done" and event.by and event.by not in leads(ref):
            book.parts.setdefault(ref, {})[event.by] = event  # a unit's part, not the step
        elif event.event == "done":
            if ref in book.returned and book.notes.get(ref) is book.returned.pop(ref):
                del book.notes[ref]  # reported again: the reason it was returned is answered
            (book.reported if review and event.by else book.done)[ref] = event
        elif event.event == "accept" and ref in book.reported:
            book.done[ref] = book.reported.pop(ref)  # done as of the day it was reported
        elif event.event == "return" and ref in book.reported:
            book.returned[ref] = event
            del book.reported[ref]
        elif event.event == "reopen":  # a reanchor confirms the step; it changes no state
            book.done.pop(ref, None)
            book.reported.pop(ref, None)
        elif event.event == "extend":
            book.extended[ref] = event
        if event.note and event.event != "reanchor":
            book.notes[ref] = event
        for item in event.evidence or ():
            if item not in (found := book.evidence.setdefault(ref, [])):
                found.append(item)
    return book


def leads_of(plan: Plan) -> Callable[[str], set[str]]:
    """The lead units of a step's task by its ref, canonical: a done by any other unit with a
    part in the task reports that part; the step is done when a lead reports it."""
    found: dict[str, set[str]] = {}

    def leads(ref: str) -> set[str]:
        task_id = ref.partition(".")[0]
        if task_id not in found:
            task = plan.task_by_id.get(int(task_id))
            found[task_id] = {plan.canonical(n) for n in task.lead} if task else set()
        return found[task_id]

    return leads


def reopened(plan: Plan, ref: str) -> Event | None:
    """The step's latest reopen in force, if any."""
    found = [e for e in in_date_order(plan.events) if e.milestone == ref and e.event == "reopen"]
    return found[-1] if found else None


def completions(plan: Plan, as_of: date | None = None) -> dict[str, Event]:
    """The done entry of every step done as of the date (all entries when None)."""
    return ledger(plan, as_of).done


def state(m: DatedMilestone, done: Event | None, as_of: date, due: date | None = None) -> State:
    """A step due on 08-31 is overdue from 09-01; one done after its due date was done late.
    due: the date it is due by, when an extension moved it."""
    due = due or m.due
    if done is not None:
        return "done" if done.date <= due else "done_late"
    return "overdue" if due < as_of else "pending"


class StepStatus(NamedTuple):
    """A step and how it stands as of a date: what every view shows of it."""

    milestone: DatedMilestone
    state: State
    done: Event | None
    as_of: date
    note: Event | None = None  # the latest entry with a note (进展情况)
    evidence: tuple[str, ...] = ()  # 佐证材料
    review: Review | None = None  # not done: reported and awaiting review, or returned
    report: Event | None = None  # the unit's done awaiting review, or the office's return
    extension: Event | None = None  # the approved extension (延期) in force, if any
    parts: tuple[str, ...] = ()  # the units that reported their part (parts.py)

    @property
    def due(self) -> date:
        """The date the step is due by: the extension's when there is one, else the plan's."""
        return self.extension.to if self.extension and self.extension.to else self.milestone.due

    @property
    def ref(self) -> str:
        return self.milestone.ref

    @property
    def days_late(self) -> int:
        """Days past the due date: until done for a step done late, to the as-of date for one
        overdue; 0 otherwise. From the extension's date when there is one, as the state is."""
        due = self.due
        if self.state == "done_late" and self.done is not None:
            return (self.done.date - due).days
        if self.state == "overdue":
            return (self.as_of - due).days
        return 0

    @property
    def label(self) -> str:
        if self.state == "pending" and self.due == self.as_of:
            shown = "今日到期"
        else:
            shown = STATE_NAMES[self.state]
        return shown + (f"（{REVIEW_NAMES[self.review]}）" if self.review else "")


def status(m: DatedMilestone, book: Ledger, as_of: date) -> StepStatus:
    """How one step stands as of the date, read from the ledger of that date: the single
    place a step's state is decided."""
    ref = m.ref
    done = book.done.get(ref)
    review: Review | None = None
    report = None if done is not None else book.reported.get(ref) or book.returned.get(ref)
    if report is not None:
        review = "reported" if report.event == "done" else "returned"
    extension = book.extended.get(ref)
    return StepStatus(
        m,
        state(m, done, as_of, extension.to if extension else None),
        done,
        as_of,
        book.notes.get(ref),
        tuple(book.evidence.get(ref, ())),
        review,
        report,
        extension,
        tuple(book.parts.get(ref, ())),
    )


def step_statuses(
    plan: Plan, as_of: date, steps: list[DatedMilestone] | None = None
) -> list[StepStatus]:
    """Every step (or those given) in plan order as of the date; a step done after it is not
    known yet."""
    book = ledger(plan, as_of)
    return [status(m, book, as_of) for m in (plan.milestones if steps is None else steps)]


def by_due(steps: Iterable[StepStatus]) -> list[StepStatus]:
    """The steps by the date each is due by (an extension's when there is one), then task and
    step: how queries.by_date orders milestones, for steps that may have moved."""
    return sorted(steps, key=lambda s: (s.due, s.milestone.task.id, s.milestone.number))


def status_of(plan: Plan, m: DatedMilestone, as_of: date) -> StepStatus:
    return status(m, ledger(plan, as_of), as_of)


def upcoming(plan: Plan, as_of: date, within: int) -> dict[str, list[DatedMilestone]]:
    """Steps not done that fall due from the date to `within` days after it, under each of
    their lead units (a step led by two units is under both), units in order of first step.
    One extended (延期) is due by its new date, which it carries."""
    book = ledger(plan, as_of)
    horizon = as_of + timedelta(days=within)
    by_unit: dict[str, list[DatedMilestone]] = {}
    for s in by_due(status(m, book, as_of) for m in plan.milestones):
        if as_of <= s.due <= horizon and s.state == "pending":
            for unit in s.milestone.task.lead:
                by_unit.setdefault(unit, []).append(s.milestone._replace(due=s.due))
    return by_unit
