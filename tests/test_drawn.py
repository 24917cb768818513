"""A table printed from a drawing kept before is the table Rich would print now."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import rich

from ecotask import cache
from ecotask.render import drawn

from .conftest import cli

JUNE = ("due", "--month", "6", "--all")


def _drawings() -> list[Path]:
    return sorted((cache.folder() / "drawn").glob("*.json"))


def _table(data: Path, *args: str, env: dict[str, str] | None = None) -> str:
    run = cli(*JUNE, *args, "--data", str(data), env=env)
    assert run.code == 0, run.stderr
    return run.stdout


def _fresh(data: Path, env: dict[str, str] | None = None) -> str:
    return _table(data, env={"ECOTASK_NO_CACHE": "1", **(env or {})})


def test_a_table_asked_for_again_is_printed_without_drawing_it(data_copy, monkeypatch):
    first = _table(data_copy)
    assert "2017年6月到期的时间节点：4 项" in first and "2017-06-30 完成" not in first
    assert len(_drawings()) >= 1

    def no_drawing():
        raise AssertionError("drawn again despite a kept drawing")

    monkeypatch.setattr("ecotask.render.table.console", no_drawing)
    assert _table(data_copy) == first


@pytest.mark.parametrize(
    "change",
    [
        {"COLUMNS": "70"},
        {"FORCE_COLOR": "1"},
        {"FORCE_COLOR": "1", "NO_COLOR": ""},
        {"TERM": "dumb", "COLUMNS": "90"},
    ],
)
def test_a_change_of_console_draws_afresh(data_copy, change):
    before = _table(data_copy)
    after = _table(data_copy, env=change)
    assert after == _fresh(data_copy, env=change)
    assert after != before
    assert _table(data_copy) == before


def test_a_change_of_rows_draws_afresh(data_copy):
    before = _table(data_copy)
    progress = data_copy / "progress.yaml"
    progress.write_text(
        'events:\n  - {event: done, milestone: "2.1", date: 2017-06-20}\n', encoding="utf-8"
    )
    after = _table(data_copy)
    assert after != before and "06-20 完成" in after and after == _fresh(data_copy)


def test_a_damaged_drawing_is_drawn_afresh(data_copy):
    expected = _table(data_copy)
    for path in _drawings():
        path.write_bytes(path.read_bytes().replace("序号".encode(), "序列".encode()))
    assert _table(data_copy) == expected


def test_two_processes_drawing_at_once_both_print_the_table(data_copy, tmp_path):
    cache_home = tmp_path / "shared-cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "COLUMNS": "100"}
    command = [sys.executable, "-m", "ecotask", *JUNE, "--data", str(data_copy)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE) for _ in range(2)]
    outputs = [run.communicate(timeout=60)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs[0] == outputs[1] and "2017年6月到期的时间节点：4 项".encode() in outputs[0]
    again = subprocess.run(command, env=env, capture_output=True, timeout=60, check=True)
    assert again.stdout == outputs[0]
    assert [p.name for p in (cache_home / "ecotask" / "drawn").iterdir()] != []
    assert not any(p.name.startswith(".") for p in (cache_home / "ecotask").rglob("*"))


def test_no_cache_keeps_no_drawing(data_copy, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert cli("--no-cache", *JUNE, "--data", str(data_copy)).code == 0
    monkeypatch.setenv("ECOTASK_NO_CACHE", "1")
    assert cli(*JUNE, "--data", str(data_copy)).code == 0
    assert _drawings() == []


def test_old_drawings_are_pruned(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for age in range(5):
        drawn._store(f"drawing{age}", "table")
        os.utime(cache.folder() / "drawn" / f"drawing{age}.json", (1000 - age, 1000 - age))
    monkeypatch.setattr(drawn, "KEEP", 3)
    drawn._store("newest", "table")
    assert [p.stem for p in _drawings()] == ["drawing0", "drawing1", "newest"]


def test_the_key_holds_every_variable_rich_reads():
    """Fails when an upgrade of Rich reads a variable the key leaves out."""
    read = set()
    for module in Path(rich.__file__).parent.rglob("*.py"):
        if module.name != "diagnose.py":  # `python -m rich.diagnose` prints variables, no more
            text = module.read_text(encoding="utf-8")
            read |= set(re.findall(r"""(?:environ\.get|getenv)\(\s*["']([A-Z_]+)["']""", text))
            read |= set(re.findall(r"""environ\[\s*["']([A-Z_]+)["']\s*\]""", text))
    assert read and read <= set(drawn.RICH_ENVIRONMENT)
