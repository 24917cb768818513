"""Dates as the office writes them: the plan's year when none is written, full-width digits
and Chinese numerals, an order that reads both ways refused, and no event dated ahead of today
without --force."""

from datetime import date, timedelta
from pathlib import Path

import pytest

from ecotask.dates import parse_date, parse_month
from ecotask.errors import UsageError

from .conftest import cli


@pytest.mark.parametrize(
    "text", ["7/1", "07/01", "7-1", "7.1", "7月1日", "7月1号", "七月一日", "７／１", "７月１日"]
)
def test_a_date_without_a_year_is_in_the_plans_year(text: str):
    assert parse_date(text, 2017) == date(2017, 7, 1)
    assert parse_date(text, 2018) == date(2018, 7, 1)


@pytest.mark.parametrize(
    "text",
    ["2017年7月1日", "2017/7/1", "2017-7-1", "２０１７－０７－０１", "２０１７年７月１日",
     "二〇一七年七月一日"],
)  # fmt: skip
def test_a_written_year_is_kept(text: str):
    assert parse_date(text, 2018) == date(2017, 7, 1)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("6/30", date(2017, 6, 30)),
        ("六月三十日", date(2017, 6, 30)),
        ("十二月三十一日", date(2017, 12, 31)),
        ("十一月二十日", date(2017, 11, 20)),
        ("30/6/2017", date(2017, 6, 30)),  # only one way to read it
        ("5/5/2017", date(2017, 5, 5)),
        ("July 1", date(2017, 7, 1)),
    ],
)
def test_other_spellings(text: str, day: date):
    assert parse_date(text, 2017) == day


def test_today_stays_today():
    assert parse_date("today", 2017) == date.today()
    assert parse_date("ＴＯＤＡＹ", 2017) == date.today()


@pytest.mark.parametrize("text", ["1/2/2017", "01/02/2017", "12.11.2017"])
def test_an_order_that_reads_both_ways_is_refused(text: str):
    with pytest.raises(UsageError, match="write the year first; dates read: 2017-07-01"):
        parse_date(text, 2017)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("六月", (2017, 6)), ("十二月", (2017, 12)), ("十一月", (2017, 11)), ("６月", (2017, 6)),
     ("2018年一月", (2018, 1)), ("１２", (2017, 12))],
)  # fmt: skip
def test_months_in_chinese_numerals_and_full_width(text: str, expected: tuple[int, int]):
    assert parse_month(text, 2017) == expected


@pytest.mark.parametrize("text", ["十三月", "二十月", "〇月"])
def test_months_that_do_not_exist_are_refused(text: str):
    with pytest.raises(UsageError):
        parse_month(text, 2017)


def test_done_without_a_year_records_the_plans_year(data_copy: Path):
    run = cli("done", "12.3", "--on", "06/30", "--data", str(data_copy))
    assert run.code == 0, run.stderr
    assert "12.3 done on 2017-06-30" in run.stdout
    assert "date: 2017-06-30" in (data_copy / "progress.yaml").read_text(encoding="utf-8")


def test_overdue_as_of_without_a_year_answers_for_the_plans_year():
    short = cli("overdue", "--as-of", "7/1", "--json").json()
    assert short["as_of"] == "2017-07-01"
    assert short == cli("overdue", "--as-of", "2017-07-01", "--json").json()
    chinese = cli("overdue", "--as-of", "7月1日", "--json").json()
    assert chinese == short


def test_status_takes_full_width_and_chinese_dates():
    wide = cli("status", "--as-of", "２０１７－０２－２０", "--json")
    assert wide.code == 0, wide.stderr
    assert wide.json() == cli("status", "--as-of", "2017-02-20", "--json").json()
    assert cli("due", "--month", "六月", "--json").json()["month"] == "2017-06"


def test_an_ambiguous_date_is_a_usage_error():
    run = cli("overdue", "--as-of", "1/2/2017")
    assert run.code == 2
    assert run.stdout == ""
    assert run.stderr == (
        "ecotask: error: '1/2/2017' could be 2017-01-02 or 2017-02-01: write the year first; "
        "dates read: 2017-07-01, 2017/7/1, 2017年7月1日, or without the year (the plan's): "
        "7/1, 7月1日, 七月一日; or today\n"
    )


@pytest.mark.parametrize(
    "args",
    [
        ["done", "12.1"],
        ["record", "4", "0.72"],
    ],
)
def test_an_event_after_today_needs_force(data_copy: Path, args: list[str]):
    ahead = (date.today() + timedelta(days=1)).isoformat()
    run = cli(*args, "--on", ahead, "--data", str(data_copy))
    assert run.code == 1
    assert run.stderr == (
        f"ecotask: error: {ahead} is after today ({date.today()}): record what has happened; "
        "if the date is right, add --force\n"
    )
    assert not (data_copy / "progress.yaml").exists()


def test_force_records_a_date_ahead(data_copy: Path):
    run = cli("done", "12.1", "--on", "2030-01-01", "--force", "--data", str(data_copy))
    assert run.code == 0, run.stderr
    assert "12.1 done on 2030-01-01" in run.stdout
    reopened = cli("reopen", "12.1", "--on", "2030-01-02", "--data", str(data_copy))
    assert reopened.code == 1
    assert "2030-01-02 is after today" in reopened.stderr


def test_reanchor_after_today_needs_force(data_copy: Path):
    step = "严守生态保护红线"
    assert cli("done", "1.2", "--on", "2017-10-20", "--data", str(data_copy)).code == 0
    tasks = data_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(text.replace(step, "严格守住生态保护红线", 1), encoding="utf-8")
    log = (data_copy / "progress.yaml").read_bytes()
    ahead = (date.today() + timedelta(days=1)).isoformat()
    refused = cli("reanchor", "1.2", "--on", ahead, "--data", str(data_copy))
    assert (refused.code, refused.stdout) == (1, "")
    assert refused.stderr.startswith(f"ecotask: error: {ahead} is after today")
    assert (data_copy / "progress.yaml").read_bytes() == log
    forced = cli("reanchor", "1.2", "--on", ahead, "--force", "--data", str(data_copy))
    assert forced.code == 0, forced.stderr
    assert f"reanchored on {ahead}" in forced.stdout
