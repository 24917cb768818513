"""The data folder: --data (before or after the command), $ECOTASK_DATA, else the nearest
folder up from here that holds the data, else the bundled example, for reading only."""

from pathlib import Path

import pytest

from ecotask.cli import _command_named

from .conftest import DATA, cli


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
