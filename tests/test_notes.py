"""Notes (进展情况) and evidence (佐证材料): recorded on any step, open or done, and carried by
show, unit, the report in every format, and the export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml

from .test_history import ok, run


@pytest.fixture
def noted(data_copy: Path) -> Path:
    """June: 2.1 done with a note, then a later note on it; 9.1 (overdue) noted while open,
    with a file under the data folder and a URL as evidence."""
    (data_copy / "佐证").mkdir()
    (data_copy / "佐证" / "9.1.pdf").write_bytes(b"%PDF")
    ok(data_copy, "done", "2.1", "--on", "2017-06-28", "--note", "资料收集完成")
    ok(data_copy, "note", "2.1", "已报区政府", "--on", "2017-06-29", "--by", "区国土分局")
    assert ok(
        data_copy, "note", "9.1", "正在编制方案", "--on", "2017-06-20",
        "--evidence", "佐证/9.1.pdf", "--evidence", "https://example.org/9.1",
    ) == f"9.1 noted on 2017-06-20: recorded in {data_copy / 'progress.yaml'}\n"  # fmt: skip
    return data_copy


def test_a_note_changes_no_state_and_is_written_with_its_evidence(noted):
    status = run(noted, "status", "--as-of", "2017-06-30", "--json").json()
    states = {ref: s for t in status["tasks"] for ref, s in t["states"].items()}
    assert (states["2.1"], states["9.1"]) == ("done", "overdue")
    text = (noted / "progress.yaml").read_text(encoding="utf-8")
    assert "  - event: note\n    milestone: '9.1'\n    step: " in text
    assert "    note: 正在编制方案\n    evidence:\n      - 佐证/9.1.pdf\n" in text


def test_show_carries_the_latest_note_and_the_evidence(noted):
    shown = run(noted, "show", "9", "--json").json()
    assert shown["progress"] == [
        {
            "ref": "9.1",
            "note": "正在编制方案",
            "note_date": "2017-06-20",
            "evidence": ["佐证/9.1.pdf", "https://example.org/9.1"],
        }
    ]
    table = ok(noted, "show", "2")
    assert "进展情况（截至" in table
    assert " 2.1   2017-06-29  已报区政府" in table  # the latest note, not the done's
    assert "进展情况" not in ok(noted, "show", "3")  # no note, no table


def test_unit_carries_its_steps_notes(noted):
    document = run(noted, "unit", "区国土分局", "--json").json()
    assert [(p["ref"], p["note"]) for p in document["progress"]] == [  # by due date
        ("9.1", "正在编制方案"),
        ("2.1", "已报区政府"),
    ]
    assert "进展情况（截至" in ok(noted, "unit", "区国土分局")


def test_the_report_has_a_column_of_progress_in_every_format(noted, tmp_path):
    md = ok(noted, "report", "--month", "6", "--as-of", "2017-06-30")
    overdue = md.split("逾期未完成", 1)[1]
    assert "| 序号 | 时间节点 | 任务名称 | 任务分解 | 逾期天数 | 分管领导 | 进展情况 |" in overdue
    assert "正在编制方案；佐证材料：佐证/9.1.pdf、https://example.org/9.1 |" in overdue
    done = md.split("本月已完成", 1)[1]
    assert "| 2017-06-28 | 按时完成 | — | 已报区政府 |" in done
    html = ok(noted, "report", "--month", "6", "--as-of", "2017-06-30", "--format", "html")
    assert "<th>进展情况</th>" in html and "已报区政府" in html
    for fmt in ("xlsx", "docx"):
        out = tmp_path / f"r.{fmt}"
        ok(
            noted,
            "report",
            "--month",
            "6",
            "--as-of",
            "2017-06-30",
            "--format",
            fmt,
            "-o",
            str(out),
        )
    from docx import Document
    from openpyxl import load_workbook

    cells = [c.text for t in Document(str(tmp_path / "r.docx")).tables for c in t.rows[0].cells]
    assert "进展情况" in cells
    book = load_workbook(tmp_path / "r.xlsx")
    values = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert {"进展情况", "已报区政府"} <= values
    # as of 06-25 the notes of 06-29 are not known yet
    early = ok(noted, "report", "--month", "6", "--as-of", "2017-06-25")
    assert "已报区政府" not in early and "正在编制方案" in early


def test_the_export_has_columns_of_progress_and_evidence(noted):
    text = ok(noted, "export", "--format", "csv", "--as-of", "2017-06-30").lstrip("\ufeff")
    rows = {r["节点"]: r for r in csv.DictReader(io.StringIO(text))}
    assert (rows["2.1"]["备注"], rows["2.1"]["进展情况"]) == ("资料收集完成", "已报区政府")
    assert rows["9.1"]["佐证材料"] == "佐证/9.1.pdf、https://example.org/9.1"
    document = run(noted, "export", "--format", "json", "--as-of", "2017-06-30").json()
    steps = {m["ref"]: m for t in document["tasks"] for m in t["milestones"]}
    assert (steps["9.1"]["note"], steps["9.1"]["evidence"]) == (
        "正在编制方案",
        ["佐证/9.1.pdf", "https://example.org/9.1"],
    )


def test_an_undone_note_counts_for_nothing(noted):
    ok(noted, "undo", "2.1")  # the note of 06-29
    shown = run(noted, "show", "2", "--json").json()
    assert shown["progress"] == [
        {"ref": "2.1", "note": "资料收集完成", "note_date": "2017-06-28", "evidence": []}
    ]


@pytest.mark.parametrize(
    ("note", "evidence", "problem"),
    [
        (
            "补充",
            "佐证/缺.pdf",
            "evidence '佐证/缺.pdf' does not exist under the data folder ({folder})",
        ),
        ("补充", "../tasks.yaml", "evidence '../tasks.yaml' is outside the data folder ({folder})"),
        ("资料\t收集", None, "{at}.note: '资料\\t收集' contains a tab: write a space instead"),
        (
            "第一行\n第二行",
            None,
            "{at}.note: '第一行\\n第二行' contains a line break: write it on one line",
        ),
    ],
)
def test_a_refused_note_leaves_the_log_and_says_why(noted, note, evidence, problem):
    log = noted / "progress.yaml"
    before = log.read_bytes()
    more = ("--evidence", evidence) if evidence else ()
    refused = run(noted, "note", "2.1", note, "--on", "2017-06-30", *more)
    assert refused.code == 1
    # the entry was not written, so the error names the file but no line in it
    at = f"events[{len(yaml.safe_load(before)['events'])}]"  # the new entry's place
    said = problem.format(folder=noted, at=at)
    assert refused.stderr == f"{log}: error: not recorded: {said}\n"
    assert log.read_bytes() == before


def test_an_empty_note_is_refused(noted):
    refused = run(noted, "note", "2.1", "  ")
    assert (refused.code, refused.stderr) == (1, "ecotask: error: the note must not be empty\n")


def test_a_record_takes_evidence_and_log_shows_it(noted):
    url = "https://example.org/能耗.xlsx"
    ok(noted, "record", "4", "0.72", "--on", "2017-06-30", "--evidence", url, "--by", "区发改局")
    (entry,) = [e for e in run(noted, "log", "4", "--json").json()["entries"]]
    assert (entry["event"], entry["task"], entry["value"], entry["evidence"], entry["by"]) == (
        "record",
        4,
        0.72,
        [url],
        "区发改局",
    )
    table = ok(noted, "log", "4")
    row = table.splitlines()[3].split()
    day, minute = entry["recorded"][:16].split("T")
    assert row[:7] == ["4", "2017-06-30", day, minute, "指标", "任务4", "区发改局"]
    assert "单位地区生" in row[7] and "0.72" in table  # the 说明 column wraps at the width
