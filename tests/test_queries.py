"""Exact answers from our own reading of the source document."""

from collections import Counter
from datetime import date

import pytest

from ecotask.errors import EcotaskError, UsageError
from ecotask.load import open_plan
from ecotask.queries import due_in_month, get_task, list_tasks, overdue

from .conftest import DATA

# Milestone refs (task.position) due in each month of 2017, in the order `due` prints them.
DUE_BY_MONTH = {
    1: ["9.1", "11.1"],
    2: ["7.1", "14.1", "28.1", "30.2", "34.1"],
    3: ["4.2", "11.2", "12.1", "14.3", "16.1", "19.1", "22.2", "27.1", "29.1", "33.1"],
    4: ["12.2"],
    5: ["5.2", "6.1", "15.1", "23.1", "32.1"],
    6: ["2.1", "9.3", "16.2", "18.1"],
    7: [],
    8: ["1.1", "12.3"],
    9: ["4.3"],
    # task 35's deadline is 2017年10月, so its undated first sentence falls due in October too
    10: ["1.2", "5.3", "16.3", "35.1", "35.2"],
    12: ["9.2", "10.1", "11.3", "19.2", "32.2"],
}


@pytest.fixture(scope="module")
def plan():
    return open_plan(DATA)


@pytest.mark.parametrize(("month", "refs"), DUE_BY_MONTH.items())
def test_due_in_month(plan, month, refs):
    assert [m.ref for m in due_in_month(plan, 2017, month)] == refs


def test_november_holds_the_rest(plan):
    november = due_in_month(plan, 2017, 11)
    assert len(november) == len(plan.milestones) - sum(map(len, DUE_BY_MONTH.values()))
    assert {m.due for m in november} == {date(2017, 11, 30)}
    # tasks 10, 11, 16, 19 and 32 have only dated steps, none in November; 35 ends in October
    assert {m.task.id for m in november} == set(range(1, 36)) - {10, 11, 16, 19, 32, 35}


def test_a_span_starts_and_ends(plan):
    (span,) = [m for m in plan.milestones if m.ref == "32.2"]
    assert (span.start, span.due) == (date(2017, 6, 1), date(2017, 12, 31))
    assert span.due_text == "6到12月"


def test_undated_steps_fall_due_at_the_deadline(plan):
    (target,) = [m for m in plan.milestones if m.ref == "9.4"]
    assert target.milestone.due is None
    assert target.due == date(2017, 11, 30)
    assert target.milestone.text.startswith("区域大气PM2.5")


def test_overdue_excludes_the_due_day_itself(plan):
    on_the_day = {m.ref for m in overdue(plan, date(2017, 8, 31))}
    next_day = {m.ref for m in overdue(plan, date(2017, 9, 1))}
    assert next_day - on_the_day == {"1.1", "12.3"}


def test_overdue_as_of_july_first(plan):
    refs = [m.ref for m in overdue(plan, date(2017, 7, 1))]
    expected = [ref for month in range(1, 7) for ref in DUE_BY_MONTH[month]]
    assert refs == expected
    assert overdue(plan, date(2017, 1, 31)) == []
    assert len(overdue(plan, date(2018, 1, 1))) == len(plan.milestones) == 81


def test_task_counts_per_category(plan):
    counts = Counter(task.category for task in plan.tasks)
    assert list(counts.items()) == [
        ("科学构建生态空间格局", 3),
        ("全面发展绿色生态经济", 5),
        ("切实改善生态环境质量", 11),
        ("打造生态文明绿色生活", 9),
        ("建立完善生态制度体系", 4),
        ("全力打造生态文化", 3),
    ]


@pytest.mark.parametrize("spelling", ["全力打造生态文化", "生态文化", "6"])
def test_category_filter_spellings(plan, spelling):
    assert [t.id for t in list_tasks(plan, spelling)] == [33, 34, 35]


@pytest.mark.parametrize(
    ("spelling", "message"), [("生态", "matches several"), ("x", "no category")]
)
def test_bad_category_filters(plan, spelling, message):
    with pytest.raises(UsageError, match=message):
        list_tasks(plan, spelling)


def test_get_task(plan):
    assert get_task(plan, 23).lead == ["区住建局", "区环保局"]
    with pytest.raises(EcotaskError, match="numbered 1 to 35"):
        get_task(plan, 36)


def test_one_units_involvements_are_those_of_the_whole_index():
    index = open_plan(DATA).involvements
    assert len(index) > 30
    for name, involvements in index.items():
        assert open_plan(DATA).involvements_of(name) == involvements, name
