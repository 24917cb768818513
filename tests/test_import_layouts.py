"""ecotask import on tables laid out as other offices lay theirs out: other column names, a
title row and two header rows, a table cut across pages with its header repeated, dates in the
deadline column, quarters and halves, ongoing work, collectives written 各街道、镇."""

from pathlib import Path

import docx
import openpyxl
import pytest

from .conftest import cli
from .test_cells import TASKS, read_yaml
from .test_import import plan_cells, write_docx

Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (from 0)


def build_docx(path: Path, rows: list[list[str]], merges: list[Merge] = (), title: str = "") -> Path:
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
TWO_ROW_MERGES = [(0, 0, 0, 5), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 5)]


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
         ["2019-06-30", "年内"]),
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
