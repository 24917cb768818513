"""Text is text: data and arguments are printed without markup interpretation, and nothing
invisible reaches the terminal as it is (text.py)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest

from ecotask.text import canonical, hidden, lookalike, name_problem, visible

from .conftest import cli

CATEGORY = "科学构建生态空间格局"  # the first category: tasks 1 to 3, led by 祝美娟 among others
MARKUP = "科学[/]构建[link=https://example.com]生态[/link]空间[bold]格局"


def _replace(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def markup_data(data_copy: Path) -> Path:
    _replace(data_copy / "tasks.yaml", CATEGORY, MARKUP)
    return data_copy


@pytest.mark.parametrize(
    "args",
    [
        ["leader", "祝美娟"],
        ["list"],
        ["list", "--category", "科学"],
        ["show", "1"],
        ["leaders"],
        ["due", "--month", "8"],
    ],
)
def test_markup_in_a_category_is_printed_literally(markup_data: Path, args: list[str]) -> None:
    colour = {"NO_COLOR": None, "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    run = cli(*args, "--data", str(markup_data), env=colour)
    assert (run.code, run.stderr) == (0, "")
    assert "\x1b]8;" not in run.stdout  # an OSC 8 hyperlink
    if args[0] != "leaders" and args[0] != "due":
        plain = cli(*args, "--data", str(markup_data)).stdout
        assert "科学[/]构建[link=https://example.com]生态[/link]" in "".join(plain.split())


def test_the_leader_report_lists_a_markup_category_with_its_count(markup_data: Path) -> None:
    run = cli("leader", "祝美娟", "--data", str(markup_data))
    assert run.code == 0
    line = next(line for line in run.stdout.splitlines() if "[/]" in line)
    assert line.split() == [MARKUP, "2", "项"]


def test_markup_in_an_argument_is_printed_literally() -> None:
    run = cli("unit", "[bold]x[/]")
    assert run.code == 1
    assert run.stderr == "ecotask: error: no unit '[bold]x[/]'\n"


def test_a_bidi_override_in_a_step_is_a_located_warning_and_shown_visibly(
    data_copy: Path,
) -> None:
    tasks = data_copy / "tasks.yaml"
    _replace(tasks, "配合市环保局完成", "配合\u202e市环保局完成", 1)
    line = next(
        i
        for i, text in enumerate(tasks.read_text(encoding="utf-8").splitlines(), 1)
        if "\u202e" in text
    )
    run = cli("validate", "--data", str(data_copy))
    assert run.code == 0
    assert (
        f"tasks.yaml:{line}:15: warning: milestone 1.1 contains U+202E RIGHT-TO-LEFT OVERRIDE, "
        "which cannot be seen; it is shown as <U+202E>" in run.stdout
    )
    shown_as = "配合<U+202E>市环保局"
    for args, expected in (
        (["show", "1"], shown_as),
        (["due", "--month", "8"], shown_as),
        (["remind", "--as-of", "2017-08-01", "--within", "40"], shown_as),
        (["report", "--month", "8"], "配合\\<U+202E\\>市环保局"),  # Markdown, escaped
        (["report", "--month", "8", "--format", "html"], "配合&lt;U+202E&gt;市环保局"),
    ):
        shown = cli(*args, "--data", str(data_copy))
        assert shown.code == 0, args
        assert "\u202e" not in shown.stdout, args
        assert expected in "".join(shown.stdout.split()), args


def test_an_argument_with_invisible_characters_is_shown_visibly() -> None:
    run = cli("unit", "铁东\u202e街道\x1b[2J")
    assert run.code == 1
    assert "\u202e" not in run.stderr and "\x1b" not in run.stderr


def test_visible_shows_each_control_or_invisible_character_by_its_code_point() -> None:
    assert visible("a\u202eb\u200bc\ufeffd\x1b[2J\x85") == (
        "a<U+202E>b<U+200B>c<U+FEFF>d<U+001B>[2J<U+0085>"
    )
    assert visible("两行\n\t缩进") == "两行\n\t缩进"
    assert visible("科学[/]构建") == "科学[/]构建"


def test_every_control_and_format_character_is_hidden() -> None:
    """The character classes are spelt out (a scan of Unicode at start-up would cost time):
    this checks them against the Unicode database Python ships."""
    missed = [
        f"U+{c:04X}"
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf")
        and chr(c) not in "\t\n"
        and not visible(chr(c)).startswith("<U+")
    ]
    assert missed == []
    assert hidden("铁东街道") is None
    assert hidden("铁东\u2060街道") == "\u2060"


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("铁东\u200d街道", "contains U+200D ZERO WIDTH JOINER, which cannot be seen: remove it"),
        ("\u2f00把手", "contains U+2F00 KANGXI RADICAL ONE, a look-alike of 一 (U+4E00)"),
        ("区\uf9f4业局", "contains U+F9F4 CJK COMPATIBILITY IDEOGRAPH-F9F4, a look-alike of 林"),
        ("ﬁ", "contains U+FB01 LATIN SMALL LIGATURE FI, a look-alike of fi (U+0066 U+0069)"),
    ],
)
def test_a_name_must_not_hide_or_imitate_characters(name: str, problem: str) -> None:
    found = name_problem(name)
    assert found is not None and found.startswith(problem)


def test_full_width_punctuation_and_digits_are_ordinary_in_names() -> None:
    assert name_problem("区委（区政府）办公室，２０１７") is None
    assert lookalike("区委（区政府）") is None


def test_names_compare_in_nfc() -> None:
    assert canonical(unicodedata.normalize("NFD", "Café")) == "Café"
    assert canonical("区环保局") == "区环保局"
