"""A unit's view: the parts (分项报送) of its steps, and its steps awaiting review (待审核)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import cli


def ok(folder: Path, *args: str) -> str:
    run = cli(*args, "--data", str(folder))
    assert run.code == 0, run.stderr
    return run.stdout


def test_a_units_view_shows_its_steps_parts(data_copy: Path):
    when = ("--month", "6", "--as-of", "2017-06-25")
    assert "分项报送" not in ok(data_copy, "unit", "统一镇", *when)  # no part reported yet
    ok(data_copy, "done", "2.1", "--on", "6/20", "--by", "统一镇")
    table = ok(data_copy, "unit", "统一镇", *when)
    assert "分项报送（责任单位各自报送）" in table
    assert (
        " 2.1   区农经局 未报；各街镇 1/8 已报（未报：陆家镇、双盛街道、铁东街道、红旗街" in table
    )
    assert "待审核" not in table  # review is not required
    shown = cli("unit", "统一镇", *when, "--json", "--data", str(data_copy)).json()
    first = next(m for m in shown["milestones"] if m["ref"] == "2.1")
    assert first["parts"][1]["reported"] == ["统一镇"]
    assert first["parts"][0] == {
        "name": "区农经局",
        "members": ["区农经局"],
        "reported": [],
        "missing": ["区农经局"],
    }


def test_a_units_view_shows_its_steps_awaiting_review(data_copy: Path):
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    group.write_text(text.replace("  office:\n", "  office:\n    review: required\n"), "utf-8")
    when = ("--month", "6", "--as-of", "2017-06-29")
    assert "待审核" not in ok(data_copy, "unit", "区国土分局", *when)
    ok(data_copy, "done", "2.1", "--on", "6/28", "--by", "区国土分局")
    assert "\n待审核：1 项（2.1）\n" in ok(data_copy, "unit", "区国土分局", *when)
    ok(data_copy, "accept", "2.1", "--on", "6/29")
    assert "待审核" not in ok(data_copy, "unit", "区国土分局", *when)
