"""Text is text: data and arguments are printed without markup interpretation, and nothing
invisible reaches the terminal as it is (text.py)."""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ecotask.text import canonical, hidden, lookalike, name_problem, visible

from .conftest import cli

CATEGORY = "科学构建生态空间格局"  # the first category: tasks 1 to 3, led by 祝美娟 among others
MARKUP = "科学[/]构建[link=https://example.com]生态[/link]空间[bold]格局"


def _replace(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def markup_data(data_copy: Path) -> Path:
    _replace(data_copy / "tasks.yaml", CATEGORY, MARKUP)
    return data_copy


@pytest.mark.parametrize(
    "args",
    [
        ["leader", "祝美娟"],
        ["list"],
        ["list", "--category", "科学"],
        ["show", "1"],
        ["leaders"],
        ["due", "--month", "8"],
    ],
)
def test_markup_in_a_category_is_printed_literally(markup_data: Path, args: list[str]) -> None:
    colour = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    run = cli(*args, "--data", str(markup_data), env=colour)
    assert (run.code, run.stderr) == (0, "")
    assert "\x1b]8;" not in run.stdout  # an OSC 8 hyperlink
    if args[0] != "leaders" and args[0] != "due":
        plain = cli(*args, "--data", str(markup_data)).stdout
        assert "科学[/]构建[link=https://example.com]生态[/link]" in "".join(plain.split())


def test_the_leader_report_lists_a_markup_category_with_its_count(markup_data: Path) -> None:
    run = cli("leader", "祝美娟", "--data", str(markup_data))
    assert run.code == 0
    line = next(line for line in run.stdout.splitlines() if "[/]" in line)
    assert line.split() == [MARKUP, "2", "项"]


def test_markup_in_an_argument_is_printed_literally() -> None:
    run = cli("unit", "[bold]x[/]")
    assert run.code == 1
    assert run.stderr == "ecotask: error: no unit '[bold]x[/]'\n"


def test_a_bidi_override_in_a_step_is_a_located_warning_and_shown_visibly(
    data_copy: Path,
) -> None:
    tasks = data_copy / "tasks.yaml"
    _replace(tasks, "配合市环保局完成", "配合\u202e市环保局完成", 1)
    line = next(
        i
        for i, text in enumerate(tasks.read_text(encoding="utf-8").splitlines(), 1)
        if "\u202e" in text
    )
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 0
    assert (
        f"tasks.yaml:{line}:15: warning: milestone 1.1 contains U+202E RIGHT-TO-LEFT OVERRIDE, "
        "which cannot be seen; it is shown as <U+202E>" in run.stdout
    )
    shown_as = "配合<U+202E>市环保局"
    for args, expected in (
        (["show", "1"], shown_as),
        (["due", "--month", "8"], shown_as),
        (["remind", "--as-of", "2017-08-01", "--within", "40"], shown_as),
        (["report", "--month", "8"], "配合\\<U+202E\\>市环保局"),  # Markdown, escaped
        (["report", "--month", "8", "--format", "html"], "配合&lt;U+202E&gt;市环保局"),
    ):
        shown = cli(*args, "--data", str(data_copy))
        assert shown.code == 0, args
        assert "\u202e" not in shown.stdout, args
        assert expected in "".join(shown.stdout.split()), args


def test_an_argument_with_invisible_characters_is_shown_visibly() -> None:
    run = cli("unit", "铁东\u202e街道\x1b[2J")
    assert run.code == 1
    assert "\u202e" not in run.stderr and "\x1b" not in run.stderr


def test_visible_shows_each_control_or_invisible_character_by_its_code_point() -> None:
    assert visible("a\u202eb\u200bc\ufeffd\x1b[2J\x85") == (
        "a<U+202E>b<U+200B>c<U+FEFF>d<U+001B>[2J<U+0085>"
    )
    assert visible("两行\n\t缩进") == "两行\n\t缩进"
    assert visible("科学[/]构建") == "科学[/]构建"


def test_every_control_and_format_character_is_hidden() -> None:
    """The character classes are spelt out (a scan of Unicode at start-up would cost time):
    this checks them against the Unicode database Python ships."""
    missed = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf")
        and chr(c) not in "\t\n"
        and not visible(chr(c)).startswith("<U+")
    ]
    assert missed == []
    assert hidden("铁东街道") is None
    assert hidden("铁东\u2060街道") == "\u2060"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("铁东\u200d街道", "contains U+200D ZERO WIDTH JOINER, which cannot be seen: remove it"),
        ("\u2f00把手", "contains U+2F00 KANGXI RADICAL ONE, a look-alike of 一 (U+4E00)"),
        ("区\uf9f4业局", "contains U+F9F4 CJK COMPATIBILITY IDEOGRAPH-F9F4, a look-alike of 林"),
        ("ﬁ", "contains U+FB01 LATIN SMALL LIGATURE FI, a look-alike of fi (U+0066 U+0069)"),
    ],
)
def test_a_name_must_not_hide_or_imitate_characters(name: str, problem: str) -> None:
    found = name_problem(name)
    assert found is not None and found.startswith(problem)


