"""The only module that reads YAML: plain data, plus where in the file each value came from.

Data is built from parser events rather than by a library's constructors, so that nothing in
a file can construct objects, expand aliases, recurse without bound or change meaning under
YAML 1.1: plain scalars resolve by the YAML 1.2 core schema and dates stay text for the
schemas to read. The events come from libyaml (through PyYAML), about twenty times faster
than ruamel.yaml's pure-Python parser, which is kept for writing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, Finding, Severity

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

Key = str | int
Location = tuple[Key, ...]
Mark = tuple[int, int]

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


@dataclass
class Document:
    """A loaded file: its data and the line and column of every value and key in it."""

    file: str
    data: Any
    marks: dict[Location, Mark] = field(default_factory=dict)
    key_marks: dict[Location, Mark] = field(default_factory=dict)
    warnings: list[Finding] = field(default_factory=list)

    def mark(self, loc: Iterable[Key], *, key: bool = False) -> Mark | None:
        """Where loc is, or its nearest ancestor that exists (for a missing key)."""
        path = tuple(loc)
        while True:
            if key and path in self.key_marks:
                return self.key_marks[path]
            if path in self.marks:
                return self.marks[path]
            if not path:
                return None
            path = path[:-1]

    def finding(
        self, loc: Iterable[Key], message: str, severity: Severity = "error", *, key: bool = False
    ) -> Finding:
        mark = self.mark(loc, key=key)
        line, col = mark if mark else (None, None)
        return Finding(self.file, line, col, severity, message)


def _fail(shown: str, message: str, line: int | None = None, col: int | None = None) -> DataError:
    return DataError([Finding(shown, line, col, "error", message)])


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, refusing folders, missing files and files over the size limit."""
    try:
        if path.is_dir():
            raise _fail(shown, "is a folder, not a file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(shown, f"file is too large ({size / 2**20:.0f} MiB; the limit is 64 MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(shown, "no such file") from None
    except OSError as exc:
        raise _fail(shown, f"cannot read the file: {exc.strerror or exc}") from None


_WIDE_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}


def decode(raw: bytes, shown: str) -> str:
    """UTF-8 text, BOM removed; refuse, with a reason, anything else."""
    for bom, encoding in _WIDE_BOMS.items():
        if raw.startswith(bom):
            raise _fail(shown, f"the file is encoded as {encoding}, not UTF-8: save it as UTF-8")
    if b"\x00" in raw:
        raise _fail(shown, "not a text file (it contains NUL bytes)")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _fail(shown, "not UTF-8 text: save the file as UTF-8", line, col) from None
        message = "the file is encoded as GBK/GB18030, not UTF-8: save it as UTF-8"
        raise _fail(shown, message, line, col) from None


def load(path: Path, shown: str, raw: bytes | None = None) -> Document:
    """Parse one YAML file (or raw, its bytes already read) into a Document; DataError lists
    every problem found."""
    text = decode(read_bytes(path, shown) if raw is None else raw, shown)
    text, warnings = _shield(text, shown)
    builder = _Builder(shown)
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML built without libyaml
    try:
        builder.run(yaml.parse(text, Loader=loader))
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if mark is not None and _tab_at(text, mark.line, mark.column):
            problem = "a tab character where YAML needs spaces: indent with spaces"
        builder.error(problem or "invalid YAML", mark)
    except yaml.YAMLError as exc:
        builder.error(f"invalid YAML: {exc}", None)
    except RecursionError:
        builder.error(f"nested more than {MAX_DEPTH} levels deep", None)
    if builder.findings:
        raise DataError(builder.findings)
    if builder.root is None:
        raise DataError([Finding(shown, None, None, "error", "the file is empty")])
    return Document(shown, builder.root, builder.marks, builder.key_marks, warnings)


# libyaml, a YAML 1.1 parser, takes these for line breaks; in YAML 1.2 they are characters
# like any other. They stand in for them, as noncharacters, while libyaml reads the text.
_SHIELD = {"\x85": "\ufdd0", "\u2028": "\ufdd1", "\u2029": "\ufdd2"}
_SHIELDED = str.maketrans(_SHIELD)
_RESTORED = str.maketrans({v: k for k, v in _SHIELD.items()})


def _shield(text: str, shown: str) -> tuple[str, list[Finding]]:
    """The text with 1.1-only line breaks shielded, and a warning for each one."""
    found = [(i, char) for i, char in enumerate(text) if char in _SHIELD or char in _RESTORED]
    warnings = []
    for index, char in found:
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        if char in _RESTORED:
            message = f"U+{ord(char):04X} is a noncharacter: remove it"
            raise DataError([Finding(shown, line, col, "error", message)])
        message = (
            f"U+{ord(char):04X} {unicodedata.name(char, 'NEXT LINE')} in the text: kept, "
            "but many tools show it as a line break"
        )
        warnings.append(Finding(shown, line, col, "warning", message))
    return (text.translate(_SHIELDED) if found else text), warnings


def _tab_at(text: str, line: int, column: int) -> bool:
    lines = text.split("\n")
    return line < len(lines) and lines[line][column : column + 1] == "\t"


class _Stop(Exception):
    """Abandon the build: what follows cannot be read safely."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    loc: Location
    key: str | None = None
    key_mark: Mark | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.root: Any = None
        self.marks: dict[Location, Mark] = {}
        self.key_marks: dict[Location, Mark] = {}
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def error(self, message: str, mark: Any) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        self.findings.append(Finding(self.file, line, col, "error", message))

    def run(self, events: Iterable[Any]) -> None:
        from yaml import events as ev

        for event in events:
            if isinstance(event, ev.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    self.error("more than one YAML document: keep one per file", event.start_mark)
                    raise _Stop
                if getattr(event, "version", None):
                    self.error(
                        "remove the %YAML directive: files are read as YAML 1.2", event.start_mark
                    )
                if getattr(event, "tags", None):
                    self.error("%TAG directives are not allowed", event.start_mark)
            elif isinstance(event, ev.AliasEvent):
                self.error(
                    f"aliases are not allowed (*{event.anchor}): write the value out",
                    event.start_mark,
                )
                raise _Stop
            elif isinstance(event, ev.ScalarEvent | ev.MappingStartEvent | ev.SequenceStartEvent):
                self._check_node(event)
                if isinstance(event, ev.ScalarEvent):
                    value = _resolve(event)
                    if isinstance(value, str):
                        value = value.translate(_RESTORED)
                    self._add(value, event.start_mark, scalar=True)
                else:
                    container: Any = {} if isinstance(event, ev.MappingStartEvent) else []
                    loc = self._add(container, event.start_mark, scalar=False)
                    if len(self.stack) >= MAX_DEPTH:
                        self.error(f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
                        raise _Stop
                    self.stack.append(_Frame(container, loc))
            elif isinstance(event, ev.MappingEndEvent | ev.SequenceEndEvent):
                self.stack.pop()

    def _check_node(self, event: Any) -> None:
        if event.anchor:
            self.error(f"anchors are not allowed (&{event.anchor})", event.start_mark)
        if event.tag not in (None, "!"):
            self.error(f"tags are not allowed ({event.tag})", event.start_mark)

    def _add(self, value: Any, mark: Any, *, scalar: bool) -> Location:
        where = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            self.marks[()] = where
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            loc = (*top.loc, len(top.container))
            top.container.append(value)
        elif top.key is None:
            if not scalar or not isinstance(value, str | int):
                self.error("keys must be plain text", mark)
                raise _Stop
            key = str(value)
            if key in top.key_lines:
                self.error(f"duplicate key {key!r} (first at line {top.key_lines[key]})", mark)
            else:
                top.key_lines[key] = where[0]
            top.key, top.key_mark = key, where
            return top.loc
        else:
            loc = (*top.loc, top.key)
            top.container.setdefault(top.key, value)
            if top.key_mark:
                self.key_marks[loc] = top.key_mark
            top.key = top.key_mark = None
        self.marks[loc] = where
        return loc


def _resolve(event: Any) -> Any:
    """A scalar's value under the YAML 1.2 core schema; quoted or !-tagged stays text."""
    value: str = event.value
    if event.style or event.tag == "!":
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        return int(value)
    if re.fullmatch(r"0o[0-7]+", value):
        return int(value[2:], 8)
    if re.fullmatch(r"0x[0-9a-fA-F]+", value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    if value.lower() in (".inf", "+.inf", "-.inf", ".nan"):
        return float(value.lower().replace(".", ""))
    return value
