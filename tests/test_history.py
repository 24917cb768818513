"""Corrections keep history: one ledger decides a step's state as of a date, undo withdraws an
entry without erasing it, reopen opens a step from its date, and every view agrees."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

from .conftest import cli

TODAY = date.today().isoformat()
STAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def run(data: Path, *args: str):
    return cli(*args, "--data", str(data))


def ok(data: Path, *args: str) -> str:
    result = run(data, *args)
    assert result.code == 0, result.stderr
    return result.stdout


def exported_state(data: Path, ref: str, as_of: str) -> str:
    text = ok(data, "export", "--format", "csv", "--as-of", as_of).lstrip("\ufeff")
    (row,) = [r for r in csv.DictReader(io.StringIO(text)) if r["节点"] == ref]
    return row["状态"]


def status_state(data: Path, ref: str, as_of: str) -> str:
    document = run(data, "status", "--as-of", as_of, "--json").json()
    task = int(ref.split(".")[0])
    (row,) = [t for t in document["tasks"] if t["task"] == task]
    return row["states"][ref]


def june_done(data: Path, as_of: str) -> list[str]:
    """The refs the June report lists under 本月已完成."""
    report = ok(data, "report", "--month", "6", "--as-of", as_of)
    section = report.split("本月已完成", 1)[1].split("## ", 1)[0]
    return re.findall(r"^\| (\d+\.\d+) \|", section, re.MULTILINE)


def due_done(data: Path, month: str, ref: str) -> str | None:
    document = run(data, "due", "--month", month, "--all", "--json").json()
    (row,) = [m for m in document["milestones"] if m["ref"] == ref]
    return row["done"]


def test_done_then_reopen_every_view_agrees_as_of_each_date(data_copy):
    ok(data_copy, "done", "2.2", "--on", "2017-06-28")
    ok(data_copy, "reopen", "2.2")  # today: open again from today on
    # as of June 30 the step was done, in every view
    assert june_done(data_copy, "2017-06-30") == ["2.2"]
    assert exported_state(data_copy, "2.2", "2017-06-30") == "按时完成"
    assert status_state(data_copy, "2.2", "2017-06-30") == "done"
    # as of today it is open (and past its due date, 2017-11-30), in every view
    assert june_done(data_copy, TODAY) == []
    assert exported_state(data_copy, "2.2", TODAY) == "逾期未完成"
    assert status_state(data_copy, "2.2", TODAY) == "overdue"
    assert due_done(data_copy, "11", "2.2") is None
    overdue = run(data_copy, "overdue", "--as-of", TODAY, "--json").json()
    assert "2.2" in [m["ref"] for m in overdue["milestones"]]
    # undo withdraws the reopen: done again as of any date
    assert ok(data_copy, "undo", "2.2") == (
        "2.2: the reopen entry dated " + TODAY + " is withdrawn: recorded in "
        f"{data_copy / 'progress.yaml'}\n"
    )
    assert exported_state(data_copy, "2.2", TODAY) == "按时完成"
    assert status_state(data_copy, "2.2", TODAY) == "done"
    assert due_done(data_copy, "11", "2.2") == "2017-06-28"
    # undo again withdraws the done itself: it never counted, not even in June
    ok(data_copy, "undo", "2.2")
    assert june_done(data_copy, "2017-06-30") == []
    assert exported_state(data_copy, "2.2", "2017-06-30") == "未到期"
    assert status_state(data_copy, "2.2", "2017-06-30") == "pending"
    assert due_done(data_copy, "11", "2.2") is None
    nothing = run(data_copy, "undo", "2.2")
    assert (nothing.code, nothing.stderr) == (
        1,
        "ecotask: error: no entry for milestone 2.2 to undo\n",
    )


def test_a_month_walk_with_a_wrong_entry_undone(data_copy):
    ok(data_copy, "done", "9.3", "--on", "2017-07-05", "--by", "区环保局")  # late: due 06-30
    ok(data_copy, "done", "2.1", "--on", "2017-06-28", "--by", "区国土分局")  # recorded late
    ok(data_copy, "done", "16.2", "--on", "2017-06-10")  # the wrong step (due 06-30)
    ok(data_copy, "undo")  # the latest entry of all
    ok(data_copy, "reopen", "2.1", "--on", "2017-07-03", "--note", "资料需补充")

    status = run(data_copy, "status", "--as-of", "2017-07-10", "--json").json()
    states = {ref: s for t in status["tasks"] for ref, s in t["states"].items()}
    assert (states["9.3"], states["2.1"], states["16.2"]) == ("done_late", "overdue", "overdue")
    assert june_done(data_copy, "2017-06-30") == ["2.1"]
    assert june_done(data_copy, "2017-07-10") == []
    assert exported_state(data_copy, "9.3", "2017-07-10") == "逾期完成"
    assert exported_state(data_copy, "16.2", "2017-07-10") == "逾期未完成"
    overdue = run(data_copy, "overdue", "--as-of", "2017-07-10", "--json").json()
    refs = [m["ref"] for m in overdue["milestones"]]
    assert "2.1" in refs and "9.3" not in refs
    remind = run(data_copy, "remind", "--as-of", "2017-06-29", "--within", "1", "--json").json()
    reminded = [m["ref"] for u in remind["units"] for m in u["milestones"]]
    assert reminded == ["9.3", "16.2", "18.1"]  # 2.1 was done on 06-28, 16.2 never was

    # the log keeps everything, in the order recorded, the withdrawn entry marked
    log = run(data_copy, "log", "--json").json()
    assert log["count"] == 5
    rows = [
        (e["position"], e["event"], e["milestone"], e["date"], e["withdrawn_by"])
        for e in log["entries"]
    ]
    assert rows == [
        (1, "done", "9.3", "2017-07-05", None),
        (2, "done", "2.1", "2017-06-28", None),
        (3, "done", "16.2", "2017-06-10", 4),
        (4, "undo", "16.2", TODAY, None),
        (5, "reopen", "2.1", "2017-07-03", None),
    ]
    assert all(STAMP.match(e["recorded"]) for e in log["entries"])
    undo = log["entries"][3]["withdraws"]
    assert undo == {
        "event": "done",
        "date": "2017-06-10",
        "recorded": log["entries"][2]["recorded"],
    }
    table = ok(data_copy, "log", "16.2").splitlines()
    assert table[0].strip() == "进展记录（16.2）：2 条"
    assert table[1].split() == ["序号", "日期", "记录时间", "事项", "节点", "单位", "说明"]
    stamps = [e["recorded"][:16].split("T") for e in log["entries"][2:4]]
    assert [line.split() for line in table[3:5]] == [
        ["3", "2017-06-10", *stamps[0], "完成", "16.2", "—", "已撤回（第", "4", "条）"],
        ["4", TODAY, *stamps[1], "撤回", "16.2", "—", "撤回", "2017-06-10", "的完成"],
    ]
    # entries recorded a few days after earlier-dated ones are in order: no warning
    checked = run(data_copy, "validate")
    assert checked.code == 0
    assert "progress.yaml" not in checked.stdout


def test_an_undo_that_names_no_entry_is_a_located_error(data_copy):
    ok(data_copy, "done", "2.1", "--on", "2017-06-28")
    log = data_copy / "progress.yaml"
    log.write_text(
        log.read_text(encoding="utf-8")
        + "  - event: undo\n    milestone: '2.1'\n    date: 2017-07-01\n"
        "    withdraws:\n      event: done\n      date: 2017-06-27\n",
        encoding="utf-8",
    )
    checked = run(data_copy, "validate")
    assert checked.code == 1
    assert (
        f"{log}:13:7: error: no done entry for 2.1 dated 2017-06-27 before this undo, "
        "still in force, to withdraw\n"
    ) in checked.stdout


def test_an_entry_written_by_hand_out_of_date_order_still_warns(data_copy):
    log = data_copy / "progress.yaml"
    log.write_text(
        "events:\n  - event: done\n    milestone: '9.3'\n    date: 2017-07-05\n"
        "  - event: done\n    milestone: '2.1'\n    date: 2017-06-28\n",
        encoding="utf-8",
    )
    checked = run(data_copy, "validate")
    assert (
        f"{log}:7:11: warning: dated 2017-06-28, after an event dated 2017-07-05: "
        "keep the log in date order\n"
    ) in checked.stdout


def test_reopen_and_done_keep_to_the_order_of_events(data_copy):
    ok(data_copy, "done", "2.1", "--on", "2017-06-28")
    before = (data_copy / "progress.yaml").read_bytes()
    early = run(data_copy, "reopen", "2.1", "--on", "2017-06-20")
    assert early.code == 1
    assert early.stderr == (
        "ecotask: error: milestone 2.1 was done on 2017-06-28: it cannot be reopened before "
        "then (`ecotask undo 2.1` withdraws the done entry if it was a mistake)\n"
    )
    ok(data_copy, "reopen", "2.1", "--on", "2017-07-03")
    again = run(data_copy, "done", "2.1", "--on", "2017-07-01")
    assert again.code == 1
    assert "was reopened on 2017-07-03: it cannot be done before then" in again.stderr
    assert (data_copy / "progress.yaml").read_bytes() != before  # the reopen went in


def test_by_must_have_a_part_in_the_task(data_copy):
    refused = run(data_copy, "done", "15.1", "--by", "区教育局")
    assert refused.code == 1
    assert refused.stderr == (
        "ecotask: error: 区教育局 has no part in task 15: its units are "
        "区农经局、区环保局、区住建局、区水利总站、各街镇 (or a member of a collective there)\n"
    )
    assert not (data_copy / "progress.yaml").exists()
    ok(data_copy, "done", "15.1", "--on", "2017-06-01", "--by", "区水利总站")  # responsible
    ok(data_copy, "note", "15.1", "已摸底", "--on", "2017-06-02", "--by", "铁东街道")  # 各街镇
    refused = run(data_copy, "record", "4", "0.72", "--on", "2017-06-30", "--by", "区教育局")
    assert refused.code == 1
    assert "区教育局 has no part in task 4" in refused.stderr


def test_undo_of_a_record_and_of_a_task_with_nothing(data_copy):
    ok(data_copy, "record", "4", "0.72", "--on", "2017-06-30")
    ok(data_copy, "record", "4", "0.80", "--on", "2017-07-30")
    assert ok(data_copy, "undo", "4").startswith(
        "task 4 单位地区生产总值能耗: the value recorded on 2017-07-30 is withdrawn"
    )
    targets = run(data_copy, "targets", "--as-of", "2017-12-31", "--json").json()
    (row,) = [t for t in targets["targets"] if t["task"] == 4]
    assert (row["actual"], row["actual_date"]) == (0.72, "2017-06-30")
    nothing = run(data_copy, "undo", "1")
    assert (nothing.code, nothing.stderr) == (1, "ecotask: error: no entry for task 1 to undo\n")
