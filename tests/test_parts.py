"""Parts of a collective: each town reports its part; the step is done when its lead does."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli


def ok(folder: Path, *args: str) -> str:
    run = cli(*args, "--data", str(folder))
    assert run.code == 0, run.stderr
    return run.stdout


TOWNS = ["双盛街道", "铁东街道", "红旗街道", "建设街道", "辽河街道", "胜利街道"]


def test_a_collectives_parts_are_shown_and_counted(data_copy: Path):
    for day, unit in (("6/20", "统一镇"), ("6/21", "区农经局"), ("6/22", "陆家镇")):
        said = ok(data_copy, "done", "2.1", "--on", day, "--by", unit)
        log = data_copy / "progress" / f"{unit}.yaml"
        assert said == (
            f"{unit}'s part of 2.1 done on 2017-0{day.replace('/', '-')}; the step is done when "
            f"区国土分局 reports it: recorded in {log}\n"
        )
    shown = cli("show", "2", "--as-of", "2017-06-25", "--json", "--data", str(data_copy)).json()
    first = shown["milestones"][0]
    assert first["state"] == "pending"  # parts alone do not finish the step
    assert first["parts"] == [
        {"name": "区农经局", "members": ["区农经局"], "reported": ["区农经局"], "missing": []},
        {
            "name": "各街镇",
            "members": ["统一镇", "陆家镇", *TOWNS],
            "reported": ["统一镇", "陆家镇"],
            "missing": TOWNS,
        },
    ]
    table = ok(data_copy, "show", "2", "--as-of", "2017-06-25")
    assert "分项报送（责任单位各自报送）" in table
    assert " 2.1   区农经局 已报；各街镇 2/8 已报（未报：双盛街道、" in table
    again = cli("done", "2.1", "--by", "统一镇", "--data", str(data_copy))
    assert again.code == 1
    assert "统一镇 already reported its part of 2.1 (2017-06-20)" in again.stderr
    owed = cli(
        "remind", "--unit", "统一镇", "--as-of", "2017-06-25", "--json", "--data", str(data_copy)
    ).json()["parts_owed"]
    assert "2.1" not in owed and "9.3" in owed
    ok(data_copy, "done", "2.1", "--on", "6/28", "--by", "区国土分局")  # the lead
    status = cli("status", "--as-of", "2017-06-30", "--json", "--data", str(data_copy)).json()
    assert next(t for t in status["tasks"] if t["task"] == 2)["states"]["2.1"] == "done"
    ok(data_copy, "done", "2.1", "--on", "6/29", "--by", "双盛街道")  # a part after the step
    assert "valid: 0 error(s)" in ok(data_copy, "validate")
