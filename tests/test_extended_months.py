"""A step extended (延期) into another month is filed there by unit --month and list --month,
as due --month files it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli


def _extend_2_2_to_december(folder: Path) -> None:
    run = cli(
        *("extend", "2.2", "--to", "2017-12-31", "--reason", "省厅调整部署"),
        *("--approved-by", "李吉峰", "--on", "2017-11-20", "--data", str(folder)),
    )
    assert run.code == 0, run.stderr


def _unit_refs(folder: Path, month: str) -> list[tuple[str, str, str | None]]:
    answer = cli(
        *("unit", "区国土分局", "--month", month, "--as-of", "2017-12-05", "--json"),
        *("--data", str(folder)),
    ).json()
    return [(m["ref"], m["due"], m["extended_to"]) for m in answer["milestones"] if m["task"] == 2]


def _listed(folder: Path, month: str) -> list[int]:
    answer = cli("list", "--month", month, "--json", "--data", str(folder)).json()
    return [task["task"] for task in answer["tasks"]]


def test_unit_month_follows_an_extension(data_copy: Path):
    assert _unit_refs(data_copy, "11") == [("2.2", "2017-11-30", None)]
    assert _unit_refs(data_copy, "12") == []
    _extend_2_2_to_december(data_copy)
    assert _unit_refs(data_copy, "11") == []
    assert _unit_refs(data_copy, "12") == [("2.2", "2017-11-30", "2017-12-31")]
    table = cli(
        "unit", "区国土分局", "--month", "12", "--as-of", "2017-12-05", "--data", str(data_copy)
    )
    assert "2017-12-31" in table.stdout and "2017-11-30" in table.stdout


def test_list_month_follows_an_extension(data_copy: Path):
    assert 2 in _listed(data_copy, "11") and 2 not in _listed(data_copy, "12")
    _extend_2_2_to_december(data_copy)
    assert 2 not in _listed(data_copy, "11") and 2 in _listed(data_copy, "12")
