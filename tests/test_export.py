"""Export: every format read back with its real reader, and the file rules of -o."""

import csv
import io
import json
import os
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import icalendar
import openpyxl
import pytest

from .conftest import DATA, cli

TITLE = "2017年生态建设专项行动工作任务分解表"


def export(*args: str, data: Path | None = None):
    return cli("export", *args, *(["--data", str(data)] if data else []))


def one_line_error(run) -> str:
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1, run.stderr
    return run.stderr


@pytest.fixture
def progressed(data_copy: Path) -> Path:
    """The data with 2.1 done on time and 9.3 done late, reported by 区国土分局 and with a note."""
    for args in (
        ["done", "2.1", "--on", "2017-06-28", "--by", "国土", "--note", "资料收集完成"],
        ["done", "9.3", "--on", "2017-07-05"],
    ):
        assert cli(*args, "--data", str(data_copy)).code == 0
    return data_copy


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel and WPS need to read UTF-8
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_milestone_with_its_state(progressed, tmp_path):
    out = tmp_path / "plan.csv"
    run = export("--format", "csv", "-o", str(out), "--as-of", "2017-07-10", data=progressed)
    assert run.code == 0, run.stderr
    assert (run.stdout, run.stderr) == ("", f"wrote {out}\n")
    rows = read_csv(out)
    assert len(rows) == 81
    assert list(rows[0])[:8] == [
        "序号",
        "节点",
        "类别",
        "任务名称",
        "任务分解",
        "时间节点",
        "起始日期",
        "时间表述",
    ]
    by_ref = {row["节点"]: row for row in rows}
    assert len(by_ref) == 81
    assert by_ref["2.1"] == {
        "序号": "2",
        "节点": "2.1",
        "类别": "科学构建生态空间格局",
        "任务名称": "划定耕地红线并严格遵守",
        "任务分解": "到6月底，区土地局完成耕地红线划定的资料收集等前期准备工作，"
        "确保耕地数量和质量不下降并严格执行；",
        "时间节点": "2017-06-30",
        "起始日期": "",
        "时间表述": "6月底",
        "牵头单位": "区国土分局",
        "责任单位": "区农经局、各街镇等相关单位",
        "分管领导": "李吉峰",
        "状态": "按时完成",
        "完成日期": "2017-06-28",
        "报告单位": "区国土分局",
        "备注": "资料收集完成",
        "进展情况": "资料收集完成",  # the done entry's note is the step's latest
        "佐证材料": "",
        "延期": "",
    }
    assert by_ref["32.2"] == {
        "序号": "32",
        "节点": "32.2",
        "类别": "建立完善生态制度体系",
        "任务名称": "提高国家生态文明建设示范县占比",
        "任务分解": "2.6到12月全面落实工作方案，确保在2018年达到生态文明建设示范镇考核标准。",
        "时间节点": "2017-12-31",
        "起始日期": "2017-06-01",
        "时间表述": "6到12月",
        "牵头单位": "区环保局",
        "责任单位": "陆家镇、统一镇、双盛街道",  # no 等相关单位: the cell is closed
        "分管领导": "祝美娟",
        "状态": "未到期",
        "完成日期": "",
        "报告单位": "",
        "备注": "",
        "进展情况": "",
        "佐证材料": "",
        "延期": "",
    }
    assert (by_ref["9.3"]["状态"], by_ref["9.3"]["完成日期"]) == ("逾期完成", "2017-07-05")
    assert by_ref["7.1"]["状态"] == "逾期未完成"
    assert by_ref["3.1"]["时间表述"] == "2017年11月（完成时限）"


def test_csv_goes_to_stdout_with_its_bom():
    run = export("--format", "csv", "--as-of", "2017-07-01")
    assert run.code == 0, run.stderr
    assert run.stdout.startswith("\ufeff序号,节点,")
    assert len(run.stdout.splitlines()) == 82


