"""The office's calendar: days in date phrases, and working days with the make-up days (调休)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ecotask import workdays
from ecotask.cells import date_phrases, split_cell
from ecotask.dates import parse_due
from ecotask.workdays import add_workdays, is_workday, workdays_between

from .conftest import DATA, cli


def task_yaml(number: int, name: str, steps: str) -> str:
    """A task of the bundled plan's units and leaders with these steps (YAML, indented for
    `milestones:`), to append to a copy's tasks.yaml."""
    return (
        f"  - id: {number}\n    category: 建立完善生态制度体系\n    name: {name}\n"
        "    deadline: 12月底\n    lead: [区环保局]\n    leaders: [祝美娟]\n    milestones:\n"
        + steps
    )


# A task the tests add to a copy of the bundled plan (issued 2017-03-20): a day, then working
# days counted across the National Day holiday.
DEPLOYMENT = task_yaml(
    36,
    "部署生态环境问题整改",
    """\
      - due: 方案印发后10个工作日内
        text: 方案印发后10个工作日内完成部署。
      - due: 9月29日前
        text: 9月29日前完成自查。
      - due: 5个工作日内
        text: 自查后5个工作日内完成整改。
      - due: 到2017年12月15日
        text: 到2017年12月15日完成验收。
""",
)


def with_task(folder: Path, text: str, workdays: str | None = None) -> Path:
    """The folder with the task added to its tasks.yaml, and the plan's workdays set."""
    tasks = folder / "tasks.yaml"
    plan = tasks.read_text(encoding="utf-8") + text
    if workdays is not None:
        issued = "  issued: 2017-03-20\n"
        plan = plan.replace(issued, f"{issued}  workdays: {workdays}\n")
    tasks.write_text(plan, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("6月30日前", date(2017, 6, 30)),
        ("到2017年6月30日", date(2017, 6, 30)),
        ("6月30日", date(2017, 6, 30)),
        ("2018年2月28日前", date(2018, 2, 28)),
    ],
)
def test_a_phrase_naming_a_day_is_due_on_that_day(phrase: str, due: date):
    assert parse_due(phrase).resolve(2017) == (None, due)


@pytest.mark.parametrize(
    ("phrase", "problem"),
    [
        ("6月31日前", "'6月31日前' is not a real date"),
        ("2月29日", "'2月29日' is not in every year: write the year (2020年2月29日)"),
        ("0个工作日内", "'0个工作日内' counts 0 working days: give 1 to 250"),
    ],
)
def test_a_day_no_calendar_has_is_refused(phrase: str, problem: str):
    with pytest.raises(ValueError) as found:
        parse_due(phrase)
    assert str(found.value) == problem


def test_the_cells_reader_finds_days_and_working_days_as_written():
    assert [p.due() for p in date_phrases("到2017年6月30日完成，6月30日前上报")] == [
        "2017年6月30日",
        "6月30日前",
    ]
    assert [s.due for s in split_cell("方案印发后10个工作日内完成部署。")] == ["10个工作日内"]


def test_five_working_days_after_the_eve_of_national_day():
    # 2017-09-30, a Saturday, was worked; 10-01…08 were the holiday.
    assert is_workday(date(2017, 9, 30)) and not is_workday(date(2017, 10, 6))
    assert add_workdays(date(2017, 9, 29), 5) == date(2017, 10, 12)
    assert add_workdays(date(2017, 9, 29), 5, "mon-fri") == date(2017, 10, 6)
    assert workdays_between(date(2017, 9, 29), date(2017, 10, 12)) == 5
    assert workdays_between(date(2017, 10, 12), date(2017, 10, 12)) == 0


def test_a_year_beyond_the_calendar_counts_monday_to_friday_and_says_so():
    said: list[str] = []
    workdays.beyond.clear()
    workdays.warn = said.append
    try:
        assert add_workdays(date(2099, 9, 29), 5) == date(2099, 10, 6)
        assert add_workdays(date(2099, 10, 6), 1) == date(2099, 10, 7)  # said once a year
    finally:
        workdays.warn = None
    assert said == [
        "the official calendar has no holidays for 2099: its working days are counted "
        "Monday to Friday"
    ]


