"""The console script's standard streams, as subprocesses: a closed or full stdout is one
line and exit 1, a reader that stopped is a silent 141, Ctrl-C at any moment is 130 without
a traceback, and exports on stdout are UTF-8 whatever the terminal's encoding."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DATA, ROOT, cli
from .conftest import unstamped as unstamped_log

SCRIPT = Path(sys.executable).parent / "ecotask"
QUERIES = [
    ["list"],
    ["due", "--month", "6", "--json"],
    ["remind", "--as-of", "2017-06-20"],
    ["export", "-f", "csv", "--as-of", "2017-07-01"],
    ["--version"],
]


def env(**extra: str) -> dict[str, str]:
    return {**os.environ, "ECOTASK_DATA": str(DATA), "COLUMNS": "100", **extra}


def run_with(stdout: int | object, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(SCRIPT), *args], cwd=ROOT, env=env(), stdout=stdout, stderr=subprocess.PIPE,
        timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize("args", QUERIES)
def test_a_closed_stdout_is_one_error_and_exit_1(args):
    result = subprocess.run(
        ["sh", "-c", '"$0" "$@" >&-', str(SCRIPT), *args],
        env=env(), stderr=subprocess.PIPE, timeout=60,
    )  # fmt: skip
    assert (result.returncode, result.stderr) == (
        1,
        b"ecotask: error: cannot write the output: stdout is closed\n",
    )


@pytest.mark.parametrize("args", QUERIES)
def test_a_full_stdout_is_one_error_and_exit_1(args):
    with open("/dev/full", "wb") as full:
        result = run_with(full, *args)
    assert (result.returncode, result.stderr) == (
        1,
        b"ecotask: error: cannot write the output: No space left on device\n",
    )


@pytest.mark.parametrize("args", QUERIES)
def test_a_reader_that_stopped_gives_141_silently(args):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first byte is written
    try:
        result = run_with(write_end, *args)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (141, b"")


def test_a_closed_stdout_is_no_file_that_a_write_opens(data_copy):
    """fd 1 closed would be the number of the next file opened: nothing may land in it."""
    before = {p.name: p.read_bytes() for p in data_copy.iterdir()}
    result = subprocess.run(
        ["sh", "-c", '"$0" "$@" >&-', str(SCRIPT), "done", "2.1", "--on", "2017-06-28",
         "--data", str(data_copy)],
        env=env(), stderr=subprocess.PIPE, timeout=60,
    )  # fmt: skip
    assert result.returncode == 1
    log = unstamped_log((data_copy / "progress.yaml").read_text(encoding="utf-8"))
    assert log.endswith("milestone: '2.1'\n    step: f2c4b42c\n    date: 2017-06-28\n")
    assert {p.name: p.read_bytes() for p in data_copy.iterdir() if p.name in before} == before


def unstamped(content: bytes) -> bytes:
    """Without ICS's DTSTAMP lines: the second at which each export was made."""
    return re.sub(rb"DTSTAMP:\w+\r\n", b"", content)


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
@pytest.mark.parametrize("fmt", ["csv", "ics", "json"])
def test_exports_on_stdout_are_utf8_whatever_the_terminal(tmp_path, encoding, fmt):
    assert cli("export", "-f", fmt, "--as-of", "2017-07-01", "-o", str(tmp_path / "f")).code == 0
    result = subprocess.run(
        [str(SCRIPT), "export", "-f", fmt, "--as-of", "2017-07-01"],
        env=env(PYTHONIOENCODING=encoding), capture_output=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert unstamped(result.stdout) == unstamped((tmp_path / "f").read_bytes())
    assert "区国土分局".encode() in result.stdout


def test_a_report_on_stdout_is_utf8_too():
    result = subprocess.run(
        [str(SCRIPT), "report", "--month", "6", "--as-of", "2017-07-01"],
        env=env(PYTHONIOENCODING="ascii"), capture_output=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "区国土分局".encode() in result.stdout


# Python's own start (its site module, runpy, the import that finds ecotask.cli) comes before
# any line of ours, and a Ctrl-C there is Python's to report: its traceback has no frame in
# src/ecotask. From the first line of ours on, Ctrl-C is a quiet 130.
OURS = str(ROOT / "src" / "ecotask").encode()


@pytest.mark.parametrize("entry", [[str(SCRIPT)], [sys.executable, "-m", "ecotask"]])
def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(entry):
    codes = []
    for delay in (0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.12, 0.2, 0.3):
        process = subprocess.Popen(
            [*entry, "status", "--as-of", "2017-07-01"],
            env=env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if b"Traceback" in err and OURS not in err:
            continue
        assert b"Traceback" not in err, (delay, err.decode())
        assert process.returncode in (0, 130, -signal.SIGINT), (delay, err.decode())
        codes.append(process.returncode)
    assert 130 in codes  # at least one Ctrl-C came while ecotask ran
