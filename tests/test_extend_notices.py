"""The 督办通知单, remind and overdue follow an approved extension (延期): a step is picked,
coloured and counted by its new date, and shows it with the plan's beside it."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.table import Table

from tests.conftest import cli
from tests.test_extended_dates import extend, ok  # 2.1 extended to 2017-07-31 on 06-25


def land_notice(folder: Path, tmp_path: Path, day: str, within: str) -> tuple[str, list[str]]:
    """区国土分局's notice as of the day: its title and the row of 2.1; ("", []) if none."""
    path = tmp_path / "督办单.docx"
    ok(folder, "remind", "--as-of", day, "--within", within, "-o", str(path), "--force")
    title, found = "", None
    for block in Document(str(path)).iter_inner_content():
        text = getattr(block, "text", "")
        if text.endswith("督办通知单"):
            title = text
        if text.startswith("承办单位："):
            found = title if text.startswith("承办单位：区国土分局") else None
        if isinstance(block, Table) and found:
            row = next(r for r in block.rows if r.cells[0].text == "2.1")
            return found, [c.text for c in row.cells]
    return "", []


def test_an_extended_step_no_longer_late_is_blue_or_absent(data_copy: Path, tmp_path: Path):
    title, row = land_notice(data_copy, tmp_path, "2017-07-20", "15")
    assert (title, row[3:5]) == ("黄色督办通知单", ["2017-06-30\n（6月底）", "逾期 20 天"])
    extend(data_copy)
    title, row = land_notice(data_copy, tmp_path, "2017-07-20", "15")
    assert title == "蓝色督办通知单"
    assert row[3:] == [
        "2017-07-31 延期\n2017-06-30\n（6月底）",
        "11 天后到期，还有 8 个工作日",
        "省厅调整部署",  # the extension's reason, the step's latest note
    ]
    assert land_notice(data_copy, tmp_path, "2017-07-20", "10") == ("", [])  # beyond 10 days


def test_an_extended_step_is_coloured_by_its_new_date(data_copy: Path, tmp_path: Path):
    assert land_notice(data_copy, tmp_path, "2017-08-10", "15")[1][4] == "逾期 41 天"  # red
    assert land_notice(data_copy, tmp_path, "2017-08-10", "15")[0] == "红色督办通知单"
    extend(data_copy)
    title, row = land_notice(data_copy, tmp_path, "2017-08-10", "15")
    assert (title, row[4]) == ("黄色督办通知单", "逾期 10 天")


def test_remind_json_and_overdue_count_from_the_new_date(data_copy: Path):
    extend(data_copy)

    def step(document: dict, key: str) -> dict:
        return next(m for g in document[key] for m in g["milestones"] if m["ref"] == "2.1")

    soon = cli("remind", "--as-of", "2017-07-20", "--json", "--data", str(data_copy)).json()
    moved = step(soon, "units")
    assert (moved["due"], moved["extended_to"], moved["working_days_left"]) == (
        "2017-06-30", "2017-07-31", 8,
    )  # fmt: skip
    assert "2.1" not in [m["ref"] for g in soon["overdue"] for m in g["milestones"]]
    late = cli("remind", "--as-of", "2017-08-03", "--json", "--data", str(data_copy)).json()
    row = step(late, "overdue")
    assert (row["due"], row["extended_to"], row["days_overdue"]) == ("2017-06-30", "2017-07-31", 3)
    assert row["working_days_overdue"] == 3  # 08-01, 08-02, 08-03
    text = ok(data_copy, "remind", "--as-of", "2017-08-03")
    said = "（延期至2017年7月31日，原2017年6月30日前，逾期3天）"
    assert f"【2.1】划定耕地红线并严格遵守{said}" in text
    overdue = cli("overdue", "--as-of", "2017-08-03", "--json", "--data", str(data_copy)).json()
    (listed,) = [m for m in overdue["milestones"] if m["ref"] == "2.1"]
    assert (listed["due"], listed["extended_to"], listed["days_overdue"]) == (
        "2017-06-30", "2017-07-31", 3,
    )  # fmt: skip
    others = [m["extended_to"] for m in overdue["milestones"] if m["ref"] != "2.1"]
    assert set(others) == {None}


def test_the_overdue_table_shows_both_dates(data_copy: Path):
    extend(data_copy)
    lines = ok(data_copy, "overdue", "--as-of", "2017-08-03").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(" 2.1 "))
    assert lines[at].startswith(" 2.1   2017-07-31 延期  划定耕地红线并严格遵守 ")
    assert lines[at + 1].startswith("       2017-06-30 ")
