"""The cache: validated plans in an SQLite database, so that a query after the first skips
YAML, Pydantic and the checks.

A plan is stored under a key, a hash of the data files' exact bytes and of ecotask's own code:
an edited file or another version of the tool is validated afresh, so no answer can be stale.
It holds data only, never an answer: the plan's head (plan, categories, group, progress), a row
per task, and index tables of the tasks each month and each unit concerns, so that a query
reads only the tasks it needs. Writes are transactions; a damaged database is rebuilt, one that
cannot be used is bypassed: a cache costs only speed, never an answer.

It lives in the platform's user cache folder, which is refused when it is a link, belongs to
another user or is writable by others: whoever can write it could forge answers. ecotask writes
one database there (with SQLite's -wal and -shm files beside it) and touches no other file.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import orjson
import xxhash

from .i18n import _

DISABLE_ENV = "ECOTASK_NO_CACHE"
DATABASE = "cache.sqlite3"
SCHEMA = 1  # PRAGMA user_version: a database of another layout is rebuilt
KEEP = 8  # plans kept: a few data folders edited back and forth
BUDGET = 64 * 2**20  # bytes of plans kept in all; the newest is kept whatever its size
FINDINGS_KEPT = 32  # validate's answers kept
WAIT = 5.0  # seconds a write waits for another's; then the cache is bypassed
DICTIONARY = 8192  # bytes of sample rows that every task row is compressed against
_WINDOW_BITS = 13  # a window of 8 KiB: the dictionary, and a row and more

# Told, once per message, why the cache is not used (the CLI's --verbose sets it).
explain: Callable[[str], None] | None = None
_said: set[str] = set()


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def folder() -> Path:
    """The platform's user cache folder for ecotask ($XDG_CACHE_HOME/ecotask on Linux).

    On Linux, the XDG rule platformdirs follows, written out: importing platformdirs costs
    every query more than reading its plan from the store. Elsewhere (and on Linux with
    neither variable absolute, or on Android), platformdirs decides."""
    if sys.platform == "linux" and "ANDROID_DATA" not in os.environ:
        for variable, below in (("XDG_CACHE_HOME", ""), ("HOME", ".cache")):
            base = os.environ.get(variable, "")
            if os.path.isabs(base):
                return Path(base, below, "ecotask")
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ecotask", appauthor=False))


@cache
def source_digest(package: str) -> bytes:
    """A package's source, by each module's size and modification time (the rule Python's own
    bytecode cache follows): reading every module would cost every query more than the rest
    of finding its plan."""
    digest = xxhash.xxh3_128()
    for where, subfolders, files in os.walk(package):
        subfolders[:] = sorted(name for name in subfolders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                info = os.stat(os.path.join(where, name))
                shown = f"{where[len(package) :]}/{name}"
                digest.update(f"{shown} {info.st_size} {info.st_mtime_ns}\n".encode())
    return digest.digest()


def code_digest() -> bytes:
    """ecotask's own source: a change in how data is read or checked invalidates every plan."""
    return source_digest(os.path.dirname(__file__))


def key(*sources: bytes | None) -> str:
    """The key of these files' bytes; None stands for an absent file, unlike an empty one.

    XXH3's 128 bits: any edit changes the key but by a chance of 1 in 2**128, at a fraction
    of SHA-256's cost. It is no defence against a forger, and need not be: the files are the
    user's own, and so is the folder the cache is kept in (refusal())."""
    digest = xxhash.xxh3_128(code_digest())
    for raw in sources:
        if raw is None:
            digest.update(b"\xff" * 8)
            continue
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


def key_of_files(paths: list[Path | None]) -> str | None:
    """key() of the files' bytes, read through one small buffer rather than into memory. None
    when a file is not a regular file or changes while it is read: the caller then reads the
    bytes, and keys those."""
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


def refusal(path: Path) -> str | None:
    """Why the cache folder must not be used; None when it may."""
    try:
        info = os.lstat(path)
    except OSError as exc:
        return _("{path} cannot be read ({reason})").format(path=path, reason=exc.strerror)
    if stat.S_ISLNK(info.st_mode):
        return _("{path} is a symbolic link").format(path=path)
    if not stat.S_ISDIR(info.st_mode):
        return _("{path} is not a folder").format(path=path)
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owner nor mode bits to read; the folder is the user's
        return None
    if info.st_uid != getuid():
        return _("{path} belongs to another user").format(path=path)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return _("{path} is writable by other users").format(path=path)
    return None


