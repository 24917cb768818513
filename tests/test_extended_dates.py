"""due --month and remind follow an approved extension's new date, its original beside it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli


def ok(folder: Path, *args: str) -> str:
    run = cli(*args, "--data", str(folder))
    assert run.code == 0, run.stderr
    return run.stdout


def extend(folder: Path) -> None:
    ok(folder, "extend", "2.1", "--to", "2017-07-31", "--on", "2017-06-25",
       "--reason", "省厅调整部署", "--approved-by", "李吉峰")  # fmt: skip


def refs(folder: Path, month: str) -> list[str]:
    shown = cli("due", "--month", month, "--as-of", "2017-07-01", "--json", "--data", str(folder))
    return [m["ref"] for m in shown.json()["milestones"]]


def test_due_lists_an_extended_step_in_its_new_month(data_copy: Path):
    assert "2.1" in refs(data_copy, "6") and "2.1" not in refs(data_copy, "7")
    extend(data_copy)
    assert "2.1" not in refs(data_copy, "6") and refs(data_copy, "7") == ["2.1"]
    when = ("--month", "7", "--as-of", "2017-07-01", "--data", str(data_copy))
    moved = cli("due", *when, "--json").json()["milestones"][0]
    assert (moved["due"], moved["extended_to"]) == ("2017-06-30", "2017-07-31")
    table = ok(data_copy, "due", "--month", "7", "--as-of", "2017-07-01").splitlines()
    assert table[3].startswith(" 2.1   2017-07-31 延期  划定耕地红线并")
    assert table[4].startswith("       2017-06-30 ")


def test_remind_follows_an_extended_steps_new_date(data_copy: Path):
    def line(day: str) -> str:
        shown = ok(data_copy, "remind", "--as-of", day, "--within", "15")
        return next(row for row in shown.splitlines() if "【2.1】" in row)

    assert line("2017-07-20").endswith("（2017年6月30日前，逾期20天）")
    extend(data_copy)
    soon = "划定耕地红线并严格遵守（延期至2017年7月31日，原2017年6月30日前，还有8个工作日）"
    assert line("2017-07-20") == f"  1. 【2.1】{soon}"
    assert line("2017-08-03").endswith("（延期至2017年7月31日，原2017年6月30日前，逾期3天）")
