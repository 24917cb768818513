"""The only module that reads YAML: plain data, plus where in the file each value came from.

Data is built from parser events rather than by a library's constructors, so that nothing in
a file can construct objects, expand aliases, recurse without bound or change meaning under
YAML 1.1: plain scalars resolve by the YAML 1.2 core schema and dates stay text for the
schemas to read. The events come from libyaml (through PyYAML), about twenty times faster
than ruamel.yaml's pure-Python parser, which is kept for writing.

Positions cost memory for every value of a large file, so they are recovered by a second
parse only when a finding needs one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DataError, Finding, Severity
from .files import fail as _fail
from .files import read_bytes
from .i18n import _

MAX_DEPTH = 64
MAX_NUMBER = 40  # characters: a longer number stays text (int() of 5,000 digits raises)
MAX_WARNINGS = 10  # per kind of character shielded; then one line counts the rest

Key = str | int
Location = tuple[Key, ...]
Mark = tuple[int, int]

_NUMBER_START = frozenset("0123456789+-.")
_INT = re.compile(r"[-+]?[0-9]+")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9]+")  # 0123 stays text: its zero is meant
_OCT = re.compile(r"0o[0-7]+")
_HEX = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
    ".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan"),
}  # fmt: skip
_STANDARD_TAG = "tag:yaml.org,2002:"


@dataclass
class Document:
    """A loaded file: its data, and the line and column of every value and key in it."""

    file: str
    data: Any
    text: str
    warnings: list[Finding] = field(default_factory=list)
    shielded: bool = False
    locate: bool = True  # False: findings go without positions, sparing a second parse
    _marks: dict[Location, Mark] | None = None
    _key_marks: dict[Location, Mark] = field(default_factory=dict)

    def mark(self, loc: Iterable[Key], *, key: bool = False) -> Mark | None:
        """Where loc is, or its nearest ancestor that exists (for a missing key)."""
        if not self.locate:
            return None
        if self._marks is None:
            self._marks, self._key_marks = _locate(self.text, self.shielded)
        path = tuple(loc)
        while True:
            if key and path in self._key_marks:
                return self._key_marks[path]
            if path in self._marks:
                return self._marks[path]
            if not path:
                return None
            path = path[:-1]

    def finding(
        self, loc: Iterable[Key], message: str, severity: Severity = "error", *, key: bool = False
    ) -> Finding:
        mark = self.mark(loc, key=key)
        line, col = mark if mark else (None, None)
        return Finding(self.file, line, col, severity, message)


def _line_col(text: str | bytes, index: int) -> Mark:
    """1-based line and column of a character (or byte) index."""
    if isinstance(text, str):
        return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)
    return text.count(b"\n", 0, index) + 1, index - text.rfind(b"\n", 0, index)


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
            message = _("the file is encoded as {encoding}, not UTF-8: save it as UTF-8")
            raise _fail(shown, message.format(encoding=encoding))
    if (nul := raw.find(b"\x00")) >= 0:
        raise _fail(shown, _("not a text file (it contains NUL bytes)"), *_line_col(raw, nul))
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            raise _fail(shown, _("not UTF-8 text: save the file as UTF-8"), line, col) from None
        message = _("the file is encoded as {encoding}, not UTF-8: save it as UTF-8").format(
            encoding="GBK/GB18030"
        )
        raise _fail(shown, message, line, col) from None


def load(path: Path, shown: str, raw: bytes | None = None) -> Document:
    """Parse one YAML file (or raw, its bytes already read) into a Document; DataError lists
    every problem found."""
    text = decode(read_bytes(path, shown) if raw is None else raw, shown)
    text, warnings = _shield(text, shown)
    builder = _build(text, shown, shielded=bool(warnings))
    if builder.findings:
        raise DataError(builder.findings)
    if builder.root is None:
        raise DataError([Finding(shown, None, None, "error", _("the file is empty"))])
    return Document(shown, builder.root, text, warnings, shielded=bool(warnings))


def _events(text: str) -> Iterator[Any]:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # PyYAML built without libyaml
    return yaml.parse(text, Loader=loader)


def _build(text: str, shown: str, *, shielded: bool) -> _Builder:
    import yaml

    builder = _Builder(shown, shielded)
    try:
        builder.run(_events(text))
    except _Stop:
        pass
    except yaml.MarkedYAMLError as exc:
        builder.error(_describe(exc, text), exc.problem_mark or exc.context_mark)
    except yaml.reader.ReaderError as exc:
        # libyaml counts bytes of the UTF-8 it was given, not characters
        index = len(text.encode()[: exc.position].decode(errors="ignore"))
        line, col = _line_col(text, index)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        message = _("the control character {char} is not allowed: remove it").format(
            char=f"U+{ord(char):04X}"
        )
        builder.findings.append(Finding(shown, line, col, "error", message))
    except yaml.YAMLError as exc:
        builder.error(_("invalid YAML: {reason}").format(reason=exc), None)
    return builder


def _describe(exc: Any, text: str) -> str:
    """libyaml's message, with the tab it choked on or where the unclosed thing opened."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is not None:
        lines = text.split("\n")
        if mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
            return _("a tab character where YAML needs spaces: indent with spaces")
    # libyaml's own words, in English
    problem = " ".join(str(p) for p in (exc.context, exc.problem) if p) or _("invalid YAML")
    if mark is not None and context is not None and context.line != mark.line:
        opened = _(" (it opened at line {line}, column {column})")
        problem += opened.format(line=context.line + 1, column=context.column + 1)
    return problem


