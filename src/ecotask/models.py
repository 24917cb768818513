"""Schemas of the two data files; their field descriptions become the files' JSON Schema."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
)

from . import bounds
from .dates import DueSpec, parse_due, parse_iso_date
from .errors import brief
from .i18n import N_, _
from .letterhead import MAX_NUMBER, code_problem, phone_problem
from .text import canonical, name_problem


def _due(value: Any) -> DueSpec:
    if isinstance(value, DueSpec):
        return value
    if not isinstance(value, str):
        raise ValueError(
            _(
                "expected a date phrase such as 8月底 or an ISO date such as 2017-08-31, "
                "got {value} (quote it if it is meant as text)"
            ).format(value=brief(value))
        )
    return parse_due(value)


def _deadline(value: Any) -> DueSpec:
    """A task's deadline is a date: not a duty that recurs nor a count of working days."""
    spec = _due(value)
    if spec.every is not None or spec.workdays is not None:
        raise ValueError(
            _(
                "{value} is not a date: a deadline names one (12月底, 2017-12-31); "
                "recurring duties and working days go in a step's `due`"
            ).format(value=brief(spec.phrase))
        )
    return spec


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode's Cc: C0, DEL and C1


def _text(value: str) -> str:
    """One line of printable text: control characters would reach the user's terminal."""
    if not value:
        raise ValueError(_("must not be empty"))
    if value != value.strip():
        raise ValueError(_("{value} must not start or end with spaces").format(value=brief(value)))
    if found := _CONTROL.search(value):
        char = found.group()
        if char in "\r\n":  # pasted from a document, most likely
            raise ValueError(
                _("{value} contains a line break: write it on one line").format(value=brief(value))
            )
        if char == "\t":
            raise ValueError(
                _("{value} contains a tab: write a space instead").format(value=brief(value))
            )
        raise ValueError(
            _("{value} contains the control character {char}").format(
                value=brief(value), char=f"U+{ord(char):04X}"
            )
        )
    return value


@lru_cache(maxsize=4096)  # a plan names the same units and leaders over and over
def _name(value: str) -> str:
    """A name is compared with others, so it must read as what it is: nothing invisible, no
    look-alike characters, and in the form names are compared in."""
    if problem := name_problem(_text(value)):
        raise ValueError(f"{brief(value)} {problem}")
    return canonical(value)


def _checked(value: str, problem: Callable[[str], str | None]) -> str:
    if found := problem(_name(value)):
        raise ValueError(f"{brief(value)} {found}")
    return canonical(value)


def _iso(value: Any) -> date:
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        day = parse_iso_date(value)
    else:
        raise ValueError(_("expected a date as YYYY-MM-DD, got {value}").format(value=brief(value)))
    if problem := bounds.year_problem(day.year):
        raise ValueError(
            _("{value} names {problem}").format(value=day.isoformat(), problem=problem)
        )
    return day


