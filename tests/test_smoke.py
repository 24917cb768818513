"""A few runs of the real entry points as subprocesses: exit codes and stdio encoding."""

import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

SCRIPT = Path(sys.executable).parent / "ecotask"


def run(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, "COLUMNS": "100", **env}
    environment.pop("ECOTASK_DATA", None)
    return subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, timeout=60)


def test_console_script_prints_utf8_json():
    result = run(str(SCRIPT), "due", "--month", "6", "--json")
    assert result.returncode == 0
    assert "区国土分局".encode() in result.stdout
    assert json.loads(result.stdout.decode("utf-8"))["count"] == 4
    assert result.stderr == b""


def test_python_dash_m_with_an_ascii_stdout_replaces_rather_than_crashes():
    result = run(sys.executable, "-m", "ecotask", "show", "2", PYTHONIOENCODING="ascii")
    assert result.returncode == 0
    assert b"2.1" in result.stdout
    assert b"Traceback" not in result.stderr


def test_exit_codes_and_one_line_errors(tmp_path):
    usage = run(str(SCRIPT), "due", "--month", "13")
    assert usage.returncode == 2
    assert usage.stderr.decode().count("\n") == 1
    (tmp_path / "tasks.yaml").write_text("plan: [\n", encoding="utf-8")
    (tmp_path / "group.yaml").write_bytes("名称: 区环保局\n".encode("gbk"))
    broken = run(str(SCRIPT), "due", "--month", "6", "--data", str(tmp_path))
    assert broken.returncode == 1
    lines = broken.stderr.decode("utf-8").splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{tmp_path}/tasks.yaml:2:1: error: ")
    assert lines[1] == (
        f"{tmp_path}/group.yaml:1:1: error: the file is encoded as GBK/GB18030, not UTF-8: "
        "save it as UTF-8"
    )
    assert broken.stdout == b""


def test_the_bundled_example_answers_outside_the_repository(tmp_path):
    environment = {**os.environ, "COLUMNS": "100"}
    environment.pop("ECOTASK_DATA", None)
    result = subprocess.run(
        [str(SCRIPT), "due", "--month", "6", "--json"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["count"] == 4


def test_bash_completion_offers_names_from_the_data():
    result = run(
        str(SCRIPT),
        _ECOTASK_COMPLETE="complete_bash",
        COMP_WORDS="ecotask unit 区环",
        COMP_CWORD="2",
    )
    assert result.returncode == 0
    assert result.stdout.decode().split() == ["区环保局"]
