"""Commands that record progress: done, reopen, record, note, undo, reanchor, the office's
review (accept, return) and extensions, and the log that shows them."""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from .. import bounds
from ..i18n import N_, _
from .common import (
    AheadOption,
    DataOption,
    JsonOption,
    app,
    complete_units,
    open_data,
    print_json,
)

if TYPE_CHECKING:
    from ..log_files import Entry
    from ..plan import Plan

T = TypeVar("T")

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


def _append(
    data: Path | None, build: Callable[["Plan"], tuple[T, "Entry"]], ahead: bool
) -> tuple[T, "Entry", str]:
    """Build an event from the plan and append it to the log, holding the log's lock from
    before the plan is read: what the checks saw is what the event is appended to."""
    from .. import log_files, recording
    from ..load import find_data_dir

    data_dir = find_data_dir(data, writing=True)
    with log_files.turn(data_dir):
        result, event = build(open_data(data))
        recording.not_ahead([event], ahead)
        return result, event, log_files.append(data_dir, event)


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

    (step, kind), event, shown = _append(
        data, lambda plan: _pair(recording.done(plan, ref, on, by, note, evidence)), ahead
    )
    if kind == "part":  # a unit's part (分项报送), not the step
        said = _(
            "{unit}'s part of {ref} done on {date}; the step is done when {leads} reports it: "
            "recorded in {file}"
        )
    elif kind == "reported":
        said = _("{ref} reported done on {date} by {unit}, awaiting review: recorded in {file}")
    elif event["date"] > step.due:
        said = _("{ref} done on {date} (late), due {due}: recorded in {file}")
    else:
        said = _("{ref} done on {date}, due {due}: recorded in {file}")
    print(
        said.format(
            ref=step.ref,
            date=event["date"],
            due=step.due,
            unit=event.get("by"),
            leads="、".join(step.task.lead),
            file=shown,
        )
    )


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
    from ..names import leader_spellings

    def build(plan: "Plan") -> tuple[tuple[Any, Any, bool], "Entry"]:
        step, entry, was = recording.extend(plan, ref, to, reason, approved_by, on)
        return (step, was, entry["approved_by"] in leader_spellings(plan)), entry

    (step, was, known), event, shown = _append(data, build, ahead)
    print(
        _("{ref} extended from {was} to {to}: recorded in {file}").format(
            ref=step.ref, was=was, to=event["to"], file=shown
        )
    )
    if not known:  # recorded as the office typed it; validate keeps warning of it
        from ..progress_checks import unknown_approver
        from .common import warn

        warn(unknown_approver(step.ref, event["approved_by"]))


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
            help="Only a step's entries (2.1; a recurring step's: all its occurrences', "
            "or one's, 4.4@2017-04-10), or a task's targets' (4).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """The progress log as it was recorded, oldest first: 日期, 记录时间, 事项, 节点, 单位 and
    说明, withdrawn entries marked 已撤回."""
    from ..history import history
    from ..refs import subject as parse_subject
    from ..render import history as render

    plan = open_data(data)
    subject = parse_subject(plan, ref, whole_step=True)
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
    from .. import log_files, recording
    from ..load import find_data_dir

    folder = find_data_dir(data, writing=True)
    with log_files.turn(folder):
        confirmed = recording.reanchor(folder, refs, indicator, on, note)
        recording.not_ahead([event for _shown, event in confirmed], ahead)
        path = log_files.append(folder, *(event for _shown, event in confirmed))
    for shown, event in confirmed:
        print(
            _("{ref} reanchored on {date} to its text as it reads now: recorded in {file}").format(
                ref=shown, date=event["date"], file=path
            )
        )
