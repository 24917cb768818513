"""Commands that follow the plan up: record progress, and see targets and each task's light."""

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .. import bounds
from ..i18n import N_, _
from .common import (
    AheadOption,
    AsOfOption,
    DataOption,
    ForceOption,
    JsonOption,
    LeaderFilter,
    LimitOption,
    OutputOption,
    UnitFilter,
    app,
    chosen_tasks,
    complete_units,
    open_data,
    print_json,
    respond,
)
from .documents import (
    CodeOption,
    ContactOption,
    IssuerOption,
    PhoneOption,
    TemplateOption,
    chosen_format,
    number_option,
)

if TYPE_CHECKING:
    from ..plan import Plan
    from ..recording import Entry

T = TypeVar("T")
RED_AFTER = 30  # days: a month late

OnOption = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="When it happened, as --as-of reads dates (7/1: in the plan's year); not after "
        "today without --force. Default: today.",
        show_default=False,
    ),
]
ByOption = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="UNIT",
        help="The unit that reports it: the entry goes to its own file, progress/UNIT.yaml.",
        autocompletion=complete_units,
    ),
]
NoteOption = Annotated[str | None, typer.Option("--note", metavar="TEXT", help="A remark.")]
EvidenceOption = Annotated[
    list[str] | None,
    typer.Option(
        "--evidence",
        metavar="PATH|URL",
        help="佐证材料: a file (relative to the data folder) or a URL; once or more.",
        show_default=False,
    ),
]
IndicatorOption = Annotated[
    str | None,
    typer.Option(
        "--indicator",
        "-i",
        metavar="NAME",
        help="Which target, when the task has several (a unique part will do).",
    ),
]
RefArgument = Annotated[
    str,
    typer.Argument(
        metavar="TASK.K",
        help="The milestone: 2.1 is task 2's first step; 4.4@2017-04-10 (or 4.4@2017-04) an "
        "occurrence of a recurring one.",
    ),
]


def _on(help: str) -> Any:
    return typer.Option("--on", metavar="DATE", help=help, show_default=False)


def _within(help: str) -> Any:
    return typer.Option("--within", metavar="DAYS", min=0, max=bounds.MAX_DAYS, help=help)


def _append(
    data: Path | None, build: Callable[["Plan"], tuple[T, "Entry"]], ahead: bool
) -> tuple[T, "Entry", str]:
    """Build an event from the plan and append it to the log, holding the log's lock from
    before the plan is read: what the checks saw is what the event is appended to."""
    from .. import recording
    from ..load import find_data_dir

    data_dir = find_data_dir(data, writing=True)
    with recording.turn(data_dir):
        result, event = build(open_data(data))
        recording.not_ahead([event], ahead)
        return result, event, recording.append(data_dir, event)


@app.command(
    epilog='Example: ecotask done 2.1 --on 2017-06-28 --by 区国土分局 --note "资料收集完成"'
)
def done(
    ref: RefArgument,
    on: OnOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    ahead: AheadOption = False,
    evidence: EvidenceOption = None,
    data: DataOption = None,
) -> None:
    """Record that a milestone is done, in progress.yaml (created on first use). --by must
    be a unit with a part in the task."""
    from .. import recording

    step, event, shown = _append(
        data, lambda plan: recording.done(plan, ref, on, by, note, evidence), ahead
    )
    said = (
        _("{ref} done on {date} (late), due {due}: recorded in {file}")
        if event["date"] > step.due
        else _("{ref} done on {date}, due {due}: recorded in {file}")
    )
    print(said.format(ref=step.ref, date=event["date"], due=step.due, file=shown))


