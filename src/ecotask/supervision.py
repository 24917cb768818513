"""督办: which lead units get a supervision notice (督办通知单) as of a date, for which steps,
and in which of the three colours. A step not done is blue when it falls due within the days
given, yellow once overdue, red when overdue more than `red_after` days; a notice takes the
colour of its latest step. Pure: the notices' layout is render/notice_docx.py's."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal, NamedTuple

from .parts import reported_text
from .plan import DatedMilestone, Plan
from .progress import ledger, status
from .records import Member

Colour = Literal["red", "yellow", "blue"]
COLOURS: tuple[Colour, ...] = ("red", "yellow", "blue")  # the most urgent first
COLOUR_NAMES: dict[Colour, str] = {"red": "红色", "yellow": "黄色", "blue": "蓝色"}


class Item(NamedTuple):
    """One step a notice demands action on (督办事项)."""

    milestone: DatedMilestone
    days_late: int  # 0 for a step not yet due
    colour: Colour
    note: str | None  # the latest note recorded for the step, as of the date
    parts: str | None = None  # its parts (分项报送) and who still owes one, once a unit reported
    extended_to: date | None = None  # the new date of an approved extension (延期), if any

    @property
    def due(self) -> date:
        """The date the step is due by: the extension's, else the plan's."""
        return self.extended_to or self.milestone.due


class UnitNotice(NamedTuple):
    unit: str  # the lead unit addressed (承办单位)
    head: Member | None  # its head on the roster
    colour: Colour
    items: list[Item]


def colour(days_late: int, red_after: int) -> Colour:
    if days_late <= 0:
        return "blue"
    return "yellow" if days_late <= red_after else "red"


def latest_notes(plan: Plan, as_of: date) -> dict[str, str]:
    """Each step's latest note (of a done, reopen or note entry in force) as of the date."""
    return {ref: e.note for ref, e in ledger(plan, as_of).notes.items() if e.note}


def notices(plan: Plan, as_of: date, within: int, red_after: int) -> list[UnitNotice]:
    """One notice per lead unit with steps not done that are overdue or fall due within
    `within` days, red notices first, then yellow, then blue, each in the registry's order; a
    step led by two units is on both notices. Its items: the most overdue first, then the
    steps not yet due by date. A step extended (延期) is picked and coloured by its new date."""
    book = ledger(plan, as_of)
    horizon = as_of + timedelta(days=within)
    by_unit: dict[str, list[Item]] = {}
    for m in plan.milestones:
        if (s := status(m, book, as_of)).due > horizon or s.done is not None:
            continue
        late = max((as_of - s.due).days, 0)
        note = s.note.note if s.note else None
        moved = s.due if s.extension else None
        item = Item(m, late, colour(late, red_after), note, reported_text(plan, s), moved)
        for name in m.task.lead:
            by_unit.setdefault(plan.canonical(name), []).append(item)
    order = {name: i for i, name in enumerate([*plan.units, *plan.collectives])}
    result = []
    for unit, items in by_unit.items():
        items.sort(key=_urgency)
        result.append(UnitNotice(unit, plan.heads.get(unit), items[0].colour, items))
    result.sort(key=lambda n: (COLOURS.index(n.colour), order.get(n.unit, len(order))))
    return result


def _urgency(item: Item) -> tuple[int, date, int, int]:
    m = item.milestone
    return (-item.days_late, item.due, m.task.id, m.number)
