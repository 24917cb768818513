"""The cache can never give a stale or wrong answer."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from ecotask import cache
from ecotask.load import cache_key, open_plan

from .conftest import cli


def _entries() -> list[Path]:
    return sorted(cache.folder().glob("*.json"))


def _key(data: Path) -> str:
    key = cache_key(data)
    assert key is not None
    return key


def _due_june(data: Path) -> list[str]:
    document = cli("due", "--month", "6", "--json", "--data", str(data)).json()
    return [m["ref"] for m in document["milestones"]]


def test_second_query_reads_the_cache(data_copy, monkeypatch):
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]
    entry = _key(data_copy)
    assert cache.read(entry) is not None

    def no_validation(*args, **kwargs):
        raise AssertionError("validated again despite a cache entry")

    monkeypatch.setattr("ecotask.load.validate_sources", no_validation)
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]


def test_an_edit_of_one_byte_changes_the_answer_at_once(data_copy):
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]
    tasks = data_copy / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(
        text.replace("      - due: 8月底\n", "      - due: 6月底\n", 1), encoding="utf-8"
    )
    assert _due_june(data_copy) == ["1.1", "2.1", "9.3", "16.2", "18.1"]


def test_an_edit_that_breaks_the_data_is_reported_not_hidden_by_the_cache(data_copy):
    assert cli("due", "--month", "6", "--data", str(data_copy)).code == 0
    tasks = data_copy / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("id: 2\n", "id: 1\n", 1), encoding="utf-8"
    )
    run = cli("due", "--month", "6", "--data", str(data_copy))
    assert run.code == 1
    assert "duplicate task id 1" in run.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[: len(blob) // 2],  # truncated
        lambda blob: blob.replace("划定耕地".encode(), "划定林地".encode()),  # altered, still JSON
        lambda blob: b"\x00\xff" * 10,  # garbage
        lambda blob: b"",  # empty
    ],
    ids=["truncated", "altered", "garbage", "empty"],
)
def test_a_damaged_entry_is_ignored_and_rebuilt(data_copy, damage):
    assert _due_june(data_copy)
    entry = cache.folder() / f"{_key(data_copy)}.json"
    entry.write_bytes(damage(entry.read_bytes()))
    document = cli("due", "--month", "6", "--json", "--data", str(data_copy)).json()
    assert document["milestones"][0]["name"] == "划定耕地红线并严格遵守"
    assert cache.read(entry.stem) is not None  # rebuilt


@pytest.mark.parametrize(
    "sections",
    [
        {"head": b'{"plan": 1}'},
        {"head": b"[]", "tasks": b"{}"},
        {"month/2017-06": b'[["2.1", 99999]]\n{}'},  # rows that do not add up
        {"month/2017-06": b"not json\n"},
    ],
    ids=["bad-head", "not-a-mapping", "short-rows", "bad-listing"],
)
def test_an_entry_of_the_wrong_shape_is_rebuilt(data_copy, sections):
    key = _key(data_copy)
    cache.write(key, sections)
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]
    assert len(open_plan(data_copy).tasks) == 35
    assert len(cache.read(key).data()["tasks"]["tasks"]) == 35


@pytest.mark.parametrize(
    "positions",
    [b'{"2017-06": [0, 99]}', b'{"2017-06": [1, 0]}', b'{"2099-01": [0]}', b"[]"],
    ids=["past-the-end", "out-of-order", "no-such-month", "not-a-mapping"],
)
def test_a_unit_section_of_the_wrong_shape_is_rebuilt(data_copy, positions):
    args = ["unit", "环保局", "--json", "--data", str(data_copy)]
    expected = cli("--no-cache", *args).stdout
    cli(*args)
    key = _key(data_copy)
    entry = cache.read(key)
    sections = {name: entry.section(name) for name in entry._sections}
    tasks = sections["unit/区环保局"].split(b"\n", 1)[1]
    cache.write(key, {**sections, "unit/区环保局": positions + b"\n" + tasks})
    assert cli(*args).stdout == expected


def test_later_due_and_unit_answers_come_from_rows_rendered_in_advance(data_copy):
    _due_june(data_copy)
    assert [r.ref for r in open_plan(data_copy, select=("month-rows", "6")).stored] == [
        "2.1",
        "9.3",
        "16.2",
        "18.1",
    ]
    stored = open_plan(data_copy, select=("unit-rows", "环保局")).stored
    tasks = json.loads(orjson.dumps(stored.tasks))
    assert (len(tasks), tasks[0]["task"], tasks[0]["role"]) == (25, 1, "lead")
    rows = [json.loads(bytes(row)) for month in stored.rows for row in month]
    assert (len(rows), rows[0]["ref"], rows[-1]["ref"]) == (56, "9.1", "32.2")
    assert open_plan(data_copy, use_cache=False, select=("month-rows", "6")).stored is None


def test_no_cache_switches(data_copy, monkeypatch):
    before = set(_entries())
    assert cli("--no-cache", "due", "--month", "6", "--data", str(data_copy)).code == 0
    monkeypatch.setenv("ECOTASK_NO_CACHE", "1")
    assert cli("due", "--month", "6", "--data", str(data_copy)).code == 0
    assert set(_entries()) == before


def test_an_unwritable_cache_costs_only_speed(data_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]
    table = cli("due", "--month", "6", "--data", str(data_copy))  # its drawing is not kept
    assert table.code == 0 and "2017年6月到期的时间节点：4 项" in table.stdout


def test_the_cache_lives_outside_the_data_folder(data_copy):
    _due_june(data_copy)
    assert sorted(p.name for p in data_copy.iterdir()) == ["group.yaml", "tasks.yaml"]


def test_two_processes_building_at_once_both_answer(data_copy, tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "shared-cache")}
    command = [
        sys.executable,
        "-m",
        "ecotask",
        "due",
        "--month",
        "6",
        "--json",
        "--data",
        str(data_copy),
    ]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE) for _ in range(2)]
    outputs = [json.loads(run.communicate(timeout=60)[0]) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert outputs[0] == outputs[1]
    assert outputs[0]["count"] == 4
    assert [
        p.name for p in (tmp_path / "shared-cache" / "ecotask").iterdir() if p.name.startswith(".")
    ] == []


def _units() -> list[str]:
    return [row["unit"] for row in cli("units", "--json").json()["units"]]


def test_partial_loads_answer_as_full_ones(data_copy):
    """due, overdue, unit and show read only the cached tasks or rows they need: the answers,
    as JSON or as tables, must not change; nor must the errors."""
    assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy)).code == 0
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


def test_unit_rows_read_in_windows_answer_as_in_one(data_copy, monkeypatch):
    """A unit's rows are read a buffer at a time: here a buffer smaller than some rows, so
    that months take several windows and the buffer has to grow."""
    monkeypatch.setattr("ecotask.answers.BUFFER", 800)
    cli("due", "--month", "6", "--data", str(data_copy))  # fills the cache
    for name in _units():
        args = ["unit", name, "--json", "--data", str(data_copy)]
        assert cli(*args).stdout == cli("--no-cache", *args).stdout, name


def test_errors_are_the_same_from_the_cache(data_copy):
    cli("due", "--month", "6", "--data", str(data_copy))
    for args in (["due", "--month", "13"], ["unit", "街道"], ["unit", "xyz"]):
        cached = cli(*args, "--data", str(data_copy))
        fresh = cli("--no-cache", *args, "--data", str(data_copy))
        assert (cached.code, cached.stderr) == (fresh.code, fresh.stderr)
        assert cached.code in (1, 2)


@pytest.mark.parametrize(("keep", "room", "kept"), [(3, 100, 3), (10, 2, 2), (10, 0, 1)])
def test_old_entries_are_pruned_by_count_and_size(monkeypatch, tmp_path, keep, room, kept):
    """room: how many entries the byte budget holds; the newest stays whatever its size."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for age in range(5):
        cache.write(f"entry{age}", {"head": b"x" * 100})
        os.utime(cache.folder() / f"entry{age}.json", (1000 - age, 1000 - age))
    size = (cache.folder() / "entry0.json").stat().st_size
    monkeypatch.setattr(cache, "KEEP", keep)
    monkeypatch.setattr(cache, "BUDGET", room * size)
    cache._prune(cache.folder())
    assert [p.stem for p in _entries()] == [f"entry{age}" for age in range(kept)]


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


