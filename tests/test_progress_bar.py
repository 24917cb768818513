"""The progress bar on stderr: drawn for large plans on a terminal only, never in a pipe."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ecotask.cli import progress_bar
from ecotask.cli.progress_bar import Stages, estimated_tasks, shown
from tests.conftest import cli


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_is_shown_for_large_work_on_a_terminal_only():
    assert shown(2001, Terminal())
    assert not shown(2000, Terminal())  # a second or less: no bar
    assert not shown(50000, io.StringIO())  # a pipe or a file


def test_the_size_is_estimated_from_the_files_bytes(tmp_path: Path):
    table = tmp_path / "tasks.yaml"
    table.write_bytes(b"x" * 7000)
    assert estimated_tasks(table, 700) == 10
    assert estimated_tasks(tmp_path / "missing.yaml", 700) == 0


def test_stages_draw_a_bar_that_names_the_stage():
    screen = Terminal()
    with Stages("exporting", 2, show=True, stream=screen) as stages:
        stages("validating the data")
        stages("writing xlsx")
    drawn = screen.getvalue()
    assert "exporting: writing xlsx" in drawn and "1/2" in drawn


def test_stages_not_shown_draw_nothing_and_start_nothing(monkeypatch):
    monkeypatch.setattr(Stages, "_start", lambda self: pytest.fail("a bar was started"))
    screen = Terminal()
    with Stages("exporting", 2, show=False, stream=screen) as stages:
        stages("writing xlsx")
    assert screen.getvalue() == ""


@pytest.fixture
def marked(monkeypatch) -> list[str]:
    """Every plan counts as large; the stages the commands mark, in order."""
    monkeypatch.setattr(progress_bar, "LARGE", 0)
    seen: list[str] = []
    monkeypatch.setattr(Stages, "__call__", lambda self, stage: self.show and seen.append(stage))
    return seen


def test_off_a_terminal_a_large_export_prints_only_what_it_wrote(data_copy, tmp_path, marked):
    out = tmp_path / "plan.xlsx"
    run = cli("export", "-o", str(out), "--data", str(data_copy))
    assert run.code == 0, run.stderr
    assert run.stderr == f"wrote {out}\n"
    assert marked == []


def test_on_a_terminal_a_large_export_marks_its_stages(data_copy, tmp_path, marked, monkeypatch):
    monkeypatch.setattr(progress_bar, "terminal", lambda stream=None: True)
    with (data_copy / "tasks.yaml").open("a", encoding="utf-8") as tasks:
        tasks.write("# edited\n")  # so that no test before has cached these bytes
    run = cli("export", "-o", str(tmp_path / "plan.xlsx"), "--data", str(data_copy))
    assert run.code == 0, run.stderr
    # a first query after an edit: validated and cached, then exported
    assert marked == [
        "validating the data",
        "caching the plan",
        "each step's state",
        "writing xlsx",
    ]
    marked.clear()
    run = cli("report", "--month", "6", "--data", str(data_copy))
    assert run.code == 0, run.stderr
    assert marked == ["the month's figures", "writing md"]  # the plan from the cache
