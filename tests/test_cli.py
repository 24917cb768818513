"""The real command, in-process, on the real data files."""

import json
from pathlib import Path

import pytest

from .conftest import DATA, cli


def test_due_json_for_june():
    run = cli("due", "--month", "6", "--json")
    assert run.code == 0
    document = run.json()
    assert document["month"] == "2017-06"
    assert [(m["task"], m["milestone"], m["due"]) for m in document["milestones"]] == [
        (2, 1, "2017-06-30"),
        (9, 3, "2017-06-30"),
        (16, 2, "2017-06-30"),
        (18, 1, "2017-06-30"),
    ]
    first = document["milestones"][0]
    assert first["name"] == "划定耕地红线并严格遵守"
    assert first["lead"] == ["区国土分局"]
    assert first["leaders"] == ["李吉峰"]
    assert first["start"] is None
    assert "区土地局" in run.stdout  # Chinese as is, not \u escapes


@pytest.mark.parametrize("month", ["2017-06", "6月", "2017年6月", "06"])
def test_due_month_spellings_agree(month):
    assert cli("due", "--month", month, "--json").json()["count"] == 4


def test_due_table_uses_the_documents_columns():
    run = cli("due", "--month", "6")
    assert run.code == 0
    for heading in ("序号", "时间节点", "任务名称", "任务分解", "牵头单位", "分管领导"):
        assert heading in run.stdout
    for ref in ("2.1", "9.3", "16.2", "18.1"):
        assert ref in run.stdout
    assert "\x1b[" not in run.stdout


def test_empty_month_says_so():
    run = cli("due", "--month", "7")
    assert (run.code, run.stdout) == (0, "No milestones fall due in 2017-07.\n")


def test_overdue_as_of_a_date():
    run = cli("overdue", "--as-of", "2017/3/1", "--json")
    assert run.code == 0
    assert run.json()["as_of"] == "2017-03-01"
    assert [m["ref"] for m in run.json()["milestones"]] == [
        "9.1",
        "11.1",
        "7.1",
        "14.1",
        "28.1",
        "30.2",
        "34.1",
    ]


def test_list_json_counts_and_shapes():
    document = cli("list", "--json").json()
    assert document["count"] == 35
    task = document["tasks"][22]
    assert task["task"] == 23
    assert task["lead"] == ["区住建局", "区环保局"]
    assert task["leaders"] == ["石贵生", "祝美娟"]
    assert task["open_ended"] is True
    assert task["deadline"] == "2017-11-30"
    assert [m["due"] for m in task["milestones"]] == ["2017-05-31", "2017-11-30"]


def test_list_filtered_by_category():
    run = cli("list", "--category", "制度")
    assert run.code == 0
    assert "建立完善生态制度体系" in run.stdout
    assert cli("list", "-c", "制度", "--json").json()["count"] == 4


def test_show_one_task():
    document = cli("show", "32", "--json").json()
    assert document["category"] == "建立完善生态制度体系"
    assert document["responsible"] == ["陆家镇", "统一镇", "双盛街道"]
    assert [(m["start"], m["due"]) for m in document["milestones"]] == [
        (None, "2017-05-31"),
        ("2017-06-01", "2017-12-31"),
    ]
    assert "6到12月" in cli("show", "32").stdout


def test_show_unknown_task():
    run = cli("show", "36")
    assert run.code == 1
    assert run.stderr == "ecotask: error: no task 36: the tasks are numbered 1 to 35\n"


EXPECTED_WARNINGS = [
    "milestone 9.2 (12月底, 2017-12-31) falls after its task's deadline",
    "milestone 10.1 (12月底, 2017-12-31) falls after its task's deadline",
    "milestone 11.3 (12月底, 2017-12-31) falls after its task's deadline",
    "task 13: 区水利总站 is both lead and responsible unit",
    "石贵生, in charge of tasks 14, 20, 22, 23, 24, 25, 26, is not on the group's roster",
    "milestone 19.2 (12月底前, 2017-12-31) falls after its task's deadline",
    "unit 区征管办 (first named in task 20) has no head on the roster",
    "task 23: 区环保局 is both lead and responsible unit",
    "曹书华, in charge of tasks 29, 30, is not on the group's roster",
    "milestone 32.2 (6到12月, 2017-12-31) falls after its task's deadline",
    "unit 区总工会 (first named in task 33) has no head on the roster",
    "unit 团区委 (first named in task 33) has no head on the roster",
    "unit 区妇联 (first named in task 33) has no head on the roster",
    "翟月雷, in charge of tasks 33, is not on the group's roster",
]