@app.command(epilog="Example: ecotask accept 2.1")
def accept(
    ref: RefArgument,
    on: Annotated[str | None, _on("When it was accepted. Default: today.")] = None,
    note: NoteOption = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Accept (销号) a unit's report that a milestone is done: with review required
    (group.yaml office.review), it counts as done, as of the report's date, from then."""
    (step, report), event, shown = _review(data, "accept", ref, on, note, ahead)
    print(
        _("{ref} accepted on {date}: done on {done} by {unit}; recorded in {file}").format(
            ref=step.ref, date=event["date"], done=report.date, unit=report.by, file=shown
        )
    )


@app.command("return", epilog='Example: ecotask return 2.1 --reason "佐证材料不全"')
def return_(
    ref: RefArgument,
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why (退回理由), shown with the step.")
    ],
    on: Annotated[str | None, _on("When it was returned. Default: today.")] = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Return (退回) a unit's report that a milestone is done: the step is open again, the
    reason shown with it, until the unit reports it again."""
    (step, report), event, shown = _review(data, "return", ref, on, reason, ahead)
    print(
        _("{ref} returned to {unit} on {date}: recorded in {file}").format(
            ref=step.ref, unit=report.by, date=event["date"], file=shown
        )
    )


def _review(
    data: Path | None, kind: str, ref: str, on: str | None, note: str | None, ahead: bool
) -> tuple[tuple[Any, Any], "Entry", str]:
    from .. import recording

    return _append(data, lambda plan: _pair(recording.review(plan, kind, ref, on, note)), ahead)


@app.command(
    epilog="Example: ecotask extend 2.2 --to 2017-12-31 --reason 省厅调整部署 --approved-by 李吉峰"
)
def extend(
    ref: RefArgument,
    to: Annotated[str, typer.Option("--to", metavar="DATE", help="The new due date.")],
    reason: Annotated[str, typer.Option("--reason", metavar="TEXT", help="Why (延期理由).")],
    approved_by: Annotated[
        str, typer.Option("--approved-by", metavar="NAME", help="Who approved it (批准人).")
    ],
    on: Annotated[str | None, _on("When it was approved. Default: today.")] = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Record an approved extension (延期) of a milestone's due date: from --on, its light and
    whether it is overdue follow the new date; show, the report and the export keep the
    original beside it."""
    from .. import recording

    (step, was), event, shown = _append(
        data,
        lambda plan: _pair(recording.extend(plan, ref, to, reason, approved_by, on)),
        ahead,
    )
    print(
        _("{ref} extended from {was} to {to}: recorded in {file}").format(
            ref=step.ref, was=was, to=event["to"], file=shown
        )
    )


def _pair(built: tuple[Any, "Entry", Any]) -> tuple[tuple[Any, Any], "Entry"]:
    first, entry, last = built
    return (first, last), entry


@app.command(epilog='Example: ecotask reopen 2.1 --note "资料需补充"')
def reopen(
    ref: RefArgument,
    on: OnOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Record that a milestone done before is open again from a date (--on, default today):
    as of that date every view shows it open. The log keeps both entries; to withdraw an
    entry made by mistake, use undo."""
    from .. import recording

    step, event, shown = _append(
        data, lambda plan: recording.reopen(plan, ref, on, by, note), ahead
    )
    said = _("{ref} reopened on {date}: recorded in {file}")
    print(said.format(ref=step.ref, date=event["date"], file=shown))


@app.command(epilog="Example: ecotask record 4 0.72 --on 2017-06-30")
def record(
    task: Annotated[
        int, typer.Argument(metavar="TASK", min=1, max=bounds.INT_MAX, help="The task (序号).")
    ],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The measured value.")],
    indicator: IndicatorOption = None,
    on: OnOption = None,
    by: ByOption = None,
    note: NoteOption = None,
    ahead: AheadOption = False,
    evidence: EvidenceOption = None,
    data: DataOption = None,
) -> None:
    """Record a measured value of one of a task's quantitative targets."""
    from .. import recording

    _none, event, shown = _append(
        data,
        lambda plan: (None, recording.record(plan, task, value, indicator, on, by, note, evidence)),
        ahead,
    )
    print(
        _("task {task} {indicator} = {value} on {date}: recorded in {file}").format(
            task=task,
            indicator=event["indicator"],
            value=event["value"],
            date=event["date"],
            file=shown,
        )
    )


@app.command(
    epilog='Example: ecotask note 2.1 "已完成资料收集，正在编制方案" --evidence 佐证/2.1.pdf'
)
def note(
    ref: RefArgument,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="How the step stands (进展情况).")],
    on: OnOption = None,
    by: ByOption = None,
    evidence: EvidenceOption = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Record how a milestone stands (进展情况), open or done; the latest note shows in show,
    unit, the report and the export. It changes no state."""
    from .. import recording

    step, event, shown = _append(
        data, lambda plan: recording.note(plan, ref, text, on, by, evidence), ahead
    )
    print(
        _("{ref} noted on {date}: recorded in {file}").format(
            ref=step.ref, date=event["date"], file=shown
        )
    )


@app.command(epilog="Examples: ecotask undo 2.2; ecotask undo")
def undo(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[TASK.K|TASK]",
            help="Whose latest entry: a step (2.1), or a task's targets (4). Default: the "
            "latest entry of all.",
            show_default=False,
        ),
    ] = None,
    on: Annotated[
        str | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help="When it was withdrawn. Default: today.",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="UNIT",
            help="Withdraw the unit's own latest entry, in its file progress/UNIT.yaml.",
            autocompletion=complete_units,
        ),
    ] = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Withdraw the latest entry (done, reopen, record or note) still in force.

    Of a step or task when given, by a unit when given. An undo entry naming it (by its
    step or target, event, date and recorded stamp) is appended, so the log keeps what
    happened, and the entry counts for nothing in any view as of any date. `ecotask log`
    shows both."""
    from .. import recording

    found, _event, shown = _append(data, lambda plan: recording.undo(plan, ref, on, by), ahead)
    about = found.milestone or _("task {task} {indicator}").format(
        task=found.task, indicator=found.indicator
    )
    said = _(_WITHDRAWN[found.event])
    print(said.format(about=about, date=found.date, file=shown))


# The answer of undo, by the kind of entry withdrawn (recording.UNDOABLE).
_WITHDRAWN = {
    "done": N_("{about}: the done entry dated {date} is withdrawn: recorded in {file}"),
    "reopen": N_("{about}: the reopen entry dated {date} is withdrawn: recorded in {file}"),
    "record": N_("{about}: the value recorded on {date} is withdrawn: recorded in {file}"),
    "note": N_("{about}: the note dated {date} is withdrawn: recorded in {file}"),
    "accept": N_("{about}: the acceptance dated {date} is withdrawn: recorded in {file}"),
    "return": N_("{about}: the return dated {date} is withdrawn: recorded in {file}"),
    "extend": N_("{about}: the extension dated {date} is withdrawn: recorded in {file}"),
}


@app.command("log", epilog="Examples: ecotask log 2.2; ecotask log --json")
def log_(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="[TASK.K|TASK]",
            help="Only a step's entries (2.1), or a task's targets' (4).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """The progress log as it was recorded, oldest first: 日期, 记录时间, 事项, 节点, 单位 and
    说明, withdrawn entries marked 已撤回."""
    from ..history import history
    from ..recording import subject as parse_subject
    from ..render import history as render

    plan = open_data(data)
    subject = parse_subject(plan, ref)
    rows = history(plan, subject)
    if as_json:
        print_json(render.document(rows, subject))
    elif not rows:
        if subject is None:
            print(_("No entries in the log."))
        elif isinstance(subject, int):
            print(_("No entries in the log for task {task}.").format(task=subject))
        else:
            print(_("No entries in the log for milestone {ref}.").format(ref=subject))
    else:
        from .common import print_table

        whose = f"（{subject}）" if subject is not None else ""
        print_table(render.table(rows, f"进展记录{whose}：{len(rows)} 条"))


@app.command(
    short_help="Confirm (确认) that a step's text, or a target's, was changed on purpose.",
    epilog='Examples: ecotask reanchor 1.2 --note "按区政府通知修改"; '
    "ecotask reanchor 4 --indicator 能耗",
)
def reanchor(
    refs: Annotated[
        list[str],
        typer.Argument(
            metavar="TASK.K|TASK...",
            help="The steps whose text was changed (2.1), or the tasks whose target was: "
            "all at once when several were.",
            show_default=False,
        ),
    ],
    indicator: IndicatorOption = None,
    on: OnOption = None,
    note: NoteOption = None,
    ahead: AheadOption = False,
    data: DataOption = None,
) -> None:
    """Confirm (确认) that a step's text, or a target's, was changed on purpose in tasks.yaml:
    the progress recorded for it before then counts for it as it reads now. Each progress
    entry keeps a fingerprint of the text it was recorded against; when that text changes,
    validate and every query stop with an error rather than credit another step. This appends
    a reanchor entry to progress.yaml, so the history is kept."""
    from .. import recording
    from ..load import find_data_dir

    folder = find_data_dir(data, writing=True)
    with recording.turn(folder):
        confirmed = recording.reanchor(folder, refs, indicator, on, note)
        recording.not_ahead([event for _shown, event in confirmed], ahead)
        path = recording.append(folder, *(event for _shown, event in confirmed))
    for shown, event in confirmed:
        print(
            _("{ref} reanchored on {date} to its text as it reads now: recorded in {file}").format(
                ref=shown, date=event["date"], file=path
            )
        )


@app.command(epilog="Example: ecotask targets --as-of 2017-12-31")
def targets(
    as_of: AsOfOption = "today", data: DataOption = None, as_json: JsonOption = False
) -> None:
    """Every quantitative target with its latest measured value as of a date, and whether it
    is met (— when nothing is recorded yet)."""
    from ..dates import parse_date
    from ..progress import targets as target_statuses

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    rows = target_statuses(plan, day)
    respond(as_json, "progress", "targets", rows, day)


@app.command(epilog="Example: ecotask status --as-of 2017-06-20")
def status(
    as_of: AsOfOption = "today",
    within: Annotated[int, _within("A step due this many days ahead makes a task yellow.")] = 15,
    unit: UnitFilter = None,
    leader: LeaderFilter = None,
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """One row per task with its light: red (a step overdue), yellow (one due within DAYS),
    green (on track) or done (every step done), and the count of each."""
    from ..dates import parse_date
    from ..progress import statuses
    from ..queries import narrowed

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    rows = statuses(narrowed(plan, chosen_tasks(plan, unit, leader)), day, within)
    respond(as_json, "progress", "statuses", rows, day, within, limit=limit)


@app.command(
    epilog="Examples: ecotask remind --within 10 --as-of 2017-06-20; "
    "ecotask remind --as-of 2017-06-20 -o 督办单.docx"
)
def remind(
    within: Annotated[int, _within("How many days ahead to look.")] = 15,
    as_of: AsOfOption = "today",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="text|docx",
            help="text, or docx: one 督办通知单 per lead unit with steps overdue or due within "
            "DAYS, coloured 蓝 (due within DAYS), 黄 (overdue) or 红 (overdue more than "
            "--red-after days); needs -o. Default: -o FILE's extension, else text.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    red_after: Annotated[
        int,
        typer.Option(
            "--red-after",
            metavar="DAYS",
            min=1,
            max=bounds.MAX_DAYS,
            help="A step overdue more than this many days makes a notice red (黄 up to it).",
        ),
    ] = RED_AFTER,
    feedback: Annotated[
        int,
        typer.Option(
            "--feedback",
            metavar="DAYS",
            min=0,
            max=bounds.MAX_DAYS,
            help="反馈时限: the units report back within this many days of the notice.",
        ),
    ] = 5,
    template: TemplateOption = None,
    issuer: IssuerOption = None,
    code: CodeOption = None,
    number: Annotated[
        int | None, number_option("The first notice's serial number in its 编号. Default: 1.")
    ] = None,
    contact: ContactOption = None,
    phone: PhoneOption = None,
    unit: UnitFilter = None,
    leader: LeaderFilter = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """The steps overdue and those falling due in the next DAYS, under each lead unit, as
    text ready to paste into a notice, or as the three-colour 督办通知单 (--format docx).

    Overdue steps come first, the most overdue first, each with its days overdue; then the
    steps not yet done that fall due within DAYS. As docx, one notice per lead unit with
    steps overdue or due within DAYS."""
    from ..dates import parse_date

    chosen = chosen_format(fmt, output, ("text", "docx"), "text")
    if chosen == "docx":
        if as_json:
            raise typer.BadParameter(_("--json is for text, not docx"), param_hint="--json")
        _notices(
            as_of, within, red_after, feedback, output, force, template, data,
            dict(issuer=issuer, code=code, contact=contact, phone=phone, given_number=number or 1),
            (unit, leader),
        )  # fmt: skip
        return
    if template is not None or output is not None:
        raise typer.BadParameter(
            _("-o and --template are for --format docx"), param_hint="--format"
        )
    from ..progress import step_statuses, upcoming
    from ..queries import by_lead_unit, late_steps, only

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    ids = chosen_tasks(plan, unit, leader)
    late = by_lead_unit(plan, late_steps(step_statuses(plan, day), ids))
    soon = {
        name: kept
        for name, steps in upcoming(plan, day, within).items()
        if (kept := only(steps, ids, lambda m: m.task))
    }
    if as_json:
        from ..render.json import reminders

        document = reminders(late, soon, day, within)
        if unit is not None:
            document["parts_owed"] = [s.ref for s in _owed(plan, unit, day, within)]
        print_json(document)
    else:
        from ..render.remind import text
        from ..render.table import terminal_width

        sys.stdout.write(text(late, soon, day, within, width=terminal_width()))
        if unit is not None:
            sys.stdout.write(_owed_text(plan, unit, day, within))


def _owed(plan: "Plan", unit: str, day: Any, within: int) -> list[Any]:
    """The steps overdue or due within DAYS whose part the unit still owes (parts.py)."""
    from datetime import timedelta

    from ..names import resolve_unit
    from ..parts import owed
    from ..progress import step_statuses

    horizon = day + timedelta(days=within)
    steps = [s for s in step_statuses(plan, day) if s.due <= horizon]
    return sorted(owed(plan, resolve_unit(plan, unit), steps), key=lambda s: (s.due, s.ref))


def _owed_text(plan: "Plan", unit: str, day: Any, within: int) -> str:
    from ..names import resolve_unit

    name = resolve_unit(plan, unit)
    rows = _owed(plan, unit, day, within)
    if not rows:
        return f"\n{name}没有待报送的分项。\n"
    lines = [f"\n{name}待报送的分项（{len(rows)} 项，截至{day}）："]
    for s in rows:
        late = f"，逾期{s.days_late}天" if s.days_late else ""
        lines.append(f"  {s.ref} {s.due}{late}：{s.milestone.milestone.text}")
    return "\n".join(lines) + "\n"


def _notices(
    as_of: str,
    within: int,
    red_after: int,
    feedback: int,
    output: Path | None,
    force: bool,
    template: Path | None,
    data: Path | None,
    given: dict[str, Any],
    only: tuple[str | None, str | None],
) -> None:
    from datetime import timedelta

    from ..dates import parse_date
    from ..letterhead import letterhead
    from ..output import emit
    from ..render.remind import no_steps
    from ..supervision import notices

    if output is None:
        emit(b"", None, what="docx")  # refuses binary on stdout: before the work, not after
    from ..queries import narrowed

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    head = letterhead(plan, day, 1, **given)
    found = notices(narrowed(plan, chosen_tasks(plan, *only)), day, within, red_after)
    if not found:
        print(no_steps(day, within, overdue=True))
        return
    from ..render import notice_docx

    content = notice_docx.render(
        found,
        head,
        within=within,
        red_after=red_after,
        feedback=day + timedelta(days=feedback),
        template=template,
    )
    emit(content, output, force=force, what="docx")
    units = "、".join(n.unit for n in found)
    print(_("{count} notice(s): {units}").format(count=len(found), units=units), file=sys.stderr)