def _unused(why: object) -> str:
    return _("the cache is not used: {reason}").format(reason=why)


def _damaged(exc: Exception) -> str:
    return _("the cache was damaged ({reason}) and is built anew").format(reason=exc)


def _say(message: str) -> None:
    if explain is not None and message not in _said:
        _said.add(message)
        explain(message)


class Unusable(Exception):
    """The cache cannot answer this time: the caller validates the files instead."""


class StoredPlan(NamedTuple):
    """A plan found in the store: its row id, its head, and the dictionary of its rows."""

    id: int
    head: dict[str, Any]
    dictionary: bytes

    def data(self, tasks: list[dict[str, Any]]) -> dict[str, Any]:
        """Normalized data, as the models dump the files, with these tasks."""
        head = self.head
        return {
            "tasks": {"plan": head["plan"], "categories": head["categories"], "tasks": tasks},
            "group": head["group"],
            **({"progress": head["progress"]} if head["progress"] is not None else {}),
        }


_SCHEMA = """
CREATE TABLE plans (
    id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE,
    head BLOB NOT NULL, dictionary BLOB NOT NULL, size INTEGER NOT NULL);
CREATE TABLE tasks (
    plan INTEGER NOT NULL, position INTEGER NOT NULL, id INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (plan, position)) WITHOUT ROWID;
CREATE INDEX task_ids ON tasks (plan, id);
CREATE TABLE months (
    plan INTEGER NOT NULL, month INTEGER NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (plan, month, position)) WITHOUT ROWID;
CREATE TABLE units (
    plan INTEGER NOT NULL, unit INTEGER NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (plan, unit, position)) WITHOUT ROWID;
CREATE TABLE findings (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, data BLOB NOT NULL);
"""

# Which tasks each selection reads, by position: those with a step due in a month, in a month
# up to one, those a unit or collective takes part in, one by its id, or all.
_SELECT = {
    "month": "SELECT t.data FROM months m JOIN tasks t ON t.plan = m.plan "
    "AND t.position = m.position WHERE m.plan = ?1 AND m.month = ?2 ORDER BY m.position",
    "before": "SELECT data FROM tasks WHERE plan = ?1 AND position IN "
    "(SELECT position FROM months WHERE plan = ?1 AND month <= ?2) ORDER BY position",
    "unit": "SELECT t.data FROM units u JOIN tasks t ON t.plan = u.plan "
    "AND t.position = u.position WHERE u.plan = ?1 AND u.unit = ?2 ORDER BY u.position",
    "task": "SELECT data FROM tasks WHERE plan = ?1 AND id = ?2",
    "all": "SELECT data FROM tasks WHERE plan = ?1 AND ?2 IS NULL ORDER BY position",
}


def _files(path: Path) -> list[Path]:
    """The database and the files SQLite keeps beside it: all that ecotask ever writes."""
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


