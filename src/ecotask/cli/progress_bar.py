"""A progress bar on stderr for work that takes seconds: validating a large plan afresh, or
exporting, reporting or importing one. It is drawn only for a large plan and only when stderr
is a terminal, so that a pipe, a file or a test sees nothing of it; and Rich is imported only
when a stage is marked on a bar that is shown, so that a small or cached query pays nothing."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

LARGE = 2000  # tasks: below this, the work takes about a second or less
YAML_BYTES_PER_TASK = 700  # tasks.yaml: the bench's plans hold 6.7 MiB for 10,000 tasks
TABLE_BYTES_PER_TASK = 100  # a 任务分解表 .xlsx: the export's sheet of tasks holds about 105


def terminal(stream: TextIO | None = None) -> bool:
    """Whether the stream (default stderr) is a terminal, where a bar can be drawn."""
    return (sys.stderr if stream is None else stream).isatty()


def shown(tasks: int, stream: TextIO | None = None) -> bool:
    """Whether work on about this many tasks shows a bar on the stream (default stderr)."""
    return tasks > LARGE and terminal(stream)


def estimated_tasks(path: Path, bytes_per_task: int) -> int:
    """About how many tasks a file holds, from its size alone: known before it is read."""
    try:
        return os.stat(path).st_size // bytes_per_task
    except OSError:
        return 0  # the command reports the missing file itself


class Stages:
    """A piece of work in `total` stages, each marked as it starts (`stages("writing xlsx")`).
    The bar appears at the first stage marked, when shown, and goes when the work ends."""

    def __init__(self, description: str, total: int, show: bool, stream: TextIO | None = None):
        self.description, self.total, self.show = description, total, show
        self.stream = stream
        self._progress: Any = None
        self._task: Any = None

    def __call__(self, stage: str) -> None:
        if not self.show:
            return
        if self._progress is None:
            self._start()
        else:
            self._progress.advance(self._task)
        self._progress.update(self._task, description=f"{self.description}: {stage}")

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        console = Console(file=self.stream or sys.stderr, stderr=self.stream is None)
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,  # the bar goes, the command's own lines stay
            redirect_stdout=False,  # answers go to stdout's bytes, past any proxy
        )
        self._task = self._progress.add_task(self.description, total=self.total)
        self._progress.start()

    def __enter__(self) -> Stages:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def for_plan(folder: Path, description: str, total: int) -> Stages:
    """The stages of work on the plan in the data folder: on a bar when the plan is large."""
    # the terminal first: off one, not even the file's size is asked for
    show = terminal() and estimated_tasks(folder / "tasks.yaml", YAML_BYTES_PER_TASK) > LARGE
    return Stages(description, total, show)