def test_working_day_steps_count_from_the_step_before(data_copy: Path):
    folder = with_task(data_copy, DEPLOYMENT)
    found = cli("show", "36", "--data", str(folder), "--as-of", "2017-10-13", "--json")
    assert found.code == 0, found.stderr
    assert [(m["ref"], m["due"]) for m in found.json()["milestones"]] == [
        ("36.1", "2017-04-01"),  # 10 working days after 03-20: the Saturday 04-01 was worked
        ("36.2", "2017-09-29"),
        ("36.3", "2017-10-12"),
        ("36.4", "2017-12-15"),
    ]
    assert cli("validate", "--data", str(folder)).code == 0


def test_a_plan_may_count_monday_to_friday(data_copy: Path):
    folder = with_task(data_copy, DEPLOYMENT, workdays="mon-fri")
    found = cli("show", "36", "--data", str(folder), "--as-of", "2017-10-13", "--json")
    assert [m["due"] for m in found.json()["milestones"]][:3] == [
        "2017-04-03",
        "2017-09-29",
        "2017-10-06",
    ]


def test_overdue_rows_count_working_days_overdue(data_copy: Path):
    folder = with_task(data_copy, DEPLOYMENT)
    found = cli("overdue", "--data", str(folder), "--as-of", "2017-10-12", "--json")
    rows = {m["ref"]: m for m in found.json()["milestones"]}
    # after 09-29 up to 10-12: 09-30, 10-09, 10-10, 10-11, 10-12
    assert (rows["36.2"]["days_overdue"], rows["36.2"]["working_days_overdue"]) == (13, 5)


def test_remind_says_how_many_working_days_are_left(data_copy: Path):
    folder = with_task(data_copy, DEPLOYMENT)
    found = cli("remind", "--data", str(folder), "--as-of", "2017-09-29", "--within", "15")
    assert "【36.3】部署生态环境问题整改（2017年10月12日前，还有6个工作日）" in found.stdout
    document = cli("remind", "--data", str(folder), "--as-of", "2017-09-29", "--json").json()
    steps = {m["ref"]: m for unit in document["units"] for m in unit["milestones"]}
    # the day itself and the due day counted: 09-29, 09-30, 10-09, 10-10, 10-11, 10-12
    assert (steps["36.2"]["working_days_left"], steps["36.3"]["working_days_left"]) == (1, 6)


def test_a_deadline_must_be_a_date(data_copy: Path):
    folder = with_task(data_copy, DEPLOYMENT.replace("deadline: 12月底", "deadline: 每月底"))
    found = cli("validate", "--data", str(folder))
    assert found.code == 1
    assert "'每月底' is not a date: a deadline names one" in found.stdout


def test_the_command_warns_of_a_year_beyond_the_calendar():
    found = cli("overdue", "--as-of", "2027-01-05", "--json")
    assert found.code == 0
    assert found.stderr.splitlines()[-1] == (
        "ecotask: warning: the official calendar has no holidays for 2027: its working days "
        "are counted Monday to Friday"
    )
    rows = {m["ref"]: m for m in found.json()["milestones"]}
    assert rows["35.2"]["days_overdue"] == 3353


def test_a_query_that_counts_no_working_day_does_not_import_the_calendar(tmp_path: Path):
    """Neither from the cache nor afresh: only a 工作日 step or a count of working days does."""
    code = (
        "import sys\nfrom ecotask.cli import app\n"
        "try:\n    app(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print('chinese_calendar' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "ECOTASK_DATA": str(DATA)}
    for args in (["due", "--month", "6"], ["due", "--month", "6"]):  # afresh, then cached
        run = [sys.executable, "-c", code, *args]
        out = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
        assert out.stderr.splitlines()[-1] == "False", args
    run = [sys.executable, "-c", code, "overdue", "--as-of", "2017-07-01", "--json"]
    out = subprocess.run(run, capture_output=True, text=True, env=env, check=True)
    assert out.stderr.splitlines()[-1] == "True"


def test_each_run_warns_though_the_count_is_kept():
    for _ in range(2):
        found = cli("overdue", "--as-of", "2027-01-05", "--json")
        assert "no holidays for 2027" in found.stderr
