"""Commands that follow the plan up: each target's value, each task's light, and reminders of
what falls due (as text, or as the 督办通知单)."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .. import bounds
from ..i18n import _
from .common import (
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


RED_AFTER = 30  # days: a month late


def _within(help: str) -> Any:
    return typer.Option("--within", metavar="DAYS", min=0, max=bounds.MAX_DAYS, help=help)


@app.command(epilog="Example: ecotask targets --as-of 2017-12-31")
def targets(
    as_of: AsOfOption = "today", data: DataOption = None, as_json: JsonOption = False
) -> None:
    """Every quantitative target with its latest measured value as of a date, and whether it
    is met (— when nothing is recorded yet)."""
    from ..dates import parse_date
    from ..standing import targets as target_statuses

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
    from ..queries import narrowed
    from ..standing import statuses

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
    from ..queries import extended, late_steps, only
    from ..who import by_lead_unit

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    ids = chosen_tasks(plan, unit, leader)
    late = by_lead_unit(plan, late_steps(step_statuses(plan, day), ids))
    soon = {
        name: kept
        for name, steps in upcoming(plan, day, within).items()
        if (kept := only(steps, ids, lambda m: m.task))
    }
    original = extended(plan, day)[1]  # the steps extended (延期), as the plan has them
    if as_json:
        from ..render.json import reminders

        document = reminders(late, soon, day, within, original)
        if unit is not None:
            document["parts_owed"] = [s.ref for s in _owed(plan, unit, day, within)]
        print_json(document)
    else:
        from ..render.remind import text
        from ..render.table import terminal_width

        sys.stdout.write(text(late, soon, day, within, width=terminal_width(), original=original))
        if unit is not None:
            from ..names import resolve_unit
            from ..render.remind import owed_text

            rows = _owed(plan, unit, day, within)
            sys.stdout.write(owed_text(resolve_unit(plan, unit), rows, day, terminal_width()))


def _owed(plan: "Plan", unit: str, day: Any, within: int) -> list[Any]:
    """The steps overdue or due within DAYS whose part the unit still owes (parts.py)."""
    from datetime import timedelta

    from ..names import resolve_unit
    from ..parts import owed
    from ..progress import by_due, step_statuses

    horizon = day + timedelta(days=within)
    steps = [s for s in step_statuses(plan, day) if s.due <= horizon]
    return by_due(owed(plan, resolve_unit(plan, unit), steps))


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
