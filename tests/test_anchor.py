"""Progress anchored to its step: an edit of tasks.yaml under the log is an error, not a
silent re-pointing, until `ecotask reanchor` confirms it."""

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import cli, unstamped

STEP_1_2 = (
    "到10月底，配合市环保局完成制定《盘锦市生态红线区域保护管理办法》，"
    "严守生态保护红线，从源头保障区域生态安全。"
)
STEP_1_3 = "到11月底，按照《盘锦市生态红线区域保护管理办法》，确定双台子区生态红线区的区域范围。"
TARGET_4 = "实现单位地区生产总值能耗下降至0.70吨标煤/万元"


def run(data: Path, *args: str):
    return cli(*args, "--data", str(data))


def edit(data: Path, old: str, new: str) -> None:
    path = data / "tasks.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def delete_step_1_2(data: Path) -> None:
    edit(data, f"      - due: 10月底\n        text: {STEP_1_2}\n", "")


def log_text(data: Path) -> str:
    return unstamped((data / "progress.yaml").read_text(encoding="utf-8"))


def error_at_first_entry(data: Path, message: str) -> str:
    return f"{data / 'progress.yaml'}:4:5: error: {message}\n"


def test_done_writes_the_fingerprint_of_its_step_by_the_documented_rule(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    digest = hashlib.sha256(STEP_1_2.encode("utf-8")).hexdigest()[:8]
    assert digest == "ac798038"
    assert log_text(data_copy).endswith(
        "events:\n  - event: done\n    milestone: '1.2'\n    step: ac798038\n    date: 2017-10-20\n"
    )


DELETED = (
    "entry for 1.2 was recorded against a step whose text has changed (now: "
    f"'{STEP_1_3}'); if the edit is deliberate, run `ecotask reanchor 1.2`"
)


def test_deleting_the_step_under_a_done_entry_is_a_located_error(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    assert run(data_copy, "due", "--month", "6", "--json").code == 0  # cached before the edit
    delete_step_1_2(data_copy)

    checked = run(data_copy, "validate")
    assert checked.code == 1
    assert error_at_first_entry(data_copy, DELETED) in checked.stdout + checked.stderr
    for cache in ([], ["--no-cache"]):
        due = cli(*cache, "due", "--month", "6", "--json", "--data", str(data_copy))
        assert (due.code, due.stdout, due.stderr) == (
            1,
            "",
            error_at_first_entry(data_copy, DELETED),
        )


def test_the_installed_command_refuses_the_query_with_the_located_error(data_copy, tmp_path):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    delete_step_1_2(data_copy)
    command = [sys.executable, "-m", "ecotask", "overdue", "--data", str(data_copy), "--json"]
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=10, env=env)
    assert (done.returncode, done.stdout, done.stderr) == (
        1,
        "",
        error_at_first_entry(data_copy, DELETED),
    )


def test_reanchor_confirms_a_deleted_step_and_keeps_the_history(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    delete_step_1_2(data_copy)
    before = log_text(data_copy)

    confirmed = run(data_copy, "reanchor", "1.2", "--on", "2017-10-25", "--note", "删除原1.2")
    assert (confirmed.code, confirmed.stderr) == (0, "")
    assert confirmed.stdout == (
        "1.2 reanchored on 2017-10-25 to its text as it reads now: "
        f"recorded in {data_copy / 'progress.yaml'}\n"
    )
    assert log_text(data_copy) == before + (
        "  - event: reanchor\n"
        "    milestone: '1.2'\n"
        "    step: 137a011d\n"
        "    date: 2017-10-25\n"
        "    note: 删除原1.2\n"
    )
    assert run(data_copy, "validate").code == 0
    # The office confirmed that the done entry stands for 1.2 as it reads now (the old 1.3).
    listed = run(data_copy, "due", "--month", "11", "--all", "--json").json()["milestones"]
    assert [(m["ref"], m["text"], m["done"]) for m in listed if m["task"] == 1] == [
        ("1.2", STEP_1_3, "2017-10-20")
    ]


def test_inserting_a_step_names_the_ref_the_entry_now_belongs_to(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    inserted = "      - due: 9月底\n        text: 到9月底，新增工作。\n"
    edit(
        data_copy,
        f"      - due: 10月底\n        text: {STEP_1_2}",
        f"{inserted}      - due: 10月底\n        text: {STEP_1_2}",
    )
    checked = run(data_copy, "validate")
    moved = (
        "entry for 1.2 was recorded against another step: the step it was recorded for is now "
        "1.3 (was 1.2), and 1.2 is now '到9月底，新增工作。'; correct the entry's milestone, or "
        "if it is meant for 1.2 as it reads now, run `ecotask reanchor 1.2`"
    )
    assert checked.code == 1
    assert error_at_first_entry(data_copy, moved) in checked.stdout + checked.stderr
    assert run(data_copy, "status", "--as-of", "2017-10-31").code == 1

    log = data_copy / "progress.yaml"
    log.write_text(log_text(data_copy).replace("'1.2'", "'1.3'"), encoding="utf-8")
    assert run(data_copy, "validate").code == 0
    done = run(data_copy, "due", "--month", "10", "--all", "--json").json()["milestones"]
    assert [(m["ref"], m["done"]) for m in done if m["task"] == 1] == [("1.3", "2017-10-20")]


def test_a_typo_fix_is_an_error_until_reanchored_and_reanchor_then_has_nothing_to_do(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    fixed = STEP_1_2.replace("严守", "严格守住")
    edit(data_copy, STEP_1_2, fixed)
    checked = run(data_copy, "validate")
    typo = (
        "entry for 1.2 was recorded against a step whose text has changed (now: "
        f"'{fixed}'); if the edit is deliberate, run "
        "`ecotask reanchor 1.2`"
    )
    assert checked.code == 1
    assert error_at_first_entry(data_copy, typo) in checked.stdout + checked.stderr

    assert run(data_copy, "reanchor", "1.2", "--on", "2017-10-21").code == 0
    assert run(data_copy, "validate").code == 0
    before = log_text(data_copy)
    again = run(data_copy, "reanchor", "1.2")
    assert (again.code, again.stderr) == (
        1,
        "ecotask: error: nothing to reanchor: every entry for 1.2 matches its text\n",
    )
    assert log_text(data_copy) == before


def test_reanchor_is_neither_done_nor_reopen(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    assert run(data_copy, "reopen", "1.2", "--on", "2017-10-22").code == 0
    edit(data_copy, STEP_1_2, STEP_1_2 + "（修订）")
    assert run(data_copy, "reanchor", "1.2", "--on", "2017-10-23").code == 0
    checked = run(data_copy, "validate", "--format", "json").json()
    assert [f for f in checked["findings"] if "progress.yaml" in f["file"]] == []
    status = run(data_copy, "status", "--as-of", "2017-11-01", "--json").json()
    task = next(t for t in status["tasks"] if t["task"] == 1)
    assert task["states"]["1.2"] == "overdue"  # reopened: the reanchor did not mark it done
    assert run(data_copy, "done", "1.2", "--on", "2017-11-02").code == 0


def test_an_entry_without_fingerprint_is_taken_on_trust(data_copy):
    (data_copy / "progress.yaml").write_text(
        "events:\n  - event: done\n    milestone: '1.2'\n    date: 2017-10-20\n",
        encoding="utf-8",
    )
    delete_step_1_2(data_copy)
    checked = run(data_copy, "validate", "--format", "json").json()
    assert [f for f in checked["findings"] if "progress.yaml" in f["file"]] == []
    assert run(data_copy, "due", "--month", "11", "--json").code == 0


def test_a_record_is_anchored_to_its_targets_wording(data_copy):
    assert run(data_copy, "record", "4", "0.72", "--on", "2017-06-30").code == 0
    digest = hashlib.sha256(TARGET_4.encode("utf-8")).hexdigest()[:8]
    assert f"    value: 0.72\n    target: {digest}\n" in log_text(data_copy)
    edit(data_copy, "0.70吨标煤/万元。", "0.68吨标煤/万元。")
    lowered = TARGET_4.replace("0.70", "0.68")
    edit(
        data_copy,
        f"value: 0.70\n        unit: 吨标煤/万元\n        text: {TARGET_4}",
        (f"value: 0.68\n        unit: 吨标煤/万元\n        text: {lowered}"),
    )
    changed = (  # the target's wording as it reads now, not the step's
        "entry for task 4's target 单位地区生产总值能耗 was recorded against a target whose text "
        "has changed (now: '实现单位地区生产总值能耗下降至0.68吨标煤/万元'); if the edit is "
        "deliberate, run `ecotask reanchor 4 --indicator 单位地区生产总值能耗`"
    )
    assert run(data_copy, "targets", "--json").stderr == error_at_first_entry(data_copy, changed)

    confirmed = run(data_copy, "reanchor", "4", "--on", "2017-07-01")
    assert confirmed.stdout.startswith(
        "task 4's target 单位地区生产总值能耗 reanchored on 2017-07-01"
    )
    rows = run(data_copy, "targets", "--as-of", "2017-07-02", "--json").json()["targets"]
    row = next(r for r in rows if r["task"] == 4)
    assert (row["actual"], row["actual_date"]) == (0.72, "2017-06-30")  # not the reanchor's


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("milestone: '1.2'\n    date: 2017-10-20", "2:5: error: a reanchor needs its `step`"),
        (
            "milestone: '1.2'\n    step: ac798038\n    task: 4\n"
            "    indicator: 单位地区生产总值能耗\n    date: 2017-10-20",
            "2:5: error: a reanchor names either a milestone (with `step`) or a task and an "
            "indicator (with `target`)",
        ),
        (
            "step: 1234567\n    date: 2017-10-20",
            "3:11: error: events[0].step: expected text, got 1234567 "
            "(quote it if it is meant as text)",
        ),
    ],
)
def test_a_reanchor_written_by_hand_must_name_one_thing(data_copy, entry, message):
    (data_copy / "progress.yaml").write_text(
        f"events:\n  - event: reanchor\n    {entry}\n", encoding="utf-8"
    )
    checked = run(data_copy, "validate")
    assert checked.code == 1
    assert f"progress.yaml:{message}\n" in checked.stdout + checked.stderr


def test_two_steps_edited_are_reanchored_in_one_write(data_copy):
    assert run(data_copy, "done", "1.2", "--on", "2017-10-20").code == 0
    assert run(data_copy, "done", "1.3", "--on", "2017-11-20").code == 0
    edit(data_copy, STEP_1_2, STEP_1_2 + "（修订）")
    edit(data_copy, STEP_1_3, STEP_1_3 + "（修订）")
    before = log_text(data_copy)

    alone = run(data_copy, "reanchor", "1.2")
    assert alone.code == 1
    # each entry is five lines, its recorded stamp the fifth
    assert alone.stderr.startswith(f"{data_copy / 'progress.yaml'}:9:5: error: entry for 1.3 ")
    assert log_text(data_copy) == before

    both = run(data_copy, "reanchor", "1.2", "1.3", "--on", "2017-11-21")
    assert both.code == 0
    assert both.stdout.count("reanchored on 2017-11-21") == 2
    assert log_text(data_copy).count("event: reanchor") == 2
    assert run(data_copy, "validate").code == 0


def test_a_step_done_then_reanchored_is_still_done_for_the_order_check(data_copy):
    (data_copy / "progress.yaml").write_text(
        "events:\n"
        "  - event: done\n    milestone: '1.2'\n    step: ac798038\n    date: 2017-10-20\n"
        "  - event: reanchor\n    milestone: '1.2'\n    step: ac798038\n    date: 2017-10-21\n"
        "  - event: done\n    milestone: '1.2'\n    date: 2017-10-22\n",
        encoding="utf-8",
    )
    checked = run(data_copy, "validate", "--format", "json").json()
    assert [
        (f["line"], f["severity"], f["message"])
        for f in checked["findings"]
        if "progress.yaml" in f["file"]
    ] == [(10, "warning", "milestone 1.2 is already done")]
    refused = run(data_copy, "done", "1.2")
    assert refused.stderr.startswith("ecotask: error: milestone 1.2 is already done (2017-10-22)")
