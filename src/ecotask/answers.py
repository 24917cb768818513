"""Answers computed when a plan is cached: the JSON rows of each month's steps and the rows
of each unit's, so that a later `due --json` or `unit --json` over a large plan copies bytes
instead of rebuilding thousands of records (50,000 tasks: 0.8 s -> 0.2 s for June's steps).

Every step is rendered once, by render.json itself, into the section of the month it falls
due in, in the order the queries list them (by date, then task, then step). A unit's section
says which of those rows are its own and holds its list of tasks, rendered. Rows are stored
as not done: progress is replayed as of the query's day, and the few rows done by then are
rendered again with their day.
"""

from __future__ import annotations

from itertools import accumulate
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

if TYPE_CHECKING:
    from .cache import Entry
    from .plan import DatedMilestone, Plan
    from .records import Event

ROW_DEPTH = 2  # a row sits in an answer's list of milestones: {"milestones": [{...}]}


class Row(NamedTuple):
    """A step's JSON, rendered as it sits in an answer."""

    ref: str
    json: bytes


def sections(plan: Plan) -> dict[str, bytes]:
    """The month and unit sections of a validated plan: a month's holds its steps' refs, the
    length of each one's JSON, then the JSON; a unit's, the positions of its rows in each
    month's, then its tasks as `unit --json` lists them."""
    from .queries import by_date
    from .render.json import involvement_row, milestone_row, nested

    months: dict[str, list[DatedMilestone]] = {}
    for m in by_date(plan.milestones):
        months.setdefault(f"{m.due:%Y-%m}", []).append(m)
    units_of_task: dict[int, list[str]] = {}
    for name, involvements in plan.involvements.items():
        for task_id in dict.fromkeys(i.task.id for i in involvements):
            units_of_task.setdefault(task_id, []).append(name)

    found: dict[str, bytes] = {}
    positions: dict[str, dict[str, list[int]]] = {name: {} for name in plan.involvements}
    for key, rows in months.items():
        rendered = [nested(milestone_row(m), ROW_DEPTH) for m in rows]
        refs, lengths = orjson.dumps([m.ref for m in rows]), orjson.dumps(list(map(len, rendered)))
        found[f"month/{key}"] = b"\n".join([refs, lengths, b"".join(rendered)])
        for i, m in enumerate(rows):
            for name in units_of_task.get(m.task.id, ()):
                positions[name].setdefault(key, []).append(i)
    for name, involvements in plan.involvements.items():
        tasks = nested([involvement_row(i) for i in involvements], ROW_DEPTH - 1)
        found[f"unit/{name}"] = orjson.dumps(positions[name]) + b"\n" + tasks
    return found


class _Month(NamedTuple):
    refs: bytes  # parsed only by `due`, which needs them to leave out the steps done
    starts: list[int]  # where each row's JSON starts in `blob`, and where the last one ends
    blob: bytes

    def json(self, i: int) -> bytes:
        return self.blob[self.starts[i] : self.starts[i + 1]]


def _month(entry: Entry, key: str) -> _Month | None:
    blob = entry.section(f"month/{key}")
    if blob is None:
        return None
    first = blob.index(b"\n")
    second = blob.index(b"\n", first + 1)
    starts = list(accumulate(orjson.loads(blob[first + 1 : second]), initial=second + 1))
    if starts[-1] != len(blob):
        raise ValueError(f"cache section month/{key} does not add up")
    return _Month(blob[:first], starts, blob)


def month_rows(entry: Entry, key: str) -> list[Row]:
    """The rows due in a month ("2017-06"), in the order `due` lists them."""
    month = _month(entry, key)
    if month is None:
        return []
    refs = orjson.loads(month.refs)
    if len(refs) != len(month.starts) - 1:
        raise ValueError(f"cache section month/{key} does not add up")
    return [Row(ref, month.json(i)) for i, ref in enumerate(refs)]


class UnitRows(NamedTuple):
    tasks: orjson.Fragment
    rows: list[memoryview]  # each row's JSON, where it lies in its month's section


def unit_rows(entry: Entry, name: str) -> UnitRows:
    """A unit's or collective's tasks and its rows by date, as `unit --json` lists them. No
    row is done: that answer does not say."""
    blob = entry.section(f"unit/{name}")
    if blob is None:
        return UnitRows(orjson.Fragment(b"[]"), [])
    positions, tasks = blob.split(b"\n", 1)
    rows: list[memoryview] = []
    for key, found in orjson.loads(positions).items():  # months in order, as written
        month = _month(entry, key)
        if month is None:
            raise ValueError(f"cache section unit/{name} names a month with no section")
        starts, json = month.starts, memoryview(month.blob)
        rows += [json[starts[i] : starts[i + 1]] for i in found]
    return UnitRows(orjson.Fragment(tasks), rows)


def as_dict(row: Row, done: Event | None = None) -> dict[str, Any]:
    """The row as milestone_row gives it (dates as ISO text), with the day it was done."""
    found = orjson.loads(row.json)
    if done is not None:
        found["done"], found["done_by"] = done.date, done.by
    return found


def as_fragment(row: Row, done: Event | None = None) -> Any:
    """The row for orjson to copy as is, unless the step was done by the query's day."""
    return orjson.Fragment(row.json) if done is None else as_dict(row, done)