def test_an_entry_removed_while_it_is_read_is_rebuilt(data_copy, monkeypatch):
    _due_june(data_copy)
    read = cache.read

    def read_then_prune(entry):
        found = read(entry)
        (cache.folder() / f"{entry}.json").unlink()  # as another process's pruning would
        return found

    monkeypatch.setattr(cache, "read", read_then_prune)
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]


def test_files_hashed_as_they_are_read_have_the_key_of_their_bytes(data_copy):
    from ecotask.load import _paths

    assert cache.key_of_files(_paths(data_copy)) == _key(data_copy)
    assert cli("done", "2.1", "--on", "2017-06-28", "--data", str(data_copy)).code == 0
    assert _paths(data_copy)[-1] is not None  # now with a progress file
    assert cache.key_of_files(_paths(data_copy)) == _key(data_copy)
    os.mkfifo(data_copy / "group.fifo")
    assert cache.key_of_files([data_copy / "tasks.yaml", data_copy / "group.fifo", None]) is None
    assert cache.key_of_files([data_copy / "tasks.yaml", data_copy / "none.yaml", None]) is None


def _no_validation(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("validated again despite a cache entry")

    monkeypatch.setattr("ecotask.load.validate_sources", refuse)


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
    tasks = data_copy / "tasks.yaml"
    tasks.write_text(
        tasks.read_text(encoding="utf-8").replace("id: 2\n", "id: 1\n", 1), encoding="utf-8"
    )
    broken = cli("validate", "--data", str(data_copy))
    assert broken.code == 1
    assert "error: duplicate task id 1" in broken.stdout
    assert cli("validate", "--data", str(data_copy)).stdout == broken.stdout  # checked again


def test_cached_findings_name_the_files_where_they_are_now(data_copy, tmp_path):
    """The same bytes in another folder share an entry; their findings name that folder."""
    other = tmp_path / "other"
    shutil.copytree(data_copy, other)
    assert str(data_copy) in cli("validate", "--data", str(data_copy)).stdout
    again = cli("validate", "--data", str(other)).stdout
    assert f"{other / 'tasks.yaml'}:166:14: warning: milestone 9.2" in again
    assert str(data_copy) not in again


def test_queries_and_validate_keep_entries_of_their_own(data_copy, monkeypatch):
    """A query's entry holds no findings (queries do not locate warnings), and validate's no
    plan: each fills its own the first time."""
    _due_june(data_copy)
    fresh = cli("validate", "--data", str(data_copy)).stdout
    assert "data/tasks.yaml:166:14: warning" in fresh
    key = _key(data_copy)
    assert sorted(p.stem for p in _entries() if p.stem.startswith(key)) == [key, f"{key}-findings"]
    _no_validation(monkeypatch)
    assert cli("validate", "--data", str(data_copy)).stdout == fresh
    assert _due_june(data_copy) == ["2.1", "9.3", "16.2", "18.1"]


def test_damaged_findings_are_checked_afresh(data_copy):
    fresh = cli("validate", "--data", str(data_copy)).stdout
    key = _key(data_copy) + "-findings"
    for findings in (b'{"size": [35]}', b'{"size": [1, 2], "findings": [["nowhere"]]}', b"[]"):
        cache.write(key, {"findings": findings})
        assert cli("validate", "--data", str(data_copy)).stdout == fresh
    path = cache.folder() / f"{key}.json"
    kept = path.read_bytes()  # rewritten by the last check
    assert b"milestone 9.2" in kept
    path.write_bytes(kept.replace(b"milestone 9.2", b"milestone 9.3"))  # fails its checksum
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