def test_validate_passes_the_shipped_data_with_the_expected_warnings():
    run = cli("validate")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert all(
        line.startswith("data/tasks.yaml:") or "/data/tasks.yaml:" in line for line in lines[:-1]
    )
    messages = [line.split(": warning: ")[1] for line in lines[:-1]]
    assert [message.split(" (2017年11月, 2017-11-30)")[0] for message in messages] == (
        EXPECTED_WARNINGS
    )
    assert lines[-1].startswith("valid: 0 error(s), 14 warning(s)")
    assert lines[-1].endswith("35 tasks, 81 milestones)")


def test_validate_strict_fails_on_warnings():
    assert cli("validate", "--strict").code == 1


def test_validate_json_and_github_formats():
    document = cli("validate", "--format", "json").json()
    assert (document["valid"], document["errors"], document["warnings"]) == (True, 0, 14)
    run = cli("validate", env={"GITHUB_ACTIONS": "true"})
    assert run.stdout.startswith("::warning file=")
    line = (
        (DATA / "tasks.yaml").read_text(encoding="utf-8").splitlines().index("      - due: 12月底")
    )
    assert f",line={line + 1},col=14,title=step-after-deadline::milestone 9.2" in run.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_file_names_its_line_and_changes_nothing(data_copy):
    tasks = data_copy / "tasks.yaml"
    _edit(tasks, "      - due: 8月底\n", "      - due: 13月底\n")
    before = tasks.read_bytes()
    line = before.decode().splitlines().index("      - due: 13月底") + 1
    for args in (["validate"], ["due", "--month", "6"]):
        run = cli(*args, "--data", str(data_copy))
        assert run.code == 1
        output = run.stdout if args == ["validate"] else run.stderr
        assert (
            f"tasks.yaml:{line}:14: error: tasks[0].milestones[0].due: '13月底' names month 13"
            in output
        )
        assert "Traceback" not in run.stdout + run.stderr
    assert tasks.read_bytes() == before


