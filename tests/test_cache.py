"""The cache can never give a stale or wrong answer, and never harms what it did not write."""

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from ecotask import cache
from ecotask.load import cache_key

from .conftest import cli, unstamped

JUNE = ["2.1", "9.3", "16.2", "18.1"]


@pytest.fixture(autouse=True)
def _own_cache(tmp_path, monkeypatch):
    """Each test starts with no cache, in a folder of its own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))


def _database() -> Path:
    return cache.folder() / cache.DATABASE


def _sql(statement: str, *args: object, database: Path | None = None) -> list[tuple]:
    """One statement on the cache's database, as another program would run it."""
    db = sqlite3.connect(database or _database())
    try:
        with db:
            return db.execute(statement, args).fetchall()
    finally:
        db.close()


def _keys() -> list[str]:
    return [key for (key,) in _sql("SELECT key FROM plans ORDER BY id")]


def _key(data: Path) -> str:
    key = cache_key(data)
    assert key is not None
    return key


def _due_june(data: Path, *more: str) -> list[str]:
    document = cli(*more, "due", "--month", "6", "--json", "--data", str(data)).json()
    return [m["ref"] for m in document["milestones"]]


def _no_validation(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("validated again despite a plan in the cache")

    monkeypatch.setattr("ecotask.load.validate_sources", refuse)


def _edit(data: Path, old: str, new: str) -> None:
    tasks = data / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert old in text
    tasks.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_later_query_reads_the_plan_from_the_cache(data_copy, monkeypatch):
    assert _due_june(data_copy) == JUNE
    assert _keys() == [_key(data_copy)]
    _no_validation(monkeypatch)
    assert _due_june(data_copy) == JUNE
    assert cli("list", "--data", str(data_copy)).code == 0


def test_an_edit_of_one_byte_changes_the_answer_at_once(data_copy):
    assert _due_june(data_copy) == JUNE
    _edit(data_copy, "      - due: 8月底\n", "      - due: 6月底\n")
    assert _due_june(data_copy) == ["1.1", *JUNE]
    assert len(_keys()) == 2


def test_an_edit_that_breaks_the_data_is_reported_not_hidden_by_the_cache(data_copy):
    assert cli("due", "--month", "6", "--data", str(data_copy)).code == 0
    _edit(data_copy, "id: 2\n", "id: 1\n")
    run = cli("due", "--month", "6", "--data", str(data_copy))
    assert run.code == 1
    assert "duplicate task id 1" in run.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],
        lambda blob: blob[:100],
        lambda blob: blob[:4096] + b"\x00\xff" * (len(blob) // 2 - 2048),
        lambda blob: b"\x00\xff" * 1000,
        lambda blob: b"",
    ],
    ids=["truncated", "header-only", "pages-overwritten", "garbage", "empty"],
)
def test_a_damaged_database_is_rebuilt(data_copy, damage, monkeypatch):
    assert _due_june(data_copy) == JUNE
    _sql("PRAGMA wal_checkpoint(TRUNCATE)")  # every row in the file itself
    path = _database()
    path.write_bytes(damage(path.read_bytes()))
    for args in (["--json"], []):
        run = cli("due", "--month", "6", *args, "--data", str(data_copy))
        assert run.code == 0, run.stderr
        assert "2.1" in run.stdout and "划定耕地红线并严格遵守" in run.stdout
    assert _keys() == [_key(data_copy)]  # rebuilt, and answering again
    _no_validation(monkeypatch)
    assert _due_june(data_copy) == JUNE


def test_a_damaged_row_is_found_and_rebuilt(data_copy):
    assert _due_june(data_copy) == JUNE
    _sql("UPDATE tasks SET data = substr(data, 1, length(data) - 3)")
    assert _due_june(data_copy) == JUNE
    _sql("UPDATE tasks SET data = x'00ff00ff'")
    assert _due_june(data_copy) == JUNE
    assert _keys() == [_key(data_copy)]


