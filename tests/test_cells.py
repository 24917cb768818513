"""The cell reader against the hand transcription: every cell of the source text, read by
ecotask.cells, gives what data/tasks.yaml holds; then the tricky phrases one by one."""

from pathlib import Path

import pytest
import yaml

from ecotask.cells import (
    date_phrases,
    expected_due,
    propose_targets,
    split_cell,
    split_leaders,
    split_units,
    target_warnings,
)
from ecotask.dates import parse_due

from . import seed

ROOT = Path(__file__).parent.parent


def read_yaml(path: Path):
    """libyaml's loader: these files read the same under YAML 1.1, and it is ten times faster."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


TASKS = read_yaml(ROOT / "data" / "tasks.yaml")
GROUP = read_yaml(ROOT / "data" / "group.yaml")
BY_ID = {t["id"]: t for t in TASKS["tasks"]}


def seed_table() -> dict[int, dict[str, str]]:
    """The seed's task table, each cell's lines joined by line breaks as in the document."""
    return {n: {k: "\n".join(v) for k, v in row.items()} for n, row in seed.table().items()}


TABLE = seed_table()


def test_the_seed_has_the_35_tasks():
    assert list(TABLE) == list(BY_ID) == list(range(1, 36))


@pytest.mark.parametrize("tid", range(1, 36))
def test_breakdown_cell_reads_as_the_hand_transcription(tid):
    """No differences to explain: the reader gives every step's text and due exactly."""
    steps = split_cell(TABLE[tid]["breakdown"])
    expected = [(m["text"], m.get("due")) for m in BY_ID[tid]["milestones"]]
    assert [(s.text, s.due) for s in steps] == expected
    for step in steps:
        if step.due is not None:
            parse_due(step.due)
            assert step.warnings == ()
        else:
            assert step.warnings  # an undated sentence is flagged for a person


@pytest.mark.parametrize("tid", range(1, 36))
def test_unit_and_leader_cells_read_as_the_hand_transcription(tid):
    row, task = TABLE[tid], BY_ID[tid]
    for known in (set(), {u["name"] for u in GROUP["units"]}):
        lead = split_units(row["lead"], known)
        responsible = split_units(row["responsible"], known)
        assert lead.names == task["lead"]
        assert not lead.open_ended
        assert responsible.names == task["responsible"]
        assert responsible.open_ended is task["open_ended"]
    assert split_leaders(row["leaders"]) == task["leaders"]


def test_run_together_units_are_reported():
    assert split_units(TABLE[23]["lead"]).splits == [("区住建局区环保局", ["区住建局", "区环保局"])]
    cut = split_units(TABLE[20]["responsible"]).splits
    assert cut == [("区综合执法局区征管办", ["区综合执法局", "区征管办"])]


def test_every_step_due_is_the_phrase_its_own_text_names():
    """What validate's due_matches_text relies on: a step's own text gives back its due."""
    for task in TASKS["tasks"]:
        for m in task["milestones"]:
            assert expected_due(m["text"]) == m.get("due"), m["text"]


# -- tricky phrases ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("到5月底前完成", ["5月底前"]),
        ("到2017年11月底，配合完成", ["2017年11月底"]),
        ("1.5月底前制定方案", ["5月底前"]),
        ("2.6到12月全面落实，确保在2018年达到标准。", ["6到12月"]),
        ("3月开展普查工作，9月完成整改。", ["3月", "9月"]),
        ("项目， 11月全区覆盖率达到100%。", ["11月"]),
        ("完成城区内所有10吨以下燃煤锅炉淘汰清理工作", []),
        ("对16周岁以上居民开展调查", []),
        ("浓度分别达到46微克/立方米和70微克/立方米", []),
        ("下降至0.70吨标煤/万元", []),
        ("我区2017年主要污染物总量减排计划", []),
        ("区域大气PM2.5、PM10年均浓度", []),
        ("到年底前完成", ["年底前"]),
        ("2017年底完成", ["2017年底"]),
        ("明年底完成", []),
        ("上半年完成，下半年验收", ["上半年", "下半年"]),
        ("到三季度末完成", ["三季度末"]),
        ("13月完成", []),
        ("到6月15日前完成", ["6月15日前"]),
    ],
)
def test_date_phrases(text, phrases):
    found = date_phrases(text)
    assert [p.phrase for p in found] == phrases
    for p in found:
        parse_due(p.due())
        assert text[p.start : p.end].removeprefix("到") == p.phrase


def test_a_leading_number_is_kept_in_the_text_but_not_read_as_a_date():
    steps = split_cell("1.5月底前制定镇、街道的工作方案\n2.6到12月全面落实工作方案。")
    assert [(s.text, s.due) for s in steps] == [
        ("1.5月底前制定镇、街道的工作方案", "5月底前"),
        ("2.6到12月全面落实工作方案。", "6到12月"),
    ]


def test_text_before_the_first_phrase_stays_with_it():
    text = "按方案确保搬迁，3月底前制定完成搬迁工作方案，12月底前完成搬迁任务。"
    assert [(s.text, s.due) for s in split_cell(text)] == [
        ("按方案确保搬迁，3月底前制定完成搬迁工作方案，", "3月底前"),
        ("12月底前完成搬迁任务。", "12月底前"),
    ]


def test_a_cell_without_dates_is_one_step_without_its_line_breaks():
    steps = split_cell("统筹考虑种养规模。\n推进园区建设。")
    assert [(s.text, s.due) for s in steps] == [("统筹考虑种养规模。推进园区建设。", None)]


