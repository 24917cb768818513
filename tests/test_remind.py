"""Reminders: the steps due soon and not done, under each lead unit, ready to paste."""

from .conftest import cli


def test_reminder_text_for_a_date():
    run = cli("remind", "--as-of", "2017-06-20", "--within", "12")
    assert run.code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "截至2017年6月20日，以下23项工作逾期未完成，请各牵头单位抓紧落实："
    soon = lines.index("以下4项工作将在12天内到期，请各牵头单位抓紧落实：")
    assert [line for line in lines[soon:] if line.endswith("：") and not line.startswith(" ")][
        1:
    ] == ["区国土分局：", "区环保局："]
    assert "  1. 【2.1】划定耕地红线并严格遵守（2017年6月30日前，还有9个工作日）" in lines[soon:]
    assert "     责任单位：区农经局、各街镇等相关单位；分管领导：李吉峰" in lines


def test_a_step_with_two_lead_units_is_under_both():
    document = cli("remind", "--as-of", "2017-05-20", "--within", "11", "--json").json()
    units = {u["unit"]: [m["ref"] for m in u["milestones"]] for u in document["units"]}
    assert units == {
        "区水利总站": ["5.2"],
        "区发改局": ["6.1"],
        "区经信局": ["6.1"],
        "区农经局": ["15.1"],
        "区住建局": ["23.1"],
        "区环保局": ["23.1", "32.1"],
    }


def test_done_steps_are_not_reminded(data_copy):
    assert cli("done", "2.1", "--on", "2017-06-19", "--data", str(data_copy)).code == 0
    document = cli("remind", "--as-of", "2017-06-20", "--json", "--data", str(data_copy)).json()
    refs = [m["ref"] for u in document["units"] for m in u["milestones"]]
    assert refs == ["9.3", "16.2", "18.1"]


def test_nothing_due():
    run = cli("remind", "--as-of", "2017-01-01", "--within", "5")
    assert run.stdout == "截至2017年1月1日，5天内没有到期的工作。\n"


def test_nothing_due_but_steps_overdue():
    lines = cli("remind", "--as-of", "2017-07-01", "--within", "5").stdout.splitlines()
    assert lines[0] == "截至2017年7月1日，以下27项工作逾期未完成，请各牵头单位抓紧落实："
    assert lines[-1] == "5天内没有其他到期的工作。"
