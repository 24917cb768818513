"""A cache of validated plans, so that a query after the first skips YAML, Pydantic and checks.

Entries are keyed by a hash of the data files' exact bytes and of ecotask's own code, so an
edited file or a new version of the tool is validated afresh: no answer can be stale. They live
in the user's cache folder, never beside the data, are written atomically, carry a checksum of
their content, and are ignored (and rebuilt) when unreadable, corrupt or truncated.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import orjson

try:  # hashlib's own BLAKE2: importing hashlib loads OpenSSL too, 3 ms of a 90 ms query
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

DISABLE_ENV = "ECOTASK_NO_CACHE"
KEEP = 16  # entries kept: enough for a few data folders edited back and forth


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ecotask"


@cache
def _code_digest() -> bytes:
    """ecotask's own source: a change in how data is read or checked invalidates every entry.
    Each module's size and modification time, the rule Python's own bytecode cache follows:
    reading every module instead would cost a small query a millisecond."""
    digest, package = blake2b(), Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        name = path.relative_to(package).as_posix()
        digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.digest()


def key(*sources: bytes | None) -> str:
    """The entry for these files' bytes; None stands for an absent file, unlike an empty one."""
    digest = blake2b(_code_digest(), digest_size=32)
    for raw in sources:
        if raw is None:
            digest.update(b"\xff" * 8)
            continue
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


class Entry:
    """A cached plan, one line each: its head (plan, categories, group, progress), an index of
    the tasks each month concerns, one of the tasks each unit or collective takes part in,
    then every task's data. A query over a few tasks of a large plan parses only the lines it
    needs."""

    def __init__(self, payload: bytes) -> None:
        head, months, units, self._body = payload.split(b"\n", 3)
        self.head: dict[str, Any] = orjson.loads(head)
        self._index = {"months": months, "units": units}
        self._tasks: list[bytes] | None = None

    def index(self, name: str) -> dict[str, list[int]]:
        return orjson.loads(self._index[name])

    def data(self, positions: Iterable[int] | None = None) -> dict[str, Any]:
        """Normalized data, as the models dump the files, with all tasks or those given."""
        if self._tasks is None:
            self._tasks = self._body.split(b"\n") if self._body else []
        lines = (
            self._tasks if positions is None else [self._tasks[i] for i in sorted(set(positions))]
        )
        head = self.head
        tasks = {"plan": head["plan"], "categories": head["categories"]}
        return {
            "tasks": {**tasks, "tasks": [orjson.loads(line) for line in lines]},
            "group": head["group"],
            **({"progress": head["progress"]} if head["progress"] is not None else {}),
        }


def checksum(payload: bytes) -> str:
    """What finds a damaged or truncated entry. Not a defence against anyone who can write
    to the user's cache folder, so CRC-32: 2.5 times as fast as SHA-256 on a 37 MB entry."""
    return f"{zlib.crc32(payload):08x}"


def read(entry: str) -> Entry | None:
    """The cached plan, or None when there is no usable entry."""
    try:
        blob = (folder() / f"{entry}.json").read_bytes()
        check, _, payload = blob.partition(b"\n")
        if check.decode("ascii") != checksum(payload):
            return None
        return Entry(payload)
    except (OSError, ValueError, KeyError, TypeError):  # orjson's errors are ValueErrors
        return None


def write(entry: str, data: dict[str, Any], index: dict[str, dict[str, list[int]]]) -> None:
    """Store a plan's normalized data and index atomically; a cache that cannot be written
    only costs speed."""
    from .errors import DataError
    from .files import write_atomically

    head = {
        "plan": data["tasks"]["plan"],
        "categories": data["tasks"]["categories"],
        "group": data["group"],
        "progress": data.get("progress"),
    }
    lines = [orjson.dumps(head), orjson.dumps(index["months"]), orjson.dumps(index["units"])]
    payload = b"\n".join([*lines, *map(orjson.dumps, data["tasks"]["tasks"])])
    blob = checksum(payload).encode() + b"\n" + payload
    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
        write_atomically(target / f"{entry}.json", entry, blob)
        _prune(target)
    except (OSError, DataError):
        pass


def _prune(target: Path) -> None:
    entries = sorted(target.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
