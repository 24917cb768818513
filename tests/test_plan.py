from pathlib import Path

import pytest

from ecotask import load
from ecotask.errors import DataError

from .conftest import DATA


def test_data_folder_precedence(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ECOTASK_DATA", raising=False)
    bundled = Path(load.__file__).parent / "data"
    assert load.find_data_dir() == bundled
    (tmp_path / "data").mkdir()
    assert load.find_data_dir() == bundled  # ./data counts only when it holds tasks.yaml
    (tmp_path / "data" / "tasks.yaml").touch()
    assert load.find_data_dir() == tmp_path / "data"
    monkeypatch.setenv("ECOTASK_DATA", str(DATA))
    assert load.find_data_dir() == DATA
    assert load.find_data_dir(tmp_path) == tmp_path


def test_a_missing_folder_from_the_environment_says_where_it_came_from(monkeypatch):
    monkeypatch.setenv("ECOTASK_DATA", "/nowhere")
    with pytest.raises(DataError, match=r"/nowhere: error: no such data folder \(from \$ECOTASK"):
        load.find_data_dir()


def test_plan_indexes():
    loaded = load.open_plan(DATA)
    assert loaded.year == 2017
    assert len(loaded.tasks) == 35
    assert len(loaded.milestones) == 81
    assert loaded.unit_names["区文化广电体育局"] == "区文体局"
    assert loaded.unit_names["区委组织部"] == "区组织部"
    assert loaded.unit_names["产业园区管委会"] == "园区管委会"
    assert loaded.unit_names["区政府办公室"] == "区政府办"
    assert loaded.collectives["各街镇"] == [
        "统一镇",
        "陆家镇",
        "双盛街道",
        "铁东街道",
        "红旗街道",
        "建设街道",
        "辽河街道",
        "胜利街道",
    ]
    assert loaded.other_leaders == {"石贵生", "曹书华", "翟月雷"}
    assert loaded.roster["李斌"].position == "区委宣传部常务副部长"
    steps = {task.id: loaded.milestones_of(task) for task in loaded.tasks}
    assert [m.ref for m in steps[9]] == ["9.1", "9.2", "9.3", "9.4"]
    assert [m for found in steps.values() for m in found] == loaded.milestones


def test_one_units_involvements_are_those_of_the_whole_index():
    """involvements_of reads one name's parts without indexing every name: the same parts,
    in the same order, for every unit and collective, and none for a name in no task."""
    whole = load.open_plan(DATA, use_cache=False)
    index = whole.involvements
    assert len(index) > 20
    for name, expected in index.items():
        fresh = load.open_plan(DATA, use_cache=False)
        assert fresh.involvements_of(name) == expected, name
    assert load.open_plan(DATA, use_cache=False).involvements_of("无此单位") == []
    assert any(i.via for found in index.values() for i in found)  # 各街镇 is among them