# libyaml, a YAML 1.1 parser, takes these for line breaks; in YAML 1.2 they are characters
# like any other. Noncharacters stand in for them while libyaml reads the text.
_SHIELD = {"\x85": "\ufdd0", "\u2028": "\ufdd1", "\u2029": "\ufdd2"}
_SHIELDED = str.maketrans(_SHIELD)
_RESTORED = str.maketrans({v: k for k, v in _SHIELD.items()})
_NAMES = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_SPECIAL_CHARS = {*_SHIELD, *_SHIELD.values()}


def _shield(text: str, shown: str) -> tuple[str, list[Finding]]:
    """The text with 1.1-only line breaks shielded, and warnings that say where they were."""
    if not any(char in text for char in _SPECIAL_CHARS):
        return text, []
    warnings: list[Finding] = []
    counts = dict.fromkeys(_SHIELD, 0)
    for line, col, char in _positions(text, _SPECIAL_CHARS):
        if char not in _SHIELD:
            message = _("{char} is a noncharacter: remove it").format(char=f"U+{ord(char):04X}")
            raise _fail(shown, message, line, col)
        counts[char] += 1
        if counts[char] <= MAX_WARNINGS:
            message = _("{char} in the text: kept, but many tools show it as a line break").format(
                char=f"U+{ord(char):04X} {_NAMES[char]}"
            )
            warnings.append(Finding(shown, line, col, "warning", message))
    for char, count in counts.items():
        if count > MAX_WARNINGS:
            message = _("{count} more {char} not listed").format(
                count=count - MAX_WARNINGS, char=f"U+{ord(char):04X} {_NAMES[char]}"
            )
            warnings.append(Finding(shown, None, None, "warning", message))
    return text.translate(_SHIELDED), warnings


def _positions(text: str, wanted: set[str]) -> Iterator[tuple[int, int, str]]:
    for line, content in enumerate(text.split("\n"), 1):
        for col, char in enumerate(content, 1):
            if char in wanted:
                yield line, col, char