def test_full_width_punctuation_and_digits_are_ordinary_in_names() -> None:
    assert name_problem("区委（区政府）办公室，２０１７") is None
    assert lookalike("区委（区政府）") is None


def test_names_compare_in_nfc() -> None:
    assert canonical(unicodedata.normalize("NFD", "Café")) == "Café"
    assert canonical("区环保局") == "区环保局"


# Cells a spreadsheet would run: each starts as OWASP's list of formula starts does.
FORMULAS = {
    "name": '=HYPERLINK("http://example.com/x","点此")',
    "step": "@SUM(1+1)*cmd|' /C calc'!A0",
    "category": "+cmd|' /C calc'!A0",
    "lead": "-2+3+cmd|' /C calc'!A0",
}


@pytest.fixture
def formula_data(data_copy: Path) -> Path:
    """Task 1 (its step 1.1 due in August) named, categorised and led by formulas."""
    tasks, group = data_copy / "tasks.yaml", data_copy / "group.yaml"

    def quoted(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)  # a JSON string is YAML too

    _replace(tasks, "科学构建生态空间格局", quoted(FORMULAS["category"]))
    _replace(tasks, "name: 科学划定生态保护红线并严格遵守", f"name: {quoted(FORMULAS['name'])}", 1)
    _replace(
        tasks,
        "text: 到8月底，配合市环保局完成生态保护红线实施方案编制工作；",
        f"text: {quoted(FORMULAS['step'])}",
        1,
    )
    _replace(tasks, "lead: [区环保局]", f"lead: [{quoted(FORMULAS['lead'])}]", 1)
    _replace(
        group,
        "  - name: 区环保局\n",
        f"  - name: 区环保局\n    aliases: [{quoted(FORMULAS['lead'])}]\n",
    )
    assert cli("validate", "--data", str(data_copy)).code == 0
    return data_copy


def test_csv_cells_that_would_run_as_formulas_start_with_a_quote(formula_data: Path) -> None:
    run = cli("export", "--format", "csv", "--as-of", "2017-07-01", "--data", str(formula_data))
    assert run.code == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout.removeprefix("\ufeff"))))
    step = next(row for row in rows if row["节点"] == "1.1")
    assert (step["任务名称"], step["任务分解"], step["类别"], step["牵头单位"]) == (
        "'" + FORMULAS["name"],
        "'" + FORMULAS["step"],
        "'" + FORMULAS["category"],
        "'" + FORMULAS["lead"],
    )
    assert step["序号"] == "1"
    assert not [v for row in rows for v in row.values() if v[:1] in ("=", "+", "-", "@")]


def test_negative_numbers_stay_numbers_and_only_text_is_neutralised() -> None:
    from ecotask.render.spreadsheet import as_text, cell_value, to_csv

    assert cell_value(-5) == -5 and cell_value(-0.5) == -0.5
    assert [as_text(t) for t in ["=1", "+1", "-1", "@A", "\tx", "\rx", "a=1", "—"]] == [
        "'=1",
        "'+1",
        "'-1",
        "'@A",
        "'\tx",
        "'\rx",
        "a=1",
        "—",
    ]
    assert to_csv(("数", "文"), [(-5, "-5")]) == "\ufeff数,文\n-5,'-5\n"


def _cells(path: Path) -> list[Any]:
    book = openpyxl.load_workbook(path)
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--month", "8", "--format", "xlsx"],
        ["export", "--format", "xlsx", "--as-of", "2017-09-01"],
    ],
)
def test_no_workbook_cell_is_a_formula(formula_data: Path, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "out.xlsx"
    run = cli(*args, "-o", str(target), "--data", str(formula_data))
    assert run.code == 0, run.stderr
    cells = _cells(target)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert "'" + FORMULAS["name"] in texts
    assert "'" + FORMULAS["lead"] in texts
    assert not [t for t in texts if t[:1] in ("=", "+", "-", "@")]
    numbers = [c for c in cells if isinstance(c.value, int | float)]
    assert numbers and all(c.data_type == "n" for c in numbers)
