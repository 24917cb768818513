"""Checks across both files, each a function from the plan to findings, gathered in CHECKS."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from .errors import Finding
from .i18n import _
from .plan import Plan
from .reporters import MergedLog
from .yamlio import Document

if TYPE_CHECKING:
    from .dates import DueSpec


class Docs(NamedTuple):
    """The parsed files, for the positions that findings point at."""

    tasks: Document
    group: Document
    progress: Document | MergedLog | None = (
        None  # the log: one file, or the units' and the office's
    )


Check = Callable[[Plan, Docs], Iterator[Finding]]


def _closest(name: str, choices: list[str]) -> str:
    near = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
    return _(" (did you mean {names}?)").format(names=", ".join(near)) if near else ""


def _unit_choices(plan: Plan) -> list[str]:
    return [*plan.unit_names, *plan.collectives]


def duplicate_task_ids(plan: Plan, docs: Docs) -> Iterator[Finding]:
    first: dict[int, int] = {}
    for i, task in enumerate(plan.tasks):
        if task.id not in first:
            first[task.id] = i
            continue
        mark = docs.tasks.mark(("tasks", first[task.id], "id"))
        where = _(" (first at line {line})").format(line=mark[0]) if mark else ""
        message = _("duplicate task id {task}{where}").format(task=task.id, where=where)
        yield docs.tasks.finding(("tasks", i, "id"), message)


def unknown_categories(plan: Plan, docs: Docs) -> Iterator[Finding]:
    known = plan.tasks_file.categories
    for i, task in enumerate(plan.tasks):
        if task.category not in known:
            yield docs.tasks.finding(
                ("tasks", i, "category"),
                _("task {task}: category {category!r} is not in `categories`").format(
                    task=task.id, category=task.category
                )
                + _closest(task.category, known),
            )


def unknown_units(plan: Plan, docs: Docs) -> Iterator[Finding]:
    choices = _unit_choices(plan)
    for i, task in enumerate(plan.tasks):
        for field in ("lead", "responsible"):
            for j, name in enumerate(getattr(task, field)):
                if name not in plan.unit_names and name not in plan.collectives:
                    yield docs.tasks.finding(
                        ("tasks", i, field, j),
                        _("task {task}: unit {name!r} is not declared in group.yaml").format(
                            task=task.id, name=name
                        )
                        + _closest(name, choices),
                    )


def unknown_leaders(plan: Plan, docs: Docs) -> Iterator[Finding]:
    known = [*plan.roster, *plan.other_leaders]
    for i, task in enumerate(plan.tasks):
        for j, name in enumerate(task.leaders):
            if name not in known:
                yield docs.tasks.finding(
                    ("tasks", i, "leaders", j),
                    _(
                        "task {task}: leader {name!r} is neither on the roster nor in "
                        "`other_leaders` of group.yaml"
                    ).format(task=task.id, name=name)
                    + _closest(name, known),
                )


def group_references(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """Roster units, the office and collective members must name declared units."""
    doc, choices = docs.group, list(plan.unit_names)
    for i, member in enumerate(plan.group_file.group.members):
        if member.unit not in plan.unit_names:
            yield doc.finding(
                ("group", "members", i, "unit"),
                _("{member}: unit {unit!r} is not in `units`").format(
                    member=member.name, unit=member.unit
                )
                + _closest(member.unit, choices),
            )
    office = plan.group_file.group.office
    if office and office.host not in plan.unit_names:
        yield doc.finding(
            ("group", "office", "host"),
            _("office host {host!r} is not in `units`").format(host=office.host),
        )
    if office and office.director not in plan.roster:
        yield doc.finding(
            ("group", "office", "director"),
            _("office director {director!r} is not a member of the group").format(
                director=office.director
            ),
        )
    for i, collective in enumerate(plan.group_file.collectives):
        for j, name in enumerate(collective.members):
            if name not in plan.unit_names:
                yield doc.finding(
                    ("collectives", i, "members", j),
                    _("{collective}: member {name!r} is not in `units`").format(
                        collective=collective.name, name=name
                    )
                    + _closest(name, choices),
                )


Location = tuple[str | int, ...]
Declared = tuple[str, str, Location]  # a name, what it names, and where


def _registry(plan: Plan) -> Iterator[Declared]:
    for i, unit in enumerate(plan.group_file.units):
        yield unit.name, _("the name of unit {unit}").format(unit=unit.name), ("units", i, "name")
        for k, alias in enumerate(unit.aliases):
            what = _("an alias of unit {unit}").format(unit=unit.name)
            yield alias, what, ("units", i, "aliases", k)
    for i, collective in enumerate(plan.group_file.collectives):
        what = _("collective {collective}").format(collective=collective.name)
        yield collective.name, what, ("collectives", i, "name")


def _people(plan: Plan) -> Iterator[Declared]:
    for i, member in enumerate(plan.group_file.group.members):
        yield member.name, _("a member of the group"), ("group", "members", i, "name")
    for i, leader in enumerate(plan.group_file.other_leaders):
        yield leader.name, _("in `other_leaders`"), ("other_leaders", i, "name")


def duplicate_names(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """A name declared twice: a unit's name or alias and a collective's each stand for one
    thing, in any mix (names are compared in NFC, see models.Name); so does a person's."""
    doc = docs.group
    for declared in (_registry(plan), _people(plan)):
        first: dict[str, Declared] = {}
        for name, what, loc in declared:
            if name not in first:
                first[name] = (name, what, loc)
                continue
            earlier, earlier_loc = first[name][1:]
            mark = doc.mark(earlier_loc)
            where = _(" (line {line})").format(line=mark[0]) if mark else ""
            message = _("{name!r} is declared twice: it is already {earlier}{where}")
            yield doc.finding(loc, message.format(name=name, earlier=earlier, where=where))


