"""What an import reads at most, so that a hostile file is refused in seconds, not minutes and
gigabytes: a .docx or .xlsx is a zip archive, and what it unpacks to is checked before any of
it is parsed; a sheet's or a Word table's cells, merged ranges included, are counted as they
are read.

A real 任务分解表 is well under a megabyte of XML and compresses about 10:1.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from ..errors import EcotaskError
from ..i18n import _

MiB = 1024 * 1024
MAX_UNPACKED = 256 * MiB  # the whole archive, pictures included
MAX_XML = 16 * MiB  # the parts that are parsed: a tree takes ten times its text to hold
MAX_RATIO = 100  # for a part of more than a MiB: a text compresses 5-20:1, a bomb 1000:1
MAX_PARTS = 10_000
MAX_CELLS = 500_000  # in one file: the cells read, the area they span, the cells merged

LIMITS_HELP = (
    f"A file that unpacks to more than {MAX_UNPACKED // MiB} MiB ({MAX_XML // MiB} MiB of XML), "
    f"compresses more than {MAX_RATIO}:1, or holds tables of more than {MAX_CELLS:,} cells "
    "is refused."
)


class LimitError(EcotaskError):
    """A file beyond what an import reads."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(_("{path}: refused: {reason}").format(path=path, reason=what))


def check_archive(path: Path) -> None:
    """Refuse an archive beyond the limits, from its directory alone: nothing is unpacked.
    The sizes it declares bind: zipfile stops reading a part at its declared size."""
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        raise LimitError(
            path,
            _("it holds {count} parts: an import reads at most {most}").format(
                count=f"{len(parts):,}", most=f"{MAX_PARTS:,}"
            ),
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > MiB and ratio > MAX_RATIO:
            raise LimitError(
                path,
                _(
                    "{part} would unpack to {size} from {packed} ({ratio}:1): an import reads "
                    "parts compressed at most {most}:1"
                ).format(
                    part=part.filename,
                    size=_mib(part.file_size),
                    packed=_mib(part.compress_size),
                    ratio=f"{ratio:,.0f}",
                    most=MAX_RATIO,
                ),
            )
    total = sum(part.file_size for part in parts)
    if total > MAX_UNPACKED:
        raise LimitError(
            path,
            _("it would unpack to {size}: an import reads at most {most}").format(
                size=_mib(total), most=_mib(MAX_UNPACKED)
            ),
        )
    xml = sum(p.file_size for p in parts if p.filename.endswith((".xml", ".rels")))
    if xml > MAX_XML:
        raise LimitError(
            path,
            _("its XML would unpack to {size}: an import reads at most {most}").format(
                size=_mib(xml), most=_mib(MAX_XML)
            ),
        )


def too_many_cells(path: Path, what: str) -> LimitError:
    most = _("{what}: an import reads tables of at most {most} cells")
    return LimitError(path, most.format(what=what, most=f"{MAX_CELLS:,}"))


def load_workbook(path: Path) -> Any:
    """openpyxl's workbook, each sheet's merged ranges clipped to the area its cells use, and
    refused beyond MAX_CELLS: openpyxl fills every cell a range covers (A1:XFD1048576 is 17
    billion), and the grid read holds every position of the area the cells span. Hyperlinks
    are not read, for the same reason, and an import needs none."""
    import openpyxl
    from openpyxl.reader import excel
    from openpyxl.utils.cell import get_column_letter, range_boundaries
    from openpyxl.worksheet._reader import WorksheetReader
    from openpyxl.worksheet.cell_range import MultiCellRange
    from openpyxl.worksheet.merge import MergedCellRange

    read = spanned = merged_area = 0  # over the whole workbook

    class Clipped(WorksheetReader):
        def bind_cells(self) -> None:
            rows = self.parser.parse

            def counted() -> Any:  # refused as they are read, not after all are held
                nonlocal read
                for number, cells in rows():
                    read += len(cells)
                    if read > MAX_CELLS:
                        held = _("its sheets hold more than {count} cells")
                        raise too_many_cells(path, held.format(count=f"{MAX_CELLS:,}"))
                    yield number, cells

            self.parser.parse = counted  # type: ignore[method-assign]  # a hook, by design
            super().bind_cells()

        def bind_merged_cells(self) -> None:
            nonlocal spanned, merged_area
            used = self.ws._cells
            rows = max((r for r, _ in used), default=0)
            cols = max((c for _, c in used), default=0)
            spanned += rows * cols
            if spanned > MAX_CELLS:
                spans = _("sheet {sheet} spans {rows} rows × {cols} columns").format(
                    sheet=self.ws.title, rows=f"{rows:,}", cols=f"{cols:,}"
                )
                raise too_many_cells(path, spans)
            merged = self.parser.merged_cells
            kept = []
            for cell_range in merged.mergeCell if merged else []:  # as openpyxl's own, clipped
                low_col, low_row, high_col, high_row = range_boundaries(cell_range.ref)
                min_col, min_row = low_col or 1, low_row or 1  # A:A and 1:1 are open-ended
                max_col, max_row = min(high_col or cols, cols), min(high_row or rows, rows)
                if min_col > max_col or min_row > max_row:
                    continue  # wholly outside the cells: covers nothing
                merged_area += (max_col - min_col + 1) * (max_row - min_row + 1)
                if merged_area > MAX_CELLS:
                    merged = _("its merged ranges cover {count} cells")
                    raise too_many_cells(path, merged.format(count=f"{merged_area:,}"))
                first, last = get_column_letter(min_col), get_column_letter(max_col)
                clipped = MergedCellRange(self.ws, f"{first}{min_row}:{last}{max_row}")
                self.ws._clean_merge_range(clipped)  # type: ignore[attr-defined]  # private
                kept.append(clipped)
            self.ws.merged_cells = MultiCellRange(kept)

        def bind_hyperlinks(self) -> None:
            pass

    excel.WorksheetReader = Clipped  # type: ignore[attr-defined]  # read_worksheets looks the name up in its module
    try:
        return openpyxl.load_workbook(str(path), data_only=True)
    finally:
        excel.WorksheetReader = WorksheetReader  # type: ignore[attr-defined]


def _mib(size: int) -> str:
    return f"{size / MiB:,.0f} MiB" if size >= MiB else f"{size / 1024:,.1f} KiB"
