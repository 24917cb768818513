"""Recording progress and reading it back: done, reopen, record, targets and status."""

import os
from pathlib import Path

import pytest

from .conftest import cli, unstamped


def run(data: Path, *args: str):
    return cli(*args, "--data", str(data))


def refs(data: Path, *args: str) -> list[str]:
    return [m["ref"] for m in run(data, *args, "--json").json()["milestones"]]


def test_done_then_overdue_no_longer_lists_it_and_reopen_restores_it(data_copy):
    before = refs(data_copy, "overdue", "--as-of", "2017-07-01")
    assert "2.1" in before
    done = run(data_copy, "done", "2.1", "--on", "2017-06-28", "--by", "国土", "--note", "已完成")
    assert done.code == 0, done.stderr
    assert done.stdout == (
        "2.1 done on 2017-06-28, due 2017-06-30: recorded in "
        f"{data_copy / 'progress' / '区国土分局.yaml'}\n"
    )
    after = refs(data_copy, "overdue", "--as-of", "2017-07-01")
    assert after == [ref for ref in before if ref != "2.1"]
    listed = run(data_copy, "overdue", "--as-of", "2017-07-01", "--all", "--json").json()
    row = next(m for m in listed["milestones"] if m["ref"] == "2.1")
    assert (row["done"], row["done_by"]) == ("2017-06-28", "区国土分局")
    assert "2.1" not in refs(data_copy, "due", "--month", "6")
    assert "2.1" in refs(data_copy, "due", "--month", "6", "--all")

    assert run(data_copy, "reopen", "2.1", "--on", "2017-07-02").code == 0
    assert "2.1" in refs(data_copy, "overdue", "--as-of", "2017-07-03")
    assert "2.1" not in refs(data_copy, "overdue", "--as-of", "2017-07-01")  # done back then


def test_the_log_reads_as_written(data_copy):
    run(
        data_copy,
        "done",
        "2.1",
        "--on",
        "2017-06-28",
        "--note",
        "资料收集完成",
    )
    run(data_copy, "record", "4", "0.72", "--on", "2017/6/30")
    assert unstamped((data_copy / "progress.yaml").read_text(encoding="utf-8")).endswith(
        "events:\n"
        "  - event: done\n"
        "    milestone: '2.1'\n"
        "    step: f2c4b42c\n"
        "    date: 2017-06-28\n"
        "    note: 资料收集完成\n"
        "  - event: record\n"
        "    task: 4\n"
        "    indicator: 单位地区生产总值能耗\n"
        "    value: 0.72\n"
        "    target: b847e5f3\n"
        "    date: 2017-06-30\n"
    )
    assert run(data_copy, "validate").code == 0


def test_a_comment_written_by_hand_survives_a_later_done(data_copy):
    run(data_copy, "done", "2.1", "--on", "2017-06-28")
    log = data_copy / "progress.yaml"
    text = log.read_text(encoding="utf-8").replace(
        "    date: 2017-06-28\n", "    date: 2017-06-28  # 见区国土分局6月28日报告\n"
    )
    log.write_text("# 督查室手工补记\n" + text, encoding="utf-8")
    before = log.read_text(encoding="utf-8")
    assert run(data_copy, "done", "9.3", "--on", "2017-07-05").code == 0
    after = log.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert unstamped(after[len(before) :]) == (
        "  - event: done\n    milestone: '9.3'\n    step: cf6e6cfb\n    date: 2017-07-05\n"
    )


def test_bom_and_crlf_are_kept(data_copy):
    log = data_copy / "progress.yaml"
    log.write_bytes(
        b"\xef\xbb\xbf# log\r\nevents:\r\n  - event: done\r\n    milestone: '2.1'\r\n"
        b"    date: 2017-06-28\r\n"
    )
    assert run(data_copy, "done", "9.3", "--on", "2017-07-05").code == 0
    assert unstamped(log.read_bytes()) == (
        b"\xef\xbb\xbf# log\r\nevents:\r\n  - event: done\r\n    milestone: '2.1'\r\n"
        b"    date: 2017-06-28\r\n  - event: done\r\n    milestone: '9.3'\r\n"
        b"    step: cf6e6cfb\r\n    date: 2017-07-05\r\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["done", "2.9"], "ecotask: error: no milestone 2.9: task 2 has 2 milestones"),
        (["done", "36.1"], "ecotask: error: no task 36 in the plan"),
        (["done", "2.1", "--on", "2017-02-30"], "ecotask: error: '2017-02-30' is not a real date"),
        (["done", "2.1", "--by", "区环保厅"], "ecotask: error: no unit '区环保厅'"),
        (
            ["record", "9", "45"],
            "ecotask: error: task 9 has 4 targets: choose one with --indicator",
        ),
        (["record", "9", "45", "-i", "PM"], "ecotask: error: task 9 has no single target 'PM'"),
        (["record", "1", "45"], "ecotask: error: task 1 has no quantitative target to record"),
        (["reopen", "2.1"], "ecotask: error: milestone 2.1 is not done: nothing to reopen"),
    ],
)
def test_bad_references_leave_the_file_unchanged(data_copy, args, message):
    assert run(data_copy, "done", "2.2", "--on", "2017-11-20").code == 0
    log = data_copy / "progress.yaml"
    before = log.read_bytes()
    result = run(data_copy, *args)
    assert result.code == 1
    assert result.stderr.startswith(message)
    assert log.read_bytes() == before


