"""Output contracts: docs/json.md documents every command's JSON document and agrees with the
real output; date-dependent answers carry as_of; validate's codes are the documented list."""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.main import get_command

from ecotask.checks import CHECKS, READING_CODES
from ecotask.cli import app

from .conftest import ROOT, cli

sys.path.insert(0, str(ROOT / "docs"))
from cog_helpers import PROGRESS, key_types

JSON_MD = (ROOT / "docs" / "json.md").read_text(encoding="utf-8")
SECTIONS = dict(re.findall(r"^## `ecotask (\S+)`\n(.*?)(?=^## |\Z)", JSON_MD, flags=re.M | re.S))
UNDATED = {"group", "validate", "list", "schema", "log"}  # answers that depend on no date


def documented(section: str) -> tuple[str, dict[str, set[str]]]:
    """The command a section runs and the key table it shows."""
    command = re.search(r'contract\("([^"]+)", data\)', section)
    assert command, "a section without a generated example"
    rows = re.findall(r"^\| `([^`]+)` \| (.+) \|$", section, flags=re.M)
    return command.group(1), {key: set(types.split(" or ")) for key, types in rows}


def json_commands() -> list[str]:
    """The commands that print JSON: with --json, or json among their --format's choices."""
    names = []
    for name, command in get_command(app).commands.items():  # type: ignore[attr-defined]
        options = {o: p for p in command.params for o in getattr(p, "opts", [])}
        fmt = options.get("--format")
        if "--json" in options or (fmt is not None and "json" in (fmt.metavar or "")):
            names.append(name)
    return names


@pytest.fixture(scope="module")
def progressed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with docs/json.md's entries recorded."""
    import shutil

    folder = tmp_path_factory.mktemp("contract") / "data"
    shutil.copytree(ROOT / "data", folder)
    for command in PROGRESS:
        assert cli(*shlex.split(command), "--data", str(folder)).code == 0
    return folder


def run(command: str, data: Path) -> dict:
    result = cli(*shlex.split(command)[1:], "--data", str(data))
    assert result.code == 0, result.stderr
    import json

    return json.loads(result.stdout.replace(str(data), "data"))


def test_every_command_that_prints_json_has_a_section():
    commands = json_commands()
    assert {"due", "overdue", "remind", "report", "export", "validate", "units"} <= set(commands)
    assert [name for name in commands if name not in SECTIONS] == []


@pytest.mark.parametrize("name", sorted(set(SECTIONS) - {"schema"}))
def test_each_documented_key_is_in_the_real_output_and_no_other(name: str, progressed: Path):
    command, keys = documented(SECTIONS[name])
    assert command.split()[1] == name
    assert key_types(run(command, progressed)) == keys


@pytest.mark.parametrize("name", sorted(set(SECTIONS) - UNDATED))
def test_a_date_dependent_answer_carries_as_of(name: str, progressed: Path):
    command, _ = documented(SECTIONS[name])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", run(command, progressed)["as_of"])


def test_overdue_rows_carry_days_overdue(progressed: Path):
    document = run("ecotask overdue --as-of 2017-07-10 --all --json", progressed)
    rows = {m["ref"]: m["days_overdue"] for m in document["milestones"]}
    assert (rows["9.1"], rows["18.1"], rows["7.1"], rows["2.1"]) == (160, 10, None, None)
    assert len(rows) == 27 and sum(v is not None for v in rows.values()) == 25


def test_report_json_ranks_the_units_that_lead():
    document = run("ecotask report --month 6 --format json", ROOT / "data")
    assert document["as_of"] == "2017-06-30"
    ranked = [u["unit"] for u in document["ranking"]["units"]]
    # none of these leads a task: they co-operate on 7.1 and 18.1, which 区环保局 leads
    assert not {"园区管委会", "区安监局", "区消防大队"} & set(ranked)
    first = document["ranking"]["units"][0]
    assert first == {
        "rank": 1,
        "unit": "区教育局",
        "led": 1,
        "milestones": 4,
        "completion": {"done": 0, "done_late": 0, "overdue": 1, "pending": 3},
        "rate": 0.0,
    }
    assert "牵头" in document["ranking"]["formula"]
    assert document["headline"]["plan"] == {"done": 0, "done_late": 0, "overdue": 23, "pending": 58}


def test_the_ranking_credits_the_lead_unit(progressed: Path):
    # 7.1 (区环保局's) done late, 2.1 (区国土分局's) on time
    document = run("ecotask report --month 6 --as-of 2017-07-10 --format json", progressed)
    units = {u["unit"]: u for u in document["ranking"]["units"]}
    assert units["区国土分局"]["rank"] == 1 and units["区国土分局"]["rate"] == 1.0
    assert units["区环保局"]["completion"]["done_late"] == 1
    assert "园区管委会" not in units


def test_validate_codes_are_the_documented_list():
    listed = re.findall(r"^\| `([a-z-]+)` \| (?:error|warning) \|", (ROOT / "docs" / "codes.md")
                        .read_text(encoding="utf-8"), flags=re.M)  # fmt: skip
    assert listed == [*READING_CODES, *CHECKS.values()]
    assert len(set(listed)) == len(listed)


def test_every_finding_has_a_code(data_copy: Path):
    (data_copy / "progress.yaml").write_text(
        "events:\n- {event: done, milestone: '99.1', date: 2017-06-01}\n"
        "- {event: done, milestone: '2.1', date: 2017-05-01}\n",
        encoding="utf-8",
    )
    document = cli("validate", "--format", "json", "--data", str(data_copy)).json()
    codes = {f["code"] for f in document["findings"]}
    assert {"progress-reference", "progress-order", "step-after-deadline"} <= codes
    assert None not in codes
    broken = data_copy / "tasks.yaml"
    broken.write_text("tasks: [\n", encoding="utf-8")
    document = cli("validate", "--format", "json", "--data", str(data_copy)).json()
    assert [f["code"] for f in document["findings"]] == ["yaml"]