def test_xlsx_has_a_sheet_of_tasks_and_one_of_milestones(progressed, tmp_path):
    out = tmp_path / "plan.xlsx"
    run = export("-f", "xlsx", "-o", str(out), "--as-of", "2017-07-10", data=progressed)
    assert run.code == 0, run.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["任务", "时间节点"]
    tasks, steps = book["任务"], book["时间节点"]
    assert (tasks.max_row - 1, steps.max_row - 1) == (35, 81)
    assert (tasks.freeze_panes, steps.freeze_panes) == ("A2", "A2")
    assert book.properties.title == TITLE

    headers = [c.value for c in steps[1]]
    row = next(r for r in steps.iter_rows(min_row=2, values_only=True) if r[1] == "2.1")
    step = dict(zip(headers, row, strict=True))
    assert isinstance(step["时间节点"], datetime)  # a real date, not text
    assert step["时间节点"].date() == date(2017, 6, 30)
    assert step["完成日期"].date() == date(2017, 6, 28)
    assert (step["序号"], step["状态"], step["起始日期"]) == (2, "按时完成", None)
    due_cell = steps.cell(row=2, column=headers.index("时间节点") + 1)
    assert due_cell.is_date and due_cell.number_format == "yyyy-mm-dd"

    task_headers = [c.value for c in tasks[1]]
    task = dict(zip(task_headers, next(tasks.iter_rows(min_row=3, values_only=True)), strict=True))
    assert task["序号"] == 2
    assert task["任务分解"].split("\n") == [
        "到6月底，区土地局完成耕地红线划定的资料收集等前期准备工作，"
        "确保耕地数量和质量不下降并严格执行；",
        "到11月底，完成耕地红线划定工作。",
    ]
    assert task["截止日期"].date() == date(2017, 11, 30)
    assert (task["节点数"], task["按时完成"], task["未到期"]) == (2, 1, 1)

    # widths fit the text, a CJK character counting two
    widths = column_widths(steps)
    width = {c.value: widths[c.column] for c in steps[1]}
    assert width["节点"] < width["时间节点"] < width["分管领导"] < width["任务名称"]
    assert width["任务分解"] == 60  # capped, and wrapped instead
    assert steps["E2"].alignment.wrap_text


def test_xlsx_without_a_file_is_a_usage_error():
    run = export("--format", "xlsx")
    assert run.code == 2
    assert one_line_error(run) == (
        "ecotask: error: xlsx is binary: write it to a file with -o FILE\n"
    )


def ics_events(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    assert str(calendar["X-WR-CALNAME"]) == TITLE
    events = calendar.walk("VEVENT")
    assert len(events) == 81
    return {str(e["SUMMARY"]).split("]")[0][1:]: e for e in events}


def test_ics_has_one_all_day_event_per_milestone_with_stable_uids(tmp_path):
    first = export("--format", "ics", "--as-of", "2017-07-01")
    assert first.code == 0, first.stderr
    events = ics_events(first.stdout)
    assert len(events) == 81  # one per milestone
    uids = [str(e["UID"]) for e in events.values()]
    assert len(set(uids)) == 81

    event = events["2.1"]
    assert str(event["SUMMARY"]) == "[2.1] 划定耕地红线并严格遵守"
    assert event["DTSTART"].dt == date(2017, 6, 30)
    assert not isinstance(event["DTSTART"].dt, datetime)  # all day
    assert event["DTEND"].dt == date(2017, 7, 1)
    description = str(event["DESCRIPTION"])
    assert description.startswith("任务分解：到6月底，区土地局完成耕地红线划定")
    assert "牵头单位：区国土分局" in description
    assert "分管领导：李吉峰" in description
    assert "状态：逾期未完成（截至2017-07-01）" in description
    assert events["32.2"]["DTSTART"].dt == date(2017, 12, 31)
    assert "时间节点：6到12月（2017-06-01至2017-12-31）" in str(events["32.2"]["DESCRIPTION"])

    out = tmp_path / "plan.ics"
    again = export("--format", "ics", "-o", str(out), "--as-of", "2017-12-31")
    assert again.code == 0, again.stderr
    later = ics_events(out.read_text(encoding="utf-8"))
    assert {ref: str(e["UID"]) for ref, e in later.items()} == {
        ref: str(e["UID"]) for ref, e in events.items()
    }


def test_json_is_the_whole_plan_with_states_as_of_the_date(progressed):
    def document(as_of: str) -> dict:
        run = export("--format", "json", "--as-of", as_of, data=progressed)
        assert run.code == 0, run.stderr
        return run.json()

    doc = document("2017-07-10")
    assert doc["plan"] == {
        "title": TITLE,
        "year": 2017,
        "issuer": "盘锦市双台子区人民政府办公室",
        "issued": "2017-03-20",
    }
    assert doc["as_of"] == "2017-07-10"
    assert len(doc["tasks"]) == 35
    steps = {m["ref"]: m for t in doc["tasks"] for m in t["milestones"]}
    assert len(steps) == 81
    assert [(p["name"], p["reported"]) for p in steps["2.1"]["parts"]] == [
        ("区农经局", []),
        ("各街镇", []),
    ]
    assert {key: value for key, value in steps["2.1"].items() if key != "parts"} == {
        "milestone": 1,
        "ref": "2.1",
        "due": "2017-06-30",
        "start": None,
        "due_text": "6月底",
        "at_deadline": False,
        "text": "到6月底，区土地局完成耕地红线划定的资料收集等前期准备工作，"
        "确保耕地数量和质量不下降并严格执行；",
        "state": "done",
        "review": None,
        "extended_to": None,
        "done": "2017-06-28",
        "done_by": "区国土分局",
        "note": "资料收集完成",
        "evidence": [],
    }
    assert (steps["9.3"]["state"], steps["9.3"]["done"]) == ("done_late", "2017-07-05")
    assert steps["7.1"]["state"] == "overdue"
    assert steps["2.2"]["state"] == "pending"

    # the task object is `show --json`'s as of the same date, states, notes and all
    shown = cli("show", "2", "--as-of", "2017-07-10", "--json", "--data", str(progressed)).json()
    assert shown.pop("as_of") == "2017-07-10"
    shown.pop("progress")
    assert doc["tasks"][1] == shown

    targets = cli("targets", "--as-of", "2017-07-10", "--json", "--data", str(progressed))
    assert doc["targets"] == targets.json()["targets"]

    # a step done after the date is not known yet
    earlier = {m["ref"]: m for t in document("2017-07-01")["tasks"] for m in t["milestones"]}
    assert (earlier["9.3"]["state"], earlier["9.3"]["done"]) == ("overdue", None)
    assert earlier["2.1"]["state"] == "done"


def test_an_existing_file_is_kept_unless_forced(tmp_path):
    out = tmp_path / "plan.json"
    out.write_bytes(b"keep me")
    refused = export("--format", "json", "-o", str(out))
    assert refused.code == 1
    assert one_line_error(refused) == (
        f"ecotask: error: {out} exists: choose another name, or add --force to replace it\n"
    )
    assert out.read_bytes() == b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]  # no temporary left

    forced = export("--format", "json", "-o", str(out), "--force", "--as-of", "2017-07-01")
    assert forced.code == 0, forced.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2017-07-01"


