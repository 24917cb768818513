"""Appending to a hand-edited YAML file without disturbing it: ruamel.yaml's round trip, the
only use of that library, kept off the read path because it is pure Python and slow.

A write keeps the file byte for byte outside the appended entry, or refuses; it replaces the
file atomically, and refuses when the file changed since it was read.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .files import fail

BOM = b"\xef\xbb\xbf"


def _yaml(mapping: int, sequence: int, offset: int) -> Any:
    # Configured before any load: preserve_quotes set after a load is silently ignored.
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # the default 80 folds long Chinese lines
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _load_faithfully(text: str, shown: str) -> tuple[Any, Any]:
    """The data and a YAML configured to write it back unchanged, or a refusal saying why."""
    from ruamel.yaml.util import load_yaml_guess_indent

    _, indent, offset = load_yaml_guess_indent(text)
    layouts = [(2, 4, 2), (indent or 2, (indent or 2) + (offset or 0), offset or 0)]
    first_difference = ""
    for layout in layouts:
        yaml = _yaml(*layout)
        data = yaml.load(text)
        again = _dump(yaml, data)
        if again == text:
            return yaml, data
        first_difference = first_difference or _first_difference(text, again)
    raise fail(
        shown,
        f"cannot append without changing the file's layout ({first_difference}); "
        "write it as ecotask does (2-space indents, no '---' or '~') or add the entry by hand",
    )


def _first_difference(before: str, after: str) -> str:
    for number, (old, new) in enumerate(
        zip(before.splitlines(), after.splitlines(), strict=False), 1
    ):
        if old != new:
            return f"line {number} would become {new.strip()!r}"
    return "the end of the file would change"


def append(
    shown: str, original: bytes | None, key: str, entry: dict[str, Any], header: str
) -> bytes:
    """The file's new bytes with entry appended to the list under key. original is None when
    the file does not exist yet; header then opens the new file. A BOM and CRLF line ends are
    kept: ruamel.yaml would drop them."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if original is None:
        bom, crlf = b"", False
        yaml = _yaml(2, 4, 2)
        data = yaml.load(f"{header}{key}: []\n")
    else:
        bom = BOM if original.startswith(BOM) else b""
        text = original.removeprefix(BOM).decode("utf-8")
        crlf = "\r\n" in text
        yaml, data = _load_faithfully(text.replace("\r\n", "\n"), shown)
    entries = data.get(key)
    if entries is None:
        entries = data[key] = CommentedSeq()
    if not entries:
        entries.fa.set_block_style()
    entries.append(CommentedMap(entry))
    new = _dump(yaml, data)
    return bom + (new.replace("\n", "\r\n") if crlf else new).encode("utf-8")


def replace(path: Path, shown: str, original: bytes | None, new: bytes) -> None:
    """Write new in place of original atomically; refuse when the file is no longer what was
    read, since someone else's edit would be lost."""
    from .files import write_atomically

    def unchanged() -> None:
        current = path.read_bytes() if path.exists() else None
        if current != original:
            raise fail(
                shown,
                "the file changed since ecotask read it; nothing was written: "
                "run the command again",
            )

    write_atomically(path, shown, new, unchanged)
