"""Checks across both files, each a function from the plan to findings, gathered in CHECKS."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import Finding
from .i18n import _
from .names import did_you_mean
from .parsed import Check, Docs
from .plan import Plan
from .progress_checks import (
    progress_anchors,
    progress_approvers,
    progress_duplicates,
    progress_evidence,
    progress_order,
    progress_owners,
    progress_references,
    progress_withdrawals,
)
from .reporters import MergedLog
from .yamlio import Document

if TYPE_CHECKING:
    from .dates import DueSpec


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
                + did_you_mean(task.category, known),
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
                        + did_you_mean(name, choices),
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
                    + did_you_mean(name, known),
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
                + did_you_mean(member.unit, choices),
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
                    + did_you_mean(name, choices),
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
    progress_approvers: "progress-approver",
    due_matches_text: "due-text-mismatch",
}
# The codes of the findings made before the checks run: reading and parsing a file (yaml),
# a line or paragraph separator kept in its text (line-separator), the schema (schema).
READING_CODES = ("yaml", "line-separator", "schema")


def coded(findings: Iterable[Finding], code: str) -> list[Finding]:
    return [finding._replace(code=code) for finding in findings]


def run_checks(plan: Plan, docs: Docs) -> list[Finding]:
    return [found for check, code in CHECKS.items() for found in coded(check(plan, docs), code)]