def test_the_cut_after_the_last_comma_and_a_cut_without_one():
    steps = split_cell("到3月底，完成甲，开展乙，到6月底完成丙；4月底前制定方案并于8月底前完成。")
    assert [(s.text, s.due) for s in steps] == [
        ("到3月底，完成甲，开展乙，", "3月底"),
        ("到6月底完成丙；", "6月底"),
        ("4月底前制定方案并于", "4月底前"),
        ("8月底前完成。", "8月底前"),
    ]
    assert steps[3].warnings and not steps[2].warnings


def test_semicolons_quotes_and_empty_cells():
    assert split_cell("") == []
    steps = split_cell("到6月底，完成“清理”工作;区域浓度达标。”")
    assert [(s.text, s.due) for s in steps] == [
        ("到6月底，完成“清理”工作;", "6月底"),
        ("区域浓度达标。”", None),
    ]


def test_a_day_is_due_as_the_document_writes_it():
    step = split_cell("到6月15日前完成。")[0]
    assert (step.due, step.warnings) == ("6月15日前", ())


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "到11月底，实现单位地区生产总值能耗下降至0.70吨标煤/万元。",
            (
                "单位地区生产总值能耗",
                "<=",
                0.70,
                "吨标煤/万元",
                "实现单位地区生产总值能耗下降至0.70吨标煤/万元",
            ),
        ),
        (
            "到11月底，实现单位工业用地工业增加值达80万元/亩以上。",
            (
                "单位工业用地工业增加值",
                ">=",
                80,
                "万元/亩",
                "实现单位工业用地工业增加值达80万元/亩以上",
            ),
        ),
        (
            "饮用水源地水质达标率达100%。",
            ("饮用水源地水质达标率", ">=", 100, "%", "饮用水源地水质达标率达100%"),
        ),
        ("确保林草覆盖率达到18% 。", ("林草覆盖率", ">=", 18, "%", "确保林草覆盖率达到18%")),
        (
            "到11月底实现城镇生活垃圾无害化处理率达90%以上。",
            (
                "城镇生活垃圾无害化处理率",
                ">=",
                90,
                "%",
                "到11月底实现城镇生活垃圾无害化处理率达90%以上",
            ),
        ),
        ("确保噪声控制在55分贝以下。", ("噪声", "<=", 55, "分贝", "确保噪声控制在55分贝以下")),
    ],
)
def test_plain_targets_are_proposed(text, target):
    proposed = propose_targets(text)
    assert [(t["indicator"], t["op"], t["value"], t["unit"], t["text"]) for t in proposed] == [
        target
    ]
    assert proposed[0]["text"] in text
    assert target_warnings(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "区域大气PM2.5、PM10年均浓度分别达到46微克/立方米和70微克/立方米",
        "覆盖率达到100%和90%",
        "，达到80%。",
    ],
)
def test_unclear_targets_are_left_to_a_person(text):
    assert propose_targets(text) == []
    assert target_warnings(text)


@pytest.mark.parametrize(
    "text",
    ["对16周岁以上居民开展调查", "所有10吨以下燃煤锅炉", "确保在2018年达到考核标准", "PM2.5"],
)
def test_numbers_that_are_no_targets(text):
    assert propose_targets(text) == [] and target_warnings(text) == []


def test_proposals_agree_with_the_hand_transcribed_targets():
    """Each target proposed from a shipped step is one the transcription holds (same clause,
    operator, value and unit); the ones it does not propose are the ones a person wrote."""
    proposed, missed = 0, []
    for task in TASKS["tasks"]:
        hand = list(task.get("targets", []))
        for m in task["milestones"]:
            for t in propose_targets(m["text"]):
                h = next(h for h in hand if h["text"] == t["text"])
                assert (t["op"], t["value"], t["unit"]) == (h["op"], h["value"], h["unit"])
                hand.remove(h)
                proposed += 1
        missed += [t["indicator"] for t in hand]
    assert proposed == 21
    # 9: "分别达到46…和70…" is left to a person (a warning); 19: "完成…36家…搬迁任务" has no
    # target verb, so nothing flags it.
    assert missed == ["PM2.5年均浓度", "PM10年均浓度", "禁养区内畜禽养殖场、户搬迁"]


@pytest.mark.parametrize(
    ("cell", "names", "open_ended"),
    [
        ("区住建局区环保局", ["区住建局", "区环保局"], False),
        ("区组织部  区人社局", ["区组织部", "区人社局"], False),
        ("区委宣传部、团区委、区妇联", ["区委宣传部", "团区委", "区妇联"], False),
        ("区环保局\n各街镇等相关单位", ["区环保局", "各街镇"], True),
        ("区统计局\n各街镇\n等相关单位", ["区统计局", "各街镇"], True),
        ("区 妇 联", ["区妇联"], False),
        ("区政府办各街镇", ["区政府办", "各街镇"], False),
    ],
)
def test_unit_cells(cell, names, open_ended):
    units = split_units(cell)
    assert (units.names, units.open_ended) == (names, open_ended)


def test_the_registry_splits_what_the_rule_cannot():
    assert split_units("区环保局统一镇").names == ["区环保局统一镇"]
    assert split_units("区环保局统一镇", {"区环保局", "统一镇"}).names == ["区环保局", "统一镇"]


def test_padded_leader_names():
    assert split_leaders("李  斌\n石贵生  祝美娟") == ["李斌", "石贵生", "祝美娟"]