def test_the_format_may_come_from_the_file_name(tmp_path):
    out = tmp_path / "台账.XLSX"
    assert export("-o", str(out)).code == 0
    assert openpyxl.load_workbook(out).sheetnames == ["任务", "时间节点"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf", "-o", "{tmp}/plan.pdf"], "'pdf' is not one of csv, xlsx, ics, json"),
        ([], "choose one of csv, xlsx, ics, json (or give -o a file ending in one)"),
        (["-o", "{tmp}/plan.txt"], "choose one of csv, xlsx, ics, json"),
    ],
)
def test_an_unknown_format_is_a_usage_error(tmp_path, args, message):
    run = export(*(arg.format(tmp=tmp_path) for arg in args))
    assert run.code == 2
    assert message in one_line_error(run)
    assert list(tmp_path.iterdir()) == []


def column_widths(sheet) -> dict[int, float]:
    """Each column's width; a writer may give adjacent columns of one width a single entry."""
    return {
        column: dimension.width
        for dimension in sheet.column_dimensions.values()
        for column in range(dimension.min, dimension.max + 1)
    }


def test_a_bad_date_is_a_usage_error():
    run = export("--format", "csv", "--as-of", "2017-02-30")
    assert run.code == 2
    assert one_line_error(run).startswith("ecotask: error: '2017-02-30' is not a real date")


def test_other_commands_do_not_import_the_writers():
    command = [sys.executable, "-X", "importtime", "-m", "ecotask", "due", "--month", "6"]
    env = {**os.environ, "ECOTASK_DATA": str(DATA)}
    run = subprocess.run(command, capture_output=True, text=True, env=env, timeout=30)
    assert run.returncode == 0, run.stderr
    imported = [line.split("|")[-1].strip() for line in run.stderr.splitlines()]
    assert not {"openpyxl", "xlsxwriter", "icalendar"} & set(imported)
    assert "ecotask.export" not in imported


def test_a_written_file_has_the_permissions_of_any_new_file_or_of_the_one_it_replaces(
    tmp_path,
):
    out = tmp_path / "plan.json"
    umask = os.umask(0o027)
    try:
        assert export("--format", "json", "-o", str(out)).code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o640  # not mkstemp's 0600
    out.chmod(0o604)
    assert export("--format", "json", "-o", str(out), "--force").code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
