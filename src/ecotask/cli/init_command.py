"""init: a data folder to write in, since the bundled example is only for reading."""

from pathlib import Path
from typing import Annotated

import typer

from .common import app


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
        f"created {folder}: {', '.join(written)}; check it with `ecotask validate --data {folder}`"
    )
