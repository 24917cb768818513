"""Every table at a pinned width, no colour, as a pipe gets it: nothing wider than the window,
every header whole on one line, no folded line opening with closing punctuation, no
trailing spaces."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from ecotask.cli.common import unwrapped
from ecotask.render import display_width
from ecotask.render.fold import CLOSING

from .conftest import cli

HEADERS = {
    "序号",
    "时间节点",
    "任务名称",
    "任务分解",
    "牵头单位",
    "分管领导",
    "完成情况",
    "完成时限",
    "责任单位",
    "职责",
    "共同分管",
    "单位",
    "牵头",
    "责任",
    "经集体",
    "节点数",
    "按时完成",
    "逾期完成",
    "逾期未完成",
    "未到期",
    "领导小组",
    "任务数",
    "独自",
    "共同",
    "职务",
    "姓名",
    "职位",
    "指标",
    "目标",
    "实际",
    "日期",
    "达标情况",
    "状态",
    "逾期节点",
    "下一节点",
}
TABLES = [
    ("due", "--month", "6", "--all"),
    ("overdue", "--as-of", "2017-07-01", "--all"),
    ("list",),
    ("show", "9"),
    ("unit", "区环保局", "--month", "6"),
    ("leader", "祝美娟", "--as-of", "2017-06-01"),
    ("units", "--as-of", "2017-07-01"),
    ("leaders", "--as-of", "2017-07-01"),
    ("group",),
    ("targets", "--as-of", "2017-07-01"),
    ("status", "--as-of", "2017-07-01"),
]


@pytest.fixture(scope="module")
def progressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data with steps done and actuals recorded, which widen the tables."""
    import shutil

    from .conftest import DATA

    folder = tmp_path_factory.mktemp("width") / "data"
    shutil.copytree(DATA, folder)
    env = {"ECOTASK_DATA": str(folder)}
    for args in (
        ("done", "2.1", "--on", "2017-06-28", "--by", "区国土分局"),
        ("done", "9.3", "--on", "2017-07-05"),
        ("record", "4", "0.72", "--on", "2017-06-30"),
        ("record", "9", "74.7", "--indicator", "环境质量达标率", "--on", "2017-06-30"),
    ):
        assert cli(*args, env=env).code == 0, args
    return folder


def _cells(line: str) -> list[str]:
    return [part for part in re.split(r" {2,}", line.strip()) if part]


@pytest.mark.parametrize("width", [60, 80, 100, 120])
@pytest.mark.parametrize("args", TABLES, ids=lambda args: args[0])
def test_a_table_fits_its_width(args: tuple[str, ...], width: int, progressed: Path) -> None:
    run = cli(*args, env={"COLUMNS": str(width), "ECOTASK_DATA": str(progressed)})
    assert run.code == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines and run.stdout.strip()
    assert [line for line in lines if display_width(line) > width] == []
    assert [line for line in lines if line != line.rstrip()] == []  # a pipe: no padding
    for above, below in pairwise(lines):
        if below.strip().startswith("─"):  # the header is the line above the rule
            assert set(_cells(above)) <= HEADERS, above  # whole names: none cut or stacked
            assert display_width(below.strip()) >= display_width(above.strip())
    for line in lines:
        if line.lstrip().startswith("… "):  # the notes under a table, not a folded line
            continue
        assert [c for c in _cells(line) if c[0] in CLOSING and c != "—"] == [], line


def test_at_80_columns_prose_is_not_crushed_and_what_leaves_is_named(progressed: Path) -> None:
    env = {"COLUMNS": "80", "ECOTASK_DATA": str(progressed)}
    due = cli("due", "--month", "6", "--all", env=env).stdout
    assert " 2.1   2017-06-30  划定耕地红线  到6月底，区土地局完成耕   区国土分局  李吉峰\n" in due
    assert "\n       完成情况：2017-06-28 完成\n" in due  # the column that left, under its row
    leaders = cli("leaders", "--as-of", "2017-07-01", env=env).stdout
    heads = "分管领导 领导小组 任务数 独自 共同 节点数 按时完成 逾期完成 逾期未完成"
    assert leaders.splitlines()[:2] == ["截至2017-07-01", leaders.splitlines()[1]]
    assert leaders.splitlines()[1].split() == heads.split()
    assert "… 未到期 left out to fit 80 columns: a wider window shows them." in leaders
    at_120 = cli("leaders", "--as-of", "2017-07-01", env={**env, "COLUMNS": "120"}).stdout
    assert "未到期" in at_120.splitlines()[1] and "left out" not in at_120


