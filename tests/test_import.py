"""ecotask import: the shipped plan written to a Word table and an Excel sheet shaped like the
document's, and read back into the data files it came from."""

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest

from .conftest import DATA, cli
from .test_cells import TABLE, TASKS, read_yaml

BREAKDOWN = "任务分解（主要时间节点形象进度或阶段性量化指标）"
HEADER = ["序号", "任务名称", "任务名称", BREAKDOWN, "完成时限", "牵头单位", "责任单位", "分管领导"]
ISSUED = "盘锦市双台子区人民政府办公室     2017年3月20日印发"
FIELDS = ("id", "category", "name", "deadline", "lead", "responsible", "open_ended", "leaders")


def plan_cells(task: dict) -> list[str]:
    """A task as the document's row: several units per cell on separate lines."""
    responsible = [*task["responsible"], *(["等相关单位"] if task["open_ended"] else [])]
    return [
        str(task["id"]),
        task["category"],
        task["name"],
        "\n".join(m["text"] for m in task["milestones"]),
        task["deadline"],
        "\n".join(task["lead"]),
        "\n".join(responsible),
        "\n".join(task["leaders"]),
    ]


def seed_cells(task: dict) -> list[str]:
    """A task's row as the source text has it: padded names, units run together or sharing a
    line, 等相关单位 on a line of its own, the breakdown's own line breaks."""
    row = TABLE[task["id"]]
    return [
        str(task["id"]),
        task["category"],
        *(row[k] for k in ("name", "breakdown", "deadline", "lead", "responsible", "leaders")),
    ]


def spans(tasks: list[dict]) -> list[tuple[int, int]]:
    """(first, last) row index, from 0, of each category's run of tasks."""
    out: list[tuple[int, int]] = []
    for i, task in enumerate(tasks):
        if out and tasks[out[-1][0]]["category"] == task["category"]:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def write_docx(path: Path, rows: list[list[str]], header=HEADER, *, merge_name=True, title=None):
    """A table like the document's: a title above, 任务名称 over two columns, each category
    merged down the rows of its tasks (its text only in the first), the 印发 line below."""
    document = docx.Document()
    document.add_paragraph("附件")
    document.add_paragraph(title or TASKS["plan"]["title"])
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    grid = [row.cells for row in table.rows]  # table.cell() reads the whole table each time
    for r, texts in enumerate([header, *rows]):
        for c, text in enumerate(texts):
            grid[r][c].text = text
    if merge_name:
        grid[0][2].text = ""
        grid[0][1].merge(grid[0][2])
        for first, last in spans(TASKS["tasks"]) if len(rows) == 35 else []:
            for r in range(first + 2, last + 2):
                grid[r][1].text = ""
            grid[first + 1][1].merge(grid[last + 1][1])
    document.add_paragraph(ISSUED)
    document.save(str(path))
    return path


ORDER = [6, 1, 2, 7, 3, 0, 4, 5]  # the xlsx's columns: HEADER[ORDER[k]] is column k


