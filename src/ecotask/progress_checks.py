"""Checks of the progress log against the plan: each entry names a step that exists and is the
one it was recorded for, the log is kept in the order it was recorded, withdrawals and
evidence point at something, and a unit's file holds only that unit's own entries.
Gathered with the plan's checks in checks.CHECKS."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .errors import Finding
from .i18n import _
from .names import did_you_mean, leader_spellings
from .plan import Plan
from .reporters import MergedLog

if TYPE_CHECKING:
    from .parsed import Docs


def progress_references(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """Events must name milestones, tasks and targets that exist."""
    if docs.progress is None:
        return
    refs = {m.ref for m in plan.milestones}
    steps = {m.step_ref for m in plan.milestones}  # a reanchor names a recurring step whole
    for i, event in enumerate(plan.events):
        named = steps | refs if event.event == "reanchor" else refs
        if event.milestone is not None and event.milestone not in named:
            recurs = event.milestone in steps
            yield docs.progress.finding(
                ("events", i, "milestone"),
                _(
                    "milestone {ref} recurs: name one occurrence by its due date ({ref}@DATE)"
                ).format(ref=event.milestone)
                if recurs
                else _("no milestone {ref} in the plan").format(ref=event.milestone),
            )
        if event.task is None:
            continue
        task = plan.task_by_id.get(event.task)
        if task is None:
            message = _("no task {task} in the plan").format(task=event.task)
            yield docs.progress.finding(("events", i, "task"), message)
        elif event.indicator not in {t.indicator for t in task.targets}:
            known = "、".join(t.indicator for t in task.targets) or _("none")
            yield docs.progress.finding(
                ("events", i, "indicator"),
                _("task {task} has no target {indicator!r} (its targets: {known})").format(
                    task=task.id, indicator=event.indicator, known=known
                ),
            )


def progress_anchors(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """An entry whose step or target has other text than it was recorded against would be
    credited to the wrong one; a reanchor names one step or one target."""
    from .anchor import message, mismatches

    if docs.progress is None:
        return
    for i, event in enumerate(plan.events):
        if event.event != "reanchor":
            continue
        if (event.milestone is None) == (event.task is None or event.indicator is None):
            yield docs.progress.finding(
                ("events", i),
                _(
                    "a reanchor names either a milestone (with `step`) or a task and an "
                    "indicator (with `target`)"
                ),
            )
        elif (event.step if event.milestone else event.target) is None:
            key = "step" if event.milestone else "target"
            needs = _("a reanchor needs its `{key}`").format(key=key)
            yield docs.progress.finding(("events", i), needs)
    for found in mismatches(plan):
        yield docs.progress.finding(("events", found.position), message(found))


def progress_order(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """The log is kept in the order entries were recorded: by their `recorded` stamps, and an
    entry written by hand (no stamp) by its date. A step is done before it is reopened, and
    not done twice; withdrawn entries count for nothing."""
    from datetime import datetime

    from .progress import withdrawn

    if docs.progress is None:
        return
    from .progress import leads_of

    latest, stamped = None, None
    gone = withdrawn(plan.events)
    done: set[str] = set()
    leads = leads_of(plan)
    for i, event in enumerate(plan.events):
        if event.recorded is not None:
            stamp = datetime.fromisoformat(event.recorded)
            if stamped is not None and stamp < stamped[0]:
                yield docs.progress.finding(
                    ("events", i, "recorded"),
                    _(
                        "recorded {recorded}, after an entry recorded {earlier}: keep the log "
                        "in the order entries were recorded"
                    ).format(recorded=event.recorded, earlier=stamped[1]),
                    "warning",
                )
            if stamped is None or stamp > stamped[0]:
                stamped = (stamp, event.recorded)
        elif latest is not None and event.date < latest:
            yield docs.progress.finding(
                ("events", i, "date"),
                _("dated {date}, after an event dated {latest}: keep the log in date order").format(
                    date=event.date, latest=latest
                ),
                "warning",
            )
        latest = max(latest or event.date, event.date)
        if event.event == "return" and i not in gone:
            done.discard(str(event.milestone))  # returned: the unit reports it again
        if event.milestone is None or event.event not in ("done", "reopen") or i in gone:
            continue
        if event.event == "done" and event.by and event.by not in leads(event.milestone):
            continue  # a unit's part of the step (parts.py)
        if event.event == "done" and event.milestone in done:
            yield docs.progress.finding(
                ("events", i),
                _("milestone {ref} is already done").format(ref=event.milestone),
                "warning",
            )
        elif event.event == "reopen" and event.milestone not in done:
            yield docs.progress.finding(
                ("events", i),
                _("milestone {ref} is not done: nothing to reopen").format(ref=event.milestone),
                "warning",
            )
        (done.add if event.event == "done" else done.discard)(event.milestone)


def progress_withdrawals(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """An undo names an entry before it, still in force, of its own step or target."""
    from .progress import withdrawn

    if docs.progress is None:
        return
    undos = set(withdrawn(plan.events).values())
    for i, event in enumerate(plan.events):
        if event.event != "undo" or i in undos or event.withdraws is None:
            continue
        named = event.withdraws
        about = event.milestone or _("task {task}'s target {indicator}").format(
            task=event.task, indicator=event.indicator
        )
        message = (
            _(
                "no {event} entry for {about} dated {date} recorded {recorded} before this "
                "undo, still in force, to withdraw"
            )
            if named.recorded
            else _(
                "no {event} entry for {about} dated {date} before this undo, still in force, "
                "to withdraw"
            )
        )
        yield docs.progress.finding(
            ("events", i, "withdraws"),
            message.format(
                event=named.event, about=about, date=named.date, recorded=named.recorded
            ),
        )


def progress_evidence(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """佐证材料 given as a relative path is a file under the data folder; URLs and absolute
    paths are taken as written."""
    import re
    from pathlib import Path

    if docs.progress is None:
        return
    folder = Path(docs.progress.file).parent.resolve()
    for i, event in enumerate(plan.events):
        for k, item in enumerate(event.evidence or ()):
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", item) or Path(item).is_absolute():
                continue
            path = (folder / item).resolve()
            if not path.is_relative_to(folder):
                message = _("evidence {item} is outside the data folder ({folder})")
            elif not path.exists():
                message = _("evidence {item} does not exist under the data folder ({folder})")
            else:
                continue
            yield docs.progress.finding(
                ("events", i, "evidence", k), message.format(item=repr(item), folder=folder)
            )


def _files_of(plan: Plan, docs: Docs) -> list[str]:
    """The file each entry of the log comes from, by its key ("progress", or a unit's
    progress/UNIT.yaml)."""
    if isinstance(docs.progress, MergedLog):
        return [origin.name for origin in docs.progress.origins]
    return ["progress"] * len(plan.events)


def progress_owners(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """A unit's file holds only its own entries (by: the unit) of tasks it takes part in, and
    its undos withdraw only its own entries: a unit's report of another's step is refused."""
    from .progress import withdrawn
    from .reporters import unit_of

    if docs.progress is None:
        return
    files = _files_of(plan, docs)
    gone = {undo: entry for entry, undo in withdrawn(plan.events).items()}
    reported: dict[str, bool] = {}
    for i, (event, name) in enumerate(zip(plan.events, files, strict=True)):
        unit = unit_of(name)
        if unit is None:
            continue
        if unit in reported and not reported[unit]:
            continue  # said once for the file
        if unit not in reported and not (reported.setdefault(unit, unit in plan.units)):
            yield docs.progress.finding(
                ("events", i),
                _(
                    "{file}: no unit {unit} in group.yaml: a unit's file is named for its "
                    "canonical name"
                ).format(file=name, unit=unit)
                + did_you_mean(unit, list(plan.units)),
            )
            continue
        if event.by != unit:
            yield docs.progress.finding(
                ("events", i, "by"),
                _("an entry in {file} must be by {unit} (by: {unit}), not {by}").format(
                    file=name, unit=unit, by=event.by if event.by else _("the office")
                ),
            )
            continue
        if event.event not in ("done", "reopen", "note", "record", "undo"):
            yield docs.progress.finding(
                ("events", i, "event"),
                _("`{event}` is the office's entry: it goes in progress.yaml").format(
                    event=event.event
                ),
            )
            continue
        task = event.task if event.task is not None else int(str(event.milestone).split(".")[0])
        if task in plan.task_by_id and not any(
            part.task.id == task for part in plan.involvements_of(unit)
        ):
            yield docs.progress.finding(
                ("events", i),
                _("{unit} has no part in task {task}: its file may hold only its own steps").format(
                    unit=unit, task=task
                ),
            )
        elif i in gone and files[gone[i]] != name:
            yield docs.progress.finding(
                ("events", i, "withdraws"),
                _("{unit} may withdraw only its own entries").format(unit=unit),
            )


def progress_duplicates(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """The same entry twice, as a merge may leave it (merge=union keeps both sides' lines):
    one must go, or an undo or a done would count twice."""
    if docs.progress is None:
        return
    seen: set[str] = set()
    for i, event in enumerate(plan.events):
        if event.recorded is None:
            continue  # by hand: the same words on two days may well be meant
        if (key := repr(event)) in seen:
            yield docs.progress.finding(
                ("events", i),
                _(
                    "the same entry as the one recorded {recorded} before it: "
                    "a merge kept it twice; delete one"
                ).format(recorded=event.recorded),
            )
        seen.add(key)


def progress_approvers(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """An extension's approver (批准人) is someone the plan knows: on the group's roster, or a
    leader in charge of a task; another name is most likely mistyped."""
    if docs.progress is None:
        return
    known = leader_spellings(plan)
    for i, event in enumerate(plan.events):
        if event.event == "extend" and event.approved_by and event.approved_by not in known:
            yield docs.progress.finding(
                ("events", i, "approved_by"),
                unknown_approver(str(event.milestone), event.approved_by)
                + did_you_mean(event.approved_by, sorted(known)),
                "warning",
            )


def unknown_approver(ref: str, name: str) -> str:
    return _(
        "extension of {ref} approved by {name}, who is neither on the group's roster nor in "
        "charge of a task"
    ).format(ref=ref, name=name)
