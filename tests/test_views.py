"""show, unit and leader show each step's state as of --as-of; leader lists its overdue steps."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import cli


@pytest.fixture
def progressed(data_copy: Path) -> Path:
    """2.1 done on time, 7.1 done late."""
    for ref, day in (("2.1", "2017-06-28"), ("7.1", "2017-03-05")):
        assert cli("done", ref, "--on", day, "--data", str(data_copy)).code == 0
    return data_copy


def states(document: dict, key: str = "milestones") -> list[tuple]:
    return [(m["ref"], m["state"], m["done"]) for m in document[key]]


def test_show_changes_once_a_step_is_done(data_copy: Path):
    args = ("show", "2", "--as-of", "2017-07-10", "--data", str(data_copy))
    before = cli(*args)
    assert "逾期未完成" in before.stdout and "逾期10天" in before.stdout
    assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy)).code == 0
    after = cli(*args)
    assert "按时完成" in after.stdout and "2017-06-28" in after.stdout
    assert "逾期未完成" not in after.stdout
    document = cli(*args, "--json").json()
    assert document["as_of"] == "2017-07-10"
    assert states(document) == [("2.1", "done", "2017-06-28"), ("2.2", "pending", None)]


def test_show_as_of_a_date_before_the_step_was_done(progressed: Path):
    document = cli("show", "7", "--as-of", "2017-03-01", "--json", "--data", str(progressed))
    assert states(document.json()) == [("7.1", "overdue", None), ("7.2", "pending", None)]
    document = cli("show", "7", "--as-of", "2017-03-10", "--json", "--data", str(progressed))
    assert states(document.json()) == [("7.1", "done_late", "2017-03-05"), ("7.2", "pending", None)]


def test_unit_steps_with_state(progressed: Path):
    run = cli("unit", "国土分局", "--month", "6", "--as-of", "2017-07-10", "--json",
              "--data", str(progressed))  # fmt: skip
    document = run.json()
    assert document["as_of"] == "2017-07-10"
    assert [
        (m["ref"], m["state"], m["state_name"], m["days_overdue"]) for m in document["milestones"]
    ] == [("2.1", "done", "按时完成", None), ("9.3", "overdue", "逾期未完成", 10)]


def test_unit_table_has_a_state_column(progressed: Path):
    run = cli("unit", "区消防大队", "--as-of", "2017-07-10", "--data", str(progressed))
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert "时间节点（截至2017-07-10）" in [line.strip() for line in lines]
    row = next(line for line in lines if line.lstrip().startswith("18.1"))
    assert row.rstrip().endswith("逾期未完成")
    assert "逾期10天" in lines[lines.index(row) + 1]


def test_leader_lists_its_overdue_steps():
    document = cli("leader", "石贵生", "--as-of", "2017-09-01", "--json").json()
    assert [(m["ref"], m["days_overdue"]) for m in document["overdue"]] == [
        ("14.1", 185),
        ("14.3", 154),
        ("22.2", 154),
        ("23.1", 93),
    ]
    assert [m["ref"] for m in document["next"]] == ["14.2", "14.4", "20.1", "22.1", "22.3"]
    table = cli("leader", "石贵生", "--as-of", "2017-09-01").stdout
    assert "截至2017-09-01逾期未完成的时间节点" in table
    assert "逾期185天" in table


def test_leader_next_steps_leave_out_those_done(progressed: Path):
    document = cli("leader", "祝美娟", "--as-of", "2017-07-10", "--json", "--data", str(progressed))
    overdue = [m["ref"] for m in document.json()["overdue"]]
    assert "7.1" not in overdue  # done late, so no longer overdue
    assert overdue[:3] == ["9.1", "11.1", "34.1"]
    assert [m["ref"] for m in document.json()["next"]] == ["1.1", "12.3", "1.2", "16.3", "1.3"]


def test_units_json_carries_as_of():
    assert cli("units", "--as-of", "2017-07-01", "--json").json()["as_of"] == "2017-07-01"
    assert cli("leaders", "--as-of", "2017-07-01", "--json").json()["as_of"] == "2017-07-01"
