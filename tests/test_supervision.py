"""Which lead units get a 督办通知单, for which steps, and in which colour."""

from datetime import date

import pytest

from ecotask.cli.common import open_data
from ecotask.supervision import colour, latest_notes, notices

from .conftest import DATA, cli


@pytest.mark.parametrize(
    ("days_late", "expected"),
    [(0, "blue"), (1, "yellow"), (30, "yellow"), (31, "red"), (400, "red")],
)
def test_the_colour_follows_how_late_a_step_is(days_late, expected):
    assert colour(days_late, 30) == expected


def test_notices_by_colour_then_the_registrys_order():
    found = notices(open_data(DATA), date(2017, 5, 20), 11, 100)
    assert [(n.unit, n.colour) for n in found] == [
        ("区环保局", "red"),  # 9.1 and 11.1 are 109 days late
        ("区组织部", "yellow"),
        ("区发改局", "yellow"),
        ("区经信局", "yellow"),
        ("区教育局", "yellow"),
        ("区财政局", "yellow"),
        ("区人社局", "yellow"),
        ("区住建局", "yellow"),
        ("区农经局", "yellow"),
        ("区文体局", "yellow"),
        ("区水利总站", "blue"),  # 5.2 is due on 05-31
    ]
    environment = next(n for n in found if n.unit == "区环保局")
    assert environment.head is not None and environment.head.name == "赵凤春"
    # the most overdue first, then those not yet due by date; 23.1 is led by two units
    assert [(i.milestone.ref, i.days_late) for i in environment.items] == [
        ("9.1", 109),
        ("11.1", 109),  # red: more than 100 days
        ("7.1", 81),
        ("34.1", 81),
        ("11.2", 50),
        ("12.1", 50),
        ("16.1", 50),
        ("22.2", 50),
        ("12.2", 20),
        ("23.1", 0),
        ("32.1", 0),
    ]
    assert [i.colour for i in environment.items][1:4] == ["red", "yellow", "yellow"]
    assert [i.colour for i in environment.items][-3:] == ["yellow", "blue", "blue"]
    water = found[-1]
    assert [(i.milestone.ref, i.colour) for i in water.items] == [("5.2", "blue")]


def test_done_steps_leave_the_notice_and_notes_are_the_latest(data_copy):
    folder = str(data_copy)
    assert cli("done", "5.2", "--on", "2017-05-19", "--note", "已完成", "--data", folder).code == 0
    assert (
        cli("reopen", "5.2", "--on", "2017-05-20", "--note", "需返工", "--data", folder).code == 0
    )
    plan = open_data(data_copy)
    assert latest_notes(plan, date(2017, 5, 19)) == {"5.2": "已完成"}
    assert latest_notes(plan, date(2017, 5, 20)) == {"5.2": "需返工"}
    assert [n.unit for n in notices(plan, date(2017, 5, 18), 13, 100)][-1] == "区水利总站"
    water = [n for n in notices(plan, date(2017, 5, 19), 12, 100) if n.unit == "区水利总站"]
    assert water == []  # done as of 05-19
    (water,) = [n for n in notices(plan, date(2017, 5, 20), 11, 100) if n.unit == "区水利总站"]
    assert [(i.milestone.ref, i.note) for i in water.items] == [("5.2", "需返工")]
