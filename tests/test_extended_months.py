"""A step extended (延期) into another month is filed there by unit --month and list --month,
as due --month files it; the calendar export and the report's year chart put it on its new
date."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import icalendar

from ecotask.render.report_chart import _Axis
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


def test_the_calendar_puts_an_extended_step_on_its_new_date(data_copy: Path):
    _extend_2_2_to_december(data_copy)
    out = data_copy / "plan.ics"
    run = cli("export", "-o", str(out), "--as-of", "2017-12-05", "--data", str(data_copy))
    assert run.code == 0, run.stderr
    calendar = icalendar.Calendar.from_ical(out.read_text(encoding="utf-8"))
    event = next(e for e in calendar.walk("VEVENT") if str(e["summary"]).startswith("[2.2]"))
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (
        date(2017, 12, 31),
        date(2018, 1, 1),
    )
    assert "时间节点：11月底（2017-11-30），延期至2017-12-31\n" in str(event["description"])


def _mark_x(html: str, ref: str) -> float:
    """Where the year chart puts the step's mark: its shape's first x coordinate."""
    shape = re.search(rf'<\w+ class="mark \w+" data-ref="{re.escape(ref)}"[^>]*>', html)
    assert shape is not None
    return float(re.findall(r' (?:cx|x|points)="([\d.]+)', shape.group(0))[0])


def test_the_year_chart_puts_an_extended_step_on_its_new_date(data_copy: Path):
    args = ("report", "--month", "11", "--as-of", "2017-12-05", "--format", "html")
    before = _mark_x(cli(*args, "--data", str(data_copy)).stdout, "2.2")
    _extend_2_2_to_december(data_copy)
    after = _mark_x(cli(*args, "--data", str(data_copy)).stdout, "2.2")
    december = _Axis(2017).month(12)
    assert before < december[0] <= after < december[1]
