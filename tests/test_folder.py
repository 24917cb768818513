"""The data folder: --data (before or after the command), $ECOTASK_DATA, else the nearest
folder up from here that holds the data, else the bundled example, for reading only."""

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ecotask.cli import _command_named, app
from ecotask.load import BUNDLED, find_data_dir

from .conftest import DATA, Run, cli


def test_data_may_come_before_the_command(tmp_path: Path):
    elsewhere = {"ECOTASK_DATA": str(tmp_path / "nowhere")}  # --data wins over it
    run = cli("--data", str(DATA), "due", "--month", "6", "--json", env=elsewhere)
    assert run.code == 0, run.stderr
    assert [row["ref"] for row in run.json()["milestones"]] == ["2.1", "9.3", "16.2", "18.1"]


def test_the_commands_own_data_wins(tmp_path: Path):
    run = cli("--data", str(tmp_path / "nowhere"), "due", "--month", "6", "--data", str(DATA))
    assert run.code == 0, run.stderr
    refused = cli("--data", str(tmp_path / "nowhere"), "due", "--month", "6")
    assert refused.code == 1
    assert refused.stderr == f"{tmp_path / 'nowhere'}: error: no such data folder (from --data)\n"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--data", "due", "overdue"], "overdue"),  # a folder may be called like a command
        (["--no-cache", "--data", "d", "done", "2.1"], "done"),
        (["--data=d", "status"], "status"),
        (["--data", "d"], None),
        (["--data", "d", "--help", "due"], None),
    ],
)
def test_the_command_word_skips_the_folder(args: list[str], name: str | None):
    assert _command_named(args) == name


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with no data in it or above, and no $ECOTASK_DATA."""
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.delenv("ECOTASK_DATA", raising=False)
    return folder


def bare(*args: str) -> Run:
    """cli() without the ECOTASK_DATA conftest gives every run."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "120", "NO_COLOR": "1"})
    return Run(result.exit_code, result.stdout, result.stderr)


EXAMPLE_NOTE = (
    "ecotask: note: 示例数据: this is the bundled example (no tasks.yaml here or above); "
    "`ecotask init DIR` makes a data folder of your own\n"
)
NO_FOLDER = (
    "ecotask: error: no data folder to write in: no tasks.yaml or data/tasks.yaml here or in "
    "a folder above, and the bundled example is read only; create one with `ecotask init DIR`, "
    "then run from inside it or give --data DIR\n"
)


def test_reads_without_a_data_folder_use_the_bundled_example_and_say_so(nowhere: Path):
    run = bare("due", "--month", "6")
    assert run.code == 0, run.stderr
    assert "2.1" in run.stdout
    assert run.stderr == EXAMPLE_NOTE
    as_json = bare("due", "--month", "6", "--json")
    assert as_json.json() == cli("due", "--month", "6", "--json").json()  # JSON as ever


@pytest.mark.parametrize(
    "args",
    [
        ["done", "2.1", "--on", "2017-06-28"],
        ["reopen", "2.1"],
        ["record", "4", "0.72", "--on", "2017-06-30"],
        ["reanchor", "1.2"],
    ],
)
def test_writes_without_a_data_folder_point_at_init(nowhere: Path, args: list[str]):
    bundled = sorted(p.name for p in BUNDLED.iterdir())
    run = bare(*args)
    assert (run.code, run.stdout, run.stderr) == (1, "", NO_FOLDER)
    assert sorted(p.name for p in BUNDLED.iterdir()) == bundled  # no log, no lock file


def test_a_subfolder_of_a_data_folder_reads_that_folder(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv("ECOTASK_DATA", raising=False)
    assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy)).code == 0
    inner = data_copy.parent / "reports" / "2017"
    inner.mkdir(parents=True)
    monkeypatch.chdir(inner)  # data_copy.parent holds data/tasks.yaml
    assert find_data_dir().resolve() == data_copy.resolve()
    run = bare("due", "--month", "6", "--all", "--json")
    assert run.stderr == ""
    assert next(r for r in run.json()["milestones"] if r["ref"] == "2.1")["done"] == "2017-06-28"
    monkeypatch.chdir(data_copy)  # the data folder itself: tasks.yaml here
    assert bare("done", "9.3", "--on", "2017-07-05").code == 0
    assert "milestone: '9.3'" in (data_copy / "progress.yaml").read_text(encoding="utf-8")


def test_init_creates_the_example_then_writes_work_there(nowhere: Path):
    run = bare("init", "office")
    assert run.code == 0, run.stderr
    assert run.stdout == (
        "created office: tasks.yaml, group.yaml, .gitignore, .gitattributes; "
        "check it with `ecotask validate --data office`\n"
    )
    for name in ("tasks.yaml", "group.yaml"):
        assert (nowhere / "office" / name).read_bytes() == (BUNDLED / name).read_bytes()
    assert ".*.yaml.lock" in (nowhere / "office" / ".gitignore").read_text().splitlines()
    assert bare("validate", "--data", "office").code == 0
    assert bare("done", "2.1", "--on", "2017-06-28").stderr == NO_FOLDER  # ./office is not ./data
    assert bare("done", "2.1", "--on", "2017-06-28", "--data", "office").code == 0


def test_init_empty_is_a_skeleton_that_validates(nowhere: Path):
    assert bare("init", "data", "--empty").code == 0
    checked = bare("validate", "--strict")  # ./data/tasks.yaml, found from here
    assert checked.code == 0, checked.stdout
    assert checked.stdout.startswith("valid: 0 error(s), 0 warning(s)")
    assert bare("done", "1.1", "--on", "6/30").code == 0
    log = (nowhere / "data" / "progress.yaml").read_text(encoding="utf-8")
    assert f"date: {date.today().year}-06-30" in log


def test_init_refuses_a_folder_that_holds_anything(nowhere: Path):
    (nowhere / "office").mkdir()
    (nowhere / "office" / ".gitignore").write_text("*.pyc", encoding="utf-8")
    refused = bare("init", "office")
    assert refused.code == 1
    assert "office is not empty: give a new or empty folder, or add --force" in refused.stderr
    assert sorted(p.name for p in (nowhere / "office").iterdir()) == [".gitignore"]
    assert bare("init", "office", "--force", "--empty").code == 0
    assert (nowhere / "office" / ".gitignore").read_text(encoding="utf-8").splitlines() == [
        "*.pyc",
        "# the lock files ecotask's writes leave beside the data",
        ".*.yaml.lock",
    ]


def test_the_installed_command_outside_any_data_folder(tmp_path: Path):
    """As after `pip install` in an empty folder: reads answer from the example, writes refuse."""
    env = {"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
    command = [sys.executable, "-m", "ecotask"]
    where = {"cwd": tmp_path, "env": env, "capture_output": True, "timeout": 30}
    read = subprocess.run([*command, "due", "--month", "6", "--json"], **where)
    assert read.returncode == 0
    assert json.loads(read.stdout)["count"] == 4
    assert read.stderr.decode() == EXAMPLE_NOTE
    write = subprocess.run([*command, "done", "2.1"], **where)
    assert (write.returncode, write.stdout, write.stderr.decode()) == (1, b"", NO_FOLDER)
