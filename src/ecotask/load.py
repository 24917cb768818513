"""Find the data folder, read and validate its files, or take the plan from the cache."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import i18n
from .errors import DataError, EcotaskError, Finding
from .i18n import _
from .plan import Plan

if TYPE_CHECKING:
    from pydantic import BaseModel

    from .cache import Store
    from .yamlio import Document

TASKS_FILE = "tasks.yaml"
GROUP_FILE = "group.yaml"
PROGRESS_FILE = "progress.yaml"
DATA_ENV = "ECOTASK_DATA"


BUNDLED = Path(__file__).parent / "data"  # the example shipped in the package: read only


def find_data_dir(option: Path | None = None, *, writing: bool = False) -> Path:
    """--data, else $ECOTASK_DATA, else the nearest of the working folder and its parents
    that holds tasks.yaml or data/tasks.yaml (as git finds its repository), else the bundled
    example; that one only for reading: a write without a data folder is refused."""
    chosen = option or (Path(os.environ[DATA_ENV]) if os.environ.get(DATA_ENV) else None)
    if chosen is not None:
        if not chosen.is_dir():
            source = "--data" if option else f"${DATA_ENV}"
            message = _("no such data folder (from {source})").format(source=source)
            raise DataError([Finding(str(chosen), None, None, "error", message)])
        found = chosen
    else:
        found = _nearest(Path.cwd()) or BUNDLED
    if writing and is_bundled(found):
        raise EcotaskError(
            _(
                "no data folder to write in: no {file} or data/{file} here or in a "
                "folder above, and the bundled example is read only; create one with "
                "`ecotask init DIR`, then run from inside it or give --data DIR"
            ).format(file=TASKS_FILE)
        )
    return found


def _nearest(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        for candidate in (folder, folder / "data"):
            if (candidate / TASKS_FILE).is_file():
                return candidate
    return None


def is_bundled(folder: Path) -> bool:
    """Whether the folder is the package's example, by its path: a source checkout's data
    folder, which the package's links to, is the checkout's own to write in."""
    return folder.absolute() == BUNDLED.absolute()


def shown_path(path: Path) -> str:
    """The path as messages print it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# The data files by the key their normalized data has; progress.yaml may be absent.
FILES = {"tasks": TASKS_FILE, "group": GROUP_FILE, "progress": PROGRESS_FILE}
Sources = dict[str, "bytes | DataError | None"]


def _files(data_dir: Path) -> dict[str, str]:
    """FILES and each unit's progress/UNIT.yaml present, by key (a unit's file's key is its
    name)."""
    from .reporters import unit_files

    return {**FILES, **{name: name for name in unit_files(data_dir)}}


def _paths(data_dir: Path) -> list[Path | None]:
    """The data files in the order of _files, as read_sources reads them: progress.yaml may
    be absent (None)."""
    progress = data_dir / PROGRESS_FILE
    return [
        data_dir / TASKS_FILE,
        data_dir / GROUP_FILE,
        progress if progress.exists() else None,
        *(data_dir / name for name in list(_files(data_dir))[len(FILES) :]),
    ]


def _named(key: str | None, names: list[str]) -> str | None:
    """The key of the files' bytes made the key of their names too: the same bytes in
    another unit's file are another unit's entries. Unchanged without units' files."""
    units = names[len(FILES) :]
    if key is None or not units:
        return key
    import xxhash

    return xxhash.xxh3_128("\n".join([key, *units]).encode("utf-8")).hexdigest()


