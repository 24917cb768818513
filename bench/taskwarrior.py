"""Taskwarrior as a yardstick: the same milestones, answering the same month query.

Each milestone becomes one Taskwarrior task with its description and due date, imported into a
private TASKDATA and TASKRC so that the user's own tasks are neither read nor touched. Dates are
midnight UTC and the children run with TZ=UTC, so `due.after:2017-05-31 due.before:2017-07-01`
selects exactly the steps due in June, as `ecotask due --month 6` does.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from generate import Task

QUIET = ["rc.confirmation=off", "rc.hooks=off", "rc.verbose=nothing"]
JUNE = ["due.after:2017-05-31", "due.before:2017-07-01", "export"]


def executable() -> str | None:
    return shutil.which("task")


def env(folder: Path) -> dict[str, str]:
    """The environment of every Taskwarrior child: its own data, its own rc, UTC."""
    return {
        **os.environ,
        "TASKRC": str(folder / "taskrc"),
        "TASKDATA": str(folder / "data"),
        "TZ": "UTC",
    }


def query(task: str) -> list[str]:
    return [task, *QUIET, *JUNE]


def prepare(tasks: list[Task], folder: Path, task: str) -> None:
    """Import one Taskwarrior task per milestone into folder (done once per plan size)."""
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "taskrc").write_text(f"data.location={folder / 'data'}\n", encoding="utf-8")
    records = [
        {"description": f"{t.id}.{k} {step.text}", "due": step.day.strftime("%Y%m%dT000000Z")}
        for t in tasks
        for k, step in enumerate(t.steps, 1)
    ]
    source = folder / "milestones.json"
    source.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [task, *QUIET, "import", str(source)],
        env=env(folder),
        check=True,
        stdout=subprocess.DEVNULL,
    )
