"""The many-units messages in Chinese: the office's review, extensions, a unit's own file."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli

ZH = {"ECOTASK_LANG": "zh"}


def zh(folder: Path, *args: str):
    return cli(*args, "--data", str(folder), env=ZH)


def test_review_and_extension_answer_in_chinese(data_copy: Path):
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    group.write_text(text.replace("  office:\n", "  office:\n    review: required\n"), "utf-8")
    log = data_copy / "progress.yaml"
    assert zh(data_copy, "accept", "2.1").stderr == "ecotask: 错误: 时间节点 2.1 没有待审核的报送\n"
    assert zh(data_copy, "done", "2.1", "--on", "2017-06-28", "--by", "区国土分局").code == 0
    again = zh(data_copy, "done", "2.1", "--by", "区国土分局")
    assert again.code == 1
    assert again.stderr == (
        "ecotask: 错误: 时间节点 2.1 已由 区国土分局 报送完成（2017-06-28），待办公室审核："
        "销号请运行 `ecotask accept 2.1`，退回请运行 `ecotask return 2.1`\n"
    )
    early = zh(data_copy, "return", "2.1", "--reason", "佐证材料不全", "--on", "2017-06-27")
    assert early.stderr == "ecotask: 错误: 时间节点 2.1 于 2017-06-28 报送，审核日期不能早于该日\n"
    returned = zh(data_copy, "return", "2.1", "--reason", "佐证材料不全", "--on", "2017-07-01")
    assert returned.stdout == f"2.1 于 2017-07-01 退回 区国土分局：已记入 {log}\n"
    assert zh(data_copy, "done", "2.1", "--on", "2017-07-03", "--by", "区国土分局").code == 0
    accepted = zh(data_copy, "accept", "2.1", "--on", "2017-07-05")
    assert accepted.stdout == (
        f"2.1 于 2017-07-05 销号：区国土分局 于 2017-07-03 完成；已记入 {log}\n"
    )
    assert (
        zh(
            data_copy,
            "extend",
            "2.1",
            "--to",
            "2017-12-31",
            "--reason",
            "省厅调整部署",
            "--approved-by",
            "李吉峰",
        ).stderr
        == "ecotask: 错误: 时间节点 2.1 已完成，无需延期\n"
    )
    extended = zh(
        data_copy,
        "extend",
        "2.2",
        "--to",
        "2017-12-31",
        "--reason",
        "省厅调整部署",
        "--approved-by",
        "李吉峰",
        "--on",
        "2017-11-20",
    )
    assert extended.stdout == f"2.2 由 2017-11-30 延期至 2017-12-31：已记入 {log}\n"


def test_without_review_accept_is_refused_in_chinese(data_copy: Path):
    refused = zh(data_copy, "accept", "2.1")
    assert refused.code == 1
    assert refused.stderr == (
        "ecotask: 错误: 未设置审核（group.yaml：office.review）："
        "单位报送完成即计为完成，无需销号或退回\n"
    )


def test_a_units_file_findings_in_chinese(data_copy: Path):
    (data_copy / "progress").mkdir()
    (data_copy / "progress" / "区国土分局.yaml").write_text(
        "events:\n  - event: done\n    milestone: '3.1'\n    date: 2017-03-01\n"
        "    by: 区国土分局\n",
        encoding="utf-8",
    )
    run = zh(data_copy, "validate")
    assert run.code == 1
    assert (
        "progress/区国土分局.yaml:2:5: 错误: 区国土分局 未参与任务 3："
        "本单位报送文件只能记录本单位承担的时间节点\n"
    ) in run.stdout
