"""codeowners: CODEOWNERS from group.yaml's accounts, exactly."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import Run, cli


def codeowners(data: Path) -> Run:
    """codeowners on the data folder, in a git repository of its parent."""
    subprocess.run(["git", "init", "-q", str(data.parent)], check=True)
    run = cli("codeowners", "--data", str(data))
    assert run.code == 0, run.stderr
    return run


def test_codeowners_maps_each_units_file_to_its_accounts(data_copy: Path):
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    text = text.replace("  office:\n", "  office:\n    accounts: ['@ducha', '@org/office']\n")
    text = text.replace(
        "  - name: 区国土分局\n", "  - name: 区国土分局\n    accounts: ['@land-bureau']\n"
    )
    text = text.replace(
        "  - name: 统一镇\n", "  - name: 统一镇\n    accounts: ['@tongyi', '@li.ming']\n"
    )
    group.write_text(text, encoding="utf-8")
    run = codeowners(data_copy)
    assert run.stdout == (
        "# Written by `ecotask codeowners` from group.yaml: each unit's accounts approve its own\n"
        "# progress file; the office's approve the plan, its decisions and the rest. Later lines\n"
        "# take precedence.\n"
        "/data/tasks.yaml @ducha @org/office\n"
        "/data/group.yaml @ducha @org/office\n"
        "/data/progress.yaml @ducha @org/office\n"
        "/data/progress/ @ducha @org/office\n"
        "/data/progress/区国土分局.yaml @land-bureau\n"
        "/data/progress/统一镇.yaml @tongyi @li.ming\n"
    )
    assert run.stderr == (
        "ecotask: warning: no accounts for 区政府、区政府办、园区管委会、区组织部、区委宣传部 "
        "and 30 more\n"
    )


def test_a_bad_account_is_a_located_error(data_copy: Path):
    group = data_copy / "group.yaml"
    text = group.read_text(encoding="utf-8")
    group.write_text(
        text.replace("  - name: 统一镇\n", "  - name: 统一镇\n    accounts: [tongyi zhen]\n"),
        encoding="utf-8",
    )
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 1
    assert "group.yaml:" in run.stdout and "accounts" in run.stdout


def test_an_office_without_accounts_is_named_in_the_warning(data_copy: Path):
    assert codeowners(data_copy).stderr == (
        "ecotask: warning: no accounts for 双台子区生态文明建设工作领导小组办公室、"
        "区政府、区政府办、园区管委会、区组织部 and 33 more\n"
    )
