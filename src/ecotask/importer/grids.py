"""Finding the task table in a .docx or .xlsx file and reading its rows as text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .. import cells
from ..errors import DataError, EcotaskError, Finding, UsageError
from ..i18n import _
from . import limits
from .headers import BY_KEY, CONTENT, REQUIRED, Header, find_header, header_like, normalise

READERS = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}
OLD_FORMATS = {".doc": ".docx", ".xls": ".xlsx", ".wps": ".docx", ".et": ".xlsx"}

EXPECTED = "序号, 任务名称, 任务分解, 完成时限, 牵头单位, 责任单位, 分管领导"
PLACEHOLDER = "待补充"


@dataclass
class Grid:
    """One table as rows of cell texts (a merged cell's text at each position it covers), with
    the paragraphs before it (a Word table) or the sheet's name (a workbook)."""

    kind: str
    rows: list[list[str]]
    before: list[str] = field(default_factory=list)


@dataclass
class RawTask:
    id: int
    category: str | None
    name: str
    breakdown: list[str]
    deadline: str
    lead: list[str]
    responsible: list[str]
    leaders: list[str]


# -- reading the file ---------------------------------------------------------------------------


def check_extension(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    if suffix in OLD_FORMATS:
        raise UsageError(
            _("{path}: {suffix} files are not read: save it as {format} and import that").format(
                path=path, suffix=suffix, format=OLD_FORMATS[suffix]
            )
        )
    raise UsageError(
        _("{path}: expected a .docx or .xlsx file, not {suffix}").format(
            path=path, suffix=suffix or _("no extension")
        )
    )


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _text(value: Any) -> str:
    """A cell's text: line breaks as \\n, a tab as a space, other control characters gone."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value.year}年{value.month}月"  # a deadline typed as a date
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", str(value)).replace("\t", " ")
    return _CONTROL.sub("", text)


def _docx_grids(path: Path) -> tuple[list[Grid], list[str]]:
    import docx
    from docx.table import Table, _Cell

    document = docx.Document(str(path))
    grids: list[Grid] = []
    before: list[str] = []
    paragraphs: list[str] = []  # the body's own, as document.paragraphs, each read once
    spanned = 0  # cells over every table: a span of two billion is a few bytes of XML
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            # Row by row, as python-docx's row.cells, but a vertical merge that continues
            # from above the table (a table cut in two by hand) reads as blank, not an error.
            rows: list[list[str]] = []
            for row in block.rows:
                spanned += row.grid_cols_before + row.grid_cols_after
                spanned += sum(tc.grid_span for tc in row._tr.tc_lst)
                if spanned > limits.MAX_CELLS:  # before [text] * span fills them
                    spans = _("its tables span {count} cells").format(count=f"{spanned:,}")
                    raise limits.too_many_cells(path, spans)
                texts = [""] * row.grid_cols_before
                above = rows[-1] if rows else []
                for tc in row._tr.tc_lst:
                    if tc.vMerge == "continue":
                        text = above[len(texts)] if len(texts) < len(above) else ""
                    else:
                        text = _text(_Cell(tc, block).text)
                    texts.extend([text] * tc.grid_span)
                rows.append(texts + [""] * row.grid_cols_after)
            grids.append(Grid("docx", rows, list(before)))
            before = []
        else:
            paragraphs.append(text := block.text)
            if text.strip():
                before.append(text)
    return grids, paragraphs


def _xlsx_grids(path: Path) -> tuple[list[Grid], list[str]]:
    book = limits.load_workbook(path)
    grids = []
    for sheet in book.worksheets:
        rows = [
            [_text(v) for v in row]
            for row in sheet.iter_rows(
                min_row=1,
                min_col=1,
                max_row=sheet.max_row,
                max_col=sheet.max_column,
                values_only=True,
            )
        ]
        for merged in sheet.merged_cells.ranges:  # only the top-left cell holds the value
            top = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    rows[r - 1][c - 1] = top
        grids.append(Grid("xlsx", rows, [sheet.title]))
    return grids, []


def read_grids(path: Path) -> tuple[list[Grid], list[str]]:
    """Every table of the file, and the document's paragraphs (for the issuer's line)."""
    kind = check_extension(path)
    if not path.is_file():
        what = _("is a folder, not a file") if path.is_dir() else _("no such file")
        raise DataError([Finding(str(path), None, None, "error", what)])
    try:
        limits.check_archive(path)
        return _docx_grids(path) if kind == "docx" else _xlsx_grids(path)
    except EcotaskError:
        raise
    except (OSError, MemoryError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise EcotaskError(
            _("{path}: cannot read the file: {reason}").format(path=path, reason=reason)
        ) from None
    except Exception as exc:  # a damaged or mislabelled file: each library raises its own
        what = _("a Word document (.docx)") if kind == "docx" else _("an Excel workbook (.xlsx)")
        raise EcotaskError(
            _("{path}: cannot read it as {what} ({error})").format(
                path=path, what=what, error=type(exc).__name__
            )
        ) from None


# -- finding the table -------------------------------------------------------------------------


@dataclass
class Table:
    """A grid holding the task table, and its header (end -1: a continuation without one)."""

    grid: Grid
    header: Header


def find_table(grids: list[Grid], shown: str, placed: dict[str, str] | None = None) -> list[Table]:
    """Each table with the header; a table that continues under a repeated header, or without
    one (a Word table cut in two at a page), is read on."""
    placed = placed or {}
    found: list[Table] = []
    for grid in grids:
        if (header := find_header(grid.rows, placed)) is not None:
            if not found or header.columns == found[0].header.columns:
                found.append(Table(grid, header))
        elif (
            found
            and grid.kind == found[0].grid.kind == "docx"
            and grid.rows
            and len(grid.rows[0]) == len(found[0].header.texts)
        ):
            first = found[0].header
            found.append(Table(grid, Header(-1, -1, first.texts, first.columns)))
    if not found:
        headers = [" | ".join(t.strip() for t in g.rows[0] if t.strip()) for g in grids if g.rows]
        rows = "; ".join(h for h in headers[:3] if h)
        seen = _(" (first rows seen: {rows})").format(rows=rows) if headers else ""
        raise EcotaskError(
            _(
                "{path}: no table with the columns {columns} (or their synonyms) found{seen}; "
                "a header of other names can be placed with --column ROLE=HEADER"
            ).format(path=shown, columns=EXPECTED, seen=seen or _(" (it holds no table)"))
        )
    header = found[0].header
    seen_texts = {normalise(t) for t in header.texts}
    for text, key in placed.items():
        if text not in seen_texts:
            columns = " | ".join(dict.fromkeys(t.strip() for t in header.texts if t.strip()))
            raise UsageError(
                _(
                    "--column {option}: the table's header has no column {text} "
                    "(its columns: {columns})"
                ).format(option=f"{key}={text}", text=text, columns=columns)
            )
    missing = [BY_KEY[k].label for k in REQUIRED if k not in header.columns]
    if not any(k in header.columns for k in CONTENT):
        missing.insert(0, _("任务名称 or 任务分解"))
    if missing:
        unplaced = ", ".join(header.unplaced)
        unplaced = _("; could not place: {columns}").format(columns=unplaced) if unplaced else ""
        raise EcotaskError(
            _(
                "{path}: the table has no {missing} column: found {found}{unplaced}; "
                "place one with --column ROLE=HEADER (e.g. lead=主办科室)"
            ).format(
                path=shown, missing=", ".join(missing), found=header.mapping(), unplaced=unplaced
            )
        )
    return found


# -- reading the rows --------------------------------------------------------------------------

_ID = re.compile(r"[（(]?(\d{1,4})[)）.、．]?")
_CN_NUMBER = re.compile(r"[（(]?[一二三四五六七八九十]+[)）]?[、.．]?")
_CATEGORY_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+|\d+)[、.．]\s*|^[（(][一二三四五六七八九十\d]+[)）]\s*"
)


def _cell(row: list[str], columns: dict[str, list[int]], key: str, last: bool = False) -> str:
    if key not in columns:
        return ""
    index = columns[key][-1 if last else 0]
    return row[index] if index < len(row) else ""


def _joined(row: list[str], columns: dict[str, list[int]], key: str) -> str:
    """The texts of every column of a role (two 责任单位 columns), each once."""
    texts = [row[i] for i in columns.get(key, []) if i < len(row) and row[i].strip()]
    return "\n".join(dict.fromkeys(texts))


def _heading(row: list[str], columns: dict[str, list[int]]) -> str | None:
    """A category heading's own row: one text (perhaps merged across) left of the content, or
    a Chinese number in 序号 beside the heading (一 | 科学构建生态空间格局)."""
    texts = [t.strip() for t in row]
    distinct = list(dict.fromkeys(t for t in texts if t))
    names = columns.get("name") or columns.get("breakdown", [0])
    left = max([*columns.get("id", [0]), *columns.get("category", [0]), *names])
    if len(distinct) == 1 and texts.index(distinct[0]) <= left:
        return distinct[0]
    id_text = re.sub(r"\s+", "", _cell(row, columns, "id"))
    if len(distinct) == 2 and id_text and _CN_NUMBER.fullmatch(id_text):
        return next(t for t in distinct if t != id_text)
    return None


def table_rows(tables: list[Table], warnings: list[str]) -> list[RawTask]:
    tasks: list[RawTask] = []
    first = tables[0]
    above = first.grid.rows[: max(first.header.start, 0)]
    titles = {t.strip() for row in above for t in row if t.strip()}
    for table in tables:
        columns = table.header.columns
        names = columns.get("name") or columns["breakdown"]
        category_col = columns.get("category", [names[0]] if len(names) > 1 else None)
        width = max(max(c) for c in columns.values()) + 1
        for row in table.grid.rows[table.header.end + 1 :]:
            row = [*row, *[""] * (width - len(row))]
            texts = {t.strip() for t in row if t.strip()}
            if not texts or header_like(row, {}) or texts <= titles:
                continue  # blank, or a header or title repeated on a new page
            id_text = re.sub(r"\s+", "", _cell(row, columns, "id"))
            m = _ID.fullmatch(id_text)
            number = int(m[1]) if m else None
            if number is None and (heading := _heading(row, columns)) is not None:
                text = _CATEGORY_NUMBER.sub("", cells.clean_name(heading))
                tasks.append(RawTask(0, text, "", [], "", [], [], []))
                continue
            name = _cell(row, columns, "name", last=True)
            # one content column: the task's name is read from it (build.py), its steps too
            breakdown = _joined(row, columns, "breakdown") if "breakdown" in columns else name
            category = row[category_col[0]] if category_col else ""
            if category_col and category.strip() == name.strip():
                category = ""  # the name spans both columns
            previous = next((t for t in reversed(tasks) if t.id), None)
            new_name = name.strip() and previous is not None and name != previous.name
            carries_on = number is None and not new_name
            if previous is not None and (number == previous.id or carries_on):
                _continue(previous, row, columns, breakdown)
                continue
            if number is None:
                number = (previous.id if previous else 0) + 1
                warnings.append(
                    _("task {task}: its row has no 序号: numbered {task}").format(task=number)
                )
            tasks.append(
                RawTask(
                    number,
                    cells.clean_name(category) if category.strip() else None,
                    name,
                    [breakdown] if breakdown.strip() else [],
                    _cell(row, columns, "deadline"),
                    [_joined(row, columns, "lead")],
                    [_joined(row, columns, "responsible")],
                    [_joined(row, columns, "leaders")],
                )
            )
    return tasks


def _continue(task: RawTask, row: list[str], columns: dict[str, list[int]], breakdown: str) -> None:
    """A row that carries on the task above (its 序号 merged down, or blank)."""
    if breakdown.strip() and (not task.breakdown or breakdown != task.breakdown[-1]):
        task.breakdown.append(breakdown)
    for key, cells_ in (
        ("lead", task.lead),
        ("responsible", task.responsible),
        ("leaders", task.leaders),
    ):
        text = _joined(row, columns, key)
        if text.strip() and text not in cells_:
            cells_.append(text)