class Store:
    """The database, open. Every method raises Unusable, never sqlite3's errors: a damaged
    database is removed first, so that the next write builds it anew."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        for name in _files(self.path):  # a FIFO or a link would hang or lead astray
            try:
                info = os.lstat(name)
            except FileNotFoundError:
                continue
            if not stat.S_ISREG(info.st_mode):
                raise Unusable(_("{path} is not a regular file").format(path=name))
        db = sqlite3.connect(self.path, timeout=WAIT, isolation_level=None)
        try:
            db.execute("PRAGMA synchronous = NORMAL")  # with WAL: consistent after a crash
            if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
                self._create(db)
        except BaseException:
            db.close()
            raise
        return db

    def _create(self, db: sqlite3.Connection) -> None:
        # Both are written to the header in rollback mode, each synced thrice over: not worth
        # it for a header that holds no plan, which a crash leaves at worst damaged, and so
        # rebuilt. The tables are then created in WAL, synced as every later write is.
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")  # pruned rows give their pages back
        db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
        db.execute("PRAGMA synchronous = NORMAL")  # with WAL: consistent after a crash
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA):  # another layout: its rows are dropped
                tables = db.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")
                for (table,) in tables.fetchall():
                    db.execute(f'DROP TABLE IF EXISTS "{table}"')
            if version != SCHEMA:
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA}")
            db.execute("COMMIT")
        except BaseException:
            db.rollback()
            raise

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def _guarded(self) -> Iterator[sqlite3.Connection]:
        """SQLite's errors as Unusable; a database found damaged is removed."""
        try:
            yield self._db
        except sqlite3.OperationalError as exc:  # locked for too long, a full disk, ...
            raise Unusable(str(exc)) from exc
        except (sqlite3.DatabaseError, zlib.error, ValueError, TypeError, KeyError) as exc:
            self._remove(_damaged(exc))
            raise Unusable(str(exc)) from exc

    def _remove(self, why: str) -> None:
        _say(why)
        self._db.close()
        for name in _files(self.path):
            name.unlink(missing_ok=True)
        try:
            self._db = self._connect()
        except (sqlite3.Error, Unusable):  # tables it lacks make every later call Unusable
            self._db = sqlite3.connect(":memory:")

    def plan(self, key: str) -> StoredPlan | None:
        """The plan stored under the key; None when there is none."""
        with self._guarded() as db:
            found = db.execute(
                "SELECT id, head, dictionary FROM plans WHERE key = ?", (key,)
            ).fetchone()
            if found is None:
                return None
            plan, head, dictionary = found
            return StoredPlan(plan, orjson.loads(_unpack(head)), dictionary)

    def tasks(self, plan: StoredPlan, kind: str = "all", value: Any = None) -> list[Any]:
        """The tasks a selection reads (_SELECT), in the plan's order, as normalized data:
        those with a step due in a month or up to one ("2017-06"), a unit's or collective's
        (by its canonical name), the one with an id, or all."""
        if kind in ("month", "before"):
            value = _month_number(value)
        elif kind == "unit":
            value = plan.head["units"].get(value)
        with self._guarded() as db:
            rows = db.execute(_SELECT[kind], (plan.id, value)).fetchall()
            if not rows:
                return []
            # Every row starts with the same header, naming the dictionary: a decompressor
            # that has read it is copied for each row, rather than given the dictionary anew.
            header = rows[0][0][:_HEADER]
            primed = zlib.decompressobj(zdict=plan.dictionary)
            primed.decompress(header)
            return [orjson.loads(_unpacked(primed.copy(), blob, header)) for (blob,) in rows]

    def put(self, key: str, data: dict[str, Any], index: dict[str, dict[str, list[int]]]) -> None:
        """Store a validated plan's normalized data and its index (Plan.index), unless another
        process stored it first; then prune the oldest plans. A plan that cannot be stored
        costs only speed."""
        with suppress(Unusable):
            self._put(key, data, index)

    def _put(self, key: str, data: dict[str, Any], index: dict[str, dict[str, list[int]]]) -> None:
        tasks = data["tasks"]
        units = {name: number for number, name in enumerate(index["units"])}
        head = {
            "plan": tasks["plan"],
            "categories": tasks["categories"],
            "group": data["group"],
            "progress": data.get("progress"),
            "units": units,  # the number each unit's rows in the units table go by
        }
        rows = [orjson.dumps(task) for task in tasks["tasks"]]
        dictionary = _dictionary(rows)
        # Copied for each row, since priming each anew costs more; and so with the window the
        # dictionary needs and small tables: a copy is of the whole state, 256 KiB by default.
        primed = zlib.compressobj(1, zlib.DEFLATED, _WINDOW_BITS, 4, zdict=dictionary)
        packed = [_packed(primed.copy(), row) for row in rows]
        blob = _pack(orjson.dumps(head))
        size = len(blob) + sum(map(len, packed))
        with self._guarded() as db, _transaction(db):
            if db.execute("SELECT 1 FROM plans WHERE key = ?", (key,)).fetchone():
                return
            plan = db.execute(
                "INSERT INTO plans (key, head, dictionary, size) VALUES (?, ?, ?, ?)",
                (key, blob, dictionary, size),
            ).lastrowid
            db.executemany(
                "INSERT INTO tasks VALUES (?, ?, ?, ?)",
                (
                    (plan, i, task["id"], row)
                    for i, (task, row) in enumerate(zip(tasks["tasks"], packed, strict=True))
                ),
            )
            months, parts = index["months"].items(), index["units"].items()
            db.executemany(
                "INSERT INTO months VALUES (?, ?, ?)",
                ((plan, _month_number(month), i) for month, found in months for i in found),
            )
            db.executemany(
                "INSERT INTO units VALUES (?, ?, ?)",
                ((plan, units[name], i) for name, found in parts for i in found),
            )
            _prune(db)
        with self._guarded() as db:
            db.execute("PRAGMA incremental_vacuum")

    def findings(self, key: str) -> bytes | None:
        """What validate stored under the key, if anything."""
        with self._guarded() as db:
            found = db.execute("SELECT data FROM findings WHERE key = ?", (key,)).fetchone()
            return None if found is None else _unpack(found[0])

    def put_findings(self, key: str, blob: bytes) -> None:
        with suppress(Unusable), self._guarded() as db, _transaction(db):
            db.execute(
                "INSERT OR REPLACE INTO findings (key, data) VALUES (?, ?)", (key, _pack(blob))
            )
            db.execute(
                "DELETE FROM findings WHERE id <= (SELECT max(id) FROM findings) - ?",
                (FINDINGS_KEPT,),
            )


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write at a time: BEGIN IMMEDIATE waits (up to WAIT) for another writer to end."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.rollback()
        raise
    db.execute("COMMIT")


