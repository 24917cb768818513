"""The report (通报) files an extended step (延期) under the month it is now due, with both
dates, counts it on time by the new date, and its JSON carries the parts (分项报送)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import docx
from openpyxl import load_workbook

from tests.conftest import cli
from tests.test_extended_dates import extend, ok  # 2.1 extended to 2017-07-31 on 06-25

BOTH = "2017-06-30（6月底），延期至2017-07-31（李吉峰批准）"
TOWNS = ["统一镇", "陆家镇", "双盛街道", "铁东街道", "红旗街道", "建设街道", "辽河街道", "胜利街道"]


def report(folder: Path, month: str, as_of: str) -> dict:
    args = ("report", "--month", month, "--as-of", as_of, "--format", "json")
    return cli(*args, "--data", str(folder)).json()


def test_an_extended_step_is_in_its_new_month_not_its_old(data_copy: Path):
    june, july = report(data_copy, "6", "2017-07-05"), report(data_copy, "7", "2017-08-05")
    assert [s["ref"] for s in june["due"]] == ["2.1", "9.3", "16.2", "18.1"]
    assert (july["due"], july["headline"]["due"]) == ([], 0)
    extend(data_copy)
    june, july = report(data_copy, "6", "2017-07-05"), report(data_copy, "7", "2017-08-05")
    assert [s["ref"] for s in june["due"]] == ["9.3", "16.2", "18.1"]
    assert june["headline"]["due"] == 3
    assert [s["ref"] for s in june["upcoming"]["milestones"]] == ["2.1"]  # due next month
    (moved,) = july["due"]
    assert (moved["ref"], moved["due"], moved["extended_to"]) == ("2.1", "2017-06-30", "2017-07-31")
    assert (moved["state"], july["headline"]["due"], july["headline"]["open"]) == ("overdue", 1, 1)
    lines = ok(data_copy, "report", "--month", "7", "--as-of", "2017-08-05").splitlines()
    due = lines[lines.index("## 二、本月到期") :]
    assert (
        due[2] == "2017年7月到期 1 项，截至 2017-08-05 按时完成 0 项、逾期完成 0 项、未完成 1 项。"
    )
    assert due[6].startswith(f"| 2.1 | {BOTH} | 划定耕地红线并严格遵守 | ")
    assert due[6].endswith(" | 区国土分局 | 逾期未完成 | 省厅调整部署 |")
    old = ok(data_copy, "report", "--month", "6", "--as-of", "2017-07-05").splitlines()
    month = old[old.index("## 二、本月到期") : old.index("## 三、逾期未完成")]
    assert not [line for line in month if line.startswith("| 2.1 |")]


def test_done_by_the_new_date_is_on_time(data_copy: Path):
    ok(data_copy, "done", "2.1", "--on", "2017-07-20")
    late = report(data_copy, "7", "2017-07-31")
    assert late["done"][0]["state"] == "done_late"  # 20 days after the plan's date
    ok(data_copy, "undo", "2.1")  # a step done cannot be extended: withdraw, extend, redo
    extend(data_copy)
    ok(data_copy, "done", "2.1", "--on", "2017-07-20")
    july = report(data_copy, "7", "2017-07-31")
    assert [(s["ref"], s["state"]) for s in july["due"]] == [("2.1", "done")]
    headline = july["headline"]
    assert (headline["due"], headline["done"], headline["month_rate"]) == (1, 1, 1.0)
    assert headline["plan"]["done"] == 1 and headline["plan"]["done_late"] == 0
    land = next(u for u in july["ranking"]["units"] if u["unit"] == "区国土分局")
    assert (land["rank"], land["completion"]["done"], land["rate"]) == (1, 1, 1.0)
    leader = next(x for x in july["leaders"] if x["leader"] == "李吉峰")
    assert (leader["due"], leader["completion"]["done"]) == (1, 1)


def test_the_other_formats_show_both_dates(data_copy: Path, tmp_path: Path):
    extend(data_copy)
    when = ("report", "--month", "7", "--as-of", "2017-08-05")
    page = ok(data_copy, *when, "--format", "html")
    both = "<br>".join(
        [
            "2017-06-30",
            "<small>（6月底）</small>",
            "延期至2017-07-31",
            "<small>（李吉峰批准）</small>",
        ]
    )
    assert f'<td class="nowrap">2.1</td><td class="nowrap">{both}</td>' in page
    ok(data_copy, *when, "-o", str(tmp_path / "通报.docx"))
    tables = docx.Document(str(tmp_path / "通报.docx")).tables
    rows = [[c.text for c in row.cells] for table in tables for row in table.rows]
    lines = "2017-06-30\n（6月底）\n延期至2017-07-31\n（李吉峰批准）"  # each date whole
    assert ["2.1", lines] in [row[:2] for row in rows]
    ok(data_copy, *when, "-o", str(tmp_path / "通报.xlsx"))
    sheet = load_workbook(tmp_path / "通报.xlsx")["本月到期"]
    header, first = ([c.value for c in row] for row in sheet.iter_rows(max_row=2))
    assert header[:5] == ["序号", "时间节点", "时间表述", "延期", "任务名称"]
    assert first[:4] == ["2.1", datetime(2017, 6, 30), "6月底", datetime(2017, 7, 31)]
    empty = load_workbook(tmp_path / "通报.xlsx")["本月已完成"]  # no rows: the same columns
    assert [c.value for c in empty[1]][:4] == ["序号", "任务名称", "时间节点", "时间表述"]
    assert [c.value for c in empty[1]][4] == "延期"


def test_the_json_report_carries_the_parts(data_copy: Path):
    def parts() -> dict[str, list]:
        july = report(data_copy, "7", "2017-07-31")
        return {m["ref"]: m["parts"] for g in july["overdue"] for m in g["milestones"]}

    assert set(map(len, parts().values())) == {0}  # no part reported: none shown
    ok(data_copy, "done", "2.1", "--on", "6/20", "--by", "统一镇")
    found = parts()
    assert found["2.1"] == [
        {"name": "区农经局", "members": ["区农经局"], "reported": [], "missing": ["区农经局"]},
        {"name": "各街镇", "members": TOWNS, "reported": ["统一镇"], "missing": TOWNS[1:]},
    ]
    assert found["12.1"] == []
    assert [ref for ref, shown in found.items() if shown] == ["2.1"]