def read_sources(data_dir: Path) -> Sources:
    """Each file's bytes, read once: the cache key and the parse must see the same bytes."""
    from .files import read_bytes

    sources: Sources = {}
    for key, path in zip(_files(data_dir), _paths(data_dir), strict=True):
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
    from .checks import coded, run_checks
    from .models import GroupFile, ProgressFile, TasksFile
    from .parsed import Docs
    from .schema_errors import schema_findings
    from .yamlio import load

    models: dict[str, type[BaseModel]] = {
        "tasks": TasksFile,
        "group": GroupFile,
        "progress": ProgressFile,
    }
    findings: list[Finding] = []
    docs: dict[str, Document] = {}
    normalized: dict[str, Any] = {}
    for key in sources:
        path, raw = data_dir / FILES.get(key, key), sources[key]
        if raw is None:
            continue
        try:
            if isinstance(raw, DataError):
                raise raw
            doc = load(path, shown_path(path), raw)
        except DataError as exc:
            findings.extend(coded(exc.findings, "yaml"))
            continue
        parsed, problems = schema_findings(doc, models.get(key, ProgressFile))
        findings.extend([*coded(doc.warnings, "line-separator"), *coded(problems, "schema")])
        if parsed is not None:
            docs[key], normalized[key] = doc, parsed.model_dump(mode="json")
    if len(docs) < sum(raw is not None for raw in sources.values()):
        return None, findings, None
    log = _merged_log(data_dir, docs, normalized)
    plan = Plan.from_data(normalized)
    checked = Docs(docs["tasks"], docs["group"], log)
    for each in checked:
        if each is not None:
            each.locate = locate
    problems = run_checks(plan, checked)
    if not locate and any(f.severity == "error" for f in problems):
        for each in checked:
            if each is not None:
                each.locate = True
        problems = run_checks(plan, checked)  # errors are shown, so they need their lines
    findings.extend(problems)
    order = [doc.file for doc in docs.values()]
    findings.sort(key=lambda f: (order.index(f.file) if f.file in order else 0, f.line or 0))
    if any(f.severity == "error" for f in findings):
        return None, findings, None
    return plan, findings, normalized


def _merged_log(data_dir: Path, docs: dict[str, Document], normalized: dict[str, Any]) -> Any:
    """The units' files and the office's log as one: normalized["progress"] holds the merged
    entries; the document the checks locate them in (None without any log)."""
    from .reporters import MergedLog, merge

    logs = [key for key in docs if key not in ("tasks", "group")]
    if logs == ["progress"] or not logs:
        return docs.get("progress")
    events, origins = merge([(key, normalized.pop(key)["events"]) for key in logs])
    normalized["progress"] = {"events": events}
    office = docs.get("progress")
    shown = office.file if office else shown_path(data_dir / PROGRESS_FILE)
    return MergedLog(shown, {key: docs[key] for key in logs}, origins)


def _cache_key(sources: Sources) -> str | None:
    """None when a file cannot be read: such data is never cached."""
    from . import cache

    readable = [raw for raw in sources.values() if not isinstance(raw, DataError)]
    key = cache.key(*readable) if len(readable) == len(sources) else None
    return _named(key, list(sources))


def cache_key(data_dir: Path) -> str | None:
    """The key the cache holds the data folder's plan under, as the files are now."""
    return _cache_key(read_sources(data_dir))


@contextmanager
def _opened_store(use_cache: bool) -> Iterator[Store | None]:
    """The cache's store, closed after use; None when it is off or cannot be used."""
    from . import cache

    store = cache.open_store() if use_cache and cache.enabled() else None
    try:
        yield store
    finally:
        if store is not None:
            store.close()


class Size(NamedTuple):
    tasks: int
    milestones: int


def check_files(data_dir: Path, *, use_cache: bool = True) -> tuple[Size | None, list[Finding]]:
    """validate's answer: the plan's size (None on any error) and every finding, located.

    Files checked before and unchanged since get the findings kept then, as linters do. A
    check stores no plan: a check in CI would pay for a cache it throws away. Data with errors
    is never cached: it is checked every time."""

    with _opened_store(use_cache) as store:
        return _check_files(data_dir, store)


def _check_files(data_dir: Path, store: Store | None) -> tuple[Size | None, list[Finding]]:
    from . import cache

    key = _named(cache.key_of_files(_paths(data_dir)), list(_files(data_dir))) if store else None
    if store and key:
        try:
            blob = store.findings(key)
            if blob is not None:
                return _findings_from(data_dir, blob)
        except (cache.Unusable, KeyError, TypeError, ValueError):
            pass  # damaged, or of the wrong shape
    sources = read_sources(data_dir)
    key = _cache_key(sources) if store else None
    plan, findings = validate_sources(data_dir, sources)[:2]
    if plan is None:
        return None, findings
    size = Size(len(plan.tasks), len(plan.milestones))
    if store and key and (blob := _findings_blob(data_dir, size, findings)):
        store.put_findings(key, blob)
    return size, findings