class _Stop(Exception):
    """Abandon the build: what follows cannot be read safely."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class _Builder:
    def __init__(self, file: str, shielded: bool) -> None:
        self.file = file
        self.shielded = shielded
        self.root: Any = None
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.documents = 0

    def error(self, message: str, mark: Any) -> None:
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        self.findings.append(Finding(self.file, line, col, "error", message))

    def run(self, events: Iterable[Any]) -> None:
        from yaml import events as ev

        for event in events:
            kind = type(event)
            if kind is ev.ScalarEvent:
                if event.anchor or event.tag is not None:
                    self._check_node(event)
                self._add(_value(event, self.shielded), event.start_mark, scalar=True)
            elif kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
                self._check_node(event)
                container: Any = {} if kind is ev.MappingStartEvent else []
                self._add(container, event.start_mark, scalar=False)
                if len(self.stack) >= MAX_DEPTH:
                    deep = _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)
                    self.error(deep, event.start_mark)
                    raise _Stop
                self.stack.append(_Frame(container))
            elif kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
                self.stack.pop()
            elif kind is ev.AliasEvent:
                self.error(
                    _("aliases are not allowed (*{anchor}): write the value out").format(
                        anchor=event.anchor
                    ),
                    event.start_mark,
                )
                raise _Stop
            elif kind is ev.DocumentStartEvent:
                self._start_document(event)

    def _start_document(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            self.error(_("more than one YAML document: keep one per file"), event.start_mark)
            raise _Stop
        if event.version:
            self.error(
                _("remove the %YAML directive: files are read as YAML 1.2"), event.start_mark
            )
        if event.tags:
            self.error(_("%TAG directives are not allowed"), event.start_mark)

    def _check_node(self, event: Any) -> None:
        if event.anchor:
            anchored = _("anchors are not allowed (&{anchor})").format(anchor=event.anchor)
            self.error(anchored, event.start_mark)
        if event.tag not in (None, "!"):
            tag = event.tag.replace(_STANDARD_TAG, "!!")
            self.error(_("tags are not allowed ({tag})").format(tag=tag), event.start_mark)

    def _add(self, value: Any, mark: Any, *, scalar: bool) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container = top.container
        if isinstance(container, list):
            container.append(value)
        elif top.key is None:
            if not scalar or not isinstance(value, str | int):
                self.error(_("keys must be plain text"), mark)
                raise _Stop
            key = str(value)
            line = mark.line + 1
            if key in top.key_lines:
                twice = _("duplicate key {key!r} (first at line {line})")
                self.error(twice.format(key=key, line=top.key_lines[key]), mark)
            else:
                top.key_lines[key] = line
            top.key = key
        else:
            container.setdefault(top.key, value)
            top.key = None


def _locate(text: str, shielded: bool) -> tuple[dict[Location, Mark], dict[Location, Mark]]:
    """Where each value of a file that loaded is, and each mapping's key, by location: the
    parse again, following the path alone, which takes less time than building the data."""
    from yaml import events as ev

    marks: dict[Location, Mark] = {}
    key_marks: dict[Location, Mark] = {}
    # each open container: [its location, a mapping's key or None, that key's mark] for a
    # mapping, [its location, the next index] for a sequence
    stack: list[list[Any]] = []
    for event in _events(text):
        kind = type(event)
        if kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            stack.pop()
            continue
        if not (
            kind is ev.ScalarEvent or kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent
        ):
            continue
        where = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not stack:
            loc: Location = ()
        elif len(frame := stack[-1]) == 2:
            loc = (*frame[0], frame[1])
            frame[1] += 1
        elif frame[1] is None:  # the event is a key
            frame[1], frame[2] = str(_value(event, shielded)), where
            continue
        else:
            loc = (*frame[0], frame[1])
            key_marks[loc] = frame[2]
            frame[1] = None
        marks[loc] = where
        if kind is ev.MappingStartEvent:
            stack.append([loc, None, None])
        elif kind is ev.SequenceStartEvent:
            stack.append([loc, 0])
    return marks, key_marks


def _value(event: Any, shielded: bool) -> Any:
    value = _resolve(event)
    return value.translate(_RESTORED) if shielded and value.__class__ is str else value


def _resolve(event: Any) -> Any:
    """A scalar's value under the YAML 1.2 core schema; quoted or !-tagged stays text, and
    so do numbers too long to be meant as numbers and integers written with a leading zero."""
    value: str = event.value
    if event.style or event.tag == "!":
        return value
    if value in _SPECIAL:
        return _SPECIAL[value]
    if value[0] not in _NUMBER_START or len(value) > MAX_NUMBER:
        return value
    if _LEADING_ZERO.fullmatch(value):
        return value
    if _INT.fullmatch(value):
        return int(value)
    if _OCT.fullmatch(value):
        return int(value[2:], 8)
    if _HEX.fullmatch(value):
        return int(value[2:], 16)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value
