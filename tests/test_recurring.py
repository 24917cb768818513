"""Recurring duties: one occurrence a period from the plan's issue (2017-03-20) or the step's
own `from:` to its task's deadline, each with its own due date, state and progress."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecotask.dates import parse_due

from .conftest import cli
from .test_calendar import task_yaml, with_task

DUTIES = task_yaml(
    36,
    "报送生态建设工作进展",
    """\
      - due: 每月10日前
        text: 每月10日前报送上月工作进展。
      - due: 每季度末
        text: 每季度末报送统计数据。
      - due: 每季度首月10日前
        text: 每季度首月10日前报送上季度工作总结。
      - due: 每半年
        text: 每半年开展一次专项督查。
      - due: 每年6月底前
        text: 每年6月底前报送年中评估报告。
      - due: 每月底
        from: 2017-06-30
        text: 每月底报送整改台账。
""",
)


@pytest.fixture
def duties(data_copy: Path) -> Path:
    return with_task(data_copy, DUTIES)


def occurrences(folder: Path, *args: str) -> dict[str, list[str]]:
    found = cli("show", "36", "--data", str(folder), "--as-of", "2017-06-01", "--json", *args)
    assert found.code == 0, found.stderr
    steps: dict[str, list[str]] = {}
    for m in found.json()["milestones"]:
        step, _, day = m["ref"].partition("@")
        assert day == m["due"]
        steps.setdefault(step, []).append(day)
    return steps


def test_each_phrase_has_one_occurrence_a_period_after_the_issue_up_to_the_deadline(
    duties: Path,
):
    assert occurrences(duties) == {
        "36.1": [f"2017-{month:02d}-10" for month in range(4, 13)],  # not 03-10: before issue
        "36.2": ["2017-03-31", "2017-06-30", "2017-09-30", "2017-12-31"],
        "36.3": ["2017-04-10", "2017-07-10", "2017-10-10"],
        "36.4": ["2017-06-30", "2017-12-31"],
        "36.5": ["2017-06-30"],
        "36.6": [
            "2017-07-31",
            "2017-08-31",
            "2017-09-30",
            "2017-10-31",
            "2017-11-30",
            "2017-12-31",
        ],
    }
    found = cli("validate", "--data", str(duties))
    assert found.code == 0 and "36." not in found.stdout + found.stderr


def test_a_day_the_month_lacks_is_its_last():
    spec = parse_due("每月31日前")
    from datetime import date

    assert spec.occurrences(date(2017, 1, 31), date(2017, 4, 30)) == [
        date(2017, 2, 28),
        date(2017, 3, 31),
        date(2017, 4, 30),
    ]


def test_progress_on_one_occurrence_leaves_the_others_open(duties: Path):
    found = cli("done", "36.1@2017-04", "--on", "2017-04-08", "--data", str(duties))
    assert found.code == 0, found.stderr
    assert "milestone: 36.1@2017-04-10\n" in (duties / "progress.yaml").read_text(encoding="utf-8")
    shown = cli("show", "36", "--data", str(duties), "--as-of", "2017-06-01", "--json").json()
    states = {m["ref"]: m["state"] for m in shown["milestones"] if m["ref"].startswith("36.1@")}
    assert list(states.items())[:3] == [
        ("36.1@2017-04-10", "done"),
        ("36.1@2017-05-10", "overdue"),
        ("36.1@2017-06-10", "pending"),
    ]
    late = cli("overdue", "--data", str(duties), "--as-of", "2017-06-01", "--json").json()
    refs = [m["ref"] for m in late["milestones"] if m["task"] == 36]
    assert refs == ["36.2@2017-03-31", "36.3@2017-04-10", "36.1@2017-05-10"]
    assert cli("validate", "--data", str(duties)).code == 0


@pytest.mark.parametrize(
    ("ref", "problem"),
    [
        ("36.1", "milestone 36.1 recurs: name an occurrence by its due date, e.g. 36.1@2017-04-10"),
        ("36.1@2017-04-11", "milestone 36.1 has no occurrence due 2017-04-11"),
        ("2.1@2017-06-30", "milestone 2.1 does not recur: write 2.1"),
    ],
)
def test_an_occurrence_is_named_by_its_due_date(duties: Path, ref: str, problem: str):
    found = cli("done", ref, "--on", "2017-04-08", "--data", str(duties))
    assert found.code == 1
    assert found.stderr.startswith(f"ecotask: error: {problem}")


@pytest.mark.parametrize("cache", [[], ["--no-cache"]])
def test_due_in_a_month_lists_its_occurrences_from_the_cache_and_without(
    duties: Path, cache: list[str]
):
    for _ in range(2):  # the second run answers from the cache
        found = cli(*cache, "due", "--month", "7", "--data", str(duties), "--json")
        refs = [m["ref"] for m in found.json()["milestones"] if m["task"] == 36]
        assert refs == ["36.1@2017-07-10", "36.3@2017-07-10", "36.6@2017-07-31"]


def test_show_lists_the_step_once_with_its_occurrences_under_it(duties: Path):
    found = cli("show", "36", "--data", str(duties), "--as-of", "2017-06-01")
    lines = found.stdout.splitlines()
    assert sum("每月10日前报送上月工作进展" in line for line in lines) == 1
    step = next(i for i, line in enumerate(lines) if line.startswith(" 36.1 "))
    assert lines[step].split() == ["36.1", "每月10日前", "每月10日前报送上月工作进展。", "完成0次"]
    assert lines[step + 1].split() == ["（9次）"]
    assert lines[step + 2].split() == ["@2017-04-10", "2017-04-10", "逾期未完成"]
    assert sum("@2017-" in line for line in lines) == 9 + 4 + 3 + 2 + 1 + 6


def test_an_edited_step_flags_the_entries_of_all_its_occurrences(duties: Path):
    assert cli("done", "36.1@2017-04-10", "--on", "2017-04-08", "--data", str(duties)).code == 0
    tasks = duties / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(
        text.replace("报送上月工作进展", "报送上月工作进展和问题清单"), encoding="utf-8"
    )
    found = cli("validate", "--data", str(duties))
    assert "entry for 36.1@2017-04-10 was recorded against a step whose text has changed" in (
        found.stdout
    )
    assert cli("reanchor", "36.1", "--on", "2017-04-09", "--data", str(duties)).code == 0
    assert cli("validate", "--data", str(duties)).code == 0


DUTY_TABLE = [
    ["2017年某区生态建设任务分解表", "", "", "", ""],
    ["序号", "任务名称", "任务分解", "完成时限", "牵头单位"],
    ["1", "报送工作进展", "每月10日前报送上月工作进展；每季度末报送统计数据。", "12月底",
     "区环保局"],
    ["2", "部署整改", "方案印发后10个工作日内完成部署；6月30日前完成整改。", "每月底",
     "区环保局"],
]  # fmt: skip


def test_import_reads_recurring_duties_and_working_days(tmp_path: Path):
    from .test_import_layouts import build_xlsx, imported, shape

    path = build_xlsx(tmp_path / "duties.xlsx", DUTY_TABLE, [(0, 0, 0, 4)])
    tasks, _, _ = imported(path, tmp_path / "out", "--year", "2017")
    assert [(t[0], t[3], t[7]) for t in shape(tasks)] == [
        (1, "12月底", ["每月10日前", "每季度末"]),
        (2, "年底", ["10个工作日内", "6月30日前"]),  # 每月底 is no deadline: the plan's end
    ]


def test_a_recurring_step_with_no_occurrence_by_the_deadline_is_warned_of(data_copy: Path):
    steps = (
        "      - due: 每月10日前\n        from: 2018-01-01\n        text: 每月10日前报送进展。\n"
    )
    folder = with_task(data_copy, task_yaml(36, "报送进展", steps))
    found = cli("validate", "--data", str(folder))
    assert found.code == 0
    assert (
        "warning: milestone 36.1 (每月10日前) has no occurrence after 2018-01-01 up to its "
        "task's deadline (12月底, 2017-12-31)"
    ) in found.stdout
    refused = cli("done", "36.1@2018-01-10", "--on", "2017-04-08", "--data", str(folder))
    assert "milestone 36.1 recurs, but no occurrence falls due by its deadline" in refused.stderr


def test_the_lights_and_the_report_count_occurrences(duties: Path):
    status = cli("status", "--data", str(duties), "--as-of", "2017-06-01", "--json").json()
    task = next(t for t in status["tasks"] if t["task"] == 36)
    assert (task["light"], task["next"]) == ("red", "36.2@2017-03-31")
    assert len(task["states"]) == 25 and task["states"]["36.1@2017-06-10"] == "pending"
    report = cli("report", "--data", str(duties), "-m", "6", "--as-of", "2017-06-30")
    assert report.code == 0
    assert "36.1@2017-06-10" in report.stdout and "36.5@2017-06-30" in report.stdout


def test_log_of_a_recurring_step_lists_every_occurrence_or_one(duties: Path):
    for ref, day in (("36.1@2017-04", "2017-04-08"), ("36.1@2017-05", "2017-05-09")):
        done = cli("done", ref, "--on", day, "--data", str(duties))
        assert done.code == 0, done.stderr
    assert cli("done", "36.2@2017-03", "--on", "2017-03-30", "--data", str(duties)).code == 0

    def logged(ref: str) -> list[tuple[str, str]]:
        found = cli("log", ref, "--json", "--data", str(duties))
        assert found.code == 0, found.stderr
        return [(e["milestone"], e["date"]) for e in found.json()["entries"]]

    assert logged("36.1") == [("36.1@2017-04-10", "2017-04-08"), ("36.1@2017-05-10", "2017-05-09")]
    assert logged("36.1@2017-05-10") == [("36.1@2017-05-10", "2017-05-09")]
    assert logged("36.2") == [("36.2@2017-03-31", "2017-03-30")]
