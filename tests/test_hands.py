"""Many hands: units report in their own files through git branches, the office merges."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import cli


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An office's repository made by `ecotask init`, committed on main."""
    folder = tmp_path / "office"
    assert cli("init", str(folder)).code == 0
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "user.name", "督查办")
    git(folder, "config", "user.email", "office@example.org")
    git(folder, "config", "commit.gpgsign", "false")
    git(folder, "config", "core.quotepath", "false")  # Chinese file names as they are
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", "plan")
    return folder


def ok(*args: str) -> str:
    run = cli(*args)
    assert run.code == 0, run.stderr
    return run.stdout


def commit_on(repo: Path, branch: str, *command: list[str]) -> None:
    git(repo, "checkout", "-q", "-b", branch, "main")
    for args in command:
        ok(*args, "--data", str(repo))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", branch)
    git(repo, "checkout", "-q", "main")


def test_init_marks_the_progress_logs_merge_union(repo: Path):
    lines = (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["progress.yaml merge=union", "progress/*.yaml merge=union"]
    assert git(repo, "check-attr", "merge", "progress/区国土分局.yaml") == (
        "progress/区国土分局.yaml: merge: union\n"
    )


def test_three_branches_of_two_units_merge_cleanly_and_validate(repo: Path):
    commit_on(repo, "land-1", ["done", "2.1", "--on", "2017-06-28", "--by", "区国土分局"])
    commit_on(repo, "land-2", ["note", "2.2", "正在划定", "--on", "2017-07-01", "--by", "区国土"])
    commit_on(repo, "farm", ["note", "2.2", "配合划定", "--on", "2017-07-02", "--by", "区农经局"])
    for branch in ("land-1", "land-2", "farm"):
        git(repo, "merge", "-q", "--no-edit", branch)
    assert git(repo, "status", "--porcelain") == ""
    assert sorted(p.name for p in (repo / "progress").iterdir()) == [
        "区农经局.yaml",
        "区国土分局.yaml",
    ]
    assert "valid: 0 error(s)" in ok("validate", "--data", str(repo))
    land = (repo / "progress" / "区国土分局.yaml").read_text(encoding="utf-8")
    assert land.count("events:") == 1 and land.count("- event:") == 2
    log = cli("log", "--json", "--data", str(repo)).json()
    # by recorded stamp; within one second, by file
    assert sorted((e["event"], e["milestone"], e["by"]) for e in log["entries"]) == [
        ("done", "2.1", "区国土分局"),
        ("note", "2.2", "区农经局"),
        ("note", "2.2", "区国土分局"),
    ]
    shown = cli("show", "2", "--json", "--as-of", "2017-07-05", "--data", str(repo)).json()
    assert [m["state"] for m in shown["milestones"]] == ["done", "pending"]
    assert not (repo / "progress.yaml").exists()  # the office wrote nothing


def test_a_units_file_with_another_units_step_fails_validate(repo: Path):
    ok("done", "2.1", "--on", "2017-06-28", "--by", "区农经局", "--data", str(repo))
    farm = repo / "progress" / "区农经局.yaml"
    text = farm.read_text(encoding="utf-8")
    farm.write_text(text.replace("by: 区农经局", "by: 区国土分局"), encoding="utf-8")
    run = cli("validate", "--data", str(repo))
    assert run.code == 1
    line = text.splitlines().index("    by: 区农经局") + 1
    assert (
        f"progress/区农经局.yaml:{line}:9: error: an entry in progress/区农经局.yaml must be "
        "by 区农经局 (by: 区农经局), not 区国土分局"
    ) in run.stdout


def test_an_entry_for_a_task_the_unit_has_no_part_in_is_refused_there(repo: Path):
    refused = cli("done", "3.1", "--on", "2017-03-01", "--by", "区国土分局", "--data", str(repo))
    assert refused.code == 1
    assert "区国土分局 has no part in task 3" in refused.stderr
    (repo / "progress").mkdir()
    (repo / "progress" / "区国土分局.yaml").write_text(
        "events:\n  - event: done\n    milestone: '3.1'\n    date: 2017-03-01\n"
        "    by: 区国土分局\n",
        encoding="utf-8",
    )
    run = cli("validate", "--data", str(repo))
    assert run.code == 1
    assert (
        "progress/区国土分局.yaml:2:5: error: 区国土分局 has no part in task 3: its file may "
        "hold only its own steps\n"
    ) in run.stdout
    (repo / "progress" / "区国土分局.yaml").rename(repo / "progress" / "国土.yaml")
    named = cli("validate", "--data", str(repo)).stdout
    assert (
        "progress/国土.yaml:2:5: error: progress/国土.yaml: no unit 国土 in group.yaml: a "
        "unit's file is named for its canonical name"
    ) in named


def test_a_merge_that_keeps_an_entry_twice_is_an_error(repo: Path):
    ok("done", "2.1", "--on", "2017-06-28", "--by", "区国土分局", "--data", str(repo))
    land = repo / "progress" / "区国土分局.yaml"
    text = land.read_text(encoding="utf-8")
    entry = text[text.index("  - event:") :]
    land.write_text(text + entry, encoding="utf-8")
    run = cli("validate", "--data", str(repo))
    assert run.code == 1
    line = text.count("\n") + 1
    assert f"progress/区国土分局.yaml:{line}:5: error: the same entry as the one recorded" in (
        run.stdout
    )


def test_a_unit_undoes_only_its_own_entries(repo: Path):
    data = ("--data", str(repo))
    ok("done", "2.1", "--on", "2017-06-28", *data)  # the office's own
    ok("note", "2.1", "资料收集中", "--on", "2017-06-20", "--by", "区国土分局", *data)
    assert "2.1: the note dated 2017-06-20 is withdrawn: recorded in " in ok(
        "undo", "--by", "区国土分局", *data
    )
    refused = cli("undo", "--by", "区国土分局", *data)
    assert refused.code == 1
    assert refused.stderr.endswith("error: no entry by 区国土分局 to undo\n")
    shown = cli("show", "2", "--json", *data).json()
    assert shown["milestones"][0]["done"] == "2017-06-28"


def test_the_cache_tells_units_files_apart(repo: Path):
    """The same bytes under another unit's name are another unit's entries."""
    data = ("--data", str(repo))
    ok("note", "2.2", "配合划定", "--on", "2017-07-02", "--by", "区农经局", *data)
    assert ok("status", *data)
    (repo / "progress" / "区农经局.yaml").rename(repo / "progress" / "区国土分局.yaml")
    run = cli("status", *data)
    assert run.code == 1
    assert "must be by 区国土分局" in run.stderr
