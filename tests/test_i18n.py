"""The interface in the reader's language: Chinese for a zh* locale, English otherwise,
ECOTASK_LANG over both; every message translated; JSON, exit codes and codes unchanged."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli

sys.path.insert(0, str(ROOT / "tools"))
import messages  # tools/messages.py: what `make messages` extracts

NO_LOCALE = {"ECOTASK_LANG": None, "LANGUAGE": None, "LC_ALL": None, "LC_MESSAGES": None}
ZH = {**NO_LOCALE, "LANG": "zh_CN.UTF-8"}
EN = {**NO_LOCALE, "LANG": "en_US.UTF-8"}
HAN = re.compile(r"[\u4e00-\u9fff]")


def chinese(text: str) -> bool:
    """Mostly Chinese: the data's own names are Chinese in both languages, so count words."""
    latin = len(re.findall(r"\b[a-z]{3,}\b", re.sub(r"--?[\w-]+|ecotask|\S+\.yaml", "", text)))
    return len(HAN.findall(text)) > 2 * latin


@pytest.fixture(scope="module")
def catalogue():
    from babel.messages.pofile import read_po

    (po,) = messages.CATALOGUES
    with po.open("rb") as file:
        return read_po(file)


@pytest.fixture(scope="module")
def source():
    return messages.template()


def test_every_message_is_translated(source, catalogue):
    missing = [
        m.id
        for m in source
        if m.id and (m.id not in catalogue or not catalogue[m.id].string or catalogue[m.id].fuzzy)
    ]
    assert not missing, "untranslated (run make messages, then translate the .po): " + "; ".join(
        repr(m[:60]) for m in missing
    )


def test_translations_keep_the_placeholders(catalogue):
    fields = re.compile(r"\{[^{}]*\}")
    wrong = [
        m.id
        for m in catalogue
        if m.id and m.string and sorted(fields.findall(m.id)) != sorted(fields.findall(m.string))
    ]
    assert not wrong


def test_the_compiled_catalogue_is_current(catalogue):
    """The .mo gettext reads holds what the .po says (make recompiles it when the .po changes)."""
    from gettext import GNUTranslations

    mo = messages.CATALOGUES[0].with_suffix(".mo")
    with mo.open("rb") as file:
        compiled = GNUTranslations(file)
    assert all(compiled.gettext(m.id) == m.string for m in catalogue if m.id and m.string)


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({**NO_LOCALE, "LANG": "zh_CN.UTF-8"}, "zh"),
        ({**NO_LOCALE, "LANG": "en_US.UTF-8"}, "en"),
        ({**NO_LOCALE, "LANG": "C"}, "en"),
        ({**NO_LOCALE, "LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh"),
        ({**NO_LOCALE, "LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({**NO_LOCALE, "LC_ALL": "en_GB.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
        ({**NO_LOCALE, "LANG": "zh_CN.UTF-8", "ECOTASK_LANG": "en"}, "en"),
        ({**NO_LOCALE, "LANG": "en_US.UTF-8", "ECOTASK_LANG": "zh"}, "zh"),
        (NO_LOCALE, "en"),
    ],
)
def test_the_language_follows_the_locale_in_gettexts_order(monkeypatch, env, expected):
    from ecotask import i18n

    for name, value in env.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert i18n.language() == expected


def test_root_help_in_chinese_and_english():
    zh, en = cli("--help", env=ZH), cli("--help", env=EN)
    assert zh.code == en.code == 0
    assert "用法: ecotask [OPTIONS] COMMAND [ARGS]..." in zh.stdout
    assert "Usage: ecotask" in en.stdout
    for title in ("选项", "命令"):
        assert f"─ {title} ─" in zh.stdout
    assert "─ Options ─" in en.stdout and "─ Commands ─" in en.stdout
    assert "显示本帮助并退出。" in zh.stdout and "Show this message and exit." in en.stdout
    assert "查询、检查任务分解表" in zh.stdout
    assert chinese(zh.stdout) and not chinese(en.stdout)


def test_command_help_in_chinese():
    result = cli("due", "--help", env=ZH)
    assert result.code == 0
    assert "[必填]" in result.stdout and "[默认: 100]" in result.stdout
    assert "列出某月到期的时间节点" in result.stdout
    assert "示例：ecotask due --month 6" in result.stdout
    assert chinese(result.stdout)
    english = cli("due", "--help", env=EN)
    assert "[required]" in english.stdout and "[default: 100]" in english.stdout


def test_every_commands_help_is_chinese():
    from typer.main import get_command

    from ecotask.cli import app

    for name in get_command(app).commands:
        result = cli(name, "--help", env=ZH)
        assert result.code == 0 and chinese(result.stdout), name


@pytest.mark.parametrize(
    ("args", "zh", "en"),
    [
        (
            ["due", "--bogus"],
            "ecotask due: 错误: 没有 --bogus 选项（参见 'ecotask due --help'）",
            "ecotask due: error: No such option: --bogus (see 'ecotask due --help')",
        ),
        (
            ["show"],
            "ecotask show: 错误: 缺少参数 'N'。（参见 'ecotask show --help'）",
            "ecotask show: error: Missing argument 'N'. (see 'ecotask show --help')",
        ),
        (
            ["due", "--limit", "x"],
            "ecotask due: 错误: '--limit' 的值无效：'x' 不是整数。（参见 'ecotask due --help'）",
            "ecotask due: error: Invalid value for '--limit': 'x' is not a valid int range. "
            "(see 'ecotask due --help')",
        ),
        (
            ["bogus"],
            "ecotask: 错误: 没有 'bogus' 命令。（参见 'ecotask --help'）",
            "ecotask: error: No such command 'bogus'. (see 'ecotask --help')",
        ),
    ],
)
def test_usage_errors_in_both_languages(args, zh, en):
    chinese_run, english_run = cli(*args, env=ZH), cli(*args, env=EN)
    assert chinese_run.code == english_run.code == 2
    assert chinese_run.stderr.strip() == zh
    assert english_run.stderr.strip() == en


def test_ecotask_lang_overrides_the_locale():
    assert "用法:" in cli("--help", env={**EN, "ECOTASK_LANG": "zh"}).stdout
    assert "Usage:" in cli("--help", env={**ZH, "ECOTASK_LANG": "en"}).stdout


def test_the_entry_point_follows_lang(tmp_path: Path):
    """The console script, as a user runs it: the language comes from the environment."""
    env = {"PATH": str(Path(sys.executable).parent), "LANG": "zh_CN.UTF-8", "COLUMNS": "100"}
    done = subprocess.run(
        [sys.executable, "-m", "ecotask", "show", "x"], capture_output=True, env=env, cwd=tmp_path
    )
    assert done.returncode == 2
    assert "错误" in done.stderr.decode() and "error" not in done.stderr.decode()


def _unknown_unit(data_copy: Path) -> Path:
    tasks = data_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace("区环保局", "区环保厅", 1), "utf-8")
    return data_copy


