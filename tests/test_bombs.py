"""Imports have limits: a hostile .docx or .xlsx is refused from its zip directory, or as its
cells are counted, with a message that names the limit; merged ranges are clipped to the cells
a sheet uses. The bombs are built here, streamed, so that building them stays quick."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from ecotask.importer import grids, limits

from .conftest import cli

HEADER = ["序号", "任务名称", "任务分解", "完成时限", "牵头单位", "责任单位", "分管领导"]
ROW = ["1", "划定耕地红线", "8月底前完成划定。", "2017年11月", "区国土分局", "区农经局", "田佳"]


def run_import(path: Path, tmp_path: Path):
    return cli("import", str(path), "--dry-run", "-o", str(tmp_path / "out"))


def zip_with(path: Path, name: str, size: int, chunk: bytes, method: int) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(name, "w", force_zip64=True) as part:
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return path


def test_a_part_that_unpacks_a_thousandfold_is_refused_unread(tmp_path):
    bomb = zip_with(
        tmp_path / "bomb.docx", "word/document.xml", 64 * limits.MiB, b" " * limits.MiB,
        zipfile.ZIP_DEFLATED,
    )  # fmt: skip
    result = run_import(bomb, tmp_path)
    assert result.code == 1
    assert result.stderr.startswith(
        f"ecotask: error: {bomb}: refused: word/document.xml would unpack to 64 MiB from "
    )
    assert result.stderr.endswith(": an import reads parts compressed at most 100:1\n")


def test_more_xml_than_an_import_parses_is_refused(tmp_path):
    chunk = bytes(range(256)) * 4096  # a MiB that does not compress: the ratio is 1:1
    big = zip_with(tmp_path / "big.xlsx", "xl/worksheets/sheet1.xml", 17 * limits.MiB, chunk, 0)
    result = run_import(big, tmp_path)
    assert (result.code, result.stderr) == (
        1,
        f"ecotask: error: {big}: refused: its XML would unpack to 17 MiB: an import reads at "
        "most 16 MiB\n",
    )


def test_an_archive_of_too_many_parts_is_refused(tmp_path):
    many = tmp_path / "many.docx"
    with zipfile.ZipFile(many, "w") as archive:
        for i in range(limits.MAX_PARTS + 1):
            archive.writestr(f"p{i}", b"")
    result = run_import(many, tmp_path)
    assert result.stderr == (
        f"ecotask: error: {many}: refused: it holds 10,001 parts: an import reads at most 10,000\n"
    )


def workbook(tmp_path: Path, merge: str | None = None, far: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(ROW)
    if merge:  # added as a range only: openpyxl's merge_cells would fill it here
        sheet.merged_cells.add(merge)
    if far:
        sheet[far] = "x"
    path = tmp_path / "table.xlsx"
    book.save(path)
    return path


def test_a_merge_beyond_the_cells_is_clipped_to_them(tmp_path):
    result = run_import(workbook(tmp_path, merge="A5:XFD1048576"), tmp_path)
    assert (result.code, result.stderr.splitlines()[-1]) == (
        0,
        "dry run: 1 tasks, 1 milestones, 0 targets proposed; nothing written",
    )


def test_a_merge_of_the_whole_sheet_covers_only_its_cells(tmp_path):
    result = run_import(workbook(tmp_path, merge="A1:XFD1048576"), tmp_path)
    assert result.code == 1
    assert "first rows seen: 序号 | 序号 | 序号 | 序号 | 序号 | 序号 | 序号)" in result.stderr


def test_a_sheet_whose_cells_span_the_whole_grid_is_refused(tmp_path):
    path = workbook(tmp_path, far="XFD1048576")
    result = run_import(path, tmp_path)
    assert (result.code, result.stderr) == (
        1,
        f"ecotask: error: {path}: refused: sheet Sheet spans 1,048,576 rows × 16,384 columns: "
        "an import reads tables of at most 500,000 cells\n",
    )


def test_the_cells_of_every_sheet_count_together(tmp_path):
    path = workbook(tmp_path, far="G40000")  # 7 columns × 40,000 rows: 280,000 cells
    assert run_import(path, tmp_path).code == 0
    book = openpyxl.load_workbook(path)
    book.copy_worksheet(book.worksheets[0]).title = "Copy"
    book.save(path)
    result = run_import(path, tmp_path)
    assert result.stderr == (
        f"ecotask: error: {path}: refused: sheet Copy spans 40,000 rows × 7 columns: "
        "an import reads tables of at most 500,000 cells\n"
    )


def test_a_word_cell_spanning_two_billion_columns_is_refused(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=2, cols=len(HEADER))
    for r, texts in enumerate([HEADER, ROW]):
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
    table.rows[1].cells[6]._tc.grid_span = 2_000_000_000
    path = tmp_path / "table.docx"
    document.save(str(path))
    result = run_import(path, tmp_path)
    assert result.stderr == (
        f"ecotask: error: {path}: refused: its tables span 2,000,000,013 cells: an import "
        "reads tables of at most 500,000 cells\n"
    )


def test_a_failure_without_words_is_named_by_its_type(tmp_path, monkeypatch):
    path = workbook(tmp_path)

    def exhausted(_: Path) -> None:
        raise MemoryError

    monkeypatch.setattr(grids, "_xlsx_grids", exhausted)
    with pytest.raises(Exception, match=r"cannot read the file: MemoryError$"):
        grids.read_grids(path)


def test_the_limits_are_those_import_help_states():
    shown = " ".join(cli("import", "--help").stdout.split())
    assert " ".join(limits.LIMITS_HELP.split()) in shown