def test_a_database_of_another_layout_is_rebuilt(data_copy):
    assert _due_june(data_copy) == JUNE
    _sql("DROP TABLE months")
    _sql("PRAGMA user_version = 99")
    assert _due_june(data_copy) == JUNE
    assert _sql("PRAGMA user_version") == [(cache.SCHEMA,)]
    assert _keys() == [_key(data_copy)]


@pytest.mark.parametrize("kind", ["fifo", "folder", "link"])
def test_something_else_in_place_of_the_database_is_bypassed_and_kept(data_copy, tmp_path, kind):
    cache.folder().mkdir(parents=True, mode=0o700)
    path = _database()
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        (tmp_path / "elsewhere").write_text("mine")
        path.symlink_to(tmp_path / "elsewhere")
    run = cli("--verbose", "due", "--month", "6", "--json", "--data", str(data_copy))
    assert run.code == 0
    assert [m["ref"] for m in run.json()["milestones"]] == JUNE
    assert run.stderr.count("ecotask: note: the cache is not used") == 1
    assert os.path.lexists(path)
    assert kind != "link" or (tmp_path / "elsewhere").read_text() == "mine"


def test_two_processes_building_at_once_both_answer(data_copy, tmp_path):
    home = tmp_path / "shared-cache"
    env = {**os.environ, "XDG_CACHE_HOME": str(home)}
    command = [sys.executable, "-m", "ecotask", "due", "--month", "6", "--json"]
    command += ["--data", str(data_copy)]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE) for _ in range(2)]
    outputs = [json.loads(run.communicate(timeout=60)[0]) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert outputs[0] == outputs[1]
    assert [m["ref"] for m in outputs[0]["milestones"]] == JUNE
    assert _sql("SELECT count(*) FROM plans", database=home / "ecotask" / cache.DATABASE) == [(1,)]
    ours = {p.name for p in cache._files(home / "ecotask" / cache.DATABASE)}
    assert {p.name for p in (home / "ecotask").iterdir()} <= ours


def _refuse_by_owner(folder: Path, monkeypatch) -> None:
    uid = os.getuid()
    monkeypatch.setattr(os, "getuid", lambda: uid + 1)


def _refuse_by_mode(folder: Path, monkeypatch) -> None:
    folder.chmod(0o777)


def _refuse_by_link(folder: Path, monkeypatch) -> None:
    real = folder.parent / "real"
    folder.rename(real)
    folder.symlink_to(real)


@pytest.mark.parametrize(
    ("refuse", "why"),
    [
        (_refuse_by_owner, "belongs to another user"),
        (_refuse_by_mode, "is writable by other users"),
        (_refuse_by_link, "is a symbolic link"),
    ],
    ids=["foreign-owned", "world-writable", "symlink"],
)
def test_a_cache_folder_others_could_write_is_not_used(data_copy, monkeypatch, refuse, why):
    folder = cache.folder()
    folder.mkdir(parents=True, mode=0o700)
    refuse(folder, monkeypatch)
    assert _due_june(data_copy) == JUNE
    quiet = cli("due", "--month", "6", "--data", str(data_copy))
    assert (quiet.code, quiet.stderr) == (0, "")
    said = cli("--verbose", "due", "--month", "6", "--data", str(data_copy))
    assert said.code == 0
    assert said.stderr == f"ecotask: note: the cache is not used: {folder} {why}\n"
    assert not os.path.lexists(folder / cache.DATABASE)


def test_a_private_cache_says_nothing_under_verbose(data_copy):
    run = cli("--verbose", "due", "--month", "6", "--data", str(data_copy))
    assert (run.code, run.stderr) == (0, "")


def test_files_ecotask_did_not_write_survive_any_pruning(data_copy, monkeypatch):
    folder = cache.folder()
    folder.mkdir(parents=True, mode=0o700)
    theirs = {
        "notes.json": b"{}",
        "0123456789abcdef0123456789abcdef.json": b"an old entry's name",
        "cache.sqlite3.bak": b"not ours",
    }
    for name, blob in theirs.items():
        (folder / name).write_bytes(blob)
    (folder / "drawn").mkdir()
    (folder / "drawn" / "table.json").write_text("kept")
    monkeypatch.setattr(cache, "KEEP", 2)
    for edit in range(4):
        _edit(data_copy, "  - id: 2\n", f"  - id: 2\n    # edit {edit}\n")
        assert cli("due", "--month", "6", "--data", str(data_copy)).code == 0
    assert len(_keys()) == 2
    for name, blob in theirs.items():
        assert (folder / name).read_bytes() == blob
    assert (folder / "drawn" / "table.json").read_text() == "kept"


@pytest.mark.parametrize(("keep", "budget", "kept"), [(3, 2**30, 3), (10, 1, 1)])
def test_old_plans_are_pruned_by_count_and_size(data_copy, monkeypatch, keep, budget, kept):
    monkeypatch.setattr(cache, "KEEP", keep)
    monkeypatch.setattr(cache, "BUDGET", budget)
    keys = []
    for edit in range(5):
        _edit(data_copy, "  - id: 2\n", f"  - id: 2\n    # edit {edit}\n")
        keys.append(_key(data_copy))
        assert cli("due", "--month", "6", "--data", str(data_copy)).code == 0
    assert _keys() == keys[-kept:]
    assert len(_sql("SELECT DISTINCT plan FROM tasks")) == kept


def test_no_cache_switches(data_copy, monkeypatch):
    assert cli("--no-cache", "due", "--month", "6", "--data", str(data_copy)).code == 0
    monkeypatch.setenv("ECOTASK_NO_CACHE", "1")
    assert cli("due", "--month", "6", "--data", str(data_copy)).code == 0
    assert cli("validate", "--data", str(data_copy)).code == 0
    assert not cache.folder().exists()


def test_an_unwritable_cache_costs_only_speed(data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _due_june(data_copy) == JUNE
    table = cli("due", "--month", "6", "--data", str(data_copy))
    assert table.code == 0 and "2017年6月到期的时间节点：4 项" in table.stdout
    assert blocker.read_text() == "not a folder"


def test_the_cache_lives_outside_the_data_folder(data_copy):
    _due_june(data_copy)
    assert sorted(p.name for p in data_copy.iterdir()) == ["group.yaml", "tasks.yaml"]
    assert _database().is_file()


def _units() -> list[str]:
    return [row["unit"] for row in cli("units", "--json").json()["units"]]


def test_partial_loads_answer_as_full_ones(data_copy):
    """due, overdue, unit and show read only the cached tasks they need: the answers, as JSON
    or as tables, must not change; nor must the errors. A month's tasks include those of the
    steps extended (延期) into it."""
    assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy)).code == 0
    for ref, to in (("9.3", "2017-07-31"), ("2.2", "2017-12-31")):
        approved = ("--reason", "省厅调整部署", "--approved-by", "李吉峰", "--on", "2017-06-25")
        extended = cli("extend", ref, "--to", to, *approved, "--data", str(data_copy))
        assert extended.code == 0, extended.stderr
    queries = [
        ["due", "--month", str(month), *more] for month in range(1, 13) for more in ([], ["--all"])
    ]
    queries += [["due", "--month", "2018-01"], ["overdue", "--as-of", "2017-03-01"]]
    queries += [["overdue", "--as-of", day, "--all"] for day in ("2017-06-30", "2017-07-01")]
    queries += [["unit", name] for name in _units()]
    queries += [["unit", "铁东", "--month", "6"], ["unit", "文化广电", "--role", "lead"]]
    queries += [["show", task] for task in ("1", "9", "35", "36")]
    cli(*queries[0], "--data", str(data_copy))  # fills the cache
    for query in queries:
        for args in ([*query, "--json"], query):  # JSON, then the table
            args = [*args, "--data", str(data_copy)]
            assert cli(*args) == cli("--no-cache", *args), args


