"""The monthly report (通报): its figures worked out by hand from data/tasks.yaml, and its three
formats read back with the tools a reader would use."""

import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, cli

# Steps due by month in data/tasks.yaml: Jan 2, Feb 5, Mar 10, Apr 1, May 5, Jun 4, Jul none.
EVENTS = (
    ("done", "2.1", "--on", "2017-06-28", "--by", "国土"),  # due 06-30: on time
    ("done", "9.3", "--on", "2017-07-05"),  # due 06-30: late
    ("done", "16.2", "--on", "2017-06-15"),  # due 06-30: on time
    ("done", "14.1", "--on", "2017-06-10"),  # due 02-28: late, done in June
    ("record", "4", "0.72", "--on", "2017-06-30"),  # <= 0.70: not met
)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the data with the events recorded, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("report") / "data"
    shutil.copytree(DATA, folder)
    for event in EVENTS:
        assert cli(*event, "--data", str(folder)).code == 0
    return folder


def report(data: Path, *args: str):
    return cli("report", *args, "--data", str(data))


def sections(markdown: str) -> dict[str, str]:
    """Each `## N、heading` section's text by its heading, numbering dropped."""
    parts = re.split(r"^## [一二三四五六七八九十]+、(.+)$", markdown, flags=re.M)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts), 2)}


def table(text: str) -> list[list[str]]:
    """The rows of the first Markdown table in the text, header and rule dropped."""
    lines = [line for line in text.splitlines() if line.startswith("|")]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[2:]]


def test_markdown_sections_and_headline_figures(data):
    run = report(data, "--month", "6", "--as-of", "2017-07-10")
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "# 2017年生态建设专项行动工作任务分解表执行情况通报（2017年6月）"
    assert lines[2] == "双台子区生态文明建设工作领导小组办公室 · 截至 2017-07-10"
    found = sections(run.stdout)
    assert list(found) == [
        "总体情况",
        "本月到期",
        "逾期未完成",
        "本月已完成",
        "下月到期",
        "量化指标",
        "单位排名",
        "分管领导",
    ]
    # 27 steps are due by 07-09; 2.1 and 16.2 were done on time, 9.3 and 14.1 late
    assert dict(table(found["总体情况"])) == {
        "本月到期": "4",
        "按时完成": "2",
        "逾期完成": "1",
        "本月未完成": "1",
        "本月按时完成率": "50.0%",
        "逾期未完成（全计划）": "23",
        "按时完成率（全计划）": "7.4%",  # 2 of 2 + 2 + 23
    }
    assert [(r[0], r[-1]) for r in table(found["本月到期"])] == [
        ("2.1", "按时完成"),
        ("9.3", "逾期完成"),
        ("16.2", "按时完成"),
        ("18.1", "逾期未完成"),
    ]
    assert [(r[0], r[3], r[4], r[5]) for r in table(found["本月已完成"])] == [
        ("14.1", "2017-06-10", "逾期完成 102 天", "—"),
        ("16.2", "2017-06-15", "按时完成", "—"),
        ("2.1", "2017-06-28", "按时完成", "区国土分局"),
    ]
    assert found["下月到期"] == "2017年7月没有到期的时间节点。"
    targets = found["量化指标"]
    assert targets.startswith("共 24 项，截至 2017-07-10 已填报 1 项：达标 0 项，未达标 1 项。")
    assert (
        "| 4 | 降低单位地区生产总值能耗 | 单位地区生产总值能耗 | ≤ 0.7吨标煤/万元 | "
        "0.72吨标煤/万元 | 2017-06-30 | 未达标 |"
    ) in targets
    leaders = {row[0]: row[1:] for row in table(found["分管领导"])}
    assert list(leaders) == ["李吉峰", "祝美娟", "石贵生", "曹书华", "翟月雷"]  # roster first
    assert leaders["李吉峰"] == [
        "组长",
        "8",
        "20",
        "1",
        "1",
        "0",
        "5",
        "14",
        "16.7%",
        "28.1、4.2、19.1、5.2、15.1",
    ]
    ranking = table(found["单位排名"])
    assert ranking[0][:2] == ["1", "区国土分局"]  # leads 2.1, its one step settled, on time
    assert all(row[1] != "各街镇" for row in ranking)  # units only, not collectives


