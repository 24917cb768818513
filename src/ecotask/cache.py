"""A cache of validated plans, so that a query after the first skips YAML, Pydantic and checks.

Entries are keyed by a hash of the data files' exact bytes and of ecotask's own code, so an
edited file or a new version of the tool is validated afresh: no answer can be stale. They live
in the user's cache folder, never beside the data, are written atomically, carry a checksum
of each section, and are ignored (and rebuilt) when unreadable, corrupt or truncated.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import Any, BinaryIO

import orjson
import xxhash

DISABLE_ENV = "ECOTASK_NO_CACHE"
KEEP = 16  # entries kept: enough for a few data folders edited back and forth
BUDGET = 2**30  # bytes kept in all


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ecotask"


@cache
def source_digest(package: str) -> bytes:
    """A package's source, by each module's size and modification time (the rule Python's own
    bytecode cache follows): reading every module instead would cost a small query a
    millisecond, and so would pathlib's walk (os.walk takes 0.3 ms)."""
    digest = xxhash.xxh3_128()
    for folder, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                where = f"{folder[len(package) :]}/{name}"
                digest.update(f"{where} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.digest()


def code_digest() -> bytes:
    """ecotask's own source: a change in how data is read or checked invalidates every entry."""
    return source_digest(os.path.dirname(__file__))


def key(*sources: bytes | None) -> str:
    """The entry for these files' bytes; None stands for an absent file, unlike an empty one.

    XXH3's 128 bits: any edit changes the key but by a chance of 1 in 2**128, and it hashes
    11 GB/s here against SHA-256's 1.4, so a 35 MB plan costs a query 3 ms, not 25. Being no
    defence against a forger does not matter: the files are the user's own."""
    digest = xxhash.xxh3_128(code_digest())
    for raw in sources:
        if raw is None:
            digest.update(b"\xff" * 8)
            continue
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


def key_of_files(paths: list[Path | None]) -> str | None:
    """key() of the files' bytes, read through one buffer of at most a MiB: 35 MB of plan are
    hashed in 8 ms, where reading them into memory first takes 30. None when a file is not a
    regular file or changes while it is read: the caller then reads the bytes, and keys those."""
    try:
        infos = [path.stat() if path is not None else None for path in paths]
    except OSError:
        return None
    if any(info is not None and not stat.S_ISREG(info.st_mode) for info in infos):
        return None  # a pipe would block the open below
    largest = max((info.st_size for info in infos if info is not None), default=0)
    buffer = bytearray(min(2**20, largest + 1))  # a small plan's files need no MiB zeroed
    view = memoryview(buffer)
    digest = xxhash.xxh3_128(code_digest())
    for path, info in zip(paths, infos, strict=True):
        if path is None or info is None:
            digest.update(b"\xff" * 8)
            continue
        digest.update(info.st_size.to_bytes(8, "little"))
        read = 0
        try:
            with path.open("rb", buffering=0) as handle:
                while count := handle.readinto(buffer):
                    digest.update(view[:count])
                    read += count
        except OSError:
            return None
        if read != info.st_size:
            return None
    return digest.hexdigest()


class Entry:
    """A cached plan: named sections, each read on its own and checked against its checksum, so
    that a query over part of a large plan reads only that part. The plan's normalized data is
    in "head" (plan, categories, group, progress) and "tasks" (a line per task), with indexes of
    the tasks each month ("months") and each unit or collective ("units") concerns, and of
    each task by its id ("ids"); other sections hold answers computed in advance (answers.py).
    validate's findings are an entry of their own (load.check_files)."""

    def __init__(self, path: Path, body: int, sections: dict[str, list[int]]) -> None:
        self._path, self._body, self._sections = path, body, sections

    def section(self, name: str) -> bytes | None:
        """The section's bytes, None when there is no such section; ValueError when damaged."""
        place = self.place(name)
        if place is None:
            return None
        offset, length, check = place
        with self.open() as handle:
            handle.seek(offset)
            blob = handle.read(length)
        if len(blob) != length or section_check(blob) != check:
            raise ValueError(f"cache section {name!r} is damaged")
        return blob

    def place(self, name: str) -> tuple[int, int, int] | None:
        """Where the section lies in the file, its length and its checksum."""
        if name not in self._sections:
            return None
        offset, length, check = self._sections[name]
        return self._body + offset, length, check

    def open(self) -> BinaryIO:
        """The entry's file; while it is open, its bytes cannot change: entries are replaced
        by renaming a new file over them, never written in place."""
        return self._path.open("rb")

    def index(self, name: str) -> dict[str, list[int]]:
        return orjson.loads(self.section(name) or b"{}")

    @cached_property
    def _head(self) -> Any:
        """Read once: a query over some tasks asks for the head alone first (load.py)."""
        return orjson.loads(self.section("head") or b"null")

    def data(self, positions: Iterable[int] | None = None) -> dict[str, Any]:
        """Normalized data, as the models dump the files, with all tasks or those given."""
        head = self._head
        chosen = None if positions is None else sorted(set(positions))
        lines: list[bytes] = []
        if chosen is None or chosen:
            body = self.section("tasks")
            lines = body.split(b"\n") if body else []
            lines = lines if chosen is None else [lines[i] for i in chosen]
        tasks = {"plan": head["plan"], "categories": head["categories"]}
        return {
            "tasks": {**tasks, "tasks": [orjson.loads(line) for line in lines]},
            "group": head["group"],
            **({"progress": head["progress"]} if head["progress"] is not None else {}),
        }


def section_check(blob: bytes | memoryview) -> int:
    """What finds a damaged or truncated section: XXH3's 64 bits, 9 ms per 100 MB here against
    CRC-32's 25, and a large plan's unit answer reads 100 MB of sections."""
    return xxhash.xxh3_64_intdigest(blob)


def section_digest() -> Any:
    """section_check of a section read in pieces: update() each, then intdigest()."""
    return xxhash.xxh3_64()


def checksum(payload: bytes) -> str:
    return f"{section_check(payload):016x}"


def read(entry: str, where: str = "") -> Entry | None:
    """The entry (in the subfolder `where`), or None when there is no usable one: its first
    line is the checksum of the second, which lists the sections."""
    path = folder() / where / f"{entry}.json"
    try:
        with path.open("rb") as handle:
            check, table = handle.readline().rstrip(b"\n"), handle.readline()
        if check.decode("ascii") != checksum(table):
            return None
        sections = orjson.loads(table)
        if not isinstance(sections, dict):
            return None
        return Entry(path, len(check) + 1 + len(table), sections)
    except (OSError, ValueError):  # orjson's errors are ValueErrors
        return None


def plan_sections(data: dict[str, Any], index: dict[str, dict[str, list[int]]]) -> dict[str, bytes]:
    """A plan's normalized data and its indexes, as the sections Entry.data reads."""
    head = {
        "plan": data["tasks"]["plan"],
        "categories": data["tasks"]["categories"],
        "group": data["group"],
        "progress": data.get("progress"),
    }
    return {
        "head": orjson.dumps(head),
        "months": orjson.dumps(index["months"]),
        "units": orjson.dumps(index["units"]),
        "ids": orjson.dumps(index["ids"]),
        "tasks": b"\n".join(map(orjson.dumps, data["tasks"]["tasks"])),
    }


def write(
    entry: str, sections: dict[str, bytes], where: str = "", limits: tuple[int, int] | None = None
) -> None:
    """Store the sections atomically, in the subfolder `where`, then prune that folder to
    `limits` (entries and bytes kept; KEEP and BUDGET unless given). A cache that cannot be
    written only costs speed."""
    from .errors import DataError
    from .files import write_atomically

    table, offset = {}, 0
    for name, blob in sections.items():
        table[name] = [offset, len(blob), section_check(blob)]
        offset += len(blob)
    header = orjson.dumps(table) + b"\n"
    blob = b"".join([checksum(header).encode(), b"\n", header, *sections.values()])
    target = folder() / where
    try:
        target.mkdir(parents=True, exist_ok=True)
        write_atomically(target / f"{entry}.json", entry, blob, durable=False)
        _prune(target, limits)
    except (OSError, DataError):
        pass


def _prune(target: Path, limits: tuple[int, int] | None = None) -> None:
    """Keep the newest entries, at most so many and so many bytes in all; the newest is kept
    whatever its size (a plan of 50,000 tasks takes about 250 MB)."""
    keep, budget = limits or (KEEP, BUDGET)
    found = [(path, path.stat()) for path in target.glob("*.json")]
    found.sort(key=lambda entry: entry[1].st_mtime, reverse=True)
    total = 0
    for count, (path, info) in enumerate(found):
        total += info.st_size
        if count and (count >= keep or total > budget):
            path.unlink(missing_ok=True)