def _number(value: Any) -> int | float:
    """A whole number in the 64-bit range or a finite float: what is kept exactly."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(_("expected a number, got {value}").format(value=brief(value)))
    problem = bounds.int_problem(value) if isinstance(value, int) else bounds.float_problem(value)
    if problem:
        raise ValueError(problem)
    return value


_DUE_EXAMPLES = ["8月底", "8月底前", "9月", "6到12月", "6月30日前", "2017-08-31"]
Due = Annotated[
    DueSpec,
    PlainValidator(_due),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {"type": "string", "examples": [*_DUE_EXAMPLES, "每月10日前", "每季度末", "10个工作日内"]}
    ),
]
Deadline = Annotated[
    DueSpec,
    PlainValidator(_deadline),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": _DUE_EXAMPLES}),
]
IsoDate = Annotated[
    date,
    PlainValidator(_iso),
    PlainSerializer(date.isoformat, return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Number = Annotated[int | float, PlainValidator(_number), WithJsonSchema({"type": "number"})]
TaskId = Annotated[int, Field(ge=1, le=bounds.INT_MAX)]
Name = Annotated[str, Field(min_length=1), AfterValidator(_name)]
# Free text, read but never compared: invisible characters in it are warned about (checks.py)
Line = Annotated[str, Field(min_length=1), AfterValidator(_text)]
Code = Annotated[str, Field(min_length=1), AfterValidator(lambda v: _checked(v, code_problem))]
Phone = Annotated[str, Field(min_length=1), AfterValidator(lambda v: _checked(v, phone_problem))]
UnitKind = Literal[
    "government", "office", "party", "bureau", "agency", "town", "street", "mass_org"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# tasks.yaml


class PlanInfo(_Model):
    title: Name = Field(description="The table's title as printed.")
    year: int = Field(
        ge=bounds.FIRST_YEAR,
        le=bounds.LAST_YEAR,
        description="The year that date phrases without one mean.",
    )
    issuer: Name = Field(description="Who issued the document.")
    issued: IsoDate = Field(description="The date the document was issued (印发).")
    workdays: Literal["cn", "mon-fri"] = Field(
        "cn",
        description="How working days (N个工作日内) are counted: cn, the official calendar with "
        "its holidays and make-up days (调休); mon-fri, Monday to Friday.",
    )


class Milestone(_Model):
    due: Due | None = Field(
        None,
        description="When the step falls due: the document's phrase (8月底, 9月, 6到12月, "
        "2017年11月底, 6月30日前) or an ISO date; a recurring duty (每月10日前, 每月底, 每季度末, "
        "每季度首月10日前, 每半年, 每年6月底), one occurrence a period up to the task's deadline; "
        "or working days (10个工作日内) after the step before (the first: after the plan is "
        "issued). Omitted: at the task's deadline.",
    )
    from_: IsoDate | None = Field(
        None,
        alias="from",
        description="A recurring step's first period: its occurrences fall due after this "
        "date. Omitted: after the plan is issued.",
    )
    text: Line = Field(description="The step, verbatim from the 任务分解 cell.")


class Target(_Model):
    indicator: Name = Field(description="What is measured, e.g. 单位地区生产总值能耗.")
    op: Literal["<=", ">=", "="] = Field(
        description="How a measured value meets the target: at most, at least, or exactly."
    )
    value: Number = Field(description="The target value, e.g. 0.70.")
    unit: str = Field(
        "", description="The unit of measure as the document writes it, e.g. 吨标煤/万元 or %."
    )
    text: Line = Field(
        description="The document's wording of the target: part of one of the task's steps."
    )


class Task(_Model):
    id: TaskId = Field(description="The task's number (序号).")
    category: Name = Field(description="The category heading the task stands under.")
    name: Name = Field(description="The task's name (任务名称).")
    deadline: Deadline = Field(description="The task's deadline (完成时限), e.g. 2017年11月.")
    lead: list[Name] = Field(min_length=1, description="Lead units (牵头单位).")
    responsible: list[Name] = Field(default=[], description="Responsible units (责任单位).")
    open_ended: bool = Field(
        False, description="True when the responsible list ends with 等相关单位 (and others)."
    )
    leaders: list[Name] = Field(min_length=1, description="District leaders in charge (分管领导).")
    milestones: list[Milestone] = Field(
        min_length=1, description="The 任务分解 cell's steps, in the document's order."
    )
    targets: list[Target] = Field(
        default=[], description="The quantitative targets the steps state (阶段性量化指标)."
    )


class TasksFile(_Model):
    plan: PlanInfo
    categories: list[Name] = Field(min_length=1, description="Category headings, in order.")
    tasks: list[Task] = Field(min_length=1)


# group.yaml


class Member(_Model):
    name: Name
    role: Literal["组长", "副组长", "成员"] = Field(description="The member's place in the group.")
    position: Name = Field(description="The position as the roster prints it.")
    unit: Name = Field(description="The unit of that position: a name in `units`.")


Account = Annotated[
    str,
    Field(
        pattern=r"^@[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$",
        description="A handle on the git hosting: @user, or @org/team.",
    ),
]


class Office(_Model):
    host: Name = Field(description="The unit that hosts the group's office.")
    director: Name = Field(description="The office's director: a member of the group.")
    concurrent: bool = Field(False, description="The director holds the post concurrently (兼).")
    # What the office's documents (通报, 督办通知单) print; each may also be given as an option.
    issuer: Name | None = Field(
        None,
        description="The issuing authority (发文机关) as the red masthead and the signature print "
        "it. Omitted: the group's name followed by 办公室.",
    )
    code: Code | None = Field(
        None,
        description="The authority's code (机关代字) in the document number, e.g. 双生态办 in "
        "双生态办〔2017〕6号. Omitted: the document number is left out.",
    )
    number: int | None = Field(
        None,
        ge=1,
        le=MAX_NUMBER,
        description="The 通报's serial number (序号) in its document number. Omitted: the "
        "report's month.",
    )
    signer: Name | None = Field(
        None, description="Who signs the document off (签发人), printed beside its number."
    )
    accounts: list[Account] = Field(
        default=[],
        description="Who may approve changes to the plan and the office's progress.yaml on the "
        "git hosting (`ecotask codeowners`).",
    )
    review: Literal["required"] | None = Field(
        None,
        description="required: a unit's `done` (by: UNIT) is reported (已报送), not done, until "
        "the office accepts it (`ecotask accept`, 销号) or returns it (`ecotask return`, 退回). "
        "Omitted: a done counts as soon as it is recorded.",
    )
    contact: Name | None = Field(None, description="The contact person (联系人) for questions.")
    phone: Phone | None = Field(None, description="The contact's telephone (联系电话).")


class Group(_Model):
    name: Name
    members: list[Member] = Field(min_length=1, description="组长, 副组长 and 成员, in order.")
    office: Office | None = None


class Notice(_Model):
    issuer: Name
    issued: IsoDate
    cc: list[Name] = Field(default=[], description="The distribution list (抄送), as printed.")


class Unit(_Model):
    name: Name = Field(description="The canonical name, as the task table writes it.")
    aliases: list[Name] = Field(default=[], description="Other names the document uses.")
    kind: UnitKind
    accounts: list[Account] = Field(
        default=[],
        description="Who may approve changes to the unit's progress/UNIT.yaml on the git "
        "hosting (`ecotask codeowners`).",
    )


class Collective(_Model):
    name: Name = Field(description="A name that stands for several units, e.g. 各街镇.")
    members: list[Name] = Field(min_length=1, description="The units it stands for.")


class OtherLeader(_Model):
    name: Name = Field(description="A leader in charge of tasks who is not on the roster.")


class GroupFile(_Model):
    group: Group
    notice: Notice | None = None
    units: list[Unit] = Field(min_length=1, description="Every unit named in either file, once.")
    collectives: list[Collective] = []
    other_leaders: list[OtherLeader] = []


# progress.yaml

MilestoneRef = Annotated[
    str,
    Field(
        pattern=r"^[0-9]+\.[0-9]+(@[0-9]{4}-[0-9]{2}-[0-9]{2})?$",
        description='A milestone as TASK.K, quoted: "2.1"; an occurrence of a recurring step '
        'with its due date: "4.4@2017-04-10".',
    ),
]


_EXPECTED_DATETIME = N_("expected a datetime as 2017-07-03T09:30:00+08:00, got {value}")


def _recorded(value: Any) -> str:
    from datetime import datetime

    if isinstance(value, datetime):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError(_(_EXPECTED_DATETIME).format(value=brief(value)))
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(_(_EXPECTED_DATETIME).format(value=brief(value))) from None
    if stamp.tzinfo is None:
        raise ValueError(_("{value} needs its UTC offset, e.g. +08:00").format(value=brief(value)))
    return value


Recorded = Annotated[
    str, PlainValidator(_recorded), WithJsonSchema({"type": "string", "format": "date-time"})
]
Evidence = Annotated[
    list[Line],
    Field(
        min_length=1,
        description="佐证材料: files (relative to the data folder, or absolute) or URLs that "
        "bear the entry out.",
    ),
]


class _Event(_Model):
    # Built when progress.yaml is first validated: most data folders have none.
    model_config = ConfigDict(defer_build=True)

    date: IsoDate = Field(description="When it happened.")
    by: Name | None = Field(None, description="The unit that reports it.")
    note: Line | None = None
    recorded: Recorded | None = Field(
        None,
        description="When ecotask wrote the entry: an ISO datetime in local time with its UTC "
        "offset, e.g. 2017-07-03T09:30:00+08:00. The log is kept in the order entries were "
        "recorded. Omitted (an entry written by hand): its place in the log stands for it.",
    )


Fingerprint = Annotated[
    str,
    Field(
        pattern=r"^[0-9a-f]{8}$",
        description="A fingerprint of the text the entry was recorded against, written by "
        "ecotask: the first 8 hex digits of the SHA-256 of the text's UTF-8, after Unicode NFC, "
        "every run of whitespace made one space and the ends stripped. Quote it when it is all "
        "digits. Omitted (an entry written by hand): the entry is taken on trust.",
    ),
]
StepFingerprint = Annotated[
    Fingerprint | None, Field(description="The step's text when the entry was recorded.")
]
TargetFingerprint = Annotated[
    Fingerprint | None,
    Field(description="The target's `text` (its wording) when the entry was recorded."),
]


class Done(_Event):
    event: Literal["done"]
    milestone: MilestoneRef
    step: StepFingerprint = None
    evidence: Evidence | None = None


class Reopen(_Event):
    event: Literal["reopen"]
    milestone: MilestoneRef
    step: StepFingerprint = None


class Record(_Event):
    event: Literal["record"]
    task: TaskId = Field(description="The task (序号) whose target was measured.")
    indicator: Name = Field(description="Which of the task's targets.")
    value: Number = Field(description="The measured value, in the target's unit.")
    target: TargetFingerprint = None
    evidence: Evidence | None = None


class Note(_Event):
    """进展情况: how a step stands, open or done; it changes no state."""

    event: Literal["note"]
    milestone: MilestoneRef
    step: StepFingerprint = None
    note: Line = Field(description="The progress (进展情况), in the office's words.")
    evidence: Evidence | None = None


class Withdrawn(_Model):
    """Which entry an undo withdraws: the latest entry before the undo, still in force, of
    its `milestone` (or `task` and `indicator`) with this event and date, and this `recorded`
    stamp when the withdrawn entry has one."""

    event: Literal["done", "reopen", "record", "note", "accept", "return", "extend"]
    date: IsoDate
    recorded: Recorded | None = None


class Reanchor(_Event):
    """The office confirms (确认) that a step's or target's text was changed on purpose: the
    entries before it for that step or target are read against its fingerprint."""

    event: Literal["reanchor"]
    milestone: MilestoneRef | None = Field(
        None, description="The step confirmed, with its `step`; or else `task` and `indicator`."
    )
    step: StepFingerprint = None
    task: TaskId | None = Field(
        None, description="The task whose target is confirmed, with `indicator`."
    )
    indicator: Name | None = Field(None, description="Which of its targets, with `target`.")
    target: TargetFingerprint = None


class Undo(_Event):
    """A correction: the entry it names counts for nothing, as of any date; the log keeps
    both. `date` is the day it was withdrawn."""

    event: Literal["undo"]
    milestone: MilestoneRef | None = Field(
        None, description="The step of the withdrawn entry; or else `task` and `indicator`."
    )
    step: StepFingerprint = None
    task: TaskId | None = Field(None, description="The task of a withdrawn record.")
    indicator: Name | None = Field(None, description="The target of a withdrawn record.")
    target: TargetFingerprint = None
    withdraws: Withdrawn = Field(description="The entry withdrawn.")


class Accept(_Event):
    """销号: the office accepts a unit's report that the step is done; with review required,
    the step is done from then, as of the report's date."""

    event: Literal["accept"]
    milestone: MilestoneRef
    step: StepFingerprint = None