# Every command, as JSON and as a table where it has both; run with the cache filled.
COMMANDS = [
    ["validate"],
    ["validate", "--format", "json"],
    ["validate", "--strict"],
    ["due", "--month", "6"],
    ["due", "--month", "6", "--all", "--json"],
    ["overdue", "--as-of", "2017-07-01"],
    ["overdue", "--as-of", "2017-07-01", "--all", "--json"],
    ["list"],
    ["list", "--unit", "区环保局", "--month", "11", "--json"],
    ["show", "9"],
    ["show", "9", "--json"],
    ["unit", "区环保局"],
    ["unit", "区环保局", "--json"],
    ["leader", "祝美娟", "--as-of", "2017-06-01"],
    ["leader", "祝美娟", "--as-of", "2017-06-01", "--json"],
    ["units", "--as-of", "2017-07-01"],
    ["units", "--as-of", "2017-07-01", "--json"],
    ["leaders", "--as-of", "2017-07-01"],
    ["leaders", "--as-of", "2017-07-01", "--json"],
    ["group"],
    ["group", "--json"],
    ["targets", "--as-of", "2017-12-31"],
    ["targets", "--as-of", "2017-12-31", "--json"],
    ["status", "--as-of", "2017-06-20"],
    ["status", "--as-of", "2017-06-20", "--json"],
    ["remind", "--within", "10", "--as-of", "2017-06-20"],
    ["remind", "--within", "10", "--as-of", "2017-06-20", "--json"],
    ["report", "--month", "6", "--as-of", "2017-07-01"],
    ["report", "--month", "6", "--as-of", "2017-07-01", "--format", "html"],
    ["export", "--format", "csv", "--as-of", "2017-07-01"],
    ["export", "--format", "ics", "--as-of", "2017-07-01"],
    ["export", "--format", "json", "--as-of", "2017-07-01"],
    ["done", "9.3", "--on", "2017-06-30", "--by", "区环保局"],
    ["reopen", "2.1", "--on", "2017-07-02"],
    ["record", "4", "0.75", "--on", "2017-07-01"],
    ["note", "2.2", "在推进", "--on", "2017-07-01"],
    ["undo", "2.1"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_answers_alike_with_and_without_the_cache(command, tmp_path):
    runs = []
    for flags in ([], ["--no-cache"]):
        data = tmp_path / f"data{len(runs)}"
        shutil.copytree(Path(__file__).parent.parent / "data", data)
        assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data)).code == 0
        cli(*flags, "validate", "--data", str(data))  # fills the cache, unless flags say not
        cli(*flags, "list", "--data", str(data))
        run = cli(*flags, *command, "--data", str(data))
        stdout = re.sub(r"DTSTAMP:\w+", "DTSTAMP:", run.stdout)  # when the file was made
        runs.append((run.code, stdout.replace(str(data), "DATA"), run.stderr))
        if command[0] in ("done", "reopen", "record", "note", "undo"):
            runs[-1] += (unstamped((data / "progress.yaml").read_text(encoding="utf-8")),)
    assert runs[0] == runs[1]
    assert runs[0][0] in (0, 1) and runs[0][1]


