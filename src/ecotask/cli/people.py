"""Commands about who does what: units, leaders and the roster."""

from typing import Annotated, Literal

import typer

from .common import (
    AsOfOption,
    DataOption,
    JsonOption,
    LimitOption,
    app,
    complete_leaders,
    complete_units,
    open_data,
    print_json,
    print_table,
    respond,
)

RoleChoice = Literal["lead", "responsible", "any"]


@app.command(epilog="Example: ecotask unit 铁东街道 --month 6")
def unit(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A unit's name, an alias (区文化广电体育局), a unique part (环保局) or 各街镇.",
            autocompletion=complete_units,
        ),
    ],
    role: Annotated[
        RoleChoice, typer.Option("--role", "-r", help="Only tasks where it has this role.")
    ] = "any",
    month: Annotated[
        str | None,
        typer.Option("--month", "-m", metavar="MONTH", help="Only steps due that month."),
    ] = None,
    as_of: AsOfOption = "today",
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """What a unit is answerable for: its head, then its tasks and its role in each, then
    their steps, each with its state as of a date.

    A town or street office also gets the tasks that reach it through 各街镇, marked so.
    Then its steps' latest notes (进展情况) and evidence (佐证材料), where there are any.
    """
    from ..dates import parse_date, parse_month
    from ..names import resolve_unit
    from ..who import unit_report

    plan = open_data(data, unit=name)
    day = parse_date(as_of, plan.year)
    canonical = resolve_unit(plan, name)
    period = parse_month(month, plan.year) if month is not None else None
    report = unit_report(plan, canonical, day, None if role == "any" else role, period)
    if as_json:
        from ..render.json import unit_report as document

        print_json(document(plan, report, period))
        return
    from ..render import history
    from ..render.roster import unit_report as table

    print_table(table(report, period, limit=limit, plan=plan))
    if (notes := history.progress_notes(report.milestones)) is not None:
        print_table(notes)


@app.command(epilog="Example: ecotask leader 祝美娟 --as-of 2017-06-01")
def leader(
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="A leader's name or a unique part of it (美娟).",
            autocompletion=complete_leaders,
        ),
    ],
    as_of: AsOfOption = "today",
    limit: LimitOption = 100,
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """A leader's place in the group, the tasks they are in charge of, their steps overdue as
    of a date, the most overdue first, and their next steps not done."""
    from ..dates import parse_date
    from ..names import resolve_leader
    from ..who import leader_report

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    report = leader_report(plan, resolve_leader(plan, name), day)
    respond(as_json, "roster", "leader_report", report, day, limit=limit)


@app.command(epilog="Example: ecotask units --sort led")
def units(
    sort: Annotated[
        Literal["name", "led", "responsible", "via", "milestones", "overdue"],
        typer.Option("--sort", "-s", help="Order by this count, largest first."),
    ] = "name",
    as_of: AsOfOption = "today",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every unit with counts: tasks led, as responsible, through 各街镇, their steps, and
    how those steps stand as of a date (done on time, done late, overdue, pending)."""
    from ..dates import parse_date
    from ..who import sort_rows, unit_counts

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    rows = sort_rows(unit_counts(plan, day), sort)
    respond(as_json, "roster", "unit_counts", rows, day)


@app.command(epilog="Example: ecotask leaders --sort tasks")
def leaders(
    sort: Annotated[
        Literal["name", "tasks", "alone", "shared", "milestones", "overdue"],
        typer.Option("--sort", "-s", help="Order by this count, largest first."),
    ] = "name",
    as_of: AsOfOption = "today",
    data: DataOption = None,
    as_json: JsonOption = False,
) -> None:
    """Every leader in charge of tasks, with their place in the group, counts, and how the
    steps of their tasks stand as of a date."""
    from ..dates import parse_date
    from ..who import leader_counts, sort_rows

    plan = open_data(data)
    day = parse_date(as_of, plan.year)
    rows = sort_rows(leader_counts(plan, day), sort)
    respond(as_json, "roster", "leader_counts", rows, day)


@app.command(epilog="Example: ecotask group")
def group(data: DataOption = None, as_json: JsonOption = False) -> None:
    """The leading group as the document lists it: 组长, 副组长, 成员, and its office."""
    plan = open_data(data)
    respond(as_json, "roster", "group", plan)
