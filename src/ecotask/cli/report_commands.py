"""The monthly report (通报) for the leading group, as Markdown, HTML or an Excel workbook."""

from typing import Annotated

import typer

from ..i18n import _
from .common import AS_OF_HELP, DataOption, ForceOption, MonthOption, OutputOption, app, open_data
from .documents import (
    CodeOption,
    ContactOption,
    IssuerOption,
    PhoneOption,
    SignerOption,
    TemplateOption,
    chosen_format,
    number_option,
)
from .progress_bar import for_plan

FORMATS = ("md", "html", "xlsx", "docx", "json")


@app.command(epilog="Example: ecotask report --month 6 --format html -o 2017-06.html")
def report(
    month: MonthOption,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=f"{AS_OF_HELP} Default: the month's last day.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="md|html|xlsx|docx|json",
            help="md (Markdown), html (one self-contained page with a chart), xlsx, docx (a "
            "通报 in the layout of GB/T 9704; xlsx and docx need -o), or json (the content as "
            "data, see docs/json.md). Default: -o FILE's extension, else md.",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: ForceOption = False,
    template: TemplateOption = None,
    issuer: IssuerOption = None,
    code: CodeOption = None,
    number: Annotated[
        int | None,
        number_option("序号 in the document number. Default: office.number, else the month."),
    ] = None,
    signer: SignerOption = None,
    contact: ContactOption = None,
    phone: PhoneOption = None,
    data: DataOption = None,
) -> None:
    """The month's report for the leading group: headline figures, the steps due, overdue
    (by lead unit), done and due next month, the targets, a ranking of units and a summary per
    leader; the HTML page adds a chart of the year's steps.

    docx is the 通报 as the office sends it: 红头, document number and signature from
    group.yaml's office section or the options."""
    from ..dates import parse_date, parse_month
    from ..load import find_data_dir
    from ..output import emit
    from ..report import build

    fmt = chosen_format(fmt, output, FORMATS, "md")
    if template is not None and fmt != "docx":
        raise typer.BadParameter(_("a template is for --format docx"), param_hint="--template")
    if output is None and fmt in ("xlsx", "docx"):  # refuse before building what none receives
        emit(b"", None, what=fmt)
    with for_plan(find_data_dir(data), _("reporting"), 4) as stages:
        plan = open_data(data, stages)
        year, month_number = parse_month(month, plan.year)
        stages(_("the month's figures"))
        result = build(
            plan, year, month_number, parse_date(as_of, plan.year) if as_of is not None else None
        )
        stages(_("writing {format}").format(format=fmt))
        content: str | bytes
        if fmt == "md":
            from ..render import report_md

            content = report_md.render(result)
        elif fmt == "html":
            from ..render import report_html

            content = report_html.render(result)
        elif fmt == "json":
            from ..render.json import dumps
            from ..render.json import report as document

            content = dumps(document(result))
        elif fmt == "xlsx":
            from ..render import report_xlsx

            content = report_xlsx.render(result)
        else:
            from ..letterhead import letterhead
            from ..render import report_docx

            head = letterhead(
                plan,
                result.as_of,
                month_number,
                issuer=issuer,
                code=code,
                signer=signer,
                contact=contact,
                phone=phone,
                given_number=number,
            )
            content = report_docx.render(result, head, template)
    emit(content, output, force=force, what=fmt)
