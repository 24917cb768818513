"""Import: a task-breakdown table from a Word or Excel file into a data folder."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import bounds
from ..i18n import _
from .common import app


@app.command(
    "import",
    epilog="Example: ecotask import 任务分解表.docx -o data2018 --dry-run",
)
def import_table(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help="A .docx or .xlsx holding the table, its columns found by their headers.",
            show_default=False,
        ),
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="YYYY",
            min=bounds.FIRST_YEAR,
            max=bounds.LAST_YEAR,
            help="The plan's year. Default: from 完成时限 (2017年11月), else from the title.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The data folder to write tasks.yaml (and group.yaml) into.",
        ),
    ] = Path("imported"),
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Print what would be written and every warning; write nothing."
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Replace DIR/tasks.yaml when it exists already.")
    ] = False,
    column: Annotated[
        list[str] | None,
        typer.Option(
            "--column",
            metavar="ROLE=HEADER",
            help="Read the column headed HEADER as ROLE (id, category, name, breakdown, "
            "deadline, lead, responsible, leaders, or 牵头单位…), where the header's own name "
            "is not recognised. Repeatable.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Import a task-breakdown table (任务分解表) from a Word or Excel file into a data folder.

    Writes DIR/tasks.yaml, one step per sentence of each 任务分解 cell with its date phrase, and,
    when DIR has no group.yaml, a skeleton that declares every unit and leader met (an existing
    group.yaml is kept, and its names split run-together units). What a person should review
    (undated steps, unclear targets, split unit names) prints as warnings on stderr.

    Columns are found by their headers' names and synonyms (完成时间 for 完成时限, 牵头部门 for
    牵头单位…, listed in the README), under a title row and over one or two header rows;
    --column places one by hand. --dry-run prints a summary first: the counts, which column
    went to which role, and every guess made.

    A file that unpacks to more than 256 MiB (16 MiB of XML), compresses more than 100:1, or
    holds tables of more than 500,000 cells is refused.
    """
    from ..errors import EcotaskError
    from ..files import Write, write_all
    from ..importer import check, check_extension, import_table, parse_columns
    from ..load import GROUP_FILE, TASKS_FILE
    from ..lock import holding
    from ..output import emit
    from .progress_bar import TABLE_BYTES_PER_TASK, Stages, estimated_tasks, shown

    check_extension(file)
    placed = parse_columns(column or [])
    tasks_path, group_path = output / TASKS_FILE, output / GROUP_FILE
    if output.exists() and not output.is_dir():
        raise EcotaskError(_("{path} is a file: give a folder to -o").format(path=output))
    if not dry_run and tasks_path.exists() and not force:
        raise EcotaskError(
            _("{path} exists: choose another folder, or add --force to replace it").format(
                path=tasks_path
            )
        )
    show = shown(estimated_tasks(file, TABLE_BYTES_PER_TASK))
    with Stages(_("importing"), 2, show) as stages:
        stages(_("reading the table"))
        result = import_table(file, output, year, placed)
        if dry_run:
            emit("\n".join(result.summary()) + "\n\n", None)
            sys.stdout.flush()  # the summary before the warnings, on a terminal showing both
        for warning in result.warnings if dry_run else [*result.guesses, *result.warnings]:
            print(f"{file}: {_('warning')}: {warning}", file=sys.stderr)
        stages(_("checking the plan"))
        findings = check(result, output)
    summary = _("{tasks} tasks, {milestones} milestones, {targets} targets proposed").format(
        tasks=result.tasks, milestones=result.milestones, targets=result.targets
    )
    if dry_run:
        for path, text in ((group_path, result.group_yaml), (tasks_path, result.tasks_yaml)):
            if text is not None:
                emit(f"==> {path} <==\n{text}\n", None)  # the files' bytes: UTF-8
        print(_("dry run: {summary}; nothing written").format(summary=summary), file=sys.stderr)
        return
    output.mkdir(parents=True, exist_ok=True)
    writes = [Write(tasks_path, str(tasks_path), result.tasks_yaml.encode("utf-8"), force)]
    if result.group_yaml is not None:
        group = result.group_yaml.encode("utf-8")
        writes.append(Write(group_path, str(group_path), group, overwrite=False))
    with holding([(w.path, w.shown) for w in writes]):
        write_all(writes)  # every file or none
    for write in reversed(writes):  # group.yaml, which tasks.yaml's names rely on, first
        print(_("wrote {path}").format(path=write.path), file=sys.stderr)
    print(
        _(
            "imported {summary} from {file}; `ecotask validate --data {folder}` finds "
            "0 errors, {warnings} warnings"
        ).format(summary=summary, file=file, folder=output, warnings=findings),
        file=sys.stderr,
    )