def write_xlsx(path: Path, rows: list[list[str]]) -> Path:
    """The table in a sheet with its columns shuffled (the two 任务名称 columns stay side by
    side under one merged header), a merged title row above, each category merged down."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附件"
    sheet.append([TASKS["plan"]["title"]])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=8)
    sheet.append([HEADER[i] for i in ORDER])
    name_col = ORDER.index(1) + 1
    sheet.cell(2, name_col + 1).value = None
    sheet.merge_cells(start_row=2, start_column=name_col, end_row=2, end_column=name_col + 1)
    for cells in rows:
        sheet.append([int(cells[i]) if i == 0 else cells[i] for i in ORDER])
    for first, last in spans(TASKS["tasks"]):
        for r in range(first + 4, last + 4):
            sheet.cell(r, name_col).value = None
        sheet.merge_cells(
            start_row=first + 3, start_column=name_col, end_row=last + 3, end_column=name_col
        )
    book.save(str(path))
    return path


def load(folder: Path) -> dict:
    return read_yaml(folder / "tasks.yaml")


def assert_same_plan(folder: Path, *, plan: bool = True) -> None:
    got = load(folder)
    assert got["categories"] == TASKS["categories"]
    if plan:
        assert got["plan"] == TASKS["plan"]
    assert len(got["tasks"]) == len(TASKS["tasks"])
    for task, expected in zip(got["tasks"], TASKS["tasks"], strict=True):
        assert {k: task[k] for k in FIELDS} == {k: expected[k] for k in FIELDS}
        assert task["milestones"] == expected["milestones"], task["id"]


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("tables")
    return {
        "docx": write_docx(folder / "任务分解表.docx", [plan_cells(t) for t in TASKS["tasks"]]),
        "xlsx": write_xlsx(folder / "任务分解表.xlsx", [seed_cells(t) for t in TASKS["tasks"]]),
    }


@pytest.fixture(scope="module")
def imported(files, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("imported") / "data"
    return out, cli("import", str(files["docx"]), "-o", str(out))


def test_docx_round_trip(imported, files):
    out, run = imported
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    assert_same_plan(out)
    lines = run.stderr.splitlines()
    assert lines[-3:-1] == [f"wrote {out / 'group.yaml'}", f"wrote {out / 'tasks.yaml'}"]
    assert lines[-1].startswith("imported 35 tasks, 81 milestones, 21 targets proposed from ")
    warnings = lines[:-3]
    assert all(line.startswith(f"{files['docx']}: warning: ") for line in warnings)
    assert f"{files['docx']}: warning: task 3: step 3.1 names no date" in run.stderr
    assert "task 9: step 9.4: a target to review by hand: 区域大气PM2.5" in run.stderr
    assert "a table holds no roster" in run.stderr


def test_a_table_cut_in_two_reads_on(files, tmp_path):
    """Rows 1-18 in one table, 19-35 in a second without a header, its first category cell
    still marked as continuing the merge from above."""
    document = docx.Document(str(files["docx"]))
    first = document.tables[0]._tbl
    second = copy.deepcopy(first)
    for tr in first.tr_lst[19:]:
        first.remove(tr)
    for tr in second.tr_lst[:19]:
        second.remove(tr)
    first.addnext(second)
    document.save(str(tmp_path / "cut.docx"))
    run = cli("import", str(tmp_path / "cut.docx"), "-o", str(tmp_path / "out"))
    assert run.code == 0, run.stderr
    assert_same_plan(tmp_path / "out")


def test_the_imported_folder_validates_and_answers_queries(imported):
    out, _ = imported
    data = ["--data", str(out)]
    run = cli("validate", *data)
    assert run.code == 0, run.stdout
    assert run.stdout.splitlines()[-1].startswith("valid: 0 error(s)")
    due = cli("due", "--month", "6", "--json", *data).json()
    assert [m["ref"] for m in due["milestones"]] == ["2.1", "9.3", "16.2", "18.1"]
    for args in (["list"], ["unit", "各街镇"], ["leader", "祝美娟"], ["group"], ["targets"]):
        assert cli(*args, *data).code == 0, args
    group = read_yaml(out / "group.yaml")
    assert [o["name"] for o in group["other_leaders"]] == [
        "祝美娟",
        "李吉峰",
        "石贵生",
        "曹书华",
        "翟月雷",
    ]
    assert group["collectives"] == [{"name": "各街镇", "members": ["统一镇", "陆家镇", "双盛街道"]}]
    kinds = {u["name"]: u["kind"] for u in group["units"]}
    assert (kinds["区国土分局"], kinds["区政府办"], kinds["区委宣传部"]) == (
        "bureau",
        "office",
        "party",
    )
    assert (kinds["陆家镇"], kinds["双盛街道"], kinds["区水利总站"]) == ("town", "street", "agency")


def test_xlsx_with_shuffled_columns_and_the_documents_own_cells(files, tmp_path):
    out = tmp_path / "out"
    run = cli("import", str(files["xlsx"]), "-o", str(out))
    assert run.code == 0, run.stderr
    assert_same_plan(out, plan=False)  # a sheet has no 印发 line: issuer and date are to fill in
    assert "task 23: split 区住建局区环保局 into 区住建局, 区环保局 (牵头单位)" in run.stderr
    assert (
        "task 20: split 区综合执法局区征管办 into 区综合执法局, 区征管办 (责任单位)" in run.stderr
    )
    text = (out / "tasks.yaml").read_text(encoding="utf-8")
    assert 'name: 划定耕地红线并严格遵守  # the table pads it: "划定耕地红线并  严格遵守"' in text
    assert 'lead: [区住建局, 区环保局]  # the table runs these together: "区住建局区环保局"' in text
    assert '# the table puts these on one line: "园区管委会  各街镇"' in text
    assert "issuer: 待补充  # not in the table" in text
    assert cli("validate", "--data", str(out)).code == 0


def test_an_existing_group_yaml_is_kept_and_names_the_units(files, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    shutil.copy(DATA / "group.yaml", out / "group.yaml")
    run = cli("import", str(files["xlsx"]), "-o", str(out))
    assert run.code == 0, run.stderr
    assert (out / "group.yaml").read_bytes() == (DATA / "group.yaml").read_bytes()
    assert "wrote" not in run.stderr.replace(f"wrote {out / 'tasks.yaml'}", "")
    assert_same_plan(out, plan=False)
    assert "split 区住建局区环保局 into 区住建局, 区环保局" in run.stderr
    shipped = cli("validate").stdout.splitlines()
    again = cli("validate", "--data", str(out)).stdout.splitlines()
    assert len(again) == len(shipped) and again[-1].startswith("valid: 0 error(s), 14 warning(s)")


def test_dry_run_writes_nothing(files, tmp_path):
    out = tmp_path / "out"
    run = cli("import", str(files["docx"]), "-o", str(out), "--dry-run")
    assert run.code == 0, run.stderr
    assert not out.exists()
    assert f"==> {out / 'group.yaml'} <==" in run.stdout
    assert f"==> {out / 'tasks.yaml'} <==\n# 2017年生态建设专项行动工作任务分解表" in run.stdout
    assert "task 3: step 3.1 names no date" in run.stderr
    assert run.stderr.splitlines()[-1].endswith("nothing written")


def test_nothing_is_overwritten_without_force(files, tmp_path):
    out = tmp_path / "out"
    assert cli("import", str(files["docx"]), "-o", str(out)).code == 0
    (out / "tasks.yaml").write_text("edited\n", encoding="utf-8")
    (out / "group.yaml").write_text((DATA / "group.yaml").read_text(encoding="utf-8"))
    run = cli("import", str(files["docx"]), "-o", str(out))
    assert run.code == 1
    assert "tasks.yaml exists" in run.stderr and "--force" in run.stderr
    assert (out / "tasks.yaml").read_text(encoding="utf-8") == "edited\n"
    run = cli("import", str(files["docx"]), "-o", str(out), "--force")
    assert run.code == 0, run.stderr
    assert_same_plan(out)
    assert (out / "group.yaml").read_bytes() == (DATA / "group.yaml").read_bytes()  # kept


def test_a_file_without_the_table_exits_1(tmp_path):
    prose = docx.Document()
    prose.add_paragraph("关于印发2017年生态建设专项行动方案的通知")
    prose.save(str(tmp_path / "notice.docx"))
    write_docx(tmp_path / "other.docx", [["1", "甲"]], ["编号", "内容"], merge_name=False)
    book = openpyxl.Workbook()
    book.active.append(["姓名", "职务"])
    book.save(str(tmp_path / "roster.xlsx"))
    (tmp_path / "broken.docx").write_text("not a zip", encoding="utf-8")
    for name in ("notice.docx", "other.docx", "roster.xlsx"):
        run = cli("import", str(tmp_path / name), "-o", str(tmp_path / "out"))
        assert run.code == 1, name
        assert "no table with the columns 序号, 任务名称, 任务分解" in run.stderr
        assert run.stderr.count("\n") == 1
    run = cli("import", str(tmp_path / "broken.docx"), "-o", str(tmp_path / "out"))
    assert run.code == 1 and "cannot read it as a Word document" in run.stderr
    run = cli("import", str(tmp_path / "missing.xlsx"), "-o", str(tmp_path / "out"))
    assert run.code == 1 and "no such file" in run.stderr
    assert not (tmp_path / "out").exists()


def test_a_table_missing_a_column_names_it(tmp_path):
    header = ["序号", "任务名称", BREAKDOWN, "完成时限", "配合单位", "主办科室"]
    path = write_docx(tmp_path / "t.docx", [["1", "甲", "到6月底完成。", "2017年11月"]], header,
                      merge_name=False)  # fmt: skip
    run = cli("import", str(path), "-o", str(tmp_path / "out"))
    assert run.code == 1
    assert run.stderr == (
        f"ecotask: error: {path}: the table has no 牵头单位 column: found "
        f"序号 → 序号 (id); 任务名称 → 任务名称 (name); {BREAKDOWN} → 任务分解 "
        "(breakdown); 完成时限 → 完成时限 (deadline); 配合单位 → 责任单位 (responsible); "
        "could not place: 主办科室; place one with --column ROLE=HEADER (e.g. lead=主办科室)\n"
    )


@pytest.mark.parametrize("name", ["plan.txt", "plan.doc", "plan"])
def test_an_unknown_extension_exits_2(tmp_path, name):
    (tmp_path / name).write_text("x", encoding="utf-8")
    run = cli("import", str(tmp_path / name))
    assert run.code == 2
    assert (".docx" in run.stderr) and run.stderr.count("\n") == 1


SMALL_HEADER = ["序号", "任务名称", BREAKDOWN, "完成时限", "牵头单位", "责任单位", "分管领导"]


def small(path: Path, deadline: str, title: str) -> Path:
    """One name column; the category a row of its own, merged across the table."""
    step = "到6月底完成方案；\n11月底前完成划定。"
    rows = [
        ["一、科学构建生态空间格局", *[""] * 6],
        ["1", "划定红线", step, deadline, "区环保局", "", "祝美娟"],
    ]
    write_docx(path, rows, SMALL_HEADER, merge_name=False, title=title)
    document = docx.Document(str(path))
    cells = document.tables[0].rows[1].cells
    cells[0].merge(cells[-1])
    document.save(str(path))
    return path


def test_one_name_column_under_a_category_row_and_the_year(tmp_path):
    path = small(tmp_path / "t.docx", "11月", "2019年专项行动任务分解表")
    run = cli("import", str(path), "-o", str(tmp_path / "a"))
    assert run.code == 0, run.stderr
    plan = load(tmp_path / "a")
    assert (plan["plan"]["year"], plan["plan"]["title"]) == (2019, "2019年专项行动任务分解表")
    assert plan["categories"] == ["科学构建生态空间格局"]
    assert plan["tasks"][0]["responsible"] == []
    assert [m.get("due") for m in plan["tasks"][0]["milestones"]] == ["6月底", "11月底前"]
    path = small(tmp_path / "u.docx", "11月", "专项行动任务分解表")
    run = cli("import", str(path), "-o", str(tmp_path / "b"))
    assert run.code == 1 and "give --year" in run.stderr
    run = cli("import", str(path), "-o", str(tmp_path / "b"), "--year", "2020")
    assert run.code == 0, run.stderr
    assert load(tmp_path / "b")["plan"]["year"] == 2020


def test_the_command_imports_python_docx_and_openpyxl_only_when_run():
    code = "import sys, ecotask.cli; print(sorted({'docx', 'openpyxl'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