def _findings_blob(data_dir: Path, size: Size, findings: list[Finding]) -> bytes | None:
    """Findings name their file by its key in FILES, since the same bytes may lie in another
    folder, or be shown from another working folder; None when one names some other file."""
    import orjson

    keys = {shown_path(data_dir / name): key for key, name in _files(data_dir).items()}
    if any(f.file not in keys for f in findings):
        return None
    rows = [[keys[f.file], f.line, f.col, f.severity, f.message, f.code] for f in findings]
    return orjson.dumps({"size": list(size), "findings": rows, "language": i18n.active()})


def _all_keys(stored: dict[str, Any]) -> list[str]:
    return [*FILES, *(key for key, *_ in stored["findings"] if key not in FILES)]


def _findings_from(data_dir: Path, blob: bytes) -> tuple[Size, list[Finding]]:
    """The findings stored, shown as data_dir's files."""
    import orjson

    stored = orjson.loads(blob)
    if stored["language"] != i18n.active():  # the messages are in the reader's language
        raise KeyError("language")
    shown = {key: shown_path(data_dir / FILES.get(key, key)) for key in _all_keys(stored)}
    found = [Finding(shown[key], *rest) for key, *rest in stored["findings"]]
    return Size(*stored["size"]), found


def open_plan(
    data_option: Path | None = None,
    *,
    use_cache: bool = True,
    month: str | None = None,
    before: str | None = None,
    unit: str | None = None,
    task: int | None = None,
    stages: Callable[[str], None] | None = None,
) -> Plan:
    """The plan for a query: any error in the data stops it, warnings do not.

    A plan validated before is read from the cache, keyed by the files' exact bytes, so an
    edit of one byte is validated afresh. Given one of month or before (a day; each as the user
    wrote it), unit (as the user wrote it) or task (an id), a cached plan holds only the tasks with
    a step due that month, or before that day's month, those the unit takes part in, or that
    one task: the query filters the same way, so the answer is the same. `stages` is told
    when validating and storing the plan start, the work that takes seconds on a large plan.
    """
    folder = find_data_dir(data_option)
    with _opened_store(use_cache) as store:
        return _open_plan(folder, store, month, before, unit, task, stages or _unmarked)


def _unmarked(stage: str) -> None:
    """No one follows these stages."""


def _open_plan(
    folder: Path,
    store: Store | None,
    month: str | None,
    before: str | None,
    unit: str | None,
    task: int | None,
    stages: Callable[[str], None],
) -> Plan:
    from . import cache

    key = _named(cache.key_of_files(_paths(folder)), list(_files(folder))) if store else None
    if store and key:
        try:
            found = _stored_plan(store, key, month, before, unit, task)
            if found is not None:
                return found
        except (cache.Unusable, KeyError, TypeError, ValueError, AttributeError, IndexError):
            pass  # a damaged database, or rows of the wrong shape: the files answer
    # Validated from the bytes read here, and cached under their key: were a file edited
    # since it was hashed above, the store still holds what its key says.
    stages(_("validating the data"))
    sources = read_sources(folder)
    key = _cache_key(sources) if store else None
    plan, findings, normalized = validate_sources(folder, sources, locate=False)
    if plan is None:
        raise DataError([f for f in findings if f.severity == "error"])
    if store and key:
        stages(_("caching the plan"))
        store.put(key, normalized, plan.index())
    return plan


def _stored_plan(
    store: Store,
    key: str,
    month: str | None,
    before: str | None,
    unit: str | None,
    task: int | None,
) -> Plan | None:
    """The stored plan with the tasks the selection needs; a bad month or an unknown unit
    raises here just as the query itself would."""
    stored = store.plan(key)
    if stored is None:
        return None
    if month is None and before is None and unit is None and task is None:
        return Plan.from_data(stored.data(store.tasks(stored)))
    if task is not None:  # an unknown id reads every task, for the error to name their range
        rows = store.tasks(stored, "task", task) or store.tasks(stored)
        return Plan.from_data(stored.data(rows))
    head = Plan.from_data(stored.data([]))  # no tasks: enough for the year and the names
    if unit is not None:
        from .names import resolve_unit

        rows = store.tasks(stored, "unit", resolve_unit(head, unit))
    elif month is not None:
        from .dates import parse_month

        year, number = parse_month(month, head.year)
        rows = store.tasks(stored, "month", f"{year}-{number:02d}")
    elif before is not None:
        from .dates import parse_date

        rows = store.tasks(stored, "before", f"{parse_date(before, head.year):%Y-%m}")
    return Plan.from_data(stored.data(rows))