def test_every_error_is_reported_not_just_the_first(data_copy):
    _edit(data_copy / "tasks.yaml", "lead: [区环保局]", "lead: [区环保厅]")
    _edit(data_copy / "tasks.yaml", "leaders: [李吉峰]", "leaders: [李吉锋]")
    _edit(data_copy / "group.yaml", "director: 赵凤春", "director: 赵风春")
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 1
    errors = [line for line in run.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 3
    assert "unit '区环保厅' is not declared in group.yaml (did you mean 区环保局" in errors[0]
    assert "leader '李吉锋' is neither on the roster" in errors[1]
    assert "office director '赵风春' is not a member of the group" in errors[2]


def test_duplicate_task_ids(data_copy):
    _edit(data_copy / "tasks.yaml", "  - id: 2\n", "  - id: 1\n")
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 1
    assert "error: duplicate task id 1 (first at line 16)" in run.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--month", "13"], "ecotask: error: month 13 does not exist"),
        (["due"], "ecotask due: error: Missing option '--month'"),
        (["due", "--mnth", "6"], "ecotask due: error: No such option: --mnth"),
        (["overdue", "--as-of", "someday"], "ecotask: error: cannot read the date 'someday'"),
        (["show", "x"], "ecotask show: error: Invalid value for 'N'"),
        (["list", "-c", "nothing"], "ecotask: error: no category 'nothing'"),
        (["validate", "--format", "xml"], "ecotask validate: error: Invalid value for --format"),
        (["bogus"], "ecotask: error: No such command 'bogus'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args, message):
    run = cli(*args)
    assert run.code == 2
    assert run.stderr.startswith(message)
    assert run.stderr.count("\n") == 1
    assert run.stdout == ""


def test_missing_data_folder():
    run = cli("due", "--month", "6", "--data", "/nonexistent")
    assert run.code == 1
    assert run.stderr == "/nonexistent: error: no such data folder (from --data)\n"


def test_version():
    run = cli("--version")
    assert run.code == 0
    assert run.stdout.startswith("ecotask ")


@pytest.mark.parametrize(
    "command",
    ["validate", "due", "overdue", "list", "show", "unit", "leader", "units", "leaders", "group"],
)
def test_every_command_has_help_ending_with_an_example(command):
    run = cli(command, "--help")
    assert run.code == 0
    last = [line for line in run.stdout.splitlines() if line.strip()][-1]
    assert last.strip().startswith("Example: ecotask " + command)


def test_a_bug_exits_3_with_one_line(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("ecotask.queries.due_in_month", broken)
    run = cli("--no-cache", "due", "--month", "6")
    assert run.code == 3
    assert run.stderr.startswith("ecotask: internal error: RuntimeError: boom (please report")
    assert run.stderr.count("\n") == 1


def test_markup_in_data_is_printed_literally(data_copy):
    _edit(
        data_copy / "tasks.yaml",
        "name: 科学划定生态保护红线并严格遵守",
        "name: '[/]红线[bold]x[/bold]'",
    )
    _edit(data_copy / "tasks.yaml", "title: 2017年生态建设专项行动工作任务分解表", "title: '[/]表'")
    for args in (["list"], ["show", "1"], ["due", "--month", "8"], ["unit", "区政府办"]):
        run = cli(*args, "--data", str(data_copy))
        assert run.code == 0, run.stderr
        assert "[/]" in run.stdout
    assert "[bold]x[/bold]" in cli("show", "1", "--data", str(data_copy)).stdout


def test_tables_are_capped_but_json_is_not():
    run = cli("overdue", "--as-of", "2018-01-01", "--limit", "3")
    assert run.code == 0
    assert run.stdout.endswith("… 78 more rows: --limit 0 shows them all, --json lists them.\n")
    assert "9.1" in run.stdout and "4.2" not in run.stdout
    assert "4.2" in cli("overdue", "--as-of", "2018-01-01", "--limit", "0").stdout
    assert cli("overdue", "--as-of", "2018-01-01", "--limit", "3", "--json").json()["count"] == 81


@pytest.mark.parametrize(
    ("args", "hidden", "last_shown", "first_hidden"),
    [
        (["status", "--as-of", "2017-07-01"], 33, "划定耕地红线并严格遵守", "完成规划环评执行率"),
        (["unit", "环保局"], 23, "完成规划环评执行率", "提升应当实施强制性清洁生产企业"),
        (["leader", "祝美娟"], 17, "完成规划环评执行率", "提高单位工业用地工业增加值"),
    ],
    ids=["status", "unit", "leader"],
)
def test_long_tables_are_capped(args, hidden, last_shown, first_hidden):
    run = cli(*args, "--limit", "2")
    assert run.code == 0, run.stderr
    assert f"… {hidden} more rows: --limit 0 shows them all, --json lists them." in run.stdout
    assert last_shown in run.stdout and first_hidden not in run.stdout
    everything = cli(*args, "--limit", "0").stdout
    assert first_hidden in everything and "more rows" not in everything


def test_a_capped_status_still_counts_every_task():
    run = cli("status", "--as-of", "2017-07-01", "--limit", "2")
    assert run.stdout.rstrip().endswith("合计：红灯 22，黄灯 0，绿灯 13，完成 0")


def test_answers_are_the_json_the_standard_library_would_write():
    from ecotask.render.json import dumps

    rows = [
        {"task": i, "text": "到6月底，完成“绿色”\\n工作", "done": None, "value": 0.7, "refs": []}
        for i in range(3)
    ]
    document = {"as_of": "2017-07-01", "counts": {}, "milestones": rows, "none": []}
    assert dumps(document) == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
