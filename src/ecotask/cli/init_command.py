"""init: a data folder to write in, since the bundled example is only for reading; and
codeowners, the permissions of a data folder shared through git."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..i18n import _
from .common import DataOption, app, open_data


@app.command(epilog="Examples: ecotask init data; ecotask init 2018 --empty")
def init(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder to create (or an empty one).")
    ],
    empty: Annotated[
        bool,
        typer.Option(
            "--empty",
            help="Write a skeleton that validates (one category, task, unit and leader) "
            "instead of the bundled example.",
        ),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Write into a folder that holds other files, replacing tasks.yaml and "
            "group.yaml there (progress.yaml is kept).",
        ),
    ] = False,
) -> None:
    """Create a data folder: tasks.yaml and group.yaml (the bundled example, or a skeleton
    with --empty), a .gitignore for the lock files and a .gitattributes that merges the
    progress logs (merge=union). Commands find it as --data DIR,
    $ECOTASK_DATA, or when run from inside it or a folder below it."""
    from ..new_folder import create

    written = create(folder, empty, force)
    print(
        _("created {folder}: {files}; check it with `ecotask validate --data {folder}`").format(
            folder=folder, files=", ".join(written)
        )
    )


@app.command(epilog="Example: ecotask codeowners > .github/CODEOWNERS")
def codeowners(data: DataOption = None) -> None:
    """Print a CODEOWNERS file from the accounts in group.yaml.

    Each unit's `accounts` own its progress/UNIT.yaml, the office's own the plan,
    progress.yaml and the other units' files, so that the hosting's branch protection lets
    only them approve each change. Paths are written from the top of the data folder's git
    repository."""
    from ..codeowners import codeowners as written
    from ..codeowners import repository_prefix, unowned
    from ..load import find_data_dir

    plan = open_data(data)
    sys.stdout.write(written(plan, repository_prefix(find_data_dir(data))))
    missing = unowned(plan)
    if missing:
        shown = "、".join(missing[:5]) + (
            _(" and {count} more").format(count=len(missing) - 5) if len(missing) > 5 else ""
        )
        print(
            _("ecotask: warning: {message}").format(
                message=_("no accounts for {units}").format(units=shown)
            ),
            file=sys.stderr,
        )