def hidden_characters(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """Free text may hold what names may not (models.Name), but an invisible character in a
    step or a note is almost always pasted by mistake, and can make the text read otherwise."""
    from .text import code_point, hidden

    def warn(
        doc: Document | MergedLog, loc: Location, what: str, text: str | None
    ) -> Iterator[Finding]:
        if text and (char := hidden(text)):
            message = _("{what} contains {char}, which cannot be seen; it is shown as {shown}")
            shown = f"<U+{ord(char):04X}>"
            yield doc.finding(
                loc, message.format(what=what, char=code_point(char), shown=shown), "warning"
            )

    for i, task in enumerate(plan.tasks):
        for j, m in enumerate(task.milestones):
            loc: Location = ("tasks", i, "milestones", j, "text")
            what = _("milestone {ref}").format(ref=f"{task.id}.{j + 1}")
            yield from warn(docs.tasks, loc, what, m.text)
        for j, target in enumerate(task.targets):
            loc = ("tasks", i, "targets", j, "text")
            what = _("task {task}: target text").format(task=task.id)
            yield from warn(docs.tasks, loc, what, target.text)
    if docs.progress is not None:
        for i, event in enumerate(plan.events):
            yield from warn(docs.progress, ("events", i, "note"), _("the note"), event.note)


def targets_in_the_text(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """A target's wording must be part of one of its task's steps, and name its value."""
    for i, task in enumerate(plan.tasks):
        indicators: set[str] = set()
        for j, target in enumerate(task.targets):
            loc = ("tasks", i, "targets", j)
            if not any(target.text in m.text for m in task.milestones):
                yield docs.tasks.finding(
                    (*loc, "text"),
                    _("task {task}: target text is in none of the task's steps").format(
                        task=task.id
                    ),
                )
            if target.indicator in indicators:
                yield docs.tasks.finding(
                    (*loc, "indicator"),
                    _("task {task}: two targets named {indicator!r}").format(
                        task=task.id, indicator=target.indicator
                    ),
                )
            indicators.add(target.indicator)


def steps_after_deadline(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """A step due after its task's deadline; a recurring one none of whose occurrences falls
    due by it (it would be left out of every query)."""
    index = {id(task): i for i, task in enumerate(plan.tasks)}
    for i, task in enumerate(plan.tasks):
        dated = {m.number for m in plan.milestones_of(task)}
        for number, step in enumerate(task.milestones, 1):
            if number not in dated:
                after = step.from_ or plan.tasks_file.plan.issued
                yield docs.tasks.finding(
                    ("tasks", i, "milestones", number - 1, "due"),
                    _(
                        "milestone {ref} ({due}) has no occurrence after {after} up to its "
                        "task's deadline ({deadline}, {date})"
                    ).format(
                        ref=f"{task.id}.{number}",
                        due=step.due,
                        after=after,
                        deadline=task.deadline,
                        date=plan.deadline(task),
                    ),
                    "warning",
                )
    for m in plan.milestones:
        deadline = plan.deadline(m.task)
        if m.due > deadline:
            loc = ("tasks", index[id(m.task)], "milestones", m.number - 1, "due")
            yield docs.tasks.finding(
                loc,
                _(
                    "milestone {ref} ({due_text}, {due}) falls after its task's deadline "
                    "({deadline_text}, {deadline})"
                ).format(
                    ref=m.ref,
                    due_text=m.due_text,
                    due=m.due,
                    deadline_text=m.task.deadline,
                    deadline=deadline,
                ),
                "warning",
            )


def lead_and_responsible(plan: Plan, docs: Docs) -> Iterator[Finding]:
    for i, task in enumerate(plan.tasks):
        lead = {plan.canonical(name) for name in task.lead}
        for j, name in enumerate(task.responsible):
            if plan.canonical(name) in lead:
                yield docs.tasks.finding(
                    ("tasks", i, "responsible", j),
                    _("task {task}: {name} is both lead and responsible unit").format(
                        task=task.id, name=name
                    ),
                    "warning",
                )


def leaders_off_roster(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """Once per leader, at their first task, naming every task they are in charge of."""
    first: dict[str, tuple[int, int]] = {}
    tasks: dict[str, list[int]] = {}
    for i, task in enumerate(plan.tasks):
        for j, name in enumerate(task.leaders):
            if name in plan.other_leaders:
                first.setdefault(name, (i, j))
                tasks.setdefault(name, []).append(task.id)
    for name, (i, j) in first.items():
        ids = ", ".join(map(str, tasks[name]))
        yield docs.tasks.finding(
            ("tasks", i, "leaders", j),
            _("{name}, in charge of tasks {ids}, is not on the group's roster").format(
                name=name, ids=ids
            ),
            "warning",
        )


def units_without_head(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """Once per unit that tasks name but no roster member heads."""
    warned: set[str] = set()
    for i, task in enumerate(plan.tasks):
        for field in ("lead", "responsible"):
            for j, name in enumerate(getattr(task, field)):
                unit = plan.unit_names.get(name)
                if unit is None or unit in plan.heads or unit in warned:
                    continue
                warned.add(unit)
                yield docs.tasks.finding(
                    ("tasks", i, field, j),
                    _("unit {unit} (first named in task {task}) has no head on the roster").format(
                        unit=unit, task=task.id
                    ),
                    "warning",
                )


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
                + _closest(unit, list(plan.units)),
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


def due_matches_text(plan: Plan, docs: Docs) -> Iterator[Finding]:
    """A step's `due` is the date phrase its own text names, as `ecotask import` reads it (an
    ISO date may stand for it); a text that names a date has a `due`."""
    from .dates import parse_due
    from .phrases import date_phrases

    index = {id(task): i for i, task in enumerate(plan.tasks)}
    seen: set[tuple[int, int]] = set()
    for m in plan.milestones:
        if (id(m.task), m.number) in seen:
            continue  # a recurring step's other occurrences: the same `due` and text
        seen.add((id(m.task), m.number))
        loc = ("tasks", index[id(m.task)], "milestones", m.number - 1)
        due, found = m.milestone.due, date_phrases(m.milestone.text)
        if not found:
            if due is not None and due.day is None:
                yield docs.tasks.finding(
                    (*loc, "due"),
                    _("milestone {ref}: due {due}, but its text names no date").format(
                        ref=m.ref, due=due
                    ),
                    "warning",
                )
            continue
        phrase, expected = found[0].phrase, found[0].due()
        if due is None:
            yield docs.tasks.finding(
                (*loc, "text"),
                _(
                    "milestone {ref}: its text names {phrase}, but it has no `due` (so it falls "
                    "due at its task's deadline, {deadline})"
                ).format(ref=m.ref, phrase=phrase, deadline=m.task.deadline),
                "warning",
            )
        elif str(due) != expected and not _same_date(due, parse_due(expected), plan.year):
            yield docs.tasks.finding(
                (*loc, "due"),
                _("milestone {ref}: due {due}, but its text names {phrase}").format(
                    ref=m.ref, due=due, phrase=phrase
                ),
                "warning",
            )


def _same_date(due: DueSpec, named: DueSpec, year: int) -> bool:
    """An ISO date for the day a phrase names (2017-06-30 for 6月30日前), or a count of working
    days with words before it (方案印发后10个工作日内 for the text's 10个工作日内)."""
    if due.workdays is not None:
        return due.workdays == named.workdays
    if due.day is None or due.every is not None or named.workdays is not None:
        return False
    return named.every is None and due.resolve(year) == named.resolve(year)


# Each check and the stable code its findings carry (documented in docs/codes.md).
CHECKS: dict[Check, str] = {
    duplicate_task_ids: "duplicate-task-id",
    unknown_categories: "unknown-category",
    unknown_units: "unknown-unit",
    unknown_leaders: "unknown-leader",
    group_references: "unknown-group-reference",
    duplicate_names: "duplicate-name",
    hidden_characters: "hidden-character",
    targets_in_the_text: "target-text",
    steps_after_deadline: "step-after-deadline",
    lead_and_responsible: "lead-and-responsible",
    leaders_off_roster: "leader-off-roster",
    units_without_head: "unit-without-head",
    progress_references: "progress-reference",
    progress_anchors: "progress-anchor",
    progress_order: "progress-order",
    progress_withdrawals: "progress-withdrawal",
    progress_evidence: "progress-evidence",
    progress_owners: "progress-owner",
    progress_duplicates: "progress-duplicate",
    due_matches_text: "due-text-mismatch",
}
# The codes of the findings made before the checks run: reading and parsing a file (yaml),
# a line or paragraph separator kept in its text (line-separator), the schema (schema).
READING_CODES = ("yaml", "line-separator", "schema")


def coded(findings: Iterable[Finding], code: str) -> list[Finding]:
    return [finding._replace(code=code) for finding in findings]


def run_checks(plan: Plan, docs: Docs) -> list[Finding]:
    return [found for check, code in CHECKS.items() for found in coded(check(plan, docs), code)]
