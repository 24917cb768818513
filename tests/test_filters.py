"""--unit and --leader on due, overdue, remind, status, list and export: a step belongs to a
unit that leads or is responsible for its task, directly or through a collective (各街镇)."""

from __future__ import annotations

from .conftest import cli


def refs(run) -> list[str]:
    assert run.code == 0, run.stderr
    return [m["ref"] for m in run.json()["milestones"]]


def test_overdue_of_a_responsible_unit_with_its_days_overdue():
    document = cli("overdue", "--as-of", "2017-07-10", "--unit", "消防大队", "--json").json()
    assert document["count"] == 1
    assert [(m["ref"], m["days_overdue"]) for m in document["milestones"]] == [("18.1", 10)]


def test_a_town_gets_the_steps_that_reach_it_through_a_collective():
    # the same count as the units table, which counts through the plan's involvements
    late = cli("overdue", "--as-of", "2017-07-01", "--unit", "统一镇", "--json").json()
    units = cli("units", "--as-of", "2017-07-01", "--json").json()["units"]
    town = next(u for u in units if u["unit"] == "统一镇")
    assert late["count"] == town["completion"]["overdue"] == 23


def test_unit_and_leader_combine():
    run = cli(
        "overdue", "--as-of", "2017-09-01", "--leader", "石贵生", "--unit", "环保局", "--json"
    )
    assert refs(run) == ["22.2", "23.1"]
    run = cli("overdue", "--as-of", "2017-09-01", "--leader", "贵生", "--json")
    assert refs(run) == ["14.1", "14.3", "22.2", "23.1"]


def test_due_in_a_month_for_a_unit():
    assert refs(cli("due", "--month", "6", "--json")) == ["2.1", "9.3", "16.2", "18.1"]
    # 区国土分局 leads 2.1 and is responsible for 9.3
    assert refs(cli("due", "--month", "6", "--unit", "国土", "--json")) == ["2.1", "9.3"]


def test_a_step_done_leaves_the_unit_s_overdue(data_copy):
    data = ("--data", str(data_copy))
    assert cli("done", "18.1", "--on", "2017-07-05", *data).code == 0
    run = cli("overdue", "--as-of", "2017-07-10", "--unit", "区消防大队", "--json", *data)
    assert refs(run) == []
    run = cli("overdue", "--as-of", "2017-07-10", "--unit", "区消防大队", "--all", "--json", *data)
    assert [(m["ref"], m["done"], m["days_overdue"]) for m in run.json()["milestones"]] == [
        ("18.1", "2017-07-05", None)
    ]


def test_remind_for_a_unit():
    run = cli("remind", "--as-of", "2017-06-20", "--within", "12", "--unit", "国土", "--json")
    document = run.json()
    assert [
        (u["unit"], [(m["ref"], m["days_overdue"]) for m in u["milestones"]])
        for u in document["overdue"]
    ] == [
        ("区环保局", [("9.1", 140), ("11.1", 140), ("11.2", 81)]),
        ("区住建局", [("14.1", 112), ("14.3", 81)]),
        ("区发改局", [("6.1", 20)]),
        ("区经信局", [("6.1", 20)]),
        ("区教育局", [("33.1", 81)]),
        ("区文体局", [("33.1", 81)]),
    ]
    assert [(u["unit"], [m["ref"] for m in u["milestones"]]) for u in document["units"]] == [
        ("区国土分局", ["2.1"]),
        ("区环保局", ["9.3"]),
    ]


def test_status_for_a_leader():
    document = cli("status", "--as-of", "2017-07-10", "--leader", "石贵生", "--json").json()
    assert [t["task"] for t in document["tasks"]] == [14, 20, 22, 23, 24, 25, 26]
    assert document["counts"] == {"red": 3, "yellow": 0, "green": 4, "done": 0}


def test_list_by_unit_and_leader():
    assert [t["task"] for t in cli("list", "--unit", "消防", "--json").json()["tasks"]] == [18]
    both = cli("list", "--leader", "石贵生", "--unit", "环保局", "--json").json()
    assert [t["task"] for t in both["tasks"]] == [22, 23]


def test_export_for_a_unit():
    run = cli("export", "--format", "csv", "--as-of", "2017-07-10", "--unit", "区消防大队")
    assert run.code == 0, run.stderr
    rows = run.stdout.splitlines()[1:]
    assert [row.split(",")[1] for row in rows] == ["18.1", "18.2", "18.3"]
    document = cli("export", "--format", "json", "--leader", "石贵生").json()
    assert [t["task"] for t in document["tasks"]] == [14, 20, 22, 23, 24, 25, 26]


def test_an_unknown_unit_or_leader_is_one_line_and_exit_1():
    run = cli("overdue", "--unit", "没有这个")
    assert (run.code, run.stderr) == (1, "ecotask: error: no unit '没有这个'\n")
    run = cli("status", "--leader", "张三丰")
    assert run.code == 1
    assert run.stderr.startswith("ecotask: error: no leader '张三丰'")


def test_remind_notices_for_a_unit(tmp_path):
    path = tmp_path / "督办单.docx"
    run = cli("remind", "--as-of", "2017-07-10", "--unit", "区消防大队", "-o", str(path))
    assert run.code == 0, run.stderr
    # 区消防大队 co-operates on 18.1 only: the one notice goes to 区环保局, which leads it
    assert run.stderr.splitlines()[-1] == "1 notice(s): 区环保局"
    assert path.exists()
