"""Import a task-breakdown table from a Word (.docx) or Excel (.xlsx) file into the data files.

The table is found by its header (序号, 任务名称, 任务分解…, 完成时限, 牵头单位, 责任单位,
分管领导, in any order); its cells are read by the rules of cells.py, the ones the hand
transcription of the bundled data followed. The result is tasks.yaml in data/tasks.yaml's
layout (milestone texts verbatim, repairs noted in comments) and, for a folder without one, a
group.yaml skeleton that declares every unit and leader met. python-docx and openpyxl are
imported only here, and only when a file of theirs is read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from . import cells
from .dates import parse_due
from .errors import DataError, EcotaskError, Finding, UsageError

READERS = {".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx"}
OLD_FORMATS = {".doc": ".docx", ".xls": ".xlsx", ".wps": ".docx", ".et": ".xlsx"}

# Header text (spaces and a parenthesised suffix removed) -> column.
HEADERS = {
    "id": ("序号", "编号"),
    "category": ("类别", "分类", "任务类别"),
    "name": ("任务名称", "任务", "名称"),
    "deadline": ("完成时限", "完成时间", "时限"),
    "lead": ("牵头单位", "牵头部门"),
    "responsible": ("责任单位", "责任部门", "配合单位"),
    "leaders": ("分管领导", "分管区领导", "责任领导"),
}
REQUIRED = {
    "name": "任务名称",
    "breakdown": "任务分解",
    "deadline": "完成时限",
    "lead": "牵头单位",
    "leaders": "分管领导",
}
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


@dataclass
class Imported:
    """What an import writes, and what it has to say about it."""

    tasks_yaml: str
    group_yaml: str | None
    warnings: list[str]
    tasks: int
    milestones: int
    targets: int
    expected: list[tuple[int, str, list[tuple[str, str]]]] = field(default_factory=list)


# -- reading the file ---------------------------------------------------------------------------


def check_extension(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in READERS:
        return READERS[suffix]
    if suffix in OLD_FORMATS:
        raise UsageError(
            f"{path}: {suffix} files are not read: save it as {OLD_FORMATS[suffix]} and import that"
        )
    raise UsageError(f"{path}: expected a .docx or .xlsx file, not {suffix or 'no extension'}")


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
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            # Row by row, as python-docx's row.cells, but a vertical merge that continues
            # from above the table (a table cut in two by hand) reads as blank, not an error.
            rows: list[list[str]] = []
            for row in block.rows:
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
        elif block.text.strip():
            before.append(block.text)
    paragraphs = [p.text for p in document.paragraphs]
    return grids, paragraphs


def _xlsx_grids(path: Path) -> tuple[list[Grid], list[str]]:
    import openpyxl

    book = openpyxl.load_workbook(str(path), data_only=True)
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
        what = "is a folder, not a file" if path.is_dir() else "no such file"
        raise DataError([Finding(str(path), None, None, "error", what)])
    try:
        return _docx_grids(path) if kind == "docx" else _xlsx_grids(path)
    except (OSError, MemoryError) as exc:
        raise EcotaskError(f"{path}: cannot read the file: {exc}") from None
    except Exception as exc:  # a damaged or mislabelled file: each library raises its own
        what = "a Word document (.docx)" if kind == "docx" else "an Excel workbook (.xlsx)"
        raise EcotaskError(f"{path}: cannot read it as {what} ({type(exc).__name__})") from None


# -- finding the table -------------------------------------------------------------------------


def _header_key(text: str) -> str | None:
    compact = re.sub(r"\s+", "", text)
    if compact.startswith("任务分解"):
        return "breakdown"
    compact = re.sub(r"[（(].*$", "", compact)
    return next((key for key, names in HEADERS.items() if compact in names), None)


def _header(row: list[str]) -> dict[str, list[int]] | None:
    """The columns of each header key, when row is a header row."""
    columns: dict[str, list[int]] = {}
    for i, text in enumerate(row):
        if (key := _header_key(text)) is not None:
            columns.setdefault(key, []).append(i)
    return columns if "breakdown" in columns and len(columns) >= 4 else None


def _find_table(grids: list[Grid], shown: str) -> list[tuple[Grid, int, dict[str, list[int]]]]:
    """Each table with the header, and the header's row and columns; a table that continues
    under a repeated header is read on."""
    found: list[tuple[Grid, int, dict[str, list[int]]]] = []
    for grid in grids:
        for r, row in enumerate(grid.rows[:10]):
            if (columns := _header(row)) is not None:
                found.append((grid, r, columns))
                break
        else:  # a Word table cut in two at a page, its header not repeated: same columns
            first = found[0] if found else None
            if (
                first is not None
                and grid.kind == first[0].kind == "docx"
                and grid.rows
                and len(grid.rows[0]) == len(first[0].rows[first[1]])
            ):
                found.append((grid, -1, first[2]))
    if not found:
        headers = [" | ".join(t.strip() for t in g.rows[0] if t.strip()) for g in grids if g.rows]
        seen = f" (first rows seen: {'; '.join(h for h in headers[:3] if h)})" if headers else ""
        raise EcotaskError(
            f"{shown}: no table with the columns {EXPECTED} found{seen or ' (it holds no table)'}"
        )
    missing = [label for key, label in REQUIRED.items() if key not in found[0][2]]
    if missing:
        raise EcotaskError(
            f"{shown}: the table has no {', '.join(missing)} column: expected {EXPECTED}"
        )
    return found


# -- reading the rows --------------------------------------------------------------------------

_ID = re.compile(r"[（(]?(\d{1,4})[)）.、．]?")
_CATEGORY_NUMBER = re.compile(
    r"^(?:[一二三四五六七八九十]+|\d+)[、.．]\s*|^[（(][一二三四五六七八九十\d]+[)）]\s*"
)


def _cell(row: list[str], columns: dict[str, list[int]], key: str, last: bool = False) -> str:
    if key not in columns:
        return ""
    index = columns[key][-1 if last else 0]
    return row[index] if index < len(row) else ""


def _rows(
    tables: list[tuple[Grid, int, dict[str, list[int]]]], warnings: list[str]
) -> list[RawTask]:
    tasks: list[RawTask] = []
    for grid, header_row, columns in tables:
        names = columns["name"]
        category_col = columns.get("category", [names[0]] if len(names) > 1 else None)
        for row in grid.rows[header_row + 1 :]:
            row = [*row, *[""] * (max(max(c) for c in columns.values()) + 1 - len(row))]
            if not any(t.strip() for t in row) or _header(row) is not None:
                continue
            id_text = re.sub(r"\s+", "", _cell(row, columns, "id"))
            breakdown = _cell(row, columns, "breakdown")
            name = _cell(row, columns, "name", last=True)
            category = row[category_col[0]] if category_col else ""
            if category_col and category.strip() == name.strip():
                category = ""  # the name spans both columns
            m = _ID.fullmatch(id_text)
            number = int(m[1]) if m else None
            texts = [t.strip() for t in row]
            distinct = {t for t in texts if t}
            if number is None and len(distinct) == 1:  # one text, perhaps merged across
                text = distinct.pop()
                if texts.index(text) <= columns["name"][-1]:  # a category heading's own row
                    heading = _CATEGORY_NUMBER.sub("", cells.clean_name(text))
                    tasks.append(RawTask(0, heading, "", [], "", [], [], []))
                    continue
            previous = next((t for t in reversed(tasks) if t.id), None)
            new_name = name.strip() and previous is not None and name != previous.name
            carries_on = number is None and not new_name
            if previous is not None and (number == previous.id or carries_on):
                _continue(previous, row, columns, breakdown)
                continue
            if number is None:
                number = (previous.id if previous else 0) + 1
                warnings.append(f"task {number}: its row has no 序号: numbered {number}")
            tasks.append(
                RawTask(
                    number,
                    cells.clean_name(category) if category.strip() else None,
                    name,
                    [breakdown] if breakdown.strip() else [],
                    _cell(row, columns, "deadline"),
                    [_cell(row, columns, "lead")],
                    [_cell(row, columns, "responsible")],
                    [_cell(row, columns, "leaders")],
                )
            )
    return tasks


def _continue(task: RawTask, row: list[str], columns: dict[str, list[int]], breakdown: str) -> None:
    """A row that carries on the task above (its 序号 merged down, or blank)."""
    if breakdown.strip() and (not task.breakdown or breakdown != task.breakdown[-1]):
        task.breakdown.append(breakdown)
    for key, cells_ in (("lead", task.lead), ("responsible", task.responsible)):
        text = _cell(row, columns, key)
        if text.strip() and text not in cells_:
            cells_.append(text)
    leaders = _cell(row, columns, "leaders")
    if leaders.strip() and leaders not in task.leaders:
        task.leaders.append(leaders)


# -- building the plan -------------------------------------------------------------------------


@dataclass
class _Task:
    data: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    target_comment: str = ""


def _excerpt(text: str, size: int = 24) -> str:
    return text if len(text) <= size else text[:size] + "…"


def _shown_lines(raw: str) -> str:
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    return " / ".join(f'"{line}"' for line in lines)


def _name_comment(raw: str, clean: str) -> str | None:
    if raw == clean:
        return None
    if "\n" in raw.strip():
        return f"the table breaks it over lines: {_shown_lines(raw)}"
    return f'the table pads it: "{raw.strip()}"'


def _units(
    raw_cells: list[str], known: set[str], where: str, warn: list[str]
) -> tuple[list[str], bool, str | None]:
    names: list[str] = []
    open_ended = False
    notes = []
    for raw in raw_cells:
        units = cells.split_units(raw, known)
        names.extend(u for u in units.names if u not in names)
        open_ended = open_ended or units.open_ended
        for word, parts in units.splits:
            warn.append(f"split {word} into {', '.join(parts)} ({where})")
            notes.append(f'the table runs these together: "{word}"')
        for line in raw.splitlines():
            words = line.split()
            padded = any(len(w) == 1 for w in words)
            if len(words) > 1 and not padded and len(cells.split_units(line, known).names) > 1:
                notes.append(f'the table puts these on one line: "{line.strip()}"')
    return names, open_ended, "; ".join(dict.fromkeys(notes)) or None


def _deadline(raw: str, year: int | None) -> tuple[str | None, str | None]:
    """(deadline, comment): the cell as a date phrase, or None when it names no date."""
    text = re.sub(r"\s+", "", raw)
    try:
        parse_due(text)
        return text, None
    except ValueError:
        pass
    if m := re.fullmatch(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?", text):
        iso = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        try:
            parse_due(iso)
            return iso, f'the table says "{raw.strip()}"'
        except ValueError:
            return None, None
    found = cells.date_phrases(text)
    if found:
        return found[0].due(year), f'the table says "{raw.strip()}"'
    return None, None


def _year(raws: list[RawTask], title: str) -> int | None:
    for text in [*(t.deadline for t in raws if t.id), title]:
        if m := re.search(r"(?<!\d)(\d{4})年", text):
            return int(m[1])
    return None


def _title(grid: Grid, header_row: int, stem: str) -> str:
    """The paragraph nearest above a Word table, the first text above a sheet's header, else
    the sheet's name, else the file's."""
    above = list(dict.fromkeys(t for row in grid.rows[:header_row] for t in row if t.strip()))
    if grid.kind == "docx":
        candidates = [*reversed(above), *reversed(grid.before)]
    else:
        sheet = grid.before[0]
        candidates = [*above, *([] if re.fullmatch(r"(?i)sheet\s*\d*", sheet) else [sheet])]
    for text in candidates:
        clean = cells.clean_name(text)
        if clean and not re.fullmatch(r"附件\s*\d*[:：]?", clean):
            return clean
    return stem


_ISSUED = re.compile(r"(\S+?)\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*印发")


def _issuer(paragraphs: Iterable[str]) -> tuple[str, str] | None:
    for text in paragraphs:
        if m := _ISSUED.search(text.strip()):
            try:
                issued = date(int(m[2]), int(m[3]), int(m[4]))
            except ValueError:
                continue
            return m[1], issued.isoformat()
    return None


def _kind(name: str) -> str:
    if "街道" in name:
        return "street"
    if name.endswith("镇"):
        return "town"
    if name.endswith("局"):
        return "bureau"
    if name.endswith("办"):
        return "office"
    if name.endswith("部"):
        return "party"
    return "agency"


def _registry(folder: Path) -> tuple[set[str], bytes | None]:
    """The names an existing group.yaml declares, and its bytes."""
    from .files import read_bytes
    from .plan import GROUP_FILE, shown_path
    from .yamlio import load

    path = folder / GROUP_FILE
    if not path.exists():
        return set(), None
    raw = read_bytes(path, shown_path(path))
    data = load(path, shown_path(path), raw).data
    names: set[str] = set()
    if isinstance(data, dict):
        for unit in data.get("units") or []:
            if isinstance(unit, dict):
                names.update(str(n) for n in [unit.get("name"), *(unit.get("aliases") or [])] if n)
        for collective in data.get("collectives") or []:
            if isinstance(collective, dict) and collective.get("name"):
                names.add(str(collective["name"]))
    return names, raw


def import_table(path: Path, folder: Path, year: int | None = None) -> Imported:
    """Read the table in path into the texts of tasks.yaml and (when folder has none) group.yaml;
    DataError lists what makes the table unusable."""
    shown = str(path)
    grids, paragraphs = read_grids(path)
    tables = _find_table(grids, shown)
    warnings: list[str] = []
    problems: list[str] = []
    raws = _rows(tables, warnings)
    first_grid, header_row, _ = tables[0]
    title = _title(first_grid, header_row, path.stem)
    year = year or _year(raws, title)
    if year is None:
        raise EcotaskError(f"{shown}: cannot tell the plan's year from the table: give --year")
    known, group_bytes = _registry(folder)

    category: str | None = None
    categories: list[str] = []
    tasks: list[_Task] = []
    seen_ids: set[int] = set()
    deadline_before: str | None = None
    for raw in raws:
        if not raw.id:  # a heading row
            category = raw.category
            continue
        category = raw.category or category
        task, problem = _task(raw, category, year, known, deadline_before, warnings)
        if problem:
            problems.extend(problem)
            continue
        if raw.id in seen_ids:
            problems.append(f"task {raw.id}: a second task numbered {raw.id}")
        seen_ids.add(raw.id)
        deadline_before = task.data["deadline"]
        if task.data["category"] not in categories:
            categories.append(task.data["category"])
        tasks.append(task)
    if not tasks and not problems:
        problems.append("the table holds no task under its header")
    if problems:
        raise DataError([Finding(shown, None, None, "error", p) for p in problems])

    found = _issuer(paragraphs)
    plan_comments = {}
    if found is None:
        found = (PLACEHOLDER, f"{year}-01-01")
        plan_comments = {
            "issuer": "not in the table: who issued the document",
            "issued": "not in the table: the date it was issued (印发)",
        }
        warnings.append(
            "the file names no issuer or issue date (印发): tasks.yaml holds placeholders, "
            "marked in comments"
        )
    plan = {"title": title, "year": year, "issuer": found[0], "issued": found[1]}
    tasks_yaml = render_tasks(path.name, plan, plan_comments, categories, tasks)
    group_yaml = None
    if group_bytes is None:
        group_yaml = render_group(path.name, tasks, warnings)
    return Imported(
        tasks_yaml,
        group_yaml,
        warnings,
        len(tasks),
        sum(len(t.data["milestones"]) for t in tasks),
        sum(len(t.data.get("targets", [])) for t in tasks),
        [
            (d["id"], d["name"], [(m.get("due", ""), m["text"]) for m in d["milestones"]])
            for d in (t.data for t in tasks)
        ],
    )


def _task(
    raw: RawTask,
    category: str | None,
    year: int,
    known: set[str],
    deadline_before: str | None,
    warnings: list[str],
) -> tuple[_Task, list[str]]:
    tid = raw.id
    warn: list[str] = []
    problems: list[str] = []
    comments: dict[str, str] = {}
    name = cells.clean_name(raw.name)
    if not name:
        problems.append(f"task {tid}: 任务名称 is empty")
    elif note := _name_comment(raw.name, name):
        comments["name"] = note
    if category is None:
        category = "未分类"
        warn.append("no category heading above it: filed under 未分类")
    deadline, note = _deadline(raw.deadline, year)
    if deadline is None and not raw.deadline.strip() and deadline_before is not None:
        deadline, note = deadline_before, "the table leaves it blank: the task above's"
        warn.append(f"完成时限 is blank: took the task above's, {deadline_before}")
    if deadline is None:  # 长期, 持续推进: the plan's year is what the steps can be held to
        said = raw.deadline.strip()
        what = f"{said!r} names no date" if said else "is blank"
        deadline, note = "年底", f'the table says "{said}": the year\'s end, to check'
        if not said:
            note = "the table leaves it blank: the year's end, to check"
        warn.append(f"完成时限 {what}: set to 年底, the plan year's end")
    if note:
        comments["deadline"] = note
    lead, lead_open, note = _units(raw.lead, known, "牵头单位", warn)
    if note:
        comments["lead"] = note
    if lead_open:
        warn.append("牵头单位 ends with 等相关单位: dropped, only 责任单位 can be open-ended")
    if not lead:
        problems.append(f"task {tid}: 牵头单位 is empty")
    responsible, open_ended, note = _units(raw.responsible, known, "责任单位", warn)
    if note:
        comments["responsible"] = note
    leaders: list[str] = []
    for text in raw.leaders:
        leaders.extend(n for n in cells.split_leaders(text) if n not in leaders)
    lines = [line.strip() for text in raw.leaders for line in text.splitlines()]
    padded = [line for line in lines if any(len(w) == 1 for w in line.split()[1:])]
    if padded:
        comments["leaders"] = "the table pads " + ", ".join(f'"{p}"' for p in padded)
    if not leaders:
        problems.append(f"task {tid}: 分管领导 is empty")
    milestones: list[dict[str, str]] = []
    targets: list[dict[str, Any]] = []
    for text in raw.breakdown:
        for step in cells.split_cell(text, year):
            number = f"{tid}.{len(milestones) + 1}"
            for note in step.warnings:
                if note == cells.UNDATED:
                    note = (
                        f"step {number} names no date, so it falls due at the deadline "
                        f"({deadline}): {_excerpt(step.text)}"
                    )
                else:
                    note = f"step {number}: {note}: {_excerpt(step.text)}"
                warn.append(note)
            milestones.append(
                {"due": step.due, "text": step.text} if step.due else {"text": step.text}
            )
            for target in cells.propose_targets(step.text):
                if any(t["indicator"] == target["indicator"] for t in targets):
                    warn.append(f"a second target for {target['indicator']}: left out, review it")
                    continue
                targets.append(target)
            warn.extend(f"step {number}: {w}" for w in cells.target_warnings(step.text))
    if not milestones:
        problems.append(f"task {tid}: 任务分解 is empty")
    data: dict[str, Any] = {
        "id": tid,
        "category": category,
        "name": name,
        "deadline": deadline,
        "lead": lead,
        "responsible": responsible,
        "open_ended": open_ended,
        "leaders": leaders,
        "milestones": milestones,
    }
    if targets:
        data["targets"] = targets
    warnings.extend(f"task {tid}: {w}" for w in warn)
    return _Task(data, comments, "proposed from the steps' wording: check them"), problems


# -- writing YAML ------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
_NOT_STRING = re.compile(
    r"[-+]?(?:\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|no|on|off|y|n|Yes|No|On|Off"
)


def scalar(value: Any, flow: bool = False) -> str:
    """A value as one YAML scalar: plain where that reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return text  # read as text, as data/tasks.yaml writes `issued`
    plain = (
        text
        and text == text.strip()
        and text[0] not in _NOT_PLAIN_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _NOT_STRING.fullmatch(text)
        and all(ch.isprintable() for ch in text)
        and not (flow and any(ch in ",[]{}" for ch in text))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def _line(indent: str, key: str, value: str, comment: str | None = None) -> str:
    line = f"{indent}{key}: {value}"
    return f"{line}  # {' '.join(comment.splitlines())}" if comment else line


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _value_text(target: dict[str, Any]) -> str:
    """The value as the step writes it (0.70, not 0.7)."""
    for number in re.findall(r"\d+(?:\.\d+)?", target["text"]):
        if float(number) == target["value"]:
            return number
    return scalar(target["value"])


def render_tasks(
    source: str,
    plan: dict[str, Any],
    plan_comments: dict[str, str],
    categories: list[str],
    tasks: list[_Task],
) -> str:
    out = [
        f"# {_one_line(plan['title'])}: imported by `ecotask import` from {_one_line(source)}.",
        "# A milestone without `due` is due at its task's deadline (完成时限).",
        "plan:",
    ]
    for key in ("title", "year", "issuer", "issued"):
        out.append(_line("  ", key, scalar(plan[key]), plan_comments.get(key)))
    out.append("categories:")
    out.extend(f"  - {scalar(c)}" for c in categories)
    out.append("tasks:")
    for task in tasks:
        d, notes = task.data, task.comments
        out.append(f"  - id: {d['id']}")
        for key in ("category", "name", "deadline"):
            out.append(_line("    ", key, scalar(d[key]), notes.get(key)))
        for key in ("lead", "responsible"):
            out.append(_line("    ", key, _flow(d[key]), notes.get(key)))
        out.append(_line("    ", "open_ended", scalar(d["open_ended"])))
        out.append(_line("    ", "leaders", _flow(d["leaders"]), notes.get("leaders")))
        out.append("    milestones:")
        for m in d["milestones"]:
            if "due" in m:
                out.append(f"      - due: {scalar(m['due'])}")
                out.append(f"        text: {scalar(m['text'])}")
            else:
                out.append(f"      - text: {scalar(m['text'])}")
        if d.get("targets"):
            out.append(f"    targets:  # {task.target_comment}")
            for t in d["targets"]:
                out.append(f"      - indicator: {scalar(t['indicator'])}")
                out.append(f"        op: {json.dumps(t['op'])}")
                out.append(f"        value: {_value_text(t)}")
                out.append(f"        unit: {scalar(t['unit'])}")
                out.append(f"        text: {scalar(t['text'])}")
    return "\n".join(out) + "\n"


def render_group(source: str, tasks: list[_Task], warnings: list[str]) -> str:
    """A group.yaml that declares every unit and leader the table names; the roster, which a
    table does not hold, is a placeholder to replace."""
    names = [n for t in tasks for n in (*t.data["lead"], *t.data["responsible"])]
    names = list(dict.fromkeys(names))
    collective_names = [n for n in names if n.startswith("各")]
    units = [n for n in names if n not in collective_names]
    towns = [u for u in units if _kind(u) == "town"]
    streets = [u for u in units if _kind(u) == "street"]
    collectives: list[tuple[str, list[str]]] = []
    for name in collective_names:
        if ("街" in name and "镇" in name) or "乡" in name:
            members = towns + streets
        elif "街" in name:
            members = streets
        elif "镇" in name:
            members = towns
        else:
            members = []
        if members:
            collectives.append((name, members))
            warnings.append(
                f"group.yaml: {name} stands for units the table does not list: its members are "
                f"the towns and streets the table names ({'、'.join(members)}): complete them"
            )
        else:
            units.append(name)
            warnings.append(
                f"group.yaml: {name} names no town or street the table lists: declared as a unit"
            )
    leaders = list(dict.fromkeys(n for t in tasks for n in t.data["leaders"]))
    warnings.append(
        "group.yaml: a table holds no roster: group.members is a placeholder "
        f"({PLACEHOLDER}) to replace with the leading group's members"
    )
    out = [
        f"# The leading group and the registry of names: a skeleton written by `ecotask import` "
        f"from {_one_line(source)}.",
        "# The table holds no roster: replace the placeholder member with the group's members,",
        "# move the leaders on it out of other_leaders, and check each unit's kind.",
        "group:",
        _line("  ", "name", scalar(f"领导小组（{PLACEHOLDER}）")),
        "  members:",
        _line("    - ", "name", PLACEHOLDER, "placeholder: the table holds no roster"),
        "      role: 组长",
        f"      position: {PLACEHOLDER}",
        f"      unit: {PLACEHOLDER}",
        "units:",
    ]
    for unit in units:
        out.append(f"  - name: {scalar(unit)}")
        out.append(f"    kind: {_kind(unit)}")
    out.append(_line("  - ", "name", PLACEHOLDER, "the placeholder member's unit"))
    out.append("    kind: agency")
    if collectives:
        out.append("collectives:")
        for name, members in collectives:
            out.append(_line("  - ", "name", scalar(name), "only the members the table names"))
            out.append(f"    members: {_flow(members)}")
    out.append("other_leaders:  # 分管领导 in the table: a table holds no roster")
    out.extend(f"  - name: {scalar(n)}" for n in leaders)
    return "\n".join(out) + "\n"


# -- checking the result -----------------------------------------------------------------------


def check(result: Imported, folder: Path) -> int:
    """Validate the files as they would stand in folder; DataError when they would not pass.
    Returns the number of warnings `ecotask validate` will print."""
    from .plan import FILES, read_sources, validate_sources

    sources = read_sources(folder) if folder.is_dir() else dict.fromkeys(FILES)
    sources["tasks"] = result.tasks_yaml.encode("utf-8")
    if result.group_yaml is not None:
        sources["group"] = result.group_yaml.encode("utf-8")
    plan, findings, _ = validate_sources(folder, sources)
    errors = [f for f in findings if f.severity == "error"]
    if plan is None or errors:
        hint = "the imported plan would not pass validate"
        if result.group_yaml is None:
            hint += (
                " with the folder's group.yaml (the lines above are those of the tasks.yaml "
                "--dry-run prints): declare what it lacks there, or import into a folder "
                "without one"
            )
        raise DataError([*errors, Finding(str(folder), None, None, "error", hint)])
    read = [(t.id, t.name, [(str(m.due or ""), m.text) for m in t.milestones]) for t in plan.tasks]
    if read != result.expected:  # a scalar written in a style that reads back differently
        raise RuntimeError("tasks.yaml as written does not read back as the table")
    return len(findings)
