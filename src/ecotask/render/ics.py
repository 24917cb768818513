"""The export's steps as an iCalendar file: one all-day event per step on the date it is due
by (an extension's, 延期, when there is one). Only `export --format ics` imports this module,
and with it icalendar."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from ..export import joined
from ..progress import STATE_NAMES, StepStatus
from ..when import when

if TYPE_CHECKING:
    from ..plan import Plan


def uid(plan: Plan, ref: str) -> str:
    """The same for a step in every export, so that importing again updates the calendar's
    events rather than adding copies; the issuer keeps two districts' plans apart."""
    info = plan.tasks_file.plan
    name = f"ecotask:{info.issuer}/{info.title}/{info.year}/{ref}"
    return f"{uuid.uuid5(uuid.NAMESPACE_URL, name)}@ecotask"


def description(s: StepStatus, as_of: date) -> str:
    """What someone needs to act on the step from the calendar alone."""
    m = s.milestone
    done = f"，{s.done.date}完成" if s.done else ""
    return "\n".join(
        [
            f"任务分解：{m.milestone.text}",
            f"时间节点：{when(m, 'calendar', s.due if s.extension else None)}",
            f"牵头单位：{joined(m.task.lead)}",
            f"责任单位：{m.task.responsible_text or '—'}",
            f"分管领导：{joined(m.task.leaders)}",
            f"状态：{STATE_NAMES[s.state]}{done}（截至{as_of}）",
        ]
    )


def render(plan: Plan, rows: list[StepStatus], as_of: date) -> str:
    """Events transparent, since a deadline does not make anyone busy."""
    from .. import __version__

    title = plan.tasks_file.plan.title
    calendar = Calendar()
    calendar.add("prodid", f"-//ecotask//ecotask {__version__}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    stamp = datetime.now(UTC).replace(microsecond=0)
    for s in rows:
        m = s.milestone
        event = CalendarEvent()
        event.add("uid", uid(plan, m.ref))
        event.add("dtstamp", stamp)
        event.add("dtstart", s.due)
        event.add("dtend", s.due + timedelta(days=1))
        event.add("summary", f"[{m.ref}] {m.task.name}")
        event.add("description", description(s, as_of))
        event.add("categories", [m.task.category])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()  # icalendar leaves it unannotated
    return ical.decode("utf-8")
