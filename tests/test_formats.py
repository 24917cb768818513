"""-o FILE names the format when --format is absent, and a --format it contradicts is refused:
for export and report alike."""

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from .conftest import cli


def test_report_to_an_xlsx_file_is_a_workbook(tmp_path: Path):
    out = tmp_path / "r6.xlsx"
    run = cli("report", "--month", "6", "-o", str(out), "--as-of", "2017-07-01")
    assert run.code == 0, run.stderr
    assert zipfile.is_zipfile(out)
    assert openpyxl.load_workbook(out).sheetnames  # a workbook, not Markdown in disguise


@pytest.mark.parametrize(
    ("name", "starts"),
    [("r6.html", "<!DOCTYPE html>"), ("r6.md", "# "), ("r6.txt", "# ")],  # .txt: the default
)
def test_report_text_formats_follow_the_extension(tmp_path: Path, name: str, starts: str):
    out = tmp_path / name
    assert cli("report", "--month", "6", "-o", str(out)).code == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith(starts)


def test_export_json_by_extension(tmp_path: Path):
    out = tmp_path / "plan.JSON"
    assert cli("export", "-o", str(out), "--as-of", "2017-07-01").code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["as_of"] == "2017-07-01"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["report", "--month", "6", "--format", "md", "-o", "{tmp}/r.xlsx"],
            "'md' does not match -o FILE's extension .xlsx: give one or the other, "
            "or a file ending in .md",
        ),
        (
            ["report", "--month", "6", "-f", "docx", "-o", "{tmp}/r.html"],
            "'docx' does not match -o FILE's extension .html",
        ),
        (
            ["export", "--format", "csv", "-o", "{tmp}/plan.xlsx"],
            "'csv' does not match -o FILE's extension .xlsx",
        ),
    ],
)
def test_a_format_the_file_name_contradicts_is_a_usage_error(tmp_path, args, message):
    run = cli(*(arg.format(tmp=tmp_path) for arg in args))
    assert run.code == 2
    assert run.stdout == ""
    assert message in run.stderr
    assert run.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_an_agreeing_format_and_extension_are_fine(tmp_path: Path):
    out = tmp_path / "plan.CSV"
    assert cli("export", "--format", "csv", "-o", str(out)).code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
