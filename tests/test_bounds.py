"""Bounds: integers beyond signed 64 bits and years outside 1900-2199 are located errors in the
data and usage errors (exit 2) on the command line; nothing typed reaches an internal error."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import DATA, cli

HUGE = "99999999999999999999999"
BEYOND = "is beyond the whole numbers kept (-2^63 to 2^63-1)"


def run(data: Path, *args: str):
    return cli(*args, "--data", str(data))


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_log(data: Path, *events: str) -> None:
    (data / "progress.yaml").write_text("events:\n" + "".join(events), encoding="utf-8")


def record_entry(value: str, day: str = "2017-06-30") -> str:
    return (
        f"  - event: record\n    task: 4\n    indicator: 单位地区生产总值能耗\n"
        f"    value: {value}\n    date: {day}\n"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (HUGE, f"ecotask: error: '{HUGE}' {BEYOND}"),
        ("9223372036854775808", f"ecotask: error: '9223372036854775808' {BEYOND}"),
        ("1e400", f"ecotask: error: '1e400' {BEYOND}"),
        ("0.1000000000000000000001", "ecotask: error: '0.1000000000000000000001' cannot be kept"),
        ("1e-400", "ecotask: error: '1e-400' cannot be kept exactly"),
        ("abc", "ecotask: error: 'abc' is not a number"),
        ("nan", "ecotask: error: 'nan' is not a number"),
        ("Infinity", "ecotask: error: 'Infinity' is not a number"),
    ],
)
def test_a_value_that_cannot_be_kept_exactly_is_a_usage_error(data_copy, value, message):
    result = run(data_copy, "record", "4", value, "--on", "2017-06-30")
    assert (result.code, result.stderr.splitlines()[0][: len(message)]) == (2, message)
    assert not (data_copy / "progress.yaml").exists()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("9223372036854775807", 9223372036854775807),
        ("-9223372036854775808", -9223372036854775808),
        ("0.72", 0.72),
        ("1e5", 100000),
        ("0.30000000000000004", 0.30000000000000004),
    ],
)
def test_a_value_recorded_is_kept_as_typed(data_copy, typed, kept):
    recorded = cli("record", "--on", "2017-06-30", "--data", str(data_copy), "--", "4", typed)
    assert recorded.code == 0, recorded.stderr
    rows = run(data_copy, "targets", "--as-of", "2017-12-31", "--json").json()["targets"]
    assert next(r for r in rows if r["task"] == 4)["actual"] == kept
    assert run(data_copy, "status", "--as-of", "2017-12-31").code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["record", HUGE, "1"],
        ["record", "0", "1"],
        ["show", HUGE],
        ["show", "0"],
        ["done", "1" * 5000 + ".1"],
        ["reanchor", "1" * 5000],
        ["reanchor", "99999999999999999999"],
        ["status", "--as-of", "9999-12-31"],
        ["status", "--within", "36501"],
        ["remind", "--within", "99999999999"],
        ["remind", "--as-of", "1899-12-31"],
        ["due", "--month", "9999-06"],
        ["due", "--month", "0000年6月"],
        ["list", "--limit", "9223372036854775808"],
        ["status", "--limit", "1000001"],
        ["overdue", "--as-of", "2200-01-01"],
        ["targets", "--as-of", "9999/12/31"],
        ["report", "--month", "2200-01"],
        ["import", "x.docx", "--year", "2200"],
    ],
)
def test_numbers_and_years_out_of_range_on_the_command_line_are_usage_errors(args, data_copy):
    result = cli(*args, "--data", str(data_copy))
    assert result.code == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "internal error" not in result.stderr


def test_the_furthest_horizon_is_answered(data_copy):
    result = run(data_copy, "remind", "--as-of", "2199-12-31", "--within", "36500", "--json")
    assert (result.code, result.json()["within"]) == (0, 36500)


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "tasks.yaml",
            "  - id: 1\n",
            f"  - id: {HUGE}\n",
            f"tasks.yaml:16:9: error: tasks[0].id: must be 9223372036854775807 or less, not {HUGE}",
        ),
        (
            "tasks.yaml",
            "deadline: 2017年11月\n",
            "deadline: 9999年12月底\n",
            "tasks.yaml:19:15: error: tasks[0].deadline: '9999年12月底' names year 9999, "
            "outside 1900-2199",
        ),
        (
            "tasks.yaml",
            "  year: 2017\n",
            "  year: 2200\n",
            "tasks.yaml:5:9: error: plan.year: must be 2199 or less, not 2200",
        ),
        (
            "tasks.yaml",
            "  issued: 2017-03-20\n",
            "  issued: 1899-03-20\n",
            "tasks.yaml:7:11: error: plan.issued: 1899-03-20 names year 1899, outside 1900-2199",
        ),
    ],
)
def test_out_of_range_data_is_a_located_error(data_copy, file, old, new, message):
    replace_in(data_copy / file, old, new)
    checked = run(data_copy, "validate")
    assert checked.code == 1
    assert message in checked.stdout
    for query in (["list"], ["status", "--as-of", "2017-07-01"], ["show", "1"]):
        result = run(data_copy, *query)
        assert (result.code, result.stdout) == (1, ""), query
        assert message in result.stderr


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (record_entry(HUGE), f"progress.yaml:5:12: error: events[0].value: {HUGE} {BEYOND}"),
        (record_entry("1e400"), "progress.yaml:5:12: error: events[0].value: inf is not a finite"),
        (record_entry(".nan"), "progress.yaml:5:12: error: events[0].value: nan is not a finite"),
        (
            record_entry("1", "9999-01-01"),
            "progress.yaml:6:11: error: events[0].date: 9999-01-01 names year 9999, "
            "outside 1900-2199",
        ),
        (
            f"  - event: record\n    task: {HUGE}\n    indicator: x\n    value: 1\n"
            "    date: 2017-06-30\n",
            "progress.yaml:3:11: error: events[0].task: must be 9223372036854775807 or less, not "
            f"{HUGE}",
        ),
    ],
)
def test_out_of_range_progress_is_a_located_error(data_copy, entry, message):
    write_log(data_copy, entry)
    checked = run(data_copy, "validate")
    assert (checked.code, message in checked.stdout) == (1, True), checked.stdout
    result = run(data_copy, "targets", "--as-of", "2017-12-31")
    assert (result.code, message in result.stderr) == (1, True), result.stderr


# A quick fuzz of every option that takes a number or a date: whatever is typed, the answer is
# an answer (0), a refusal (1) or a usage error (2), never an internal error.

TYPED = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.sampled_from(["9999-12-31", "0001-01-01", "2199-12-31", "1900-01-01", "today", HUGE]),
    st.builds(
        "{}-{:02d}-{:02d}".format, st.integers(0, 99999), st.integers(0, 13), st.integers(0, 32)
    ),
    st.builds("{}年{}月".format, st.integers(0, 99999), st.integers(0, 13)),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=12),
)
OPTIONS = [
    ["due", "--month"],
    ["overdue", "--as-of"],
    ["overdue", "--limit"],
    ["list", "--month"],
    ["list", "--limit"],
    ["show"],
    ["unit", "铁东街道", "--month"],
    ["leader", "田佳", "--as-of"],
    ["units", "--as-of"],
    ["leaders", "--as-of"],
    ["targets", "--as-of"],
    ["status", "--as-of"],
    ["status", "--within"],
    ["status", "--limit"],
    ["remind", "--within"],
    ["remind", "--as-of"],
    ["report", "--month"],
    ["report", "--as-of"],
    ["done", "2.1", "--on"],
    ["done"],
    ["record", "4"],
    ["record", "4", "0.7", "--on"],
    ["record"],
]
_scratch = tempfile.TemporaryDirectory(prefix="ecotask-bounds-")
SCRATCH = Path(_scratch.name) / "data"
shutil.copytree(DATA, SCRATCH)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(option=st.sampled_from(OPTIONS), typed=TYPED)
def test_nothing_typed_reaches_an_internal_error(option, typed):
    args = [*option, typed]
    if option[0] == "record" and len(option) == 1:
        args.append("1")
    if option[0] == "report":
        args += ["-o", str(SCRATCH.parent / "report.md"), "--force"]
    result = cli(*args, "--data", str(SCRATCH))
    assert result.code in (0, 1, 2), (args, result.stderr)
    assert "internal error" not in result.stderr, args
