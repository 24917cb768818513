"""Progress anchored to its step: each entry keeps a fingerprint of the text it was recorded
against, so that an edit of tasks.yaml under the log (a step deleted, inserted or reworded) is
noticed instead of crediting the entry to whatever step now has its ref.

An entry is read against its own fingerprint, or against that of the last `reanchor` after it
for the same step or target: the office's confirmation that an edit was deliberate.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .i18n import _
from .plan import Plan
from .records import Event, Task

Subject = tuple[str] | tuple[int, str]  # a step by its ref, or a task's target by indicator


def fingerprint(text: str) -> str:
    """The rule docs state for people who write entries by hand: Unicode NFC, every run of
    whitespace made one space, the ends stripped; then the first 8 hex digits of the SHA-256
    of its UTF-8. Stable across versions: changing it would break every log."""
    import hashlib
    import unicodedata

    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:8]


def subject(event: Event) -> Subject | None:
    """What an entry is about: the step of a done, reopen or reanchor (all the occurrences of
    a recurring step are one step: 4.4@2017-04-10 is about 4.4), or the target of a record or
    reanchor."""
    if event.milestone is not None:
        return (event.milestone.partition("@")[0],)
    if event.task is not None and event.indicator is not None:
        return (event.task, event.indicator)
    return None


def _own(event: Event) -> str | None:
    return event.step if event.milestone is not None else event.target


def anchors(events: list[Event]) -> list[str | None]:
    """The fingerprint each entry is read against (None: taken on trust)."""
    latest: dict[Subject, str | None] = {}
    found: list[str | None] = [None] * len(events)
    for i in reversed(range(len(events))):
        event = events[i]
        about = subject(event)
        if about is None:
            continue
        found[i] = latest.get(about, _own(event))
        if event.event == "reanchor":
            latest.setdefault(about, _own(event))
    return found


class Mismatch(NamedTuple):
    """An entry whose step or target no longer has the text it was recorded against."""

    position: int  # in the log
    event: Event
    now: str  # the text at the entry's ref today
    moved_to: str | None  # the ref (or indicator) whose text it was recorded against


def mismatches(plan: Plan) -> Iterator[Mismatch]:
    """Entries that name a step or target that exists but no longer matches; one that names
    none is progress_references' finding."""
    if not plan.events:
        return
    steps = {m.ref: m for m in plan.milestones}
    for i, (event, anchor) in enumerate(zip(plan.events, anchors(plan.events), strict=True)):
        if anchor is None:
            continue
        if event.milestone is not None:
            m = steps.get(event.milestone)
            if m is None or fingerprint(m.milestone.text) == anchor:
                continue
            others = [(o.ref, o.milestone.text) for o in plan.milestones_of(m.task)]
            yield Mismatch(i, event, m.milestone.text, _match(others, anchor))
        elif (task := plan.task_by_id.get(event.task or 0)) is not None:
            target = _target(task, event.indicator)
            if target is None or fingerprint(target) == anchor:
                continue
            others = [(t.indicator, t.text) for t in task.targets]
            yield Mismatch(i, event, target, _match(others, anchor))


def _target(task: Task, indicator: str | None) -> str | None:
    return next((t.text for t in task.targets if t.indicator == indicator), None)


def _match(candidates: list[tuple[str, str]], anchor: str) -> str | None:
    return next((name for name, text in candidates if fingerprint(text) == anchor), None)


def message(found: Mismatch) -> str:
    """validate's words for a mismatch: what the ref holds now, where the entry's step went,
    and how to confirm a deliberate edit."""
    from .errors import brief

    event, now = found.event, brief(found.now)
    if event.milestone is not None:
        ref, fix = event.milestone, f"ecotask reanchor {event.milestone}"
        changed = _(
            "entry for {ref} was recorded against a step whose text has changed "
            "(now: {now}); if the edit is deliberate, run `{fix}`"
        )
        moved = _(
            "entry for {ref} was recorded against another step: the step it was recorded "
            "for is now {moved_to} (was {was}), and {ref} is now {now}; correct the "
            "entry's milestone, or if it is meant for {ref} as it reads now, run `{fix}`"
        )
    else:
        ref = _("task {task}'s target {indicator}").format(
            task=event.task, indicator=event.indicator
        )
        fix = f"ecotask reanchor {event.task} --indicator {event.indicator}"
        changed = _(
            "entry for {ref} was recorded against a target whose text has changed "
            "(now: {now}); if the edit is deliberate, run `{fix}`"
        )
        moved = _(
            "entry for {ref} was recorded against another target: the target it was recorded "
            "for is now {moved_to} (was {was}), and {ref} is now {now}; correct the "
            "entry's indicator, or if it is meant for {ref} as it reads now, run `{fix}`"
        )
    if found.moved_to is None:
        return changed.format(ref=ref, now=now, fix=fix)
    was = event.milestone if event.milestone is not None else event.indicator
    return moved.format(ref=ref, moved_to=found.moved_to, was=was, now=now, fix=fix)
