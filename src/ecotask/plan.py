"""Find the data folder, load both files and index what the queries need."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from .errors import DataError, Finding

if TYPE_CHECKING:
    from .dates import DueSpec
    from .records import Event, GroupFile, Member, Milestone, Task, TasksFile, Unit

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


class DatedMilestone(NamedTuple):
    """A milestone with its dates resolved against the plan's year."""

    task: Task
    number: int
    milestone: Milestone
    start: date | None
    due: date

    @property
    def ref(self) -> str:
        return f"{self.task.id}.{self.number}"

    @property
    def due_text(self) -> str:
        """The phrase the date came from; the deadline's when the step has none."""
        return str(self.milestone.due or self.task.deadline)


Role = Literal["lead", "responsible"]


class Involvement(NamedTuple):
    """A unit's part in a task: its role, and the collective it is reached through, if any."""

    task: Task
    role: Role
    via: str | None = None


class Plan:
    """Both files, validated, with the indexes the queries use. A plain class: dataclasses
    cost a query most of a millisecond to import."""

    def __init__(
        self, tasks_file: TasksFile, group_file: GroupFile, events: list[Event] | None = None
    ) -> None:
        self.tasks_file = tasks_file
        self.group_file = group_file
        self.events: list[Event] = events or []
        # Rows the cache answered in advance, for the selections that ask for them.
        self.stored: Any = None
        year = self.year
        self.milestones: list[DatedMilestone] = []
        resolved: dict[DueSpec, tuple[date | None, date]] = {}  # a few phrases, many steps

        def when(spec: DueSpec) -> tuple[date | None, date]:
            found = resolved.get(spec)
            if found is None:
                found = resolved[spec] = spec.resolve(year)
            return found

        for task in self.tasks:
            deadline = when(task.deadline)[1]
            for number, milestone in enumerate(task.milestones, 1):
                start, due = when(milestone.due) if milestone.due else (None, deadline)
                self.milestones.append(DatedMilestone(task, number, milestone, start, due))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Plan:
        """From normalized data ({"tasks", "group", and "progress" when there is one}), as
        the models dump the files."""
        from . import records

        progress = data.get("progress")
        return cls(
            records.tasks_file(data["tasks"]),
            records.group_file(data["group"]),
            records.events(progress) if progress else [],
        )

    @property
    def year(self) -> int:
        return self.tasks_file.plan.year

    @property
    def tasks(self) -> list[Task]:
        return self.tasks_file.tasks

    def deadline(self, task: Task) -> date:
        return task.deadline.resolve(self.year)[1]

    @cached_property
    def task_by_id(self) -> dict[int, Task]:
        return {task.id: task for task in self.tasks}

    @cached_property
    def units(self) -> dict[str, Unit]:
        """Every unit by canonical name."""
        return {unit.name: unit for unit in self.group_file.units}

    @cached_property
    def unit_names(self) -> dict[str, str]:
        """Canonical name for every name and alias of a unit."""
        names = {}
        for unit in self.group_file.units:
            for name in (unit.name, *unit.aliases):
                names.setdefault(name, unit.name)
        return names

    @cached_property
    def collectives(self) -> dict[str, list[str]]:
        return {c.name: c.members for c in self.group_file.collectives}

    @cached_property
    def involvements(self) -> dict[str, list[Involvement]]:
        """Every unit's and collective's part in each task, in task order; a unit named
        directly in a column is not also listed through a collective in that column."""
        index: dict[str, list[Involvement]] = {}
        for task in self.tasks:
            for role, names in (("lead", task.lead), ("responsible", task.responsible)):
                direct = {self.unit_names.get(name, name) for name in names}
                for name in direct:
                    index.setdefault(name, []).append(Involvement(task, role))
                for name in names:
                    for member in self.collectives.get(name, []):
                        if member not in direct:
                            index.setdefault(member, []).append(Involvement(task, role, name))
        return index

    def involvements_of(self, name: str) -> list[Involvement]:
        """What `involvements` holds for one unit or collective, without indexing every other
        one: a unit's query over thousands of tasks needs only its own."""
        if "involvements" in self.__dict__:
            return self.involvements.get(name, [])
        found = []
        for task in self.tasks:
            for role, names in (("lead", task.lead), ("responsible", task.responsible)):
                if any(self.unit_names.get(n, n) == name for n in names):
                    found.append(Involvement(task, role))
                    continue
                found += [
                    Involvement(task, role, n) for n in names if name in self.collectives.get(n, ())
                ]
        return found

    def index(self) -> dict[str, dict[str, list[int]]]:
        """Which tasks (by position) have a step due in each month, and which each unit or
        collective takes part in: what the cache needs to load only part of a plan."""
        months: dict[str, set[int]] = {}
        position = {id(task): i for i, task in enumerate(self.tasks)}
        for m in self.milestones:
            months.setdefault(f"{m.due:%Y-%m}", set()).add(position[id(m.task)])
        units = {
            name: sorted({position[id(i.task)] for i in involvements})
            for name, involvements in self.involvements.items()
        }
        return {"months": {k: sorted(v) for k, v in months.items()}, "units": units}

    @cached_property
    def leaders(self) -> dict[str, list[Task]]:
        """Every leader in charge of tasks, in order of first appearance, with their tasks."""
        index: dict[str, list[Task]] = {}
        for task in self.tasks:
            for name in task.leaders:
                index.setdefault(name, []).append(task)
        return index

    @cached_property
    def roster(self) -> dict[str, Member]:
        return {member.name: member for member in self.group_file.group.members}

    @cached_property
    def heads(self) -> dict[str, Member]:
        """Each unit's head: the first roster member whose position is in it."""
        heads: dict[str, Member] = {}
        for member in self.group_file.group.members:
            heads.setdefault(member.unit, member)
        return heads

    @cached_property
    def other_leaders(self) -> set[str]:
        return {leader.name for leader in self.group_file.other_leaders}


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
    for key, name in FILES.items():
        path = data_dir / name
        if key == "progress" and not path.exists():
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
    """Validating a plan allocates millions of objects and frees few: the garbage collector's
    passes find nothing and cost a quarter of the time (10,000 tasks: 2.3 s -> 1.7 s here)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_plan(data_dir: Path) -> tuple[Plan | None, list[Finding]]:
    """Validate the files from scratch: the plan (None on any error) and every finding."""
    with _collector_paused():
        plan, findings, _ = validate_sources(data_dir, read_sources(data_dir))
    return plan, findings


# Which tasks a query needs, as the user wrote it: those with a step due in a month ("6",
# "2017-06"), or due before a day, or those a unit or collective takes part in. None: all.
# "month-rows" and "unit-rows" ask for no tasks but for the rows the cache answered in advance
# (answers.py): `Plan.stored` holds them, unless the plan had to be validated afresh.
Selection = (
    tuple[Literal["month", "month-rows", "unit", "unit-rows"], str]
    | tuple[Literal["before"], date]
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
    head = Plan.from_data(entry.data([]))  # no tasks: enough for the year and the names
    kind = select[0]
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
