"""Who does what: exact task sets for units and leaders, from our own reading of the document."""

import typing

import pytest

from .conftest import cli

TOWNSHIP_TASKS = {
    1,
    2,
    3,
    6,
    7,
    9,
    10,
    11,
    12,
    13,
    14,
    15,
    16,
    17,
    18,
    19,
    20,
    22,
    23,
    24,
    25,
    26,
    27,
    28,
    31,
    33,
    34,
    35,
}  # every task whose 责任单位 names 各街镇
EPB_LEAD = {1, 3, 7, 9, 10, 11, 12, 13, 16, 17, 18, 21, 22, 23, 31, 32, 34}
EPB_RESPONSIBLE = {8, 15, 19, 23, 29, 30, 33, 35}


def unit(*args: str) -> dict:
    run = cli("unit", *args, "--json")
    assert run.code == 0, run.stderr
    return run.json()


def tasks(document: dict, role: str | None = None, via: object = "any") -> set[int]:
    return {
        t["task"]
        for t in document["tasks"]
        if (role is None or t["role"] == role) and (via == "any" or t["via"] == via)
    }


@pytest.mark.parametrize("spelling", ["区环保局", "环保局", "区环保"])
def test_epb_by_any_spelling(spelling):
    document = unit(spelling)
    assert document["unit"] == "区环保局"
    assert document["kind"] == "bureau"
    assert document["head"] == {
        "name": "赵凤春",
        "role": "成员",
        "position": "区环保局局长",
        "unit": "区环保局",
    }
    assert tasks(document, "lead") == EPB_LEAD
    assert tasks(document, "responsible") == EPB_RESPONSIBLE
    assert tasks(document, via=None) == EPB_LEAD | EPB_RESPONSIBLE


def test_role_filter():
    assert tasks(unit("区环保局", "--role", "lead")) == EPB_LEAD
    assert tasks(unit("区环保局", "--role", "responsible")) == EPB_RESPONSIBLE


@pytest.mark.parametrize(
    ("spelling", "canonical", "lead", "responsible"),
    [
        ("区文化广电体育局", "区文体局", {33, 34}, set()),
        ("区委组织部", "区组织部", {29, 30}, set()),
        ("产业园区管委会", "园区管委会", set(), {3, 7, 31}),
        ("区政府办公室", "区政府办", set(), {1}),
        ("区水利总站", "区水利总站", {5, 13}, {1, 10, 11, 12, 13, 14, 15, 21, 33}),
        (
            "区住建局",
            "区住建局",
            {14, 20, 22, 23, 24, 25, 26},
            {1, 4, 5, 9, 10, 11, 12, 15, 16, 17, 21},
        ),
        ("区征管办", "区征管办", set(), {20}),
        ("区民政局", "区民政局", set(), set()),
    ],
)
def test_units_and_aliases(spelling, canonical, lead, responsible):
    document = unit(spelling)
    assert document["unit"] == canonical
    assert tasks(document, "lead") == lead
    assert tasks(document, "responsible") == responsible


def test_a_street_office_reached_only_through_the_collective():
    document = unit("铁东街道")
    assert document["aliases"] == ["铁东街道办"]
    assert document["head"]["name"] == "李洋"
    assert document["collectives"] == ["各街镇"]
    assert tasks(document, via=None) == set()
    assert tasks(document, "responsible", via="各街镇") == TOWNSHIP_TASKS


def test_a_town_named_directly_and_through_the_collective():
    document = unit("统一镇")
    assert tasks(document, via=None) == {8, 32}
    assert tasks(document, via="各街镇") == TOWNSHIP_TASKS
    assert tasks(unit("双盛街道"), via=None) == {32}


def test_the_collective_itself():
    document = unit("各街镇")
    assert document["kind"] == "collective"
    assert document["head"] is None
    assert tasks(document, "responsible", via=None) == TOWNSHIP_TASKS


def test_month_narrows_to_steps_due_then():
    document = unit("铁东街道", "--month", "6")
    assert tasks(document) == {2, 9, 16, 18}
    assert [m["ref"] for m in document["milestones"]] == ["2.1", "9.3", "16.2", "18.1"]
    assert unit("区文体局", "--month", "7")["tasks"] == []


def test_unit_table_marks_the_collective():
    run = cli("unit", "铁东街道")
    assert run.code == 0
    assert "责任（经各街镇）" in run.stdout
    assert "李洋（铁东街道办主任）" in run.stdout


@pytest.mark.parametrize(
    ("command", "name", "message"),
    [
        (
            "unit",
            "街道",
            "ecotask: error: unit '街道' matches several: 双盛街道、铁东街道、红旗街道",
        ),
        ("unit", "区环保厅", "ecotask: error: no unit '区环保厅'; the closest are: 区环保局"),
        ("unit", "xyz", "ecotask: error: no unit 'xyz'\n"),
        (
            "leader",
            "李",
            "ecotask: error: leader '李' matches several: 李吉峰、李斌、李伟、李静、李洋",
        ),
        ("leader", "赵", "ecotask: error: leader '赵' matches several: 赵泉有、赵凤春、赵文星"),
    ],
)
def test_unknown_and_ambiguous_names_exit_1(command, name, message):
    run = cli(command, name)
    assert run.code == 1
    assert run.stderr.startswith(message)
    assert run.stdout == ""


