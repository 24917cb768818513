"""Turning the table's rows into the plan, and checking it before anything is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .. import cells
from ..dates import parse_due
from ..errors import DataError, EcotaskError, Finding
from ..i18n import _
from .grids import PLACEHOLDER, Grid, RawTask, find_table, read_grids, table_rows
from .yamltext import BuiltTask, render_group, render_tasks


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
    columns: str = ""  # which header went to which role
    unplaced: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    units: int = 0
    leaders: int = 0

    def summary(self) -> list[str]:
        """What --dry-run prints first."""
        lines = [
            _("{tasks} tasks, {steps} steps, {units} units, {leaders} leaders").format(
                tasks=self.tasks, steps=self.milestones, units=self.units, leaders=self.leaders
            ),
            _("columns: {columns}").format(columns=self.columns),
        ]
        if self.unplaced:
            unplaced = ", ".join(self.unplaced)
            lines.append(_("not placed (ignored): {columns}").format(columns=unplaced))
        count = len(self.guesses)
        lines.append(_("guesses: {count}").format(count=count) if count else _("guesses: none"))
        lines.extend(f"  - {g}" for g in self.guesses)
        return lines


# -- building the plan -------------------------------------------------------------------------


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
            said = _("split {word} into {parts} ({column})")
            warn.append(said.format(word=word, parts=", ".join(parts), column=where))
            notes.append(f'the table runs these together: "{word}"')
        for line in raw.splitlines():
            words = line.split()
            padded = any(len(w) == 1 for w in words)
            if len(words) > 1 and not padded and len(cells.split_units(line, known).names) > 1:
                notes.append(f'the table puts these on one line: "{line.strip()}"')
    return names, open_ended, "; ".join(dict.fromkeys(notes)) or None


def _a_date(phrase: str) -> bool:
    """A phrase a deadline may be: a date, not a duty that recurs nor a count of working days
    (10个工作日内 is counted from a step, 每月10日前 has many dates)."""
    try:
        spec = parse_due(phrase)
    except ValueError:
        return False
    return spec.every is None and spec.workdays is None


def _deadline(raw: str, year: int) -> tuple[str | None, str | None]:
    """(deadline, comment): the cell as a date phrase (the latest, when it names several),
    or None when it names no date."""
    text = re.sub(r"\s+", "", raw)
    if _a_date(text):
        return text, None
    if m := re.fullmatch(r"(\d{4})[年./-](\d{1,2})[月./-](\d{1,2})日?", text):
        iso = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        try:
            parse_due(iso)
            return iso, f'the table says "{raw.strip()}"'
        except ValueError:
            return None, None
    found = [p for p in cells.date_phrases(text) if _a_date(p.due())]
    if not found:
        return None, None
    latest = max(found, key=lambda p: parse_due(p.due()).resolve(year)[1])
    shown = _excerpt(" ".join(raw.split()), 40)
    what = "the latest it names" if len(found) > 1 else "its date"
    return latest.due(), f'the table says "{shown}": {what}'


def _deadline_steps(raw: str) -> list[cells.CellStep]:
    """The deadline cell's clauses as steps, when it holds more than a date: 6月30日前完成10个；
    12月底前全部完成."""
    steps = cells.split_cell(raw)
    if not any(step.due for step in steps):
        return []
    if len(steps) == 1:
        try:
            parse_due(re.sub(r"[\s。；;，,]", "", steps[0].text))
            return []  # only a date: the task's deadline
        except ValueError:
            pass
    return steps


def _content_name(text: str) -> str:
    """A task's name from its one content column: the text before a colon, else its first
    clause."""
    line = cells.clean_name(text.strip().splitlines()[0] if text.strip() else "")
    line = re.sub(r"^(?:\d{1,2}[.．、]|[（(]\d{1,2}[)）])", "", line)
    head = re.split(r"[：:]", line, maxsplit=1)[0]
    if head != line and 2 <= len(head) <= 40:
        return head
    first = re.split(r"[，,。；;]", line, maxsplit=1)[0]
    return first if len(first) <= 40 else first[:40] + "…"


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


def _registry(folder: Path) -> tuple[set[str], bytes | None]:
    """The names an existing group.yaml declares, and its bytes."""
    from ..files import read_bytes
    from ..load import GROUP_FILE, shown_path
    from ..yamlio import load

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


def import_table(
    path: Path, folder: Path, year: int | None = None, placed: dict[str, str] | None = None
) -> Imported:
    """Read the table in path into the texts of tasks.yaml and (when folder has none) group.yaml;
    placed maps header texts to roles by hand (--column). DataError lists what makes the table
    unusable."""
    shown = str(path)
    grids, paragraphs = read_grids(path)
    tables = find_table(grids, shown, placed)
    warnings: list[str] = []
    problems: list[str] = []
    raws = table_rows(tables, warnings)
    header = tables[0].header
    guesses = list(header.guesses)
    title = _title(tables[0].grid, header.start, path.stem)
    year = year or _year(raws, title)
    if year is None:
        raise EcotaskError(
            _("{path}: cannot tell the plan's year from the table: give --year").format(path=shown)
        )
    known, group_bytes = _registry(folder)

    category: str | None = None
    categories: list[str] = []
    tasks: list[BuiltTask] = []
    seen_ids: set[int] = set()
    deadline_before: str | None = None
    for raw in raws:
        if not raw.id:  # a heading row
            category = raw.category
            continue
        category = raw.category or category
        task, problem = _task(
            raw, category, year, known, deadline_before, header.columns, warnings, guesses
        )
        if problem:
            problems.extend(problem)
            continue
        if raw.id in seen_ids:
            problems.append(_("task {task}: a second task numbered {task}").format(task=raw.id))
        seen_ids.add(raw.id)
        deadline_before = task.data["deadline"]
        if task.data["category"] not in categories:
            categories.append(task.data["category"])
        tasks.append(task)
    if not tasks and not problems:
        problems.append(_("the table holds no task under its header"))
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
            _(
                "the file names no issuer or issue date (印发): tasks.yaml holds placeholders, "
                "marked in comments"
            )
        )
    plan = {"title": title, "year": year, "issuer": found[0], "issued": found[1]}
    tasks_yaml = render_tasks(path.name, plan, plan_comments, categories, tasks)
    columns = header.columns
    if "name" not in columns or "breakdown" not in columns:
        content = header.texts[(columns.get("breakdown") or columns["name"])[0]].strip()
        guesses.insert(
            len(header.guesses),
            _(
                "one content column ({column}): each task's steps are its text, its name the "
                "first clause"
            ).format(column=content),
        )
    if "deadline" not in columns:
        guesses.insert(
            len(header.guesses),
            _("no 完成时限 column: each task's deadline is its latest step's, else 年底"),
        )
    if "leaders" not in columns:
        guesses.insert(
            len(header.guesses),
            _("no 分管领导 column: every task's leaders is {placeholder}, to fill in").format(
                placeholder=PLACEHOLDER
            ),
        )
    group_yaml = None
    if group_bytes is None:
        group_yaml = render_group(path.name, tasks, guesses)
    units = {n for t in tasks for n in (*t.data["lead"], *t.data["responsible"])}
    leaders = {n for t in tasks for n in t.data["leaders"]} - {PLACEHOLDER}
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
        header.mapping(),
        header.unplaced,
        guesses,
        len(units),
        len(leaders),
    )


def _task_deadline(
    raw: str, year: int, before: str | None, guess: list[str], warn: list[str]
) -> tuple[str, str | None, str | None]:
    """(deadline, comment, ongoing phrase) from a 完成时限 cell."""
    deadline, note = _deadline(raw, year)
    clauses = re.split(r"[。；;，,\n]", raw)  # 一季度完成方案；持续推进: ongoing
    ongoing = next((said for c in clauses if (said := cells.ongoing(c))), None)
    if deadline is None and not raw.strip() and before is not None:
        deadline, note = before, "the table leaves it blank: the task above's"
        guess.append(
            _("完成时限 is blank: took the task above's, {deadline}").format(deadline=before)
        )
    if ongoing:  # the task runs on to the plan's end, whatever dates it names on the way
        said = _excerpt(" ".join(raw.split()), 40)
        deadline, note = "年底", f'the table says "{said}": ongoing, due at the plan\'s end'
        guess.append(
            _("完成时限 says {phrase}: ongoing, set to 年底, the plan year's end").format(
                phrase=ongoing
            )
        )
    elif deadline is None:
        said = raw.strip()
        what = _("{text!r} names no date").format(text=said) if said else _("is blank")
        deadline, note = "年底", f'the table says "{said}": the year\'s end, to check'
        if not said:
            note = "the table leaves it blank: the year's end, to check"
        warn.append(_("完成时限 {what}: set to 年底, the plan year's end").format(what=what))
    if note and "the latest it names" in note:
        guess.append(
            _("完成时限 names several dates: the deadline is the latest, {deadline}").format(
                deadline=deadline
            )
        )
    return deadline, note, ongoing


def _task(
    raw: RawTask,
    category: str | None,
    year: int,
    known: set[str],
    deadline_before: str | None,
    columns: dict[str, list[int]],
    warnings: list[str],
    guesses: list[str],
) -> tuple[BuiltTask, list[str]]:
    tid = raw.id
    warn: list[str] = []
    guess: list[str] = []
    problems: list[str] = []
    comments: dict[str, str] = {}
    if "name" in columns and "breakdown" in columns:
        name = cells.clean_name(raw.name)
        if note := _name_comment(raw.name, name):
            comments["name"] = note
    else:  # one content column: its steps are the breakdown, its first clause the name
        name = _content_name(raw.breakdown[0] if raw.breakdown else "")
        comments["name"] = "the table has one content column: its first clause"
        guess.append(_("named {name!r}: the first clause of its content").format(name=name))
    if not name:
        problems.append(_("task {task}: 任务名称 is empty").format(task=tid))
    if category is None:
        category = "未分类"
        warn.append(_("no category heading above it: filed under 未分类"))
    steps = [step for text in raw.breakdown for step in cells.split_cell(text)]
    if not any(step.due for step in steps) and (extra := _deadline_steps(raw.deadline)):
        guess.append(
            _(
                "its 任务分解 names no date: the {count} clauses of 完成时限 are steps "
                "{first}–{last}"
            ).format(
                count=len(extra),
                first=f"{tid}.{len(steps) + 1}",
                last=f"{tid}.{len(steps) + len(extra)}",
            )
        )
        steps.extend(extra)
    if "deadline" in columns:
        deadline, note, ongoing = _task_deadline(raw.deadline, year, deadline_before, guess, warn)
    else:
        dues = [step.due for step in steps if step.due and _a_date(step.due)]
        deadline = max(dues, key=lambda d: parse_due(d).resolve(year)[1]) if dues else "年底"
        which = "its latest step's" if dues else "the plan's end"
        note, ongoing = f"the table has no 完成时限 column: {which}", None
    if note:
        comments["deadline"] = note
    lead, lead_open, note = _units(raw.lead, known, "牵头单位", warn)
    if note:
        comments["lead"] = note
    if lead_open:
        warn.append(_("牵头单位 ends with 等相关单位: dropped, only 责任单位 can be open-ended"))
    if not lead:
        problems.append(_("task {task}: 牵头单位 is empty").format(task=tid))
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
        leaders = [PLACEHOLDER]
        if "leaders" in columns:
            comments["leaders"] = "the table leaves 分管领导 blank: who is in charge"
            warn.append(
                _("分管领导 is blank: {placeholder}, to fill in").format(placeholder=PLACEHOLDER)
            )
        else:
            comments["leaders"] = "the table has no 分管领导 column: who is in charge"
    milestones: list[dict[str, str]] = []
    step_notes: dict[int, str] = {}
    targets: list[dict[str, Any]] = []
    for step in steps:
        number = f"{tid}.{len(milestones) + 1}"
        going = cells.ongoing(step.text) or (ongoing if not step.due else None)
        if going and not step.due:
            step_notes[len(milestones)] = f"ongoing ({going}): no date, due at the task's deadline"
            guess.append(
                _("step {ref} is ongoing ({phrase}): due at the deadline, {deadline}").format(
                    ref=number, phrase=going, deadline=deadline
                )
            )
        for note in step.warnings:
            if note == cells.UNDATED:
                note = (
                    _(
                        "step {ref} names no date, so it falls due at the deadline "
                        "({deadline}) (ongoing): {text}"
                    )
                    if going
                    else _(
                        "step {ref} names no date, so it falls due at the deadline "
                        "({deadline}): {text}"
                    )
                ).format(ref=number, deadline=deadline, text=_excerpt(step.text))
            else:
                note = _("step {ref}: {note}: {text}").format(
                    ref=number, note=note, text=_excerpt(step.text)
                )
            warn.append(note)
        milestones.append({"due": step.due, "text": step.text} if step.due else {"text": step.text})
        for target in cells.propose_targets(step.text):
            if any(t["indicator"] == target["indicator"] for t in targets):
                said = _("a second target for {indicator}: left out, review it")
                warn.append(said.format(indicator=target["indicator"]))
                continue
            targets.append(target)
        warn.extend(
            _("step {ref}: {note}").format(ref=number, note=w)
            for w in cells.target_warnings(step.text)
        )
    if not milestones:
        problems.append(_("task {task}: 任务分解 is empty").format(task=tid))
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
    warnings.extend(_("task {task}: {note}").format(task=tid, note=w) for w in warn)
    guesses.extend(_("task {task}: {note}").format(task=tid, note=g) for g in guess)
    built = BuiltTask(data, comments, "proposed from the steps' wording: check them", step_notes)
    return built, problems


# -- checking the result -----------------------------------------------------------------------


def check(result: Imported, folder: Path) -> int:
    """Validate the files as they would stand in folder; DataError when they would not pass.
    Returns the number of warnings `ecotask validate` will print."""
    from ..load import FILES, read_sources, validate_sources

    sources = read_sources(folder) if folder.is_dir() else dict.fromkeys(FILES)
    sources["tasks"] = result.tasks_yaml.encode("utf-8")
    if result.group_yaml is not None:
        sources["group"] = result.group_yaml.encode("utf-8")
    plan, findings = validate_sources(folder, sources)[:2]
    errors = [f for f in findings if f.severity == "error"]
    if plan is None or errors:
        hint = _("the imported plan would not pass validate")
        if result.group_yaml is None:
            hint = _(
                "the imported plan would not pass validate with the folder's group.yaml (the "
                "lines above are those of the tasks.yaml --dry-run prints): declare what it "
                "lacks there, or import into a folder without one"
            )
        raise DataError([*errors, Finding(str(folder), None, None, "error", hint)])
    read = [(t.id, t.name, [(str(m.due or ""), m.text) for m in t.milestones]) for t in plan.tasks]
    if read != result.expected:  # a scalar written in a style that reads back differently
        raise RuntimeError("tasks.yaml as written does not read back as the table")
    return len(findings)
