"""Review: with office.review required, a unit's done is reported until the office accepts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import cli


def ok(folder: Path, *args: str) -> str:
    run = cli(*args, "--data", str(folder))
    assert run.code == 0, run.stderr
    return run.stdout


@pytest.fixture
def office(data_copy: Path) -> Path:
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    group.write_text(text.replace("  office:\n", "  office:\n    review: required\n"), "utf-8")
    return data_copy


def counted(folder: Path) -> dict:
    """What the views count of step 2.1 (due 06-30) as of 07-10."""
    when = ("--as-of", "2017-07-10")
    status = cli("status", *when, "--json", "--data", str(folder)).json()
    task = next(t for t in status["tasks"] if t["task"] == 2)
    overdue = cli("overdue", *when, "--json", "--data", str(folder)).json()
    shown = cli("show", "2", *when, "--json", "--data", str(folder)).json()["milestones"][0]
    report = cli("report", "--month", "7", "--format", "json", "--data", str(folder)).json()
    return {
        "state": task["states"]["2.1"],
        "awaiting": task["awaiting_review"],
        "overdue": "2.1" in [m["ref"] for m in overdue["milestones"]],
        "review": shown["review"],
        "done": report["headline"]["plan"]["done"],
        "report_awaiting": [m["ref"] for m in report["awaiting_review"]],
    }


def test_a_units_done_counts_once_accepted(office: Path):
    said = ok(office, "done", "2.1", "--on", "2017-06-28", "--by", "区国土分局")
    log = office / "progress" / "区国土分局.yaml"
    assert said == (
        f"2.1 reported done on 2017-06-28 by 区国土分局, awaiting review: recorded in {log}\n"
    )
    assert counted(office) == {
        "state": "overdue",
        "awaiting": ["2.1"],
        "overdue": True,
        "review": "reported",
        "done": 0,
        "report_awaiting": ["2.1"],
    }
    table = ok(office, "show", "2", "--as-of", "2017-07-10")
    assert "逾期未完成（已报送）" in table
    refused = cli("done", "2.1", "--by", "区国土分局", "--data", str(office))
    assert refused.code == 1
    assert "awaits the office's review: `ecotask accept 2.1` or `ecotask return 2.1`" in (
        refused.stderr
    )
    assert ok(office, "accept", "2.1", "--on", "2017-07-02") == (
        "2.1 accepted on 2017-07-02: done on 2017-06-28 by 区国土分局; recorded in "
        f"{office / 'progress.yaml'}\n"
    )
    assert counted(office) == {
        "state": "done",  # as of the day reported: on time
        "awaiting": [],
        "overdue": False,
        "review": None,
        "done": 1,
        "report_awaiting": [],
    }
    assert "1     2017-06-28" in ok(office, "log")


def test_a_returned_report_is_open_again_with_its_reason(office: Path):
    ok(office, "done", "2.1", "--on", "2017-06-28", "--by", "区国土分局")
    ok(office, "return", "2.1", "--reason", "佐证材料不全", "--on", "2017-07-01")
    assert counted(office) == {
        "state": "overdue",
        "awaiting": [],
        "overdue": True,
        "review": "returned",
        "done": 0,
        "report_awaiting": [],
    }
    shown = cli("show", "2", "--as-of", "2017-07-10", "--json", "--data", str(office)).json()
    assert shown["milestones"][0]["note"] == "佐证材料不全"
    ok(office, "done", "2.1", "--on", "2017-07-03", "--by", "区国土分局", "--note", "已补充")
    ok(office, "accept", "2.1", "--on", "2017-07-04")
    after = counted(office)
    assert (after["state"], after["done"], after["review"]) == ("done_late", 0, None)
    assert "valid: 0 error(s)" in ok(office, "validate")


@pytest.mark.parametrize(
    ("review", "by", "refusal"),
    [
        (True, (), "milestone 2.1 has no report awaiting review"),  # the office's own done
        (False, ("--by", "区国土分局"), "review is not required (group.yaml: office.review)"),
    ],
)
def test_a_done_without_review_counts_at_once(
    request: pytest.FixtureRequest, review: bool, by: tuple[str, ...], refusal: str
):
    folder = request.getfixturevalue("office" if review else "data_copy")
    ok(folder, "done", "2.1", "--on", "2017-06-28", *by)
    assert counted(folder)["state"] == "done"
    refused = cli("accept", "2.1", "--data", str(folder))
    assert refused.code == 1
    assert refusal in refused.stderr


def test_a_review_in_a_units_file_is_refused(office: Path):
    ok(office, "done", "2.1", "--on", "2017-06-28", "--by", "区国土分局")
    land = office / "progress" / "区国土分局.yaml"
    land.write_text(
        land.read_text(encoding="utf-8")
        + "  - event: accept\n    milestone: '2.1'\n    date: 2017-07-01\n    by: 区国土分局\n",
        encoding="utf-8",
    )
    run = cli("validate", "--data", str(office))
    assert run.code == 1
    assert "error: `accept` is the office's entry: it goes in progress.yaml" in run.stdout