def _prune(db: sqlite3.Connection) -> None:
    """Drop the oldest plans beyond KEEP of them or BUDGET bytes; the newest stays."""
    total = 0
    plans = db.execute("SELECT id, size FROM plans ORDER BY id DESC").fetchall()
    for count, (plan, size) in enumerate(plans):
        total += size
        if count and (count >= KEEP or total > BUDGET):
            for table in ("tasks", "months", "units"):
                db.execute(f"DELETE FROM {table} WHERE plan = ?", (plan,))
            db.execute("DELETE FROM plans WHERE id = ?", (plan,))


def _month_number(month: str) -> int:
    """201706 for "2017-06": smaller in an index than the text, and ordered alike."""
    return int(month.replace("-", ""))


def _dictionary(rows: list[bytes]) -> bytes:
    """Rows sampled across the plan, which every row is compressed against: each alone would
    compress little, since what repeats are the keys and names the other rows share."""
    step = max(1, len(rows) // 64)
    return b"".join(rows[::step])[-DICTIONARY:] or b"{}"


def _packed(packer: Any, blob: bytes) -> bytes:
    packed: bytes = packer.compress(blob) + packer.flush()
    return packed


def _pack(blob: bytes) -> bytes:
    return _packed(zlib.compressobj(1), blob)


_HEADER = 6  # bytes of a zlib stream's header with a dictionary's id


def _unpacked(unpacker: Any, blob: bytes, header: bytes = b"") -> bytes:
    """The row; ValueError when it is cut short or has another header. zlib's checksum finds
    any other damage."""
    if not blob.startswith(header):
        raise ValueError(_("a cached row has another header"))
    found: bytes = unpacker.decompress(blob[len(header) :])
    if not unpacker.eof or unpacker.unused_data:
        raise ValueError(_("a cached row is cut short"))
    return found


def _unpack(blob: bytes) -> bytes:
    return _unpacked(zlib.decompressobj(), blob)


def open_store() -> Store | None:
    """The store, creating its folder and database when absent; None, said once under
    --verbose, when the folder is refused or the database cannot be opened."""
    where = folder()
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        where.mkdir(mode=0o700, exist_ok=True)
    except OSError as exc:
        _say(
            _unused(
                _("{path} cannot be created ({reason})").format(path=where, reason=exc.strerror)
            )
        )
        return None
    if (refused := refusal(where)) is not None:
        _say(_unused(refused))
        return None
    path = where / DATABASE
    for attempt in range(2):
        try:
            return Store(path)
        except Unusable as exc:
            _say(_unused(exc))
            return None
        except sqlite3.OperationalError as exc:
            _say(_unused(f"{path}: {exc}"))
            return None
        except sqlite3.DatabaseError as exc:  # not a database, or damaged: ours to rebuild
            if attempt:
                _say(_unused(f"{path}: {exc}"))
                return None
            _say(_damaged(exc))
            for name in _files(path):
                name.unlink(missing_ok=True)
    return None
