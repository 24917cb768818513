"""The plan in memory: records (named tuples) shaped like the files' schemas in models.py.

Queries and renderers use these, never the Pydantic models, so that an answer served from
the cache never imports pydantic, which costs more than a bare Typer app's whole run.
They are built from normalized data: a validated model's JSON dump, or the cache's copy of it.
Named tuples rather than dataclasses, which take several times as long to define.
"""

from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

from .dates import DueSpec, parse_due

Data = dict[str, Any]
Day = date  # inside Event, `date` names its field

# Phrases repeat across thousands of milestones ("11月底"): read each once.
_due = lru_cache(maxsize=1024)(parse_due)


class PlanInfo(NamedTuple):
    title: str
    year: int
    issuer: str
    issued: date
    workdays: str = "cn"


class Milestone(NamedTuple):
    due: DueSpec | None
    text: str
    from_: date | None = None  # a recurring step's first period starts after it


class Target(NamedTuple):
    indicator: str
    op: str
    value: float
    unit: str
    text: str


class Task(NamedTuple):
    id: int
    category: str
    name: str
    deadline: DueSpec
    lead: list[str]
    responsible: list[str]
    open_ended: bool
    leaders: list[str]
    milestones: list[Milestone]
    targets: list[Target]

    @property
    def responsible_text(self) -> str:
        """The 责任单位 cell as the document writes it, ending in 等相关单位 where it does."""
        return "、".join(self.responsible) + ("等相关单位" if self.open_ended else "")


class TasksFile(NamedTuple):
    plan: PlanInfo
    categories: list[str]
    tasks: list[Task]


class Member(NamedTuple):
    name: str
    role: str
    position: str
    unit: str


class Office(NamedTuple):
    host: str
    director: str
    concurrent: bool
    issuer: str | None = None
    code: str | None = None
    number: int | None = None
    signer: str | None = None
    contact: str | None = None
    phone: str | None = None
    review: str | None = None  # "required": a unit's done counts once the office accepts it
    accounts: list[str] | tuple[str, ...] = ()  # hosting handles (codeowners.py)


class Group(NamedTuple):
    name: str
    members: list[Member]
    office: Office | None


class Notice(NamedTuple):
    issuer: str
    issued: date
    cc: list[str]


class Unit(NamedTuple):
    name: str
    aliases: list[str]
    kind: str
    accounts: list[str] | tuple[str, ...] = ()  # hosting handles (codeowners.py)


class Collective(NamedTuple):
    name: str
    members: list[str]


class OtherLeader(NamedTuple):
    name: str


class GroupFile(NamedTuple):
    group: Group
    notice: Notice | None
    units: list[Unit]
    collectives: list[Collective]
    other_leaders: list[OtherLeader]


def task(data: Data) -> Task:
    milestones = [
        Milestone(
            _due(m["due"]) if m["due"] is not None else None,
            m["text"],
            date.fromisoformat(m["from_"]) if m.get("from_") else None,
        )
        for m in data["milestones"]
    ]
    return Task(
        data["id"],
        data["category"],
        data["name"],
        _due(data["deadline"]),
        data["lead"],
        data["responsible"],
        data["open_ended"],
        data["leaders"],
        milestones,
        [Target(**target) for target in data["targets"]],
    )


def tasks_file(data: Data) -> TasksFile:
    info = data["plan"]
    issued = date.fromisoformat(info["issued"])
    plan = PlanInfo(info["title"], info["year"], info["issuer"], issued, info.get("workdays", "cn"))
    return TasksFile(plan, data["categories"], [task(t) for t in data["tasks"]])


def group_file(data: Data) -> GroupFile:
    group, notice, office = data["group"], data["notice"], data["group"]["office"]
    return GroupFile(
        Group(
            group["name"],
            [Member(**member) for member in group["members"]],
            Office(**office) if office else None,
        ),
        Notice(notice["issuer"], date.fromisoformat(notice["issued"]), notice["cc"])
        if notice
        else None,
        [Unit(**unit) for unit in data["units"]],
        [Collective(**collective) for collective in data["collectives"]],
        [OtherLeader(**leader) for leader in data["other_leaders"]],
    )


class Withdrawn(NamedTuple):
    """The entry an undo names: its event, its date and, when it has one, its stamp."""

    event: str
    date: date
    recorded: str | None


class Event(NamedTuple):
    """One line of the progress log; `milestone` and `step` for done, reopen and note,
    `task`, `indicator`, `value` and `target` for record; a reanchor or an undo has a
    milestone and step, or a task, indicator and target; an undo names what it `withdraws`."""

    event: str
    date: date
    by: str | None
    note: str | None
    milestone: str | None = None
    task: int | None = None
    indicator: str | None = None
    value: float | None = None
    step: str | None = None  # fingerprints: anchor.py
    target: str | None = None
    recorded: str | None = None  # when ecotask wrote it, ISO with offset
    evidence: list[str] | None = None  # 佐证材料
    withdraws: Withdrawn | None = None  # an undo's
    to: Day | None = None  # an extension's new due date
    approved_by: str | None = None  # who approved the extension


def _event(e: Data) -> Event:
    gone = e.get("withdraws")
    withdrawn = (
        Withdrawn(gone["event"], date.fromisoformat(gone["date"]), gone["recorded"])
        if gone
        else None
    )
    extra = {"to": date.fromisoformat(e["to"])} if e.get("to") else {}
    return Event(**{**e, "date": date.fromisoformat(e["date"]), "withdraws": withdrawn, **extra})


def events(data: Data) -> list[Event]:
    return [_event(e) for e in data["events"]]