def test_validate_findings_in_both_languages(data_copy):
    folder = _unknown_unit(data_copy)
    zh = cli("validate", "--data", str(folder), env=ZH)
    en = cli("validate", "--data", str(folder), env=EN)
    assert zh.code == en.code == 1
    where = f"{folder / 'tasks.yaml'}:20:12"
    assert (
        f"{where}: 错误: 任务 1：单位 '区环保厅' 未在 group.yaml 中列明（是否指 区环保局？）"
        in zh.stdout.splitlines()
    )
    assert (
        f"{where}: error: task 1: unit '区环保厅' is not declared in group.yaml "
        "(did you mean 区环保局?)" in en.stdout.splitlines()
    )
    assert zh.stdout.splitlines()[-1].startswith("未通过：1 个错误，")
    assert en.stdout.splitlines()[-1].startswith("invalid: 1 error(s), ")


def test_json_keys_codes_and_severities_stay_english(data_copy):
    """Only the messages change language: the document's keys, codes and severities, and the
    github format's commands, are the same in both."""
    folder = _unknown_unit(data_copy)
    zh = cli("validate", "--data", str(folder), "--format", "json", env=ZH).json()
    en = cli("validate", "--data", str(folder), "--format", "json", env=EN).json()
    assert zh.keys() == en.keys()
    strip = [{k: v for k, v in f.items() if k != "message"} for f in zh["findings"]]
    assert strip == [{k: v for k, v in f.items() if k != "message"} for f in en["findings"]]
    assert zh["findings"][0]["message"] != en["findings"][0]["message"]
    github = cli("validate", "--data", str(folder), "--format", "github", env=ZH).stdout
    assert github.startswith("::error file=") and ",title=unknown-unit::任务 1：" in github


def test_errors_of_the_library_in_chinese(data_copy):
    result = cli("done", "9.7", "--data", str(data_copy), env=ZH)
    assert result.code == 1
    assert result.stderr == "ecotask: 错误: 未找到时间节点 9.7（任务 9 共有 4 个时间节点）\n"
    english = cli("done", "9.7", "--data", str(data_copy), env=EN)
    assert english.stderr == "ecotask: error: no milestone 9.7: task 9 has 4 milestones\n"


def test_answers_in_chinese(data_copy):
    assert cli("overdue", "--as-of", "2017-01-01", env=ZH).stdout == (
        "截至 2017-01-01 没有逾期的时间节点。\n"
    )
    done = cli("done", "9.1", "--on", "2017-03-01", "--data", str(data_copy), env=ZH)
    assert done.stdout.startswith("9.1 于 2017-03-01 完成（逾期），应于 2017-01-31 完成：已记入 ")


def test_a_usage_error_of_ours_in_chinese():
    result = cli("due", "--month", "13", env=ZH)
    assert result.code == 2
    assert result.stderr == "ecotask: 错误: 13 月不存在：请写 1 至 12 月\n"


def test_import_speaks_chinese(tmp_path):
    from tests.test_import import TASKS, plan_cells, write_docx

    table = write_docx(tmp_path / "任务分解表.docx", [plan_cells(t) for t in TASKS["tasks"]])
    out = tmp_path / "out"
    result = cli("import", str(table), "-o", str(out), "--dry-run", env=ZH)
    assert result.code == 0
    assert "试运行：拟导入任务 35 项、时间节点 81 个、指标" in result.stderr
    assert "未写入任何内容" in result.stderr and "dry run" not in result.stderr
    assert chinese(result.stderr)
    english = cli("import", str(table), "-o", str(out), "--dry-run", env=EN)
    assert "dry run: 35 tasks, 81 milestones" in english.stderr


def test_schema_findings_in_chinese(data_copy):
    (data_copy / "progress.yaml").write_text(
        'events:\n  - event: finished\n    milestone: "2.1"\n    date: 2017-06-01\n', "utf-8"
    )
    result = cli("validate", "--data", str(data_copy), env=ZH)
    assert result.code == 1
    assert result.stdout.splitlines()[0] == (
        f"{data_copy / 'progress.yaml'}:2:5: 错误: events[0]: 'event' 的值 'finished' 不是 "
        "'done', 'reopen', 'record', 'reanchor', 'note', 'undo', 'accept', 'return', 'extend' 之一"
    )