def test_no_file_is_created_by_a_refused_write(data_copy):
    assert run(data_copy, "done", "2.9").code == 1
    assert not (data_copy / "progress.yaml").exists()


def test_a_usage_error_is_exit_2(data_copy):
    result = run(data_copy, "done", "2-1")
    assert result.code == 2
    assert "write TASK.K" in result.stderr


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(data_copy, monkeypatch):
    assert run(data_copy, "done", "2.1", "--on", "2017-06-28").code == 0
    log = data_copy / "progress.yaml"
    before = log.read_bytes()

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = run(data_copy, "done", "9.3", "--on", "2017-07-05")
    assert result.code == 1
    assert result.stderr.endswith(
        "progress.yaml: error: cannot write the file: No space left on device\n"
    )
    assert log.read_bytes() == before
    assert sorted(p.name for p in data_copy.iterdir()) == [
        ".progress.yaml.lock",  # empty, and never in anyone's way: see lock.py
        "group.yaml",
        "progress.yaml",
        "tasks.yaml",
    ]


def test_a_file_changed_between_read_and_write_is_not_overwritten(data_copy, monkeypatch):
    assert run(data_copy, "done", "2.1", "--on", "2017-06-28").code == 0
    log = data_copy / "progress.yaml"
    other_edit = "  # 另一位同事刚刚加上的说明\n"

    from ecotask import roundtrip

    real_append = roundtrip.append

    def append_while_someone_edits(*args, **kwargs):
        new = real_append(*args, **kwargs)
        with log.open("a", encoding="utf-8") as handle:  # another editor saves meanwhile
            handle.write(other_edit)
        return new

    monkeypatch.setattr(roundtrip, "append", append_while_someone_edits)
    result = run(data_copy, "done", "9.3", "--on", "2017-07-05")
    assert result.code == 1
    assert "the file changed since ecotask read it; nothing was written" in result.stderr
    assert unstamped(log.read_text(encoding="utf-8")).endswith(other_edit)
    assert "9.3" not in log.read_text(encoding="utf-8")
    assert [p.name for p in data_copy.iterdir() if p.name.endswith(".tmp")] == []


def test_a_layout_that_cannot_round_trip_is_refused(data_copy):
    log = data_copy / "progress.yaml"
    log.write_text(
        "---\nevents:\n- event: done\n  milestone: '2.1'\n  date: 2017-06-28\n...\n",
        encoding="utf-8",
    )
    before = log.read_bytes()
    result = run(data_copy, "done", "9.3", "--on", "2017-07-05")
    assert result.code == 1
    assert "cannot append without changing the file's layout" in result.stderr
    assert log.read_bytes() == before


def test_targets_judge_at_most_and_at_least(data_copy):
    for args in (
        ["record", "4", "0.72", "--on", "2017-06-30"],  # <= 0.70: not met
        ["record", "4", "0.69", "--on", "2017-11-30"],  # then met
        ["record", "14", "18", "--on", "2017-11-30"],  # >= 18: met at the boundary
        ["record", "9", "47", "-i", "PM2.5", "--on", "2017-11-30"],  # <= 46: not met
        ["record", "9", "75.1", "-i", "达标率", "--on", "2017-11-30"],  # >= 74.7: met
    ):
        assert run(data_copy, *args).code == 0

    def verdicts(as_of):
        rows = run(data_copy, "targets", "--as-of", as_of, "--json").json()["targets"]
        return {
            (r["task"], r["indicator"]): (r["actual"], r["met"])
            for r in rows
            if r["actual"] is not None
        }

    assert verdicts("2017-07-01") == {(4, "单位地区生产总值能耗"): (0.72, False)}
    assert verdicts("2017-12-31") == {
        (4, "单位地区生产总值能耗"): (0.69, True),
        (14, "林草覆盖率"): (18, True),
        (9, "PM2.5年均浓度"): (47, False),
        (9, "环境质量达标率"): (75.1, True),
    }
    document = run(data_copy, "targets", "--as-of", "2017-12-31", "--json").json()
    assert document["count"] == 24
    untouched = next(r for r in document["targets"] if r["task"] == 3)
    assert (untouched["op"], untouched["value"], untouched["unit"], untouched["met"]) == (
        ">=",
        100,
        "%",
        None,
    )


