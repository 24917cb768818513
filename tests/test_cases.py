"""Broken data sets, one folder each in tests/cases, with what `validate` must say about them.

Each folder is a data folder (tasks.yaml, group.yaml) broken one way, plus expected.yaml:

    exit: 1                      # validate's exit code
    stdout: [...]                # substrings validate must print
    also:                        # optional: more commands on the same folder
      - {args: [list], exit: 0, stdout: [...]}
    never_created: [...]         # optional: paths that must not exist afterwards
    xfail: "..."                 # optional: a known bug, to be fixed in src/

Every case runs on a copy, so nothing in the repository can be touched, and must leave every
file byte for byte as it was. A case that fails validation must fail a query the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import CASES, DATA, Run, cli

SECONDS = 5.0  # generous: every case takes milliseconds


def _cases() -> list[Any]:
    params = []
    for folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
        xfail = expected.get("xfail")
        marks = [pytest.mark.xfail(strict=True, reason=xfail)] if xfail else []
        params.append(pytest.param(folder, expected, id=folder.name, marks=marks))
    return params


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _run(*args: str) -> Run:
    start = time.monotonic()
    run = cli(*args)
    assert time.monotonic() - start < SECONDS, f"{args} took too long"
    output = run.stdout + run.stderr
    assert "Traceback" not in output
    assert "internal error" not in output
    assert "\x1b" not in output  # NO_COLOR is set: an escape can only come from the data
    return run


def _check(run: Run, expected: dict[str, Any]) -> None:
    assert run.code == expected["exit"], run.stdout + run.stderr
    for text in expected.get("stdout", []):
        assert text in run.stdout


@pytest.mark.parametrize(("folder", "expected"), _cases())
def test_case(folder: Path, expected: dict[str, Any], tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(folder, data, ignore=shutil.ignore_patterns("expected.yaml"))
    before = _snapshot(data)

    run = _run("validate", "--data", str(data))
    _check(run, expected)
    if expected["exit"] == 1:
        errors = [line for line in run.stdout.splitlines() if ": error: " in line]
        assert errors
        query = _run("due", "--month", "6", "--data", str(data))
        assert (query.code, query.stdout, query.stderr.splitlines()) == (1, "", errors)
    for command in expected.get("also", []):
        _check(_run(*command["args"], "--data", str(data)), command)

    for path in expected.get("never_created", []):
        assert not Path(path).exists()
    assert _snapshot(data) == before


def test_missing_data_folder() -> None:
    for args in (["validate"], ["due", "--month", "6"]):
        run = _run(*args, "--data", "/nonexistent/x")
        assert (run.code, run.stdout) == (1, "")
        assert run.stderr == "/nonexistent/x: error: no such data folder (from --data)\n"


def test_a_file_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    shutil.copy(DATA / "group.yaml", tmp_path)
    with open(tmp_path / "tasks.yaml", "wb") as f:
        f.truncate(65 * 2**20)  # sparse: no disk used, and reading it would take a while
    before = (tmp_path / "tasks.yaml").stat()
    start = time.monotonic()
    run = _run("validate", "--data", str(tmp_path))
    assert time.monotonic() - start < 1.0
    assert run.code == 1
    assert "tasks.yaml: error: file is too large (65 MiB; the limit is 64 MiB)" in run.stdout
    after = (tmp_path / "tasks.yaml").stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_not_waited_on(tmp_path: Path) -> None:
    shutil.copy(DATA / "group.yaml", tmp_path)
    os.mkfifo(tmp_path / "tasks.yaml")
    # In a subprocess: in-process, a hang would stop the whole suite.
    command = [sys.executable, "-m", "ecotask", "validate", "--data", str(tmp_path)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=3)
    assert run.returncode == 1
    assert "tasks.yaml: error: " in run.stdout