def test_errors_are_the_same_from_the_cache(data_copy):
    cli("due", "--month", "6", "--data", str(data_copy))
    for args in (["due", "--month", "13"], ["unit", "街道"], ["unit", "xyz"], ["show", "36"]):
        cached = cli(*args, "--data", str(data_copy))
        fresh = cli("--no-cache", *args, "--data", str(data_copy))
        assert (cached.code, cached.stderr) == (fresh.code, fresh.stderr)
        assert cached.code in (1, 2)


def test_an_edit_of_ecotask_itself_changes_every_key():
    module = Path(cache.__file__).parent / "render" / "json.py"
    before = module.stat()
    cache.source_digest.cache_clear()
    key = cache.key(b"tasks", b"group", None)
    try:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns + 1))
        cache.source_digest.cache_clear()
        assert cache.key(b"tasks", b"group", None) != key
    finally:
        os.utime(module, ns=(before.st_atime_ns, before.st_mtime_ns))
        cache.source_digest.cache_clear()
    assert cache.key(b"tasks", b"group", None) == key


def test_files_hashed_as_they_are_read_have_the_key_of_their_bytes(data_copy):
    from ecotask.load import _paths

    assert cache.key_of_files(_paths(data_copy)) == _key(data_copy)
    assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy)).code == 0
    assert _paths(data_copy)[-1] is not None  # now with a progress file
    assert cache.key_of_files(_paths(data_copy)) == _key(data_copy)
    os.mkfifo(data_copy / "group.fifo")
    assert cache.key_of_files([data_copy / "tasks.yaml", data_copy / "group.fifo", None]) is None
    assert cache.key_of_files([data_copy / "tasks.yaml", data_copy / "none.yaml", None]) is None


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--format", "github"], ["--strict"]])
def test_validate_answers_again_from_the_cache_as_it_did_afresh(data_copy, monkeypatch, args):
    command = ["validate", *args, "--data", str(data_copy)]
    fresh = cli(*command)
    assert "14 warning(s)" in fresh.stdout or '"warnings": 14' in fresh.stdout
    assert fresh.code == (1 if args == ["--strict"] else 0)
    _no_validation(monkeypatch)
    again = cli(*command)
    assert (again.code, again.stdout, again.stderr) == (fresh.code, fresh.stdout, fresh.stderr)


