"""ecotask import on tables laid out as other offices lay theirs out: other column names, a
title row and two header rows, a table cut across pages with its header repeated, dates in the
deadline column, quarters and halves, ongoing work, collectives written 各街道、镇."""

from pathlib import Path

import docx
import openpyxl
import pytest

from ecotask import cells
from ecotask.importer.headers import find_header
from ecotask.importer.yamltext import unit_kind

from .conftest import cli
from .test_cells import TASKS, read_yaml
from .test_import import plan_cells, write_docx

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (from 0)


def build_docx(
    path: Path, rows: list[list[str]], merges: list[Merge] = (), title: str = ""
) -> Path:
    """One Word table of rows; each merge's text is its top-left cell's."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    grid = [row.cells for row in table.rows]
    for r, texts in enumerate(rows):
        for c, text in enumerate(texts):
            grid[r][c].text = text
    for r1, c1, r2, c2 in merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    grid[r][c].text = ""
        grid[r1][c1].merge(grid[r2][c2])
    document.save(str(path))
    return path


def build_xlsx(path: Path, rows: list[list[str]], merges: list[Merge] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for texts in rows:
        sheet.append(texts)
    for r1, c1, r2, c2 in merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                if (r, c) != (r1, c1):
                    sheet.cell(r + 1, c + 1).value = None
        sheet.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    book.save(str(path))
    return path


def imported(path: Path, out: Path, *args: str) -> tuple[dict, dict, str]:
    """tasks.yaml and group.yaml as imported, and what the import printed on stderr; the
    folder validates."""
    run = cli("import", str(path), "-o", str(out), *args)
    assert run.code == 0, run.stderr
    check = cli("validate", "--data", str(out))
    assert check.code == 0, check.stdout
    return read_yaml(out / "tasks.yaml"), read_yaml(out / "group.yaml"), run.stderr


def shape(tasks: dict) -> list[tuple]:
    """Each task as (id, category, name, deadline, lead, responsible, leaders, [due, …])."""
    return [
        (
            t["id"],
            t["category"],
            t["name"],
            t["deadline"],
            t["lead"],
            t["responsible"],
            t["leaders"],
            [str(m["due"]) if "due" in m else None for m in t["milestones"]],
        )
        for t in tasks["tasks"]
    ]


def test_the_bundled_layout(tmp_path):
    path = write_docx(tmp_path / "bundled.docx", [plan_cells(t) for t in TASKS["tasks"]])
    tasks, _, _ = imported(path, tmp_path / "out")
    assert len(tasks["tasks"]) == 35
    assert shape(tasks) == shape(TASKS)


# A county's table: a title row inside the table, 责任单位 merged over 牵头部门 | 配合部门, no
# leader column, cut across two pages with both header rows repeated.
TITLE = "2019年某县生态环境保护重点工作任务分解表"
TWO_ROWS = [
    [TITLE] * 6,
    ["序号", "工作任务", "工作措施", "完成时间", "责任单位", "责任单位"],
    ["序号", "工作任务", "工作措施", "完成时间", "牵头部门", "配合部门"],
]
TWO_ROW_MERGES = [
    (0, 0, 0, 5),
    (1, 0, 2, 0),
    (1, 1, 2, 1),
    (1, 2, 2, 2),
    (1, 3, 2, 3),
    (1, 4, 1, 5),
]


def test_two_header_rows_without_a_leader_column_cut_across_pages(tmp_path):
    first = [
        *TWO_ROWS,
        ["1", "打好蓝天保卫战", "一季度完成燃煤锅炉排查；三季度末前完成淘汰。", "2019年12月",
         "县生态环境局", "县发改局、县工信局"],
        ["2", "推进污水处理", "6月30日前完成管网改造；年内建成污水处理厂。", "年底前",
         "县住建局", "各乡镇"],
    ]  # fmt: skip
    second = [
        *TWO_ROWS[1:],
        ["3", "推进秸秆禁烧", "上半年完成禁烧宣传，下半年开展巡查。", "12月底",
         "县农业农村局", "各街道、镇"],
        ["4", "建立河长制", "建立县乡村三级河长体系。", "持续推进", "县水利局", "各镇（街道）"],
    ]  # fmt: skip
    path = build_docx(tmp_path / "county.docx", first, TWO_ROW_MERGES)
    document = docx.Document(str(path))
    again = [(r1 - 1, c1, r2 - 1, c2) for r1, c1, r2, c2 in TWO_ROW_MERGES[1:]]
    build_docx(tmp_path / "second.docx", second, again)
    page = docx.Document(str(tmp_path / "second.docx")).tables[0]._tbl
    document.add_page_break()
    document.element.body.append(page)
    document.save(str(path))
    tasks, group, stderr = imported(path, tmp_path / "out")
    assert tasks["plan"]["year"] == 2019 and tasks["plan"]["title"] == TITLE
    assert shape(tasks) == [
        (1, "未分类", "打好蓝天保卫战", "2019年12月", ["县生态环境局"], ["县发改局", "县工信局"],
         ["待补充"], ["一季度", "三季度末前"]),
        (2, "未分类", "推进污水处理", "年底前", ["县住建局"], ["各乡镇"], ["待补充"],
         ["6月30日前", "年内"]),
        (3, "未分类", "推进秸秆禁烧", "12月底", ["县农业农村局"], ["各街道、镇"], ["待补充"],
         ["上半年", "下半年"]),
        (4, "未分类", "建立河长制", "年底", ["县水利局"], ["各镇（街道）"], ["待补充"], [None]),
    ]  # fmt: skip
    assert group["collectives"] == [
        {"name": "各乡镇", "members": ["待补充"]},
        {"name": "各街道、镇", "members": ["待补充"]},
        {"name": "各镇（街道）", "members": ["待补充"]},
    ]
    kinds = {u["name"]: u["kind"] for u in group["units"]}
    assert kinds["县生态环境局"] == kinds["县住建局"] == "bureau"
    assert group["other_leaders"] == []
    text = (tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8")
    assert "text: 建立县乡村三级河长体系。  # ongoing (持续推进): no date" in text
    assert "no 分管领导 column: every task's leaders is 待补充, to fill in" in stderr


# A city's sheet: one content column (重点任务), 责任单位 + 配合单位, 联系领导, the dates in
# 计划节点 rather than in the text.
CITY = [
    ["2019年某市重点工作任务分解表", "", "", "", "", ""],
    ["序号", "重点任务", "计划节点", "责任单位", "配合单位", "联系领导"],
    ["1", "推进城区污水管网建设，完成雨污分流改造10公里", "6月30日前完成10个；12月底前全部完成",
     "市住建局", "市生态环境局、各镇（街道）", "王明"],
    ["2", "开展河道清淤：清理主要河道淤泥", "一季度完成方案；持续推进", "市水务局",
     "大王镇、小李镇、东城街道", "王明\n李华"],
    ["3", "加强扬尘管控，6月底前出台管控方案，年底前建成监测网络", "2019年12月", "市城管局",
     "各镇（街道）", "李华"],
]  # fmt: skip


def test_one_content_column_with_the_dates_in_the_deadline_column(tmp_path):
    path = build_xlsx(tmp_path / "city.xlsx", CITY, [(0, 0, 0, 5)])
    tasks, group, stderr = imported(path, tmp_path / "out")
    assert tasks["plan"]["title"] == "2019年某市重点工作任务分解表"
    assert shape(tasks) == [
        (1, "未分类", "推进城区污水管网建设", "12月底前", ["市住建局"],
         ["市生态环境局", "各镇（街道）"], ["王明"], [None, "6月30日前", "12月底前"]),
        (2, "未分类", "开展河道清淤", "年底", ["市水务局"], ["大王镇", "小李镇", "东城街道"],
         ["王明", "李华"], [None, "一季度", None]),
        (3, "未分类", "加强扬尘管控", "2019年12月", ["市城管局"], ["各镇（街道）"], ["李华"],
         ["6月底前", "年底前"]),
    ]  # fmt: skip
    steps = [m["text"] for m in tasks["tasks"][0]["milestones"]]
    assert steps == [CITY[2][1], "6月30日前完成10个；", "12月底前全部完成"]
    assert [m["text"] for m in tasks["tasks"][1]["milestones"]] == [
        CITY[3][1],
        "一季度完成方案；",
        "持续推进",
    ]
    assert group["collectives"] == [
        {"name": "各镇（街道）", "members": ["大王镇", "小李镇", "东城街道"]}
    ]
    assert {u["name"]: u["kind"] for u in group["units"]}["市住建局"] == "bureau"
    text = (tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8")
    assert "      - text: 持续推进  # ongoing (持续推进): no date" in text
    assert (
        "task 1: its 任务分解 names no date: the 2 clauses of 完成时限 are steps 1.2–1.3" in stderr
    )


# A district's table with 责任领导 and 协办单位: 责任单位 is the lead; a task over two rows.
DISTRICT = [
    ["序号", "项目名称", "主要内容", "时间节点", "责任单位", "协办单位", "责任领导"],
    ["1", "建设生态公园", "一季度完成选址，三季度末前完成主体工程。", "2020年9月", "区住建局",
     "区财政局、各街道、镇", "张伟"],
    ["2", "推进垃圾分类", "上半年完成试点；", "年底前", "区城管局", "各街道、镇", "张伟\n刘洋"],
    ["2", "推进垃圾分类", "年底前全面推开。", "年底前", "区城管局", "各街道、镇", "张伟\n刘洋"],
    ["3", "落实河长制", "开展河道巡查。", "长期坚持", "区水利局", "区农业局", "刘洋"],
]  # fmt: skip
DISTRICT_MERGES = [(2, c, 3, c) for c in (0, 1, 3, 4, 5, 6)]


def test_a_leader_column_and_a_helping_column_make_responsible_the_lead(tmp_path):
    path = build_docx(tmp_path / "district.docx", DISTRICT, DISTRICT_MERGES)
    tasks, group, stderr = imported(path, tmp_path / "out")
    assert tasks["plan"]["year"] == 2020
    assert shape(tasks) == [
        (1, "未分类", "建设生态公园", "2020年9月", ["区住建局"], ["区财政局", "各街道、镇"],
         ["张伟"], ["一季度", "三季度末前"]),
        (2, "未分类", "推进垃圾分类", "年底前", ["区城管局"], ["各街道、镇"], ["张伟", "刘洋"],
         ["上半年", "年底前"]),
        (3, "未分类", "落实河长制", "年底", ["区水利局"], ["区农业局"], ["刘洋"], [None]),
    ]  # fmt: skip
    assert group["collectives"] == [{"name": "各街道、镇", "members": ["待补充"]}]
    assert [o["name"] for o in group["other_leaders"]] == ["张伟", "刘洋"]
    assert "column 责任单位 read as 牵头单位 (lead): no other column is 牵头单位" in stderr


def test_the_dry_run_summary_names_the_columns_and_the_guesses(tmp_path):
    path = build_docx(tmp_path / "district.docx", DISTRICT, DISTRICT_MERGES)
    run = cli("import", str(path), "-o", str(tmp_path / "out"), "--dry-run")
    assert run.code == 0, run.stderr
    summary = run.stdout.split("\n\n")[0].splitlines()
    assert summary == [
        "3 tasks, 5 steps, 6 units, 2 leaders",
        "columns: 序号 → 序号 (id); 项目名称 → 任务名称 (name); 主要内容 → 任务分解 (breakdown); "
        "时间节点 → 完成时限 (deadline); 责任单位 → 牵头单位 (lead); 协办单位 → 责任单位 "
        "(responsible); 责任领导 → 分管领导 (leaders)",
        "guesses: 5",
        "  - column 责任单位 read as 牵头单位 (lead): no other column is 牵头单位; 协办单位 is "
        "责任单位",
        "  - task 3: 完成时限 says 长期坚持: ongoing, set to 年底, the plan year's end",
        "  - task 3: step 3.1 is ongoing (长期坚持): due at the deadline, 年底",
        "  - group.yaml: 各街道、镇 names no unit of its kind the table lists: its members are "
        "待补充, to fill in",
        "  - group.yaml: a table holds no roster: group.members is a placeholder (待补充) to "
        "replace with the leading group's members",
    ]
    assert not (tmp_path / "out").exists()
    assert "column 责任单位 read as" not in run.stderr  # in the summary, not again


# A table whose categories are rows of their own, numbered 一、二、.
GROUPED = [
    ["序号", "任务名称", "具体措施", "完成时限", "牵头单位", "配合部门", "分管领导"],
    ["一", "大气污染防治", "", "", "", "", ""],
    ["1", "淘汰燃煤锅炉", "6月底前完成排查；10月底前全部淘汰。", "2018年10月", "区环保局",
     "区经信局", "祝美娟"],
    ["2", "治理扬尘", "持续开展建筑工地扬尘治理。", "2018年12月", "区住建局", "区综合执法局",
     "李吉峰"],
    ["二、水污染防治", "", "", "", "", "", ""],
    ["3", "整治黑臭水体", "第二季度完成方案，下半年完成整治。", "2018年12月", "区水利局",
     "各街镇", "祝美娟"],
]  # fmt: skip


def test_category_rows_numbered_by_group(tmp_path):
    path = build_xlsx(tmp_path / "grouped.xlsx", GROUPED, [(4, 0, 4, 6)])
    tasks, group, _ = imported(path, tmp_path / "out")
    assert tasks["categories"] == ["大气污染防治", "水污染防治"]
    assert shape(tasks) == [
        (1, "大气污染防治", "淘汰燃煤锅炉", "2018年10月", ["区环保局"], ["区经信局"], ["祝美娟"],
         ["6月底前", "10月底前"]),
        (2, "大气污染防治", "治理扬尘", "2018年12月", ["区住建局"], ["区综合执法局"],
         ["李吉峰"], [None]),
        (3, "水污染防治", "整治黑臭水体", "2018年12月", ["区水利局"], ["各街镇"], ["祝美娟"],
         ["第二季度", "下半年"]),
    ]  # fmt: skip
    assert group["collectives"] == [{"name": "各街镇", "members": ["待补充"]}]
    text = (tmp_path / "out" / "tasks.yaml").read_text(encoding="utf-8")
    assert "text: 持续开展建筑工地扬尘治理。  # ongoing (持续开展): no date" in text


def test_column_places_an_unknown_header_by_hand(tmp_path):
    rows = [["序号", "任务名称", "具体措施", "完成时限", "主办科室"],
            ["1", "淘汰燃煤锅炉", "6月底前完成排查。", "2018年10月", "区环保局"]]  # fmt: skip
    path = build_xlsx(tmp_path / "t.xlsx", rows)
    run = cli("import", str(path), "-o", str(tmp_path / "a"))
    assert run.code == 1 and "could not place: 主办科室" in run.stderr
    tasks, _, _ = imported(path, tmp_path / "b", "--column", "lead=主办科室")
    assert shape(tasks) == [
        (1, "未分类", "淘汰燃煤锅炉", "2018年10月", ["区环保局"], [], ["待补充"], ["6月底前"])
    ]
    tasks, _, _ = imported(path, tmp_path / "c", "--column", "牵头单位=主办科室")
    assert tasks["tasks"][0]["lead"] == ["区环保局"]


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("boss=主办科室", "--column 'boss=主办科室': no role 'boss': use id, category, name"),
        ("lead", "--column 'lead': expected ROLE=HEADER"),
        ("lead=备注", "--column lead=备注: the table's header has no column 备注"),
    ],
)
def test_a_bad_column_option_is_a_usage_error(tmp_path, option, message):
    rows = [["序号", "任务名称", "具体措施", "完成时限", "主办科室"],
            ["1", "淘汰燃煤锅炉", "6月底前完成排查。", "2018年10月", "区环保局"]]  # fmt: skip
    path = build_xlsx(tmp_path / "t.xlsx", rows)
    run = cli("import", str(path), "-o", str(tmp_path / "out"), "--column", option)
    assert run.code == 2, run.stderr
    assert message in run.stderr and run.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("各街道、镇", ["各街道、镇"]),
        ("各镇（街道）、县住建局", ["各镇（街道）", "县住建局"]),
        ("各镇、区环保局", ["各镇", "区环保局"]),
        ("区环保局各乡镇", ["区环保局", "各乡镇"]),
        ("县住建局县环保局", ["县住建局", "县环保局"]),
        ("各有关部门", ["各有关部门"]),
    ],
)
def test_collectives_stay_whole_and_county_units_split(cell, names):
    assert cells.split_units(cell).names == names


@pytest.mark.parametrize(
    ("name", "kind"),
    [("县环保局", "bureau"), ("市住建局", "bureau"), ("县政府", "government"),
     ("县委办", "office"), ("县委宣传部", "party"), ("县发改委", "bureau"),
     ("县妇联", "mass_org"), ("团县委", "mass_org"), ("大王乡", "town")],
)  # fmt: skip
def test_county_and_city_units_are_kinded_like_district_ones(name, kind):
    assert unit_kind(name) == kind


def test_date_phrases_find_within_the_year_but_not_within_three_years():
    assert [p.phrase for p in cells.date_phrases("力争年内完成，三年内建成")] == ["年内"]
    assert cells.ongoing("持续推进") == "持续推进"
    assert cells.ongoing("6月底前持续推进") is None


def test_a_table_without_a_deadline_column_takes_each_tasks_latest_step(tmp_path):
    rows = [["序号", "工作事项", "任务分解及时间节点", "主责单位", "参与部门", "牵头领导"],
            ["1", "淘汰燃煤锅炉", "6月底前完成排查；10月底前全部淘汰。", "区环保局", "区经信局",
             "祝美娟"],
            ["2", "治理扬尘", "开展建筑工地扬尘治理。", "区住建局", "", "李吉峰"]]  # fmt: skip
    path = build_xlsx(tmp_path / "t.xlsx", rows)
    tasks, _, stderr = imported(path, tmp_path / "out", "--year", "2018")
    assert shape(tasks) == [
        (1, "未分类", "淘汰燃煤锅炉", "10月底前", ["区环保局"], ["区经信局"], ["祝美娟"],
         ["6月底前", "10月底前"]),
        (2, "未分类", "治理扬尘", "年底", ["区住建局"], [], ["李吉峰"], [None]),
    ]  # fmt: skip
    assert "no 完成时限 column: each task's deadline is its latest step's, else 年底" in stderr


def test_a_sheet_that_repeats_its_title_and_header_on_each_page(tmp_path):
    title = ["2018年重点任务分解表", "", "", "", "", ""]
    header = ["序号", "重点工作", "推进措施", "完成期限", "牵头部门", "包保领导"]
    rows = [title, header,
            ["1", "淘汰燃煤锅炉", "6月底前完成排查。", "2018年10月", "区环保局", "祝美娟"],
            title, header,
            ["2", "治理扬尘", "9月底前完成治理。", "2018年12月", "区住建局", "李吉峰"]]  # fmt: skip
    path = build_xlsx(tmp_path / "t.xlsx", rows, [(0, 0, 0, 5), (3, 0, 3, 5)])
    tasks, _, _ = imported(path, tmp_path / "out")
    assert shape(tasks) == [
        (1, "未分类", "淘汰燃煤锅炉", "2018年10月", ["区环保局"], [], ["祝美娟"], ["6月底前"]),
        (2, "未分类", "治理扬尘", "2018年12月", ["区住建局"], [], ["李吉峰"], ["9月底前"]),
    ]
    assert tasks["categories"] == ["未分类"]


@pytest.mark.parametrize(
    ("header", "lead", "responsible"),
    [
        (["序号", "任务名称", "任务分解", "牵头单位", "责任单位"], [3], [4]),
        (["序号", "任务名称", "任务分解", "责任单位", "配合部门"], [3], [4]),
        (["序号", "任务名称", "任务分解", "责任单位"], [3], None),
        (["序号", "任务名称", "任务分解", "参与单位", "责任部门"], [4], [3]),
    ],
)
def test_responsible_is_the_lead_only_where_no_other_column_is(header, lead, responsible):
    found = find_header([header], {})
    assert found is not None
    assert (found.columns["lead"], found.columns.get("responsible")) == (lead, responsible)


def test_a_second_header_row_of_short_names_under_a_merged_one():
    rows = [["序号", "工作任务", "工作措施", "责任单位", "责任单位"],
            ["", "", "", "牵头", "配合"]]  # fmt: skip
    found = find_header(rows, {})
    assert found is not None and (found.start, found.end) == (0, 1)
    assert (found.columns["lead"], found.columns["responsible"]) == ([3], [4])