def test_the_as_of_date_defaults_to_the_months_last_day(data):
    run = report(data, "--month", "2017-06")
    assert run.code == 0, run.stderr
    assert "截至 2017-06-30" in run.stdout
    found = sections(run.stdout)
    # as of 06-30: 9.3 is not done yet and due that day; 23 steps fell due before it
    assert dict(table(found["总体情况"])) == {
        "本月到期": "4",
        "按时完成": "2",
        "逾期完成": "0",
        "本月未完成": "2",
        "本月按时完成率": "50.0%",
        "逾期未完成（全计划）": "22",  # 23, less 14.1 done in June
        "按时完成率（全计划）": "8.0%",  # 2 of 2 + 1 + 22
    }
    assert [(r[0], r[-1]) for r in table(found["本月到期"])][1] == ("9.3", "今日到期")
    for spelling in ("6", "6月", "2017年6月"):
        assert report(data, "--month", spelling).stdout == run.stdout


def test_overdue_steps_are_grouped_by_lead_unit(data):
    # as of 03-01 (the events all come later): 9.1, 11.1 from January, 7.1, 14.1, 28.1,
    # 30.2 and 34.1 from February; 30.2 and 34.1 have two lead units each
    run = report(data, "--month", "2", "--as-of", "2017-03-01")
    assert run.code == 0, run.stderr
    overdue = sections(run.stdout)["逾期未完成"]
    assert overdue.startswith("截至 2017-03-01，全计划逾期未完成 7 项")
    groups = re.split(r"^### (.+)$", overdue, flags=re.M)
    refs = {groups[i]: [r[0] for r in table(groups[i + 1])] for i in range(1, len(groups), 2)}
    assert refs == {
        "（一）区环保局（4 项）": ["9.1", "11.1", "7.1", "34.1"],
        "（二）区组织部（1 项）": ["30.2"],
        "（三）区财政局（1 项）": ["28.1"],
        "（四）区人社局（1 项）": ["30.2"],
        "（五）区住建局（1 项）": ["14.1"],
        "（六）区文体局（1 项）": ["34.1"],
    }
    assert list(refs) == [  # most first, then the registry's order
        "（一）区环保局（4 项）",
        "（二）区组织部（1 项）",
        "（三）区财政局（1 项）",
        "（四）区人社局（1 项）",
        "（五）区住建局（1 项）",
        "（六）区文体局（1 项）",
    ]
    first = table(groups[2])[0]
    assert first == [
        "9.1",
        "2017-01-31（1月底）",
        "全面提升环境空气质量",
        "到1月底，完成制定推广农村居民使用壁挂炉取暖方案；",
        "29",  # days overdue on 03-01
        "祝美娟",
    ]


VOID = frozenset({"meta", "br", "col", "img", "hr", "input", "link", "wbr"})