def test_remind_folds_to_a_terminal_under_each_lines_text_and_keeps_lines_whole_off_one() -> None:
    from datetime import date

    from ecotask.load import open_plan
    from ecotask.progress import step_statuses, upcoming
    from ecotask.queries import late_steps
    from ecotask.render.remind import text
    from ecotask.who import by_lead_unit

    from .conftest import DATA

    day = date(2017, 6, 20)
    plan = open_plan(DATA, use_cache=False)  # type: ignore[arg-type]
    late = by_lead_unit(plan, late_steps(step_statuses(plan, day)))
    by_unit = upcoming(plan, day, 15)

    whole = text(late, by_unit, day, 15)
    folded = text(late, by_unit, day, 15, width=40).splitlines()
    assert "".join(line.strip() for line in folded) == "".join(
        line.strip() for line in whole.splitlines()
    )
    assert all(display_width(line) <= 40 and line == line.rstrip() for line in folded)
    assert all(line.lstrip()[0] not in CLOSING for line in folded if line.strip())
    at = folded.index("  1. 【2.1】划定耕地红线并严格遵守")
    assert folded[at + 1 : at + 3] == [
        "     （2017年6月30日前，还有9个工作日）",
        "     到6月底，区土地局完成耕地红线划定的",
    ]
    piped = cli("remind", "--as-of", "2017-06-20", "--within", "15", env={"COLUMNS": "40"})
    assert piped.stdout == whole


def test_a_docstring_becomes_paragraphs_with_the_first_sentence_alone() -> None:
    doc = """List the milestones due before a date: a step due on 08-31 is
    overdue from 09-01. --all lists those done too,
    with the day they were done.

    Second paragraph,
    typed on two lines."""
    assert unwrapped(doc) == (
        "List the milestones due before a date: a step due on 08-31 is overdue from 09-01."
        "\n\n--all lists those done too, with the day they were done."
        "\n\nSecond paragraph, typed on two lines."
    )


def test_every_command_lists_its_first_sentence_on_one_line_and_ends_with_an_example() -> None:
    from typer.main import get_command

    from ecotask.cli import app

    listing = cli("--help", env={"COLUMNS": "250"}).stdout
    for name, command in get_command(app).commands.items():  # type: ignore[attr-defined]
        first = (command.help or "").split("\n\n")[0]
        assert "\n" not in first and first.endswith("."), name
        summary = command.short_help or first
        assert any(
            line.startswith(f"│ {name} ") and summary in line for line in listing.splitlines()
        )
        assert (command.epilog or "").startswith(("Example: ecotask ", "Examples: ecotask "))
        help_text = cli(name, "--help", env={"COLUMNS": "80"}).stdout
        after_options = help_text.rsplit("╯", 1)[-1]  # the last thing the help says
        assert after_options.strip().startswith(("Example: ecotask ", "Examples: ecotask "))
        assert [line for line in help_text.splitlines() if line != line.rstrip()] == []
    assert [line for line in listing.splitlines() if line != line.rstrip()] == []


def test_the_parts_a_unit_owes_fold_like_the_reminders_in_plan_order(data_copy) -> None:
    from datetime import date, timedelta

    from ecotask.load import open_plan
    from ecotask.parts import owed
    from ecotask.progress import by_due, step_statuses
    from ecotask.render.remind import owed_text

    day = date(2017, 7, 10)
    plan = open_plan(data_copy, use_cache=False)
    soon = [s for s in step_statuses(plan, day) if s.due <= day + timedelta(days=15)]
    steps = by_due(owed(plan, "区国土分局", soon))
    whole = owed_text("区国土分局", steps, day)
    folded = owed_text("区国土分局", steps, day, width=40).splitlines()
    assert "".join(line.strip() for line in folded) == "".join(
        line.strip() for line in whole.splitlines()
    )
    assert all(display_width(line) <= 40 for line in folded)
    assert all(line.lstrip()[0] not in CLOSING for line in folded if line.strip())
    refs = [line.split()[0] for line in whole.splitlines() if line.startswith("  ")]
    assert refs[:2] == ["9.1", "11.1"]  # by date, then task: 9 before 11
    piped = cli("remind", "--as-of", "2017-07-10", "--unit", "区国土分局", "--data", str(data_copy))
    assert piped.stdout.endswith(whole)
