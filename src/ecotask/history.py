"""The log as it was recorded: every entry, in the order written, with the undo (if any) that
withdrew it. What `ecotask log` shows; the views read progress.in_force instead."""

from __future__ import annotations

from typing import NamedTuple

from .plan import Plan
from .progress import withdrawn
from .records import Event

# What each entry is, in the office's words.
KINDS = {
    "done": "完成",
    "reopen": "重新打开",
    "note": "进展情况",
    "record": "指标",
    "reanchor": "确认",
    "undo": "撤回",
    "accept": "销号",
    "return": "退回",
    "extend": "延期",
}


class LogEntry(NamedTuple):
    position: int  # 1 for the log's first entry
    event: Event
    withdrawn_by: int | None  # the position of the undo that withdrew it

    @property
    def subject(self) -> str:
        """The step (2.1), or the task whose target it is about (任务4)."""
        e = self.event
        return e.milestone if e.milestone is not None else f"任务{e.task}"


def history(plan: Plan, subject: str | int | None = None) -> list[LogEntry]:
    """Every entry in the order recorded; given a step's ref or a task's id, only its own
    (a task's: its targets' records; a recurring step's TASK.K: all its occurrences')."""
    gone = withdrawn(plan.events)
    occurrence = f"{subject}@" if isinstance(subject, str) else None
    return [
        LogEntry(i + 1, e, gone[i] + 1 if i in gone else None)
        for i, e in enumerate(plan.events)
        if subject is None
        or subject in (e.milestone, e.task if e.milestone is None else None)
        or (occurrence is not None and (e.milestone or "").startswith(occurrence))
    ]
