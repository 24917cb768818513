"""Property: whatever a hand edit does to the real data files, ecotask answers cleanly.

Each example mutates the shipped tasks.yaml and group.yaml (deletes, duplicates or swaps lines,
puts a value of another type after a `: `, inserts random bytes) and runs `validate`: it must
exit 0 or 1, never with an internal error, and say at least one located error when it fails.
A query must then agree with it, and no file may change.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from .conftest import DATA, cli

REAL = {name: (DATA / name).read_bytes() for name in ("tasks.yaml", "group.yaml")}

VALUES = [
    b"0",
    b"-1",
    b"201708",
    b"1.5",
    b"[]",
    b"{}",
    b"null",
    b"true",
    b"no",
    b"''",
    b"2017-02-30",
    b"x" * 5000,
    "区环保局".encode() * 1000,
]

Lines = list[bytes]
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _index(draw: Draw, lines: Lines) -> int:
    return draw(st.integers(0, len(lines) - 1))


def _delete(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    return lines[:i] + lines[i + 1 :]


def _duplicate(draw: Draw, lines: Lines) -> Lines:
    i = _index(draw, lines)
    return lines[: i + 1] + lines[i:]


def _swap(draw: Draw, lines: Lines) -> Lines:
    i, j = _index(draw, lines), _index(draw, lines)
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines


def _retype(draw: Draw, lines: Lines) -> Lines:
    keyed = [i for i, line in enumerate(lines) if b": " in line]
    if not keyed:
        return lines
    i = draw(st.sampled_from(keyed))
    key = lines[i].split(b": ", 1)[0]
    return [*lines[:i], key + b": " + draw(st.sampled_from(VALUES)) + b"\n", *lines[i + 1 :]]


def _insert_bytes(draw: Draw, lines: Lines) -> Lines:
    blob = b"".join(lines)
    at = draw(st.integers(0, len(blob)))
    blob = blob[:at] + draw(st.binary(min_size=1, max_size=8)) + blob[at:]
    return blob.splitlines(keepends=True)


MUTATIONS = [_delete, _duplicate, _swap, _retype, _insert_bytes]


@st.composite
def mutated(draw: Draw) -> dict[str, bytes]:
    """Both files, after one to four mutations, each of a randomly chosen file."""
    files = {name: content.splitlines(keepends=True) for name, content in REAL.items()}
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        if files[name]:
            files[name] = draw(st.sampled_from(MUTATIONS))(draw, files[name])
    return {name: b"".join(lines) for name, lines in files.items()}


def _edit(old: str, new: str, name: str = "tasks.yaml") -> dict[str, bytes]:
    text = REAL[name].decode()
    assert old in text
    return {**REAL, name: text.replace(old, new, 1).encode()}


TASKS = REAL["tasks.yaml"].decode()
NAME = "name: 科学划定生态保护红线并严格遵守"  # task 1's
BOMB = "".join(
    f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" if i else "l0: &a0 [lol, lol, lol]\n"
    for i in range(10)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
@example({**REAL, "tasks.yaml": (BOMB + TASKS).encode()})
@example({**REAL, "tasks.yaml": b"[" * 1000 + b"]" * 1000})
@example(_edit(NAME, "name: !!python/object/apply:os.system [ls]"))
@example({**REAL, "tasks.yaml": b"%YAML 1.1\n---\n" + TASKS.replace(": true", ": no").encode()})
@example({**REAL, "tasks.yaml": TASKS.encode("gbk")})
@example({**REAL, "group.yaml": b"\xef\xbb\xbf" + REAL["group.yaml"]})
@example(_edit("- due: 8月底\n", "- due: 2017-02-30\n"))
@example(_edit("- due: 8月底\n", "- due: 201708\n"))
@example(_edit(NAME, "name: 0123"))
@example(_edit(NAME, "name: 红线[/]与[bold]x[/bold]"))
def test_any_edit_gets_a_clean_answer(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, content in files.items():
            (folder / name).write_bytes(content)
        run = cli("validate", "--data", tmp)
        query = cli("due", "--month", "6", "--data", tmp)
        unchanged = all((folder / name).read_bytes() == files[name] for name in files)
    output = run.stdout + run.stderr + query.stdout + query.stderr
    assert run.code in (0, 1), output
    assert "internal error" not in output
    assert "Traceback" not in output
    if run.code == 1:
        assert any(": error: " in line for line in run.stdout.splitlines()), output
    assert query.code == run.code, output
    assert unchanged
