"""The report's overdue steps and the 督办通知单 show the parts (分项报送) still owed."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.conftest import cli

OWED = (
    "区农经局 未报；各街镇 1/8 已报"
    "（未报：陆家镇、双盛街道、铁东街道、红旗街道、建设街道、辽河街道、胜利街道）"
)


def ok(folder: Path, *args: str) -> str:
    run = cli(*args, "--data", str(folder))
    assert run.code == 0, run.stderr
    return run.stdout


def test_the_reports_overdue_steps_show_their_parts(data_copy: Path):
    report = ("report", "--month", "7", "--format", "md")
    assert "分项报送" not in ok(data_copy, *report)  # no part reported: the report as before
    ok(data_copy, "done", "2.1", "--on", "6/20", "--by", "统一镇")
    lines = ok(data_copy, *report).splitlines()
    assert "| 序号 | 时间节点 | 任务名称 | 任务分解 | 逾期天数 | 分管领导 | 分项报送 |" in lines
    row = next(line for line in lines if line.startswith("| 2.1 |"))
    assert row.endswith(f"| 31 | 李吉峰 | {OWED} |")
    other = next(line for line in lines if line.startswith("| 12.1 |"))
    assert other.endswith("| 122 | 祝美娟 | — |")


def test_the_notice_lists_the_parts_still_owed(data_copy: Path, tmp_path: Path):
    def owed() -> list[str]:
        out = tmp_path / "督办单.docx"
        ok(data_copy, "remind", "--as-of", "2017-07-05", "-o", str(out), "--force")
        return [p.text for p in docx.Document(str(out)).paragraphs if "分项报送" in p.text]

    assert owed() == []
    ok(data_copy, "done", "2.1", "--on", "6/20", "--by", "统一镇")
    assert owed() == [f"分项报送：2.1 {OWED}"]
