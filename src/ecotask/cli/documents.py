"""Options shared by the commands that write the office's Word documents (report and remind
with --format docx): its template, and the letterhead fields that override group.yaml's."""

from pathlib import Path
from typing import Annotated, Any

import typer

from ..i18n import _
from ..letterhead import MAX_NUMBER

TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        metavar="FILE.docx",
        help="The office's own Word template (its 红头, styles, page setup) to fill, with "
        "{{发文字号}}, {{签发人}}, {{成文日期}} … where those go and {{正文}} where the content "
        "goes (else at the end). Default: the built-in GB/T 9704 layout. docx only.",
        exists=True,
        dir_okay=False,
    ),
]
IssuerOption = Annotated[
    str | None,
    typer.Option(
        "--issuer",
        metavar="NAME",
        help="发文机关, for the masthead and signature. Default: group.yaml's office.issuer.",
        show_default=False,
    ),
]
CodeOption = Annotated[
    str | None,
    typer.Option(
        "--code",
        metavar="TEXT",
        help="机关代字 in the document number, e.g. 双生态办. Default: office.code.",
        show_default=False,
    ),
]
SignerOption = Annotated[
    str | None,
    typer.Option(
        "--signer", metavar="NAME", help="签发人. Default: office.signer.", show_default=False
    ),
]
ContactOption = Annotated[
    str | None,
    typer.Option(
        "--contact", metavar="NAME", help="联系人. Default: office.contact.", show_default=False
    ),
]
PhoneOption = Annotated[
    str | None,
    typer.Option(
        "--phone", metavar="TEXT", help="联系电话. Default: office.phone.", show_default=False
    ),
]


def number_option(help: str) -> Any:
    return typer.Option(
        "--number", metavar="N", min=1, max=MAX_NUMBER, help=help, show_default=False
    )


def chosen_format(
    fmt: str | None, output: Path | None, formats: tuple[str, ...], default: str | None
) -> str:
    """The format asked for, else the one -o's extension names (`-o 通报.docx`), else the
    default (none: the format must be given one way or the other). A --format that -o's
    extension contradicts (`--format md -o r.xlsx`) is refused: the file would lie."""
    suffix = output.suffix.lstrip(".").lower() if output else ""
    named = suffix if suffix in formats else None
    if fmt is None:
        if named is None and default is None:
            raise typer.BadParameter(
                _("choose one of {choices} (or give -o a file ending in one)").format(
                    choices=", ".join(formats)
                ),
                param_hint="--format",
            )
        return named or str(default)
    chosen = fmt.lower()
    if chosen not in formats:
        raise typer.BadParameter(
            _("{value!r} is not one of {choices}").format(value=fmt, choices=", ".join(formats)),
            param_hint="--format",
        )
    if named is not None and named != chosen:
        raise typer.BadParameter(
            _(
                "{value!r} does not match -o FILE's extension .{suffix}: give one or the other, "
                "or a file ending in .{chosen}"
            ).format(value=fmt, suffix=suffix, chosen=chosen),
            param_hint="--format",
        )
    return chosen
