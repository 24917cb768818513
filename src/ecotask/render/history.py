"""`ecotask log`: the progress log as a table, or as JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..history import KINDS, LogEntry
from .table import cell, new_table

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..progress import StepStatus


def _remark(row: LogEntry) -> str:
    """说明: the note, a record's value, an undo's entry, the evidence, 已撤回."""
    e = row.event
    parts = []
    if e.event == "record":
        value = f"{e.value:g}" if isinstance(e.value, float) else str(e.value)
        parts.append(f"{e.indicator} = {value}")
    elif e.milestone is None and e.indicator is not None:  # an undo or reanchor of a target
        parts.append(str(e.indicator))
    if e.withdraws is not None:
        parts.append(f"撤回 {e.withdraws.date} 的{KINDS.get(e.withdraws.event, e.withdraws.event)}")
    if e.note:
        parts.append(e.note)
    if e.evidence:
        parts.append("佐证材料：" + "、".join(e.evidence))
    if row.withdrawn_by is not None:
        parts.append(f"已撤回（第 {row.withdrawn_by} 条）")
    return "；".join(parts)


def _stamp(recorded: str | None) -> str:
    """记录时间 to the minute, as the clock on the wall reads (the offset is in --json)."""
    return recorded[:16].replace("T", " ") if recorded else "—"


def table(rows: list[LogEntry], title: str) -> RenderableType:
    out = new_table("序号", "日期", "记录时间", "事项", "节点", "单位", "说明", title=title)
    for row in rows:
        e, dim = row.event, "dim" if row.withdrawn_by is not None else ""
        out.add_row(
            cell(str(row.position), dim),
            cell(e.date.isoformat(), dim),
            cell(_stamp(e.recorded), dim),
            cell(KINDS.get(e.event, e.event), dim),
            cell(row.subject, dim),
            cell(e.by or "—", dim),
            cell(_remark(row), dim),
        )
    return out


def document(rows: list[LogEntry], subject: str | int | None) -> dict[str, Any]:
    """`log --json`: every entry as recorded, with what withdrew it."""
    return {
        "subject": None if subject is None else str(subject),
        "count": len(rows),
        "entries": [
            {
                "position": row.position,
                "event": row.event.event,
                "date": row.event.date.isoformat(),
                "recorded": row.event.recorded,
                "milestone": row.event.milestone,
                "task": row.event.task,
                "indicator": row.event.indicator,
                "value": row.event.value,
                "by": row.event.by,
                "note": row.event.note,
                "evidence": list(row.event.evidence or []),
                "withdraws": row.event.withdraws
                and {
                    "event": row.event.withdraws.event,
                    "date": row.event.withdraws.date.isoformat(),
                    "recorded": row.event.withdraws.recorded,
                },
                "withdrawn_by": row.withdrawn_by,
            }
            for row in rows
        ],
    }


def _noted(steps: list[StepStatus]) -> list[StepStatus]:
    return [s for s in steps if s.note is not None or s.evidence]


def progress_notes(steps: list[StepStatus]) -> RenderableType | None:
    """进展情况 of the steps that have any as of the date: the latest note, with its date,
    and the evidence; None when none has."""
    noted = _noted(steps)
    if not noted:
        return None
    out = new_table(
        "序号", "日期", "进展情况", "佐证材料", title=f"进展情况（截至{noted[0].as_of}）"
    )
    for s in noted:
        out.add_row(
            cell(s.ref),
            cell(s.note.date.isoformat() if s.note else "—"),
            cell(s.note.note or "—" if s.note else "—"),
            cell("\n".join(s.evidence) or "—"),
        )
    return out


def progress_rows(steps: list[StepStatus]) -> list[dict[str, Any]]:
    """The same as JSON: `progress` in show's and unit's answers."""
    return [
        {
            "ref": s.ref,
            "note": s.note.note if s.note else None,
            "note_date": s.note.date.isoformat() if s.note else None,
            "evidence": list(s.evidence),
        }
        for s in _noted(steps)
    ]
