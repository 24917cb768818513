"""Find the data folder, read and validate its files, or take the plan from the cache."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Literal

from .errors import DataError, Finding
from .plan import Plan
from .record import Record

TASKS_FILE = "tasks.yaml"
GROUP_FILE = "group.yaml"
PROGRESS_FILE = "progress.yaml"
DATA_ENV = "ECOTASK_DATA"


def find_data_dir(option: Path | None = None) -> Path:
    """--data, else $ECOTASK_DATA, else ./data when it holds tasks.yaml, else the bundled copy."""
    chosen = option or (Path(os.environ[DATA_ENV]) if os.environ.get(DATA_ENV) else None)
    if chosen is not None:
        if not chosen.is_dir():
            source = "--data" if option else f"${DATA_ENV}"
            message = f"no such data folder (from {source})"
            raise DataError([Finding(str(chosen), None, None, "error", message)])
        return chosen
    local = Path("data")
    if (local / TASKS_FILE).is_file():
        return local
    return Path(__file__).parent / "data"


def shown_path(path: Path) -> str:
    """The path as messages print it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# The data files by the key their normalized data has; progress.yaml may be absent.
FILES = {"tasks": TASKS_FILE, "group": GROUP_FILE, "progress": PROGRESS_FILE}
Sources = dict[str, "bytes | DataError | None"]


def _paths(data_dir: Path) -> list[Path | None]:
    """The data files in the order of FILES, as read_sources reads them: progress.yaml may
    be absent (None)."""
    progress = data_dir / PROGRESS_FILE
    return [data_dir / TASKS_FILE, data_dir / GROUP_FILE, progress if progress.exists() else None]


def read_sources(data_dir: Path) -> Sources:
    """Each file's bytes, read once: the cache key and the parse must see the same bytes."""
    from .files import read_bytes

    sources: Sources = {}
    for key, path in zip(FILES, _paths(data_dir), strict=True):
        if path is None:
            sources[key] = None
            continue
        try:
            sources[key] = read_bytes(path, shown_path(path))
        except DataError as exc:
            sources[key] = exc
    return sources


def validate_sources(
    data_dir: Path, sources: Sources, *, locate: bool = True
) -> tuple[Plan | None, list[Finding], Any]:
    """The plan, every finding, and the normalized data; no plan on any error. Without
    locate, warnings come without line and column: finding those takes a second parse of
    each file, which a query that shows no warnings need not pay for."""
    from .checks import Docs, run_checks
    from .models import GroupFile, ProgressFile, TasksFile
    from .schema_errors import schema_findings
    from .yamlio import load

    models = {"tasks": TasksFile, "group": GroupFile, "progress": ProgressFile}
    findings: list[Finding] = []
    docs, normalized = {}, {}
    for key, name in FILES.items():
        path, raw = data_dir / name, sources[key]
        if raw is None:
            continue
        try:
            if isinstance(raw, DataError):
                raise raw
            doc = load(path, shown_path(path), raw)
        except DataError as exc:
            findings.extend(exc.findings)
            continue
        parsed, problems = schema_findings(doc, models[key])
        findings.extend([*doc.warnings, *problems])
        if parsed is not None:
            docs[key], normalized[key] = doc, parsed.model_dump(mode="json")
    if len(docs) < sum(raw is not None for raw in sources.values()):
        return None, findings, None
    plan = Plan.from_data(normalized)
    checked = Docs(docs["tasks"], docs["group"], docs.get("progress"))
    for doc in checked:
        if doc is not None:
            doc.locate = locate
    problems = run_checks(plan, checked)
    if not locate and any(f.severity == "error" for f in problems):
        for doc in checked:
            if doc is not None:
                doc.locate = True
        problems = run_checks(plan, checked)  # errors are shown, so they need their lines
    findings.extend(problems)
    order = [docs[key].file for key in FILES if key in docs]
    findings.sort(key=lambda f: (order.index(f.file) if f.file in order else 0, f.line or 0))
    if any(f.severity == "error" for f in findings):
        return None, findings, None
    return plan, findings, normalized


def _cache_key(sources: Sources) -> str | None:
    """None when a file cannot be read: such data is never cached."""
    from . import cache

    readable = [raw for raw in sources.values() if not isinstance(raw, DataError)]
    return cache.key(*readable) if len(readable) == len(sources) else None


def cache_key(data_dir: Path) -> str | None:
    """The cache entry that holds the data folder's plan as it is now."""
    return _cache_key(read_sources(data_dir))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Building a plan allocates millions of objects and frees few: the garbage collector's
    passes find nothing and cost a quarter of the time of validating one (10,000 tasks:
    2.3 s -> 1.7 s here), half of that of reading one from the cache (50,000: 1.05 -> 0.5 s)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Size(Record):
    tasks: int
    milestones: int


