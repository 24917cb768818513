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

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson

from .record import Record

if TYPE_CHECKING:
    from .cache import Entry
    from .plan import DatedMilestone, Plan
    from .records import Event

ROW_DEPTH = 2  # a row sits in an answer's list of milestones: {"milestones": [{...}]}


class Row(Record):
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


def _starts(blob: bytes | bytearray, length: int, key: str) -> tuple[int, list[int]]:
    """Where the month section's first line (its refs) ends, and where each row starts and
    the last one ends, read from its second line (the lengths)."""
    first = blob.index(b"\n", 0, length)
    second = blob.index(b"\n", first + 1, length)
    lengths = orjson.loads(memoryview(blob)[first + 1 : second])
    starts = list(accumulate(lengths, initial=second + 1))
    if starts[-1] != length:
        raise ValueError(f"cache section month/{key} does not add up")
    return first, starts


def month_rows(entry: Entry, key: str) -> list[Row]:
    """The rows due in a month ("2017-06"), in the order `due` lists them."""
    blob = entry.section(f"month/{key}")
    if blob is None:
        return []
    first, starts = _starts(blob, len(blob), key)
    refs = orjson.loads(blob[:first])  # `due` leaves out the steps done by the query's day
    if len(refs) != len(starts) - 1:
        raise ValueError(f"cache section month/{key} does not add up")
    return [Row(ref, blob[starts[i] : starts[i + 1]]) for i, ref in enumerate(refs)]


class UnitRows(Record):
    tasks: orjson.Fragment
    rows: Iterable[list[memoryview]]  # each month's rows' JSON, valid until the next month's


BUFFER = 2**20  # bytes read at a time: more is no quicker, and fresh memory costs page faults


class _UnitMonth(Record):
    offset: int  # of the section in the entry's file
    starts: list[int]
    found: list[int]  # the unit's rows, ascending


class _Months:
    """A unit's rows, month by month, read again as they are written from the file their
    sections were checked in, a window of rows at a time into one buffer. Reading 100 MB of
    sections at once into fresh memory takes 80 ms here, through a MiB used before 12."""

    def __init__(self, handle: BinaryIO, months: list[_UnitMonth], buffer: bytearray) -> None:
        self._handle, self._months, self._buffer = handle, months, buffer

    def __iter__(self) -> Iterator[list[memoryview]]:
        buffer = self._buffer
        with self._handle:
            for offset, starts, found in self._months:
                i = 0
                while i < len(found):
                    begin = starts[found[i]]
                    last = bisect_right(starts, begin + len(buffer)) - 2  # whose row still fits
                    j = bisect_right(found, last, lo=i)
                    if j == i:  # one row larger than the buffer
                        buffer = bytearray(starts[found[i] + 1] - begin)
                        continue
                    view = memoryview(buffer)[: starts[found[j - 1] + 1] - begin]
                    _read(self._handle, offset + begin, view)
                    yield [view[starts[k] - begin : starts[k + 1] - begin] for k in found[i:j]]
                    i = j


def _read(handle: BinaryIO, offset: int, into: memoryview) -> None:
    handle.seek(offset)
    if handle.readinto(into) != len(into):
        raise ValueError("cache entry is truncated")


def _scan(handle: BinaryIO, offset: int, length: int, buffer: bytearray) -> tuple[int, bytes]:
    """A section's checksum, and the start of it that holds its first two lines (a month's
    refs and lengths)."""
    from .cache import section_digest

    digest, view, head, lines, left = section_digest(), memoryview(buffer), bytearray(), 0, length
    handle.seek(offset)
    while left:
        count = handle.readinto(view[: min(left, len(buffer))])
        if not count:
            raise ValueError("cache entry is truncated")
        digest.update(view[:count])
        if lines < 2:
            head += view[:count]
            lines += buffer.count(b"\n", 0, count)
        left -= count
    return digest.intdigest(), bytes(head)


def unit_rows(entry: Entry, name: str) -> UnitRows:
    """A unit's or collective's tasks and its rows by date, as `unit --json` lists them. No
    row is done: that answer does not say. Every month section it draws on is checked here,
    before anything is printed."""
    blob = entry.section(f"unit/{name}")
    if blob is None:
        return UnitRows(orjson.Fragment(b"[]"), [])
    newline = blob.index(b"\n")
    buffer, months, handle = bytearray(BUFFER), [], entry.open()
    try:
        for key, found in orjson.loads(memoryview(blob)[:newline]).items():  # months in order
            place = entry.place(f"month/{key}")
            if place is None:
                raise ValueError(f"cache section unit/{name} names a month with no section")
            offset, length, check = place
            found_check, head = _scan(handle, offset, length, buffer)
            if found_check != check:
                raise ValueError(f"cache section month/{key} is damaged")
            starts = _starts(head, length, key)[1]
            if found != sorted(found) or (
                found and not 0 <= found[0] <= found[-1] < len(starts) - 1
            ):
                raise ValueError(f"cache section unit/{name} names rows month/{key} lacks")
            months.append(_UnitMonth(offset, starts, found))
    except BaseException:
        handle.close()
        raise
    return UnitRows(orjson.Fragment(blob[newline + 1 :]), _Months(handle, months, buffer))


def as_dict(row: Row, done: Event | None = None) -> dict[str, Any]:
    """The row as milestone_row gives it (dates as ISO text), with the day it was done."""
    found = orjson.loads(row.json)
    if done is not None:
        found["done"], found["done_by"] = done.date, done.by
    return found


def as_fragment(row: Row, done: Event | None = None) -> Any:
    """The row for orjson to copy as is, unless the step was done by the query's day."""
    return orjson.Fragment(row.json) if done is None else as_dict(row, done)