def test_validate_after_an_edit_checks_the_new_bytes(data_copy):
    assert cli("validate", "--data", str(data_copy)).code == 0
    _edit(data_copy, "id: 2\n", "id: 1\n")
    broken = cli("validate", "--data", str(data_copy))
    assert broken.code == 1
    assert "error: duplicate task id 1" in broken.stdout
    assert cli("validate", "--data", str(data_copy)).stdout == broken.stdout  # checked again


def test_cached_findings_name_the_files_where_they_are_now(data_copy, tmp_path):
    """The same bytes in another folder share a key; their findings name that folder."""
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    assert str(data_copy) in cli("validate", "--data", str(data_copy)).stdout
    again = cli("validate", "--data", str(other)).stdout
    assert f"{other / 'tasks.yaml'}:166:14: warning: milestone 9.2" in again
    assert str(data_copy) not in again


def test_validate_stores_no_plan_and_queries_no_findings(data_copy, monkeypatch):
    fresh = cli("validate", "--data", str(data_copy)).stdout
    assert _keys() == []
    assert _due_june(data_copy) == JUNE
    assert _sql("SELECT count(*) FROM findings") == [(1,)]
    _no_validation(monkeypatch)
    assert cli("validate", "--data", str(data_copy)).stdout == fresh
    assert _due_june(data_copy) == JUNE


@pytest.mark.parametrize(
    "findings",
    [b'{"size": [35]}', b'{"size": [1, 2], "findings": [["nowhere"]]}', b"[]", b"not zlib"],
)
def test_damaged_findings_are_checked_afresh(data_copy, findings):

    fresh = cli("validate", "--data", str(data_copy)).stdout
    stored = findings if findings == b"not zlib" else zlib.compress(findings)
    _sql("UPDATE findings SET data = ?", stored)
    assert cli("validate", "--data", str(data_copy)).stdout == fresh


def test_validate_without_the_cache_checks_afresh(data_copy, monkeypatch):
    from ecotask import load

    cli("validate", "--data", str(data_copy))
    calls = []
    validate = load.validate_sources
    monkeypatch.setattr(
        load, "validate_sources", lambda *a, **k: calls.append(1) or validate(*a, **k)
    )
    assert cli("--no-cache", "validate", "--data", str(data_copy)).code == 0
    monkeypatch.setenv("ECOTASK_NO_CACHE", "1")
    assert cli("validate", "--data", str(data_copy)).code == 0
    assert len(calls) == 2


@pytest.mark.parametrize(
    "row", [b"[]", b'{"id": 1}', b'"text"'], ids=["a-list", "a-part", "a-string"]
)
def test_rows_of_the_wrong_shape_are_not_answered_from(data_copy, row):
    assert _due_june(data_copy) == JUNE
    (dictionary,) = _sql("SELECT dictionary FROM plans")[0]
    packer = zlib.compressobj(1, zdict=dictionary)
    _sql("UPDATE tasks SET data = ?", packer.compress(row) + packer.flush())
    assert _due_june(data_copy) == JUNE
    assert cli("show", "9", "--data", str(data_copy)).code == 0