def test_status_lights_for_a_chosen_date(data_copy):
    # as of 2017-06-20, within 15 days (to 07-05): hand-worked from the document
    for ref, on in (
        ("2.1", "2017-06-18"),
        ("16.1", "2017-03-30"),
        ("16.2", "2017-06-19"),
        ("16.3", "2017-06-19"),
        ("35.1", "2017-06-19"),
        ("35.2", "2017-06-19"),
    ):
        assert run(data_copy, "done", ref, "--on", on).code == 0
    document = run(data_copy, "status", "--as-of", "2017-06-20", "--json").json()
    lights = {t["task"]: t["light"] for t in document["tasks"]}
    # red: a step due before 06-20 is still open
    assert {t for t, light in lights.items() if light == "red"} == {
        4,
        5,
        6,
        7,
        9,
        11,
        12,
        14,
        15,
        19,
        22,
        23,
        27,
        28,
        29,
        30,
        32,
        33,
        34,
    }
    # yellow: nothing overdue, a step due by 07-05 (task 18: 18.1 on 06-30)
    assert {t for t, light in lights.items() if light == "yellow"} == {18}
    # done: every step done (task 16's three, 35's two)
    assert {t for t, light in lights.items() if light == "done"} == {16, 35}
    # task 2 did its June step and its next is 11-30: green
    assert lights[2] == "green"
    assert document["counts"] == {"red": 19, "yellow": 1, "green": 13, "done": 2}
    assert next(t for t in document["tasks"] if t["task"] == 7)["overdue"] == ["7.1"]
    table = run(data_copy, "status", "--as-of", "2017-06-20")
    assert "合计：红灯 19，黄灯 1，绿灯 13，完成 2" in table.stdout


def test_units_and_leaders_count_completion(data_copy):
    run(data_copy, "done", "2.1", "--on", "2017-06-28")
    run(data_copy, "done", "9.3", "--on", "2017-07-05")
    rows = {
        r["leader"]: r["completion"]
        for r in run(data_copy, "leaders", "--as-of", "2017-07-10", "--json").json()["leaders"]
    }
    assert rows["李吉峰"] == {"done": 1, "done_late": 0, "overdue": 5, "pending": 14}
    assert rows["祝美娟"]["done_late"] == 1
    units = {
        r["unit"]: r["completion"]
        for r in run(data_copy, "units", "--as-of", "2017-07-10", "--json").json()["units"]
    }
    assert units["区国土分局"]["done"] == 1


def test_validate_checks_the_log(data_copy):
    (data_copy / "progress.yaml").write_text(
        "events:\n"
        "  - {event: done, milestone: '2.9', date: 2017-06-28}\n"
        "  - {event: record, task: 4, indicator: 能耗, value: 1, date: 2017-06-01}\n"
        "  - {event: reopen, milestone: '2.1', date: 2017-05-01}\n",
        encoding="utf-8",
    )
    result = run(data_copy, "validate")
    assert result.code == 1
    lines = [line.split("/data/")[1] for line in result.stdout.splitlines() if "progress" in line]
    assert lines == [
        "progress.yaml:2:30: error: no milestone 2.9 in the plan",
        "progress.yaml:3:41: error: task 4 has no target '能耗' "
        "(its targets: 单位地区生产总值能耗)",
        "progress.yaml:3:61: warning: dated 2017-06-01, after an event dated 2017-06-28: keep the "
        "log in date order",
        "progress.yaml:4:45: warning: dated 2017-05-01, after an event dated 2017-06-28: keep the "
        "log in date order",
        "progress.yaml:4:5: warning: milestone 2.1 is not done: nothing to reopen",
    ]


def test_a_ref_written_as_a_number_asks_for_quotes(data_copy):
    (data_copy / "progress.yaml").write_text(
        "events:\n  - {event: done, milestone: 2.1, date: 2017-06-28}\n", encoding="utf-8"
    )
    result = run(data_copy, "due", "--month", "6")
    assert result.code == 1
    assert result.stderr.endswith(
        "progress.yaml:2:30: error: events[0].milestone: expected text, got 2.1 "
        "(quote it if it is meant as text)\n"
    )


def test_the_log_is_replayed_by_date_not_by_position(data_copy):
    energy = "task: 4, indicator: 单位地区生产总值能耗"
    (data_copy / "progress.yaml").write_text(
        "events:\n"
        "  - {event: done, milestone: '2.1', date: 2017-06-28}\n"
        f"  - {{event: record, {energy}, value: 0.69, date: 2017-11-30}}\n"
        # added later, for earlier days: they must not undo what came after them
        "  - {event: reopen, milestone: '2.1', date: 2017-06-01}\n"
        f"  - {{event: record, {energy}, value: 0.75, date: 2017-06-30}}\n",
        encoding="utf-8",
    )
    assert "2.1" not in refs(data_copy, "overdue", "--as-of", "2017-07-01")
    rows = run(data_copy, "targets", "--as-of", "2017-12-31", "--json").json()["targets"]
    assert next(r for r in rows if r["task"] == 4)["actual"] == 0.69


def test_due_counts_what_is_done_by_today_only(data_copy):
    future = "2199-01-01"
    assert run(data_copy, "done", "2.1", "--on", future, "--force").code == 0
    assert "2.1" in refs(data_copy, "due", "--month", "6")


def test_done_keeps_the_permissions_of_the_log(data_copy):
    run(data_copy, "done", "2.1", "--on", "2017-06-28")
    log = data_copy / "progress.yaml"
    log.chmod(0o664)  # a log shared with the group's other members
    run(data_copy, "done", "9.3", "--on", "2017-06-29")
    assert os.stat(log).st_mode & 0o777 == 0o664
