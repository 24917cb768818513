from datetime import date

import pytest

from ecotask.dates import parse_date, parse_due, parse_iso_date, parse_month
from ecotask.errors import UsageError


@pytest.mark.parametrize(
    ("phrase", "start", "due"),
    [
        ("8月底", None, date(2017, 8, 31)),
        ("到8月底", None, date(2017, 8, 31)),
        ("8月底前", None, date(2017, 8, 31)),
        ("到8月底前", None, date(2017, 8, 31)),
        ("9月", None, date(2017, 9, 30)),
        ("2月底", None, date(2017, 2, 28)),
        ("到2017年11月底", None, date(2017, 11, 30)),
        ("2017年11月", None, date(2017, 11, 30)),
        ("2018年2月底", None, date(2018, 2, 28)),
        ("6到12月", date(2017, 6, 1), date(2017, 12, 31)),
        ("2017-08-15", None, date(2017, 8, 15)),
        ("年底", None, date(2017, 12, 31)),
        ("上半年", date(2017, 1, 1), date(2017, 6, 30)),
        ("下半年", date(2017, 7, 1), date(2017, 12, 31)),
        ("三季度末", None, date(2017, 9, 30)),
    ],
)
def test_due_phrases_resolve_against_the_plan_year(phrase, start, due):
    assert parse_due(phrase).resolve(2017) == (start, due)


@pytest.mark.parametrize(
    ("phrase", "message"),
    [
        ("13月底", "month 13"),
        ("12到6月", "ends before it starts"),
        ("2017-02-30", "not a real date"),
        ("下个月", "cannot read the date"),
        ("", "cannot read the date"),
    ],
)
def test_bad_due_phrases_say_why(phrase, message):
    with pytest.raises(ValueError, match=message):
        parse_due(phrase)


def test_iso_dates_are_strict():
    assert parse_iso_date("2017-03-20") == date(2017, 3, 20)
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_iso_date("2017/3/20")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6", (2017, 6)),
        ("06", (2017, 6)),
        ("6月", (2017, 6)),
        ("2017-06", (2017, 6)),
        ("2018年1月", (2018, 1)),
    ],
)
def test_month_arguments(text, expected):
    assert parse_month(text, 2017) == expected


@pytest.mark.parametrize("text", ["13", "0", "June", "2017-13", ""])
def test_bad_month_arguments_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_month(text, 2017)


@pytest.mark.parametrize(
    "text", ["2017-07-01", "2017/7/1", "2017年7月1日", "2017.7.1", "July 1, 2017", "1 Jul 2017"]
)
def test_as_of_spellings(text):
    assert parse_date(text, 2017) == date(2017, 7, 1)


@pytest.mark.parametrize("text", ["2017-02-30", "someday", "2017年13月1日"])
def test_bad_as_of_dates_are_usage_errors(text):
    with pytest.raises(UsageError):
        parse_date(text, 2017)


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("年内", date(2019, 12, 31)),
        ("2019年内", date(2019, 12, 31)),
        ("年底前", date(2019, 12, 31)),
        ("一季度", date(2019, 3, 31)),
        ("第二季度", date(2019, 6, 30)),
        ("三季度末前", date(2019, 9, 30)),
    ],
)
def test_the_phrases_other_offices_write(phrase, due):
    assert parse_due(phrase).resolve(2019) == (None, due)


@pytest.mark.parametrize("phrase", ["内", "2019内", "三年内"])
def test_a_year_without_its_end_is_no_date(phrase):
    with pytest.raises(ValueError, match="cannot read the date"):
        parse_due(phrase)
