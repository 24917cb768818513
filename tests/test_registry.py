"""group.yaml's registry is unambiguous: aliases resolve wherever a unit is named, no name is
declared twice, and names compare in NFC, refusing what a reader cannot see or tell apart."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from .conftest import cli

TIEDONG_TASKS = 28  # 铁东街道's tasks in the bundled plan, all through 各街镇
STREETS = "members: [统一镇, 陆家镇, 双盛街道, 铁东街道, 红旗街道, 建设街道, 辽河街道, 胜利街道]"


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _errors(data: Path) -> list[str]:
    """validate's errors, each without the folder before the file's name."""
    run = cli("validate", "--data", str(data))
    assert run.code == 1
    return [
        line.removeprefix(f"{data}/") for line in run.stdout.splitlines() if ": error: " in line
    ]


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_an_alias_as_a_collective_member_stands_for_its_unit(data_copy: Path) -> None:
    _edit(data_copy / "group.yaml", STREETS, STREETS.replace("铁东街道", "铁东街道办"))
    assert cli("validate", "--data", str(data_copy)).code == 0
    report = cli("unit", "铁东街道", "--json", "--data", str(data_copy)).json()
    assert len(report["tasks"]) == TIEDONG_TASKS
    assert report["collectives"] == ["各街镇"]
    rows = cli("units", "--json", "--data", str(data_copy)).json()["units"]
    assert next(r["via"] for r in rows if r["unit"] == "铁东街道") == TIEDONG_TASKS


@pytest.mark.parametrize(
    ("old", "new", "second", "col", "first", "message"),
    [
        pytest.param(
            "other_leaders:",
            "  - name: 各街镇\n    members: [统一镇]\nother_leaders:",
            "- name: 各街镇",
            11,
            "- name: 各街镇",
            "'各街镇' is declared twice: it is already collective 各街镇",
            id="a collective twice",
        ),
        pytest.param(
            "aliases: [铁东街道办]",
            "aliases: [铁东街道办, 各街镇]",
            "- name: 各街镇",
            11,
            "aliases: [铁东街道办, 各街镇]",
            "'各街镇' is declared twice: it is already an alias of unit 铁东街道",
            id="an alias and a collective",
        ),
        pytest.param(
            "aliases: [铁东街道办]",
            f"aliases: [Café, {unicodedata.normalize('NFD', 'Café')}]",
            "aliases: [Caf",
            21,
            "aliases: [Caf",
            "'Café' is declared twice: it is already an alias of unit 铁东街道",
            id="one name in NFC and NFD",
        ),
    ],
)
def test_a_name_declared_twice_is_a_located_error(
    data_copy: Path, old: str, new: str, second: str, col: int, first: str, message: str
) -> None:
    group = data_copy / "group.yaml"
    _edit(group, old, new)
    lines = group.read_text(encoding="utf-8").splitlines()
    at = max(i for i, line in enumerate(lines, 1) if second in line)
    assert _errors(data_copy) == [
        f"group.yaml:{at}:{col}: error: {message} (line {_line_of(group, first)})"
    ]


def test_a_roster_unit_written_as_an_alias_has_its_head(data_copy: Path) -> None:
    _edit(data_copy / "group.yaml", "unit: 铁东街道\n", "unit: 铁东街道办\n")
    run = cli("validate", "--data", str(data_copy))
    assert (run.code, "unit 铁东街道 (" in run.stdout) == (0, False), run.stdout
    head = cli("unit", "铁东街道", "--json", "--data", str(data_copy)).json()["head"]
    assert head["name"] == "李洋"


def test_names_in_nfd_match_names_in_nfc(data_copy: Path) -> None:
    composed = "Café"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    _edit(data_copy / "group.yaml", "aliases: [铁东街道办]", f"aliases: [铁东街道办, {decomposed}]")
    _edit(data_copy / "tasks.yaml", "lead: [区环保局]", f"lead: [{composed}]")
    assert cli("validate", "--data", str(data_copy)).code == 0
    for typed in (composed, decomposed):
        report = cli("unit", typed, "--json", "--data", str(data_copy)).json()
        assert report["unit"] == "铁东街道"
        assert any(t["role"] == "lead" for t in report["tasks"])


def test_a_bidi_override_in_a_unit_name_is_a_located_error(data_copy: Path) -> None:
    group = data_copy / "group.yaml"
    _edit(group, "  - name: 铁东街道\n", "  - name: 铁东\u202e街道\n")
    run = cli("validate", "--data", str(data_copy))
    assert "\u202e" not in run.stdout + run.stderr
    line = _line_of(group, "\u202e")
    assert _errors(data_copy) == [
        f"group.yaml:{line}:11: error: units[28].name: '铁东\\u202e街道' "
        "contains U+202E RIGHT-TO-LEFT OVERRIDE, which cannot be seen: remove it"
    ]


def test_invisible_characters_in_names_are_located_errors(data_copy: Path) -> None:
    tasks = data_copy / "tasks.yaml"
    for char, name in [
        ("\u200b", "ZERO WIDTH SPACE"),
        ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
        ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
        ("\u061c", "ARABIC LETTER MARK"),
    ]:
        original = tasks.read_text(encoding="utf-8")
        _edit(tasks, "leaders: [祝美娟]", f"leaders: [祝美{char}娟]")
        run = cli("validate", "--data", str(data_copy))
        line = _line_of(tasks, char)
        assert run.code == 1
        assert f"tasks.yaml:{line}:" in run.stdout
        assert f"contains U+{ord(char):04X} {name}, which cannot be seen" in run.stdout
        tasks.write_text(original, encoding="utf-8")


def test_a_compatibility_ideograph_in_a_name_is_an_error(data_copy: Path) -> None:
    # U+F9F4 is a compatibility copy of 林 (U+6797); NFC would silently turn one into the other
    _edit(data_copy / "group.yaml", "- name: 曹书华", "- name: 曹书华\uf9f4")
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 1
    assert (
        "contains U+F9F4 CJK COMPATIBILITY IDEOGRAPH-F9F4, a look-alike of 林 (U+6797): "
        "write that instead" in run.stdout
    )


def test_full_width_punctuation_is_not_a_look_alike(data_copy: Path) -> None:
    _edit(data_copy / "group.yaml", "- name: 曹书华", "- name: 曹书华（２）")
    _edit(data_copy / "tasks.yaml", "曹书华", "曹书华（２）", -1)
    assert cli("validate", "--data", str(data_copy)).code == 0
