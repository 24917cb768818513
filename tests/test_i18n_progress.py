"""note, undo, log, recurring steps and working days in Chinese: the answers, refusals, findings
and warnings those features added read as the office writes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli
from tests.test_i18n import EN, ZH


def test_note_and_undo_answer_in_chinese(data_copy: Path):
    log = data_copy / "progress.yaml"
    noted = cli("note", "2.1", "资料已收集", "--on", "2017-06-20", "--data", str(data_copy), env=ZH)
    assert noted.stdout == f"2.1 于 2017-06-20 记录进展情况：已记入 {log}\n"
    cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy), env=ZH)
    undone = cli("undo", "2.1", "--data", str(data_copy), env=ZH)
    assert undone.stdout == f"已撤回 2.1 于 2017-06-28 的完成记录：已记入 {log}\n"
    cli("record", "4", "0.72", "--on", "2017-06-30", "--data", str(data_copy), env=ZH)
    undone = cli("undo", "4", "--data", str(data_copy), env=ZH)
    assert undone.stdout == (
        f"已撤回 任务 4 的指标 单位地区生产总值能耗 于 2017-06-30 登记的实测值：已记入 {log}\n"
    )
    english = cli("undo", "2.1", "--data", str(data_copy), env=EN)
    assert english.stdout == f"2.1: the note dated 2017-06-20 is withdrawn: recorded in {log}\n"


def test_nothing_to_undo_or_log_names_the_step_or_the_task(data_copy: Path):
    folder = str(data_copy)
    assert cli("undo", "3", "--data", folder, env=ZH).stderr == (
        "ecotask: 错误: 任务 3 没有可撤回的记录\n"
    )
    assert cli("undo", "3.1", "--data", folder, env=ZH).stderr == (
        "ecotask: 错误: 时间节点 3.1 没有可撤回的记录\n"
    )
    assert cli("log", "3", "--data", folder, env=ZH).stdout == "任务 3 暂无进展记录。\n"
    assert cli("log", "3.1", "--data", folder, env=ZH).stdout == "时间节点 3.1 暂无进展记录。\n"
    assert cli("log", "--data", folder, env=ZH).stdout == "暂无进展记录。\n"


def test_a_recurring_step_refused_in_chinese(data_copy: Path):
    tasks = data_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    step = "        text: 到11月底，完成耕地红线划定工作。\n"
    assert step in text
    tasks.write_text(
        text.replace(step, step + "      - due: 每季度末\n        text: 每季度末报送工作进展。\n"),
        encoding="utf-8",
    )
    found = cli("done", "2.3@2017-05", "--data", str(data_copy), env=ZH)
    assert found.code == 1
    assert found.stderr == (
        "ecotask: 错误: 时间节点 2.3 在 2017-05 没有到期的期次"
        "（各期：2017-03-31、2017-06-30、2017-09-30）\n"
    )
    assert cli("done", "2.2@2017-11-30", "--data", str(data_copy), env=ZH).stderr == (
        "ecotask: 错误: 时间节点 2.2 不是周期性工作：请写作 2.2\n"
    )


def test_the_calendar_warning_in_chinese():
    found = cli("overdue", "--as-of", "2027-01-05", "--json", env=ZH)
    assert found.stderr.splitlines()[-1] == (
        "ecotask: 警告: 官方日历中没有 2027 年的节假日安排：该年工作日按周一至周五计算"
    )


def test_evidence_outside_the_data_folder_in_chinese(data_copy: Path):
    (data_copy / "progress.yaml").write_text(
        'events:\n  - event: note\n    milestone: "2.1"\n    date: 2017-06-01\n'
        "    note: 好\n    evidence: [../x.pdf]\n",
        "utf-8",
    )
    result = cli("validate", "--data", str(data_copy), env=ZH)
    assert result.code == 1
    assert (
        f"{data_copy / 'progress.yaml'}:6:16: 错误: 佐证材料 '../x.pdf' 不在数据文件夹"
        f"（{data_copy.resolve()}）内" in result.stdout.splitlines()
    )


def test_a_date_that_does_not_exist_says_why_in_chinese(data_copy: Path):
    refused = cli("done", "2.1", "--on", "2017-06-31", "--data", str(data_copy), env=ZH)
    assert (refused.code, refused.stderr) == (
        1,
        "ecotask: 错误: '2017-06-31' 不是有效日期（该月没有这一天）\n",
    )
    tasks = data_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace("issued: 2017-03-20", "issued: 2017-13-20", 1), encoding="utf-8")
    found = cli("validate", "--data", str(data_copy), env=ZH).stdout.splitlines()[0]
    assert found == f"{tasks}:7:11: 错误: plan.issued: '2017-13-20' 不是有效日期（月份应为1至12）"


def test_a_number_out_of_bounds_and_a_yes_in_chinese_say_what_is_expected(data_copy: Path):
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    text = text.replace("    concurrent: true", "    concurrent: 是\n    number: -3", 1)
    group.write_text(text, encoding="utf-8")
    zh = cli("validate", "--data", str(data_copy), env=ZH).stdout.splitlines()
    en = cli("validate", "--data", str(data_copy), env=EN).stdout.splitlines()
    assert zh[:2] == [
        f"{group}:145:17: 错误: group.office.concurrent: 应为布尔值（true 或 false），实为 '是'",
        f"{group}:146:13: 错误: group.office.number: 应不小于 1，实为 -3",
    ]
    assert en[1] == f"{group}:146:13: error: group.office.number: must be 1 or more, not -3"