LEADERS = {
    "李吉峰": ("组长", "区政府代区长", {2, 4, 5, 8, 15, 19, 28, 35}),
    "祝美娟": (
        "副组长",
        "区政府副区长",
        {1, 3, 6, 7, 9, 10, 11, 12, 13, 16, 17, 18, 21, 22, 23, 27, 31, 32, 34},
    ),
    "石贵生": (None, None, {14, 20, 22, 23, 24, 25, 26}),
    "曹书华": (None, None, {29, 30}),
    "翟月雷": (None, None, {33}),
}


@pytest.mark.parametrize("name", LEADERS)
def test_every_leader_in_charge(name):
    role, position, expected = LEADERS[name]
    document = cli("leader", name, "--json").json()
    assert document["leader"] == name
    assert document["in_group"] is (role is not None)
    assert (document["role"], document["position"]) == (role, position)
    assert {t["task"] for t in document["tasks"]} == expected
    assert sum(document["categories"].values()) == len(expected)


def test_shared_tasks_name_the_other_leader():
    document = cli("leader", "石贵生", "--json").json()
    shared = {t["task"]: t["shared_with"] for t in document["tasks"] if t["shared_with"]}
    assert shared == {22: ["祝美娟"], 23: ["祝美娟"]}


def test_leader_by_part_of_the_name_and_padded_name():
    assert cli("leader", "美娟", "--json").json()["leader"] == "祝美娟"
    document = cli("leader", "李  斌", "--json").json()
    assert (document["leader"], document["role"], document["position"]) == (
        "李斌",
        "成员",
        "区委宣传部常务副部长",
    )
    assert document["tasks"] == []


def test_next_milestones_from_a_date():
    document = cli("leader", "李吉峰", "--as-of", "2017-09-01", "--json").json()
    assert [m["ref"] for m in document["next"]] == ["4.3", "5.3", "35.1", "35.2", "2.2"]
    off_roster = cli("leader", "翟月雷")
    assert "不在领导小组名单中" in off_roster.stdout


def test_units_counts_and_sort():
    document = cli("units", "--sort", "led", "--json").json()
    rows = {r["unit"]: r for r in document["units"]}
    assert document["units"][0]["unit"] == "区环保局"
    assert (rows["区环保局"]["led"], rows["区环保局"]["responsible"]) == (17, 8)
    assert (rows["统一镇"]["responsible"], rows["统一镇"]["via"]) == (2, 28)
    assert (rows["铁东街道"]["responsible"], rows["铁东街道"]["via"]) == (0, 28)
    assert rows["各街镇"]["responsible"] == 28
    assert len(rows) == 38  # 37 units and one collective


def test_leaders_counts():
    document = cli("leaders", "--sort", "tasks", "--json").json()
    assert [(r["leader"], r["tasks"], r["shared"]) for r in document["leaders"]] == [
        ("祝美娟", 19, 2),
        ("李吉峰", 8, 0),
        ("石贵生", 7, 2),
        ("曹书华", 2, 0),
        ("翟月雷", 1, 0),
    ]


def test_group_as_the_document_lists_it():
    document = cli("group", "--json").json()
    members = document["members"]
    assert [m["role"] for m in members[:3]] == ["组长", "副组长", "成员"]
    assert len(members) == 34
    assert members[-1] == {
        "name": "王国岩",
        "role": "成员",
        "position": "胜利街道办主任",
        "unit": "胜利街道",
    }
    assert document["office"] == {"host": "区环保局", "director": "赵凤春", "concurrent": True}
    table = cli("group").stdout
    assert "办公室主任赵凤春（兼）" in table


def test_list_filters_compose():
    def ids(*args):
        return [t["task"] for t in cli("list", *args, "--json").json()["tasks"]]

    assert ids("--unit", "区文体局") == [33, 34]
    assert ids("--leader", "石贵生", "--month", "3") == [14, 22]
    assert ids("--unit", "铁东街道", "--category", "生态文化") == [33, 34, 35]
    assert ids("--unit", "区环保局", "--leader", "李吉峰", "--month", "12") == [19]
    assert cli("list", "--leader", "李", "--json").code == 1


def test_completion_offers_names_from_the_data():
    from ecotask.cli.common import complete_leaders, complete_units

    class Ctx:
        params: typing.ClassVar[dict] = {}

    assert "区环保局" in complete_units(Ctx(), "区环")
    assert complete_leaders(Ctx(), "祝") == ["祝美娟"]
    Ctx.params = {"data": "/nonexistent"}
    assert complete_units(Ctx(), "") == []