def check_files(data_dir: Path, *, use_cache: bool = True) -> tuple[Size | None, list[Finding]]:
    """validate's answer: the plan's size (None on any error) and every finding, located.

    Files checked before and unchanged since get the findings kept then, as linters do, in
    an entry of their own beside the plan's. A check leaves no plan there: storing one, with
    the answers computed in advance, would make validate a third slower on a large plan, and
    a check in CI would pay that for a cache it throws away. Data with errors is never
    cached: it is checked every time."""
    from . import cache

    use_cache = use_cache and cache.enabled()
    key = cache.key_of_files(_paths(data_dir)) if use_cache else None
    entry = cache.read(key + FINDINGS) if key else None
    if entry is not None:
        try:
            return _findings_from(data_dir, entry.section("findings"))
        except (KeyError, TypeError, ValueError):
            pass  # damaged, or of the wrong shape
    sources = read_sources(data_dir)
    key = _cache_key(sources) if use_cache else None
    with _collector_paused():
        plan, findings, _ = validate_sources(data_dir, sources)
    if plan is None:
        return None, findings
    size = Size(len(plan.tasks), len(plan.milestones))
    if key is not None and (section := _findings_section(data_dir, size, findings)):
        cache.write(key + FINDINGS, section)
    return size, findings


FINDINGS = "-findings"  # validate's entry: the plan's key with this after it


def _findings_section(data_dir: Path, size: Size, findings: list[Finding]) -> dict[str, bytes]:
    """Findings name their file by its key in FILES, since the same bytes may lie in another
    folder, or be shown from another working folder; nothing when one names some other file."""
    import orjson

    keys = {shown_path(data_dir / name): key for key, name in FILES.items()}
    if any(f.file not in keys for f in findings):
        return {}
    rows = [[keys[f.file], f.line, f.col, f.severity, f.message] for f in findings]
    return {"findings": orjson.dumps({"size": list(size), "findings": rows})}


def _findings_from(data_dir: Path, blob: bytes | None) -> tuple[Size, list[Finding]]:
    """The findings a section holds, shown as data_dir's files; KeyError when there is none."""
    import orjson

    if blob is None:
        raise KeyError("findings")
    stored = orjson.loads(blob)
    shown = {key: shown_path(data_dir / name) for key, name in FILES.items()}
    found = [
        Finding(shown[key], line, col, severity, message)
        for key, line, col, severity, message in stored["findings"]
    ]
    return Size(*stored["size"]), found


# Which tasks a query needs, as the user wrote it: those with a step due in a month ("6",
# "2017-06"), or due before a day, or those a unit or collective takes part in, or one task by
# its id. None: all.
# "month-rows" and "unit-rows" ask for no tasks but for the rows the cache answered in advance
# (answers.py): `Plan.stored` holds them, unless the plan had to be validated afresh.
Selection = (
    tuple[Literal["month", "month-rows", "unit", "unit-rows"], str]
    | tuple[Literal["before"], date]
    | tuple[Literal["task"], int]
    | None
)


def open_plan(
    data_option: Path | None = None, *, use_cache: bool = True, select: Selection = None
) -> Plan:
    """The plan for a query: any error in the data stops it, warnings do not.

    A plan validated before is read from the cache, keyed by the files' exact bytes, so an
    edit of one byte is validated afresh. With `select`, a cached plan holds only the tasks
    the query needs, so that a query over a large plan reads a fraction of it; the answer is
    the same, since the query itself filters the same way.
    """
    from . import cache

    folder = find_data_dir(data_option)
    use_cache = use_cache and cache.enabled()
    entry = cache.read(key) if use_cache and (key := cache.key_of_files(_paths(folder))) else None
    if entry is not None:
        try:
            with _collector_paused():
                return _from_entry(entry, select)
        except (OSError, KeyError, TypeError, ValueError, AttributeError, IndexError):
            pass  # a damaged section, JSON of the wrong shape, or an entry pruned meanwhile
    # Validated from the bytes read here, and cached under their key: were a file edited
    # since it was hashed above, the entry still holds what its key says.
    sources = read_sources(folder)
    key = _cache_key(sources) if use_cache else None
    with _collector_paused():
        plan, findings, normalized = validate_sources(folder, sources, locate=False)
        if plan is None:
            raise DataError([f for f in findings if f.severity == "error"])
        if key is not None:
            from . import answers

            sections = {**cache.plan_sections(normalized, plan.index()), **answers.sections(plan)}
            cache.write(key, sections)
    return plan


def _from_entry(entry: Any, select: Selection) -> Plan:
    """The plan with the tasks, or the rows, a selection needs; a bad month or an unknown unit
    raises here just as the query itself would."""
    if select is None:
        return Plan.from_data(entry.data())
    kind = select[0]
    if kind == "task":  # an unknown id loads every task, for the error to name their range
        return Plan.from_data(entry.data(entry.index("ids").get(str(select[1]))))
    head = Plan.from_data(entry.data([]))  # no tasks: enough for the year and the names
    if kind in ("unit", "unit-rows"):
        from .names import resolve_unit

        name = resolve_unit(head, str(select[1]))
        if kind == "unit":
            return Plan.from_data(entry.data(entry.index("units").get(name, [])))
        from .answers import unit_rows

        head.stored = unit_rows(entry, name)
        return head
    if kind in ("month", "month-rows"):
        from .dates import parse_month

        year, month = parse_month(str(select[1]), head.year)
        if kind == "month":
            return Plan.from_data(entry.data(entry.index("months").get(f"{year}-{month:02d}", [])))
        from .answers import month_rows

        head.stored = month_rows(entry, f"{year}-{month:02d}")
        return head
    last = f"{select[1]:%Y-%m}"  # "before": every month up to the day's
    months: dict[str, list[int]] = entry.index("months")
    return Plan.from_data(
        entry.data([i for key, found in months.items() if key <= last for i in found])
    )
