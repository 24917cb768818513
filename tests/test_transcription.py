"""Check the hand-maintained data/*.yaml against the source text, tests/fixtures/seed.txt:
附件1 (the leading group's roster) and 附件 (the 35-task breakdown table). This module does not
import the ecotask package, so that the data is checked independently of the code."""

import datetime
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from . import seed

ROOT = Path(__file__).parent.parent
SEED = seed.SEED
TASKS = YAML(typ="safe").load((ROOT / "data" / "tasks.yaml").read_text(encoding="utf-8"))
GROUP = YAML(typ="safe").load((ROOT / "data" / "group.yaml").read_text(encoding="utf-8"))

# Repairs: cells whose line break between two unit names was lost in the dump.
RUN_TOGETHER = {
    "区住建局区环保局": ["区住建局", "区环保局"],
    "区综合执法局区征管办": ["区综合执法局", "区征管办"],
}
OPEN_ENDED = "等相关单位"
KINDS = {"government", "office", "party", "bureau", "agency", "town", "street", "mass_org"}
SUFFIX_KIND = {"局": "bureau", "镇": "town", "街道": "street"}


def units(cell: list[str]) -> list[str]:
    """A unit cell's names; names sharing a line are separated by spaces or run together."""
    return [u for line in cell for word in line.split() for u in RUN_TOGETHER.get(word, [word])]


def roster() -> list[tuple[str, str, str]]:
    """(role, name, position) for each roster line of 附件1, names without padding spaces."""
    start = SEED.index("双台子区生态文明建设工作领导小组") + 1
    stop = next(i for i, line in enumerate(SEED) if "领导小组下设办公室" in line)
    out, role = [], None
    for line in filter(str.strip, SEED[start:stop]):
        if "：" in line:
            label, line = line.split("：")
            role = label.replace(" ", "")
        *name, position = re.split(r"\s{2,}", line.strip())
        out.append((role, "".join(name), position))
    return out


TABLE = seed.table()
BY_ID = {t["id"]: t for t in TASKS["tasks"]}
UNIT_NAMES = [u["name"] for u in GROUP["units"]]
ALIASES = {u["name"]: u.get("aliases", []) for u in GROUP["units"]}
COLLECTIVES = {c["name"]: c["members"] for c in GROUP["collectives"]}
MEMBERS = GROUP["group"]["members"]


def test_ids_and_categories():
    assert [t["id"] for t in TASKS["tasks"]] == list(TABLE) == list(range(1, 36))
    category, expected = None, {}
    for tid, row in TABLE.items():  # the heading is printed only where its span (re)starts
        category = "".join(row["category"]) or category
        expected[tid] = category
    assert {t["id"]: t["category"] for t in TASKS["tasks"]} == expected
    assert TASKS["categories"] == list(dict.fromkeys(expected.values()))


@pytest.mark.parametrize("tid", range(1, 36))
def test_task_cells(tid):
    row, task = TABLE[tid], BY_ID[tid]
    assert task["name"] == re.sub(r"\s+", "", "".join(row["name"]))
    assert task["deadline"] == "".join(row["deadline"])
    assert task["lead"] == units(row["lead"])
    responsible = units(row["responsible"])
    assert task["open_ended"] is (OPEN_ENDED in responsible)
    assert task["responsible"] == [u for u in responsible if u != OPEN_ENDED]
    assert task["leaders"] == row["leaders"]


@pytest.mark.parametrize("tid", range(1, 36))
def test_milestones_transcribe_the_breakdown(tid):
    milestones = BY_ID[tid]["milestones"]
    assert "".join(m["text"] for m in milestones) == "".join(TABLE[tid]["breakdown"])
    for m in milestones:
        assert set(m) <= {"due", "text"}
        if "due" in m:
            assert m["due"] in m["text"] and not m["due"].startswith("到")


def test_roster_members_in_order():
    assert [(m["role"], m["name"], m["position"]) for m in MEMBERS] == roster()
    for m in MEMBERS:  # each position names the member's unit, in its canonical or roster form
        assert any(m["position"].startswith(n) for n in [m["unit"], *ALIASES[m["unit"]]]), m


def test_office_and_notice():
    office = next(line for line in SEED if "领导小组下设办公室" in line)
    host, director = re.search(r"办公室设在(\S+?)，办公室主任(\S+?)（兼）", office).groups()
    assert GROUP["group"]["office"] == {"host": host, "director": director, "concurrent": True}
    cc = next(line for line in SEED if line.startswith("\t抄送："))
    assert GROUP["notice"]["cc"] == re.split(r"[，、]", cc.removeprefix("\t抄送："))
    issuer, y, m, d = re.search(r"\t(\S+)\s+(\d+)年(\d+)月(\d+)日印发", "\n".join(SEED)).groups()
    issued = datetime.date(int(y), int(m), int(d))
    assert GROUP["notice"]["issuer"] == TASKS["plan"]["issuer"] == issuer
    assert GROUP["notice"]["issued"] == TASKS["plan"]["issued"] == issued


def test_unit_registry():
    known = set(UNIT_NAMES).union(*ALIASES.values(), COLLECTIVES)
    used = {u for t in TASKS["tasks"] for u in t["lead"] + t["responsible"]}
    assert used <= known
    # every unit named by the roster or the table, once each: roster order, then table order
    named = [m["unit"] for m in MEMBERS] + [GROUP["group"]["office"]["host"]]
    named += [u for t in TASKS["tasks"] for u in t["lead"] + t["responsible"]]
    assert [u for u in dict.fromkeys(named) if u not in COLLECTIVES] == UNIT_NAMES
    for u in GROUP["units"]:
        by_suffix = next((k for s, k in SUFFIX_KIND.items() if u["name"].endswith(s)), None)
        assert u["kind"] in KINDS and u["kind"] == (by_suffix or u["kind"]), u
    for members in COLLECTIVES.values():
        assert set(members) <= set(UNIT_NAMES)


def test_other_leaders_are_the_table_leaders_off_the_roster():
    on_roster = {m["name"] for m in MEMBERS}
    leaders = [n for row in TABLE.values() for n in row["leaders"] if n not in on_roster]
    assert [o["name"] for o in GROUP["other_leaders"]] == list(dict.fromkeys(leaders))
