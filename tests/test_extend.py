"""Extensions (延期): an approved new due date moves the light; views keep both dates."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.conftest import cli


def ok(folder: Path, *args: str) -> str:
    run = cli(*args, "--data", str(folder))
    assert run.code == 0, run.stderr
    return run.stdout


def light(folder: Path, as_of: str) -> tuple[str, str, str | None]:
    status = cli("status", "--as-of", as_of, "--json", "--data", str(folder)).json()
    task = next(t for t in status["tasks"] if t["task"] == 2)
    return task["light"], task["states"]["2.2"], task["next_due"]


def test_an_extension_moves_the_light_and_keeps_both_dates(data_copy: Path):
    ok(data_copy, "done", "2.1", "--on", "2017-06-28")
    assert light(data_copy, "2017-12-05") == ("red", "overdue", "2017-11-30")
    assert ok(
        data_copy,
        *("extend", "2.2", "--to", "2017-12-31", "--reason", "省厅调整部署"),
        *("--approved-by", "李吉峰", "--on", "2017-11-20"),
    ) == (
        f"2.2 extended from 2017-11-30 to 2017-12-31: recorded in {data_copy / 'progress.yaml'}\n"
    )
    assert light(data_copy, "2017-12-05") == ("green", "pending", "2017-12-31")
    assert light(data_copy, "2017-12-20") == ("yellow", "pending", "2017-12-31")
    assert light(data_copy, "2017-11-16") == ("yellow", "pending", "2017-11-30")  # not yet
    overdue = cli("overdue", "--as-of", "2017-12-05", "--json", "--data", str(data_copy)).json()
    assert "2.2" not in [m["ref"] for m in overdue["milestones"]]
    shown = ok(data_copy, "show", "2", "--as-of", "2017-12-05")
    assert " 序号  时间节点    延期        任务分解" in shown
    assert " 2.2   2017-11-30  2017-12-31  " in shown
    assert "李吉峰批准" in shown
    report = ok(data_copy, "report", "--month", "11", "--as-of", "2017-12-05")
    assert "| 2.2 | 2017-11-30（11月底），延期至2017-12-31（李吉峰批准） |" in report
    ok(data_copy, "export", "-o", str(data_copy / "steps.csv"))
    with (data_copy / "steps.csv").open(encoding="utf-8-sig") as handle:
        rows = {row["节点"]: row for row in csv.DictReader(handle)}
    assert (rows["2.2"]["时间节点"], rows["2.2"]["延期"]) == ("2017-11-30", "2017-12-31")
    assert rows["2.1"]["延期"] == ""


def test_an_extension_must_give_a_later_date_of_an_open_step(data_copy: Path):
    args = ("--reason", "x", "--approved-by", "李吉峰", "--data", str(data_copy))
    earlier = cli("extend", "2.2", "--to", "2017-11-01", *args)
    assert earlier.code == 1
    assert "milestone 2.2 is due 2017-11-30: an extension gives a later date, not 2017-11-01" in (
        earlier.stderr
    )
    ok(data_copy, "done", "2.1", "--on", "2017-06-28")
    done = cli("extend", "2.1", "--to", "2017-12-01", *args)
    assert done.code == 1
    assert "milestone 2.1 is done: there is nothing to extend" in done.stderr
    ok(data_copy, "extend", "2.2", "--to", "2017-12-31", *args[:4], "--on", "2017-11-20")
    assert "2.2: the extension dated 2017-11-20 is withdrawn" in ok(data_copy, "undo", "2.2")
    assert light(data_copy, "2017-12-05")[1] == "overdue"


def test_an_approver_the_plan_does_not_know_is_warned_of(data_copy: Path):
    args = ("extend", "2.2", "--to", "2017-12-31", "--reason", "省厅调整部署", "--on", "2017-11-20")
    run = cli(*args, "--approved-by", "李吉锋", "--data", str(data_copy))
    assert run.code == 0, run.stderr
    warned = (
        "extension of 2.2 approved by 李吉锋, who is neither on the group's roster nor in charge "
        "of a task"
    )
    assert run.stderr == f"ecotask: warning: {warned}\n"
    found = cli("validate", "--data", str(data_copy)).stdout
    log = data_copy / "progress.yaml"
    assert f"{log}:10:18: warning: {warned} (did you mean 李吉峰?)\n" in found
