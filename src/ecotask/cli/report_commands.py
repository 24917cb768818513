"""The monthly report (通报) for the leading group, as Markdown, HTML or an Excel workbook."""

from typing import Annotated

import typer

from .common import DataOption, ForceOption, MonthOption, OutputOption, app, open_data

FORMATS = ("md", "html", "xlsx")


@app.command(epilog="Example: ecotask report --month 6 --format html -o 2017-06.html")
def report(
    month: MonthOption,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="2017-07-01, 2017/7/1, 2017年7月1日 or today. Default: the month's last day.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|xlsx",
            help="md (Markdown), html (one self-contained page with a chart) or xlsx (needs -o).",
        ),
    ] = "md",
    output: OutputOption = None,
    force: ForceOption = False,
    data: DataOption = None,
) -> None:
    """The month's report for the leading group: headline figures, the steps due, overdue
    (by lead unit), done and due next month, the targets, a ranking of units and a summary per
    leader; the HTML page adds a chart of the year's steps."""
    from ..dates import parse_date, parse_month
    from ..output import emit
    from ..report import build

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of md, html, xlsx", param_hint="--format")
    plan = open_data(data)
    year, number = parse_month(month, plan.year)
    result = build(plan, year, number, parse_date(as_of) if as_of is not None else None)
    content: str | bytes
    if fmt == "md":
        from ..render import report_md

        content = report_md.render(result)
    elif fmt == "html":
        from ..render import report_html

        content = report_html.render(result)
    else:
        if output is None:  # refuse before building a workbook nobody can receive
            emit(b"", None, what="xlsx")
        from ..render import report_xlsx

        content = report_xlsx.render(result)
    emit(content, output, force=force, what=fmt)