class Return(_Event):
    """退回: the office returns a unit's report; the step is open again, the reason shown."""

    event: Literal["return"]
    milestone: MilestoneRef
    step: StepFingerprint = None
    note: Line = Field(description="Why it was returned (退回理由).")


class Extend(_Event):
    """延期: an approved new deadline for a step; from `date` on, its light and whether it is
    overdue follow `to`, while show, the report and the export keep the original beside it."""

    event: Literal["extend"]
    milestone: MilestoneRef
    step: StepFingerprint = None
    to: IsoDate = Field(description="The new due date.")
    note: Line = Field(description="Why (延期理由).")
    approved_by: Name = Field(description="Who approved it (批准人).")


Event = Annotated[
    Done | Reopen | Record | Reanchor | Note | Undo | Accept | Return | Extend,
    Field(discriminator="event"),
]


class ProgressFile(_Model):
    model_config = ConfigDict(defer_build=True)  # as _Event's

    events: list[Event] = Field(
        default=[], description="The log, in the order entries were recorded; append only."
    )


SCHEMAS: dict[str, type[BaseModel]] = {
    "tasks": TasksFile,
    "group": GroupFile,
    "progress": ProgressFile,
}


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of one data file, for editors' YAML language servers."""
    model = SCHEMAS[name]
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": f"ecotask {name}.yaml",
    }