class Page(HTMLParser):
    """Checks that every element closes in order, and collects what the tests look at."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: Counter[str] = Counter()
        self.marks: dict[str, str] = {}
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self._open(tag, dict(attrs))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._open(tag, dict(attrs))

    def _open(self, tag, attrs):
        self.tags[tag] += 1
        classes = (attrs.get("class") or "").split()
        if classes[:1] == ["mark"]:
            self.marks[attrs["data-ref"]] = classes[1]

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
        else:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_one_self_contained_page_with_one_mark_per_milestone(data, tmp_path):
    data = Path(shutil.copytree(data, tmp_path / "data"))
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    text = text.replace("name: 划定耕地红线并严格遵守", 'name: "划定<b>&耕地红线 \\"A\\""', 1)
    tasks.write_text(text, encoding="utf-8")
    run = report(data, "--month", "6", "--as-of", "2017-07-10", "--format", "html")
    assert run.code == 0, run.stderr
    page = Page()
    page.feed(run.stdout)
    page.close()
    assert page.problems == []
    assert page.stack == []
    assert page.tags["html"] == 1
    assert page.tags["svg"] == 1
    assert page.tags["script"] == 0
    assert not re.search(r"https?://", run.stdout)
    assert not re.search(r"<(link|img|iframe|object)\b|\bsrc=|url\(", run.stdout)
    # every milestone is one mark, shaped and coloured by its state as of 07-10
    assert len(page.marks) == 81
    assert Counter(page.marks.values()) == {
        "done": 2,
        "done_late": 2,
        "overdue": 23,
        "pending": 54,
    }
    assert (page.marks["2.1"], page.marks["9.3"], page.marks["18.1"]) == (
        "done",
        "done_late",
        "overdue",
    )
    assert page.marks["32.2"] == "pending"
    # the name is text, never markup, wherever it appears
    assert "<b>&" not in run.stdout
    assert "划定&lt;b&gt;&amp;耕地红线 &quot;A&quot;" in run.stdout
    assert '划定<b>&耕地红线 "A"' in "".join(page.text)
    for heading in ("本月到期", "逾期未完成", "本月已完成", "下月到期", "量化指标"):
        assert f"、{heading}</h2>" in run.stdout
    assert "@media print" in run.stdout
    assert "break-before: page" in run.stdout
    markdown = report(data, "--month", "6", "--as-of", "2017-07-10").stdout
    assert "划定\\<b\\>\\&耕地红线" in markdown


def test_xlsx_has_one_sheet_per_section_with_a_frozen_header(data, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "通报.xlsx"
    run = report(data, "--month", "2", "--as-of", "2017-03-01", "--format", "xlsx", "-o", target)
    assert run.code == 0, run.stderr
    assert run.stdout == ""
    assert run.stderr == f"wrote {target}\n"
    book = load_workbook(target)
    assert book.sheetnames == [
        "概况",
        "本月到期",
        "逾期未完成",
        "本月已完成",
        "下月到期",
        "量化指标",
        "单位排名",
        "分管领导",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
    rows = {sheet.title: sheet.max_row for sheet in book.worksheets}
    # header + rows: February has 5 steps, March 10; 7 overdue on 03-01, two led by two
    # units; nothing was done in February (a row says so); 24 targets; 5 leaders
    assert rows == {**rows, "本月到期": 6, "逾期未完成": 10, "本月已完成": 2, "下月到期": 11}
    assert book["本月已完成"]["A2"].value == "（无）2017年2月内没有报告完成的时间节点。"
    assert (rows["量化指标"], rows["分管领导"], rows["概况"]) == (25, 6, 12)
    overdue = book["逾期未完成"]
    assert [c.value for c in overdue[1]] == [
        "牵头单位",
        "序号",
        "时间节点",
        "时间表述",
        "任务名称",
        "任务分解",
        "逾期天数",
        "分管领导",
    ]
    assert [c.value for c in overdue[2]][:2] == ["区环保局", "9.1"]
    assert overdue["G2"].value == 29  # a number, not text
    # widths fit the text, CJK counting double: 牵头单位 (8) and its filter button, plus 2
    assert overdue.column_dimensions["A"].width == 12
    assert overdue.column_dimensions["F"].width == 60  # long text: capped, and wrapped
    assert overdue["F2"].alignment.wrap_text
    summary = {row[0].value: row[1] for row in book["概况"].iter_rows(min_row=2)}
    assert summary["本月到期"].value == 5
    assert summary["按时完成率（全计划）"].value == 0  # 0 of 7
    assert summary["按时完成率（全计划）"].number_format == "0.0%"


def test_xlsx_needs_a_file():
    run = cli("report", "--month", "6", "--format", "xlsx")
    assert run.code == 2
    assert run.stderr == "ecotask: error: xlsx is binary: write it to a file with -o FILE\n"


def test_an_existing_file_is_replaced_only_with_force(data, tmp_path):
    target = tmp_path / "report.md"
    target.write_text("keep me\n", encoding="utf-8")
    refused = report(data, "--month", "6", "-o", str(target))
    assert refused.code == 1
    assert refused.stderr == (
        f"ecotask: error: {target} exists: choose another name, or add --force to replace it\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert report(data, "--month", "6", "--format", "md", "-o", str(target)).code == 1
    forced = report(data, "--month", "6", "-o", str(target), "--force")
    assert forced.code == 0, forced.stderr
    assert target.read_text(encoding="utf-8") == report(data, "--month", "6").stdout
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no temporary file left


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "13"], "month 13 does not exist"),
        (["--month", "6", "--as-of", "2017-02-30"], "'2017-02-30' is not a real date"),
        (["--month", "6", "--format", "pdf"], "'pdf' is not one of md, html, xlsx"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args, message):
    run = cli("report", *args)
    assert run.code == 2
    assert message in run.stderr
    assert run.stderr.count("\n") == 1


def test_help_ends_with_an_example():
    run = cli("report", "--help")
    assert run.code == 0
    assert run.stdout.rstrip().splitlines()[-1].strip() == (
        "Example: ecotask report --month 6 --format html -o 2017-06.html"
    )


@pytest.mark.parametrize("args", [["due", "--month", "6", "--json"], ["report", "--month", "6"]])
def test_the_workbook_libraries_are_imported_only_for_xlsx(args):
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ecotask", *args, "--data", str(ROOT / "data")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "openpyxl" not in run.stderr and "xlsxwriter" not in run.stderr
