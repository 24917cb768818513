"""Appending to a hand-edited YAML file without disturbing it. The file's bytes are kept as
they are and the entry is added after them, in the list's own indentation and the file's
dominant line end; a parse then proves that the result holds the old data and the entry.
Where the list does not end the file (`events: []`, or another key after it), the file is
written again by ruamel.yaml's round trip, provided that gives back every line unchanged.
ruamel.yaml is pure Python and slow: it is kept off the read path.

A write replaces the file atomically, and refuses when the file changed since it was read.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from .errors import DataError
from .files import fail
from .i18n import _

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

    _data, indent, offset = load_yaml_guess_indent(text)
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
        _(
            "cannot append without changing the file's layout ({difference}); "
            "write it as ecotask does (2-space indents, no '---' or '~') or add the entry by hand"
        ).format(difference=first_difference),
    )


def _first_difference(before: str, after: str) -> str:
    for number, (old, new) in enumerate(
        zip(before.splitlines(), after.splitlines(), strict=False), 1
    ):
        if old != new:
            return _("line {line} would become {text!r}").format(line=number, text=new.strip())
    return _("the end of the file would change")


def append(
    shown: str, original: bytes | None, key: str, entry: dict[str, Any], header: str
) -> bytes:
    """The file's new bytes with entry appended to the list under key. original is None when
    the file does not exist yet; header then opens the new file."""
    from .yamlio import decode

    if original is None:
        original, text, before = header.encode("utf-8"), header, {}
    else:
        text = decode(original, shown)
        before = _data(shown, original)
    crlf, lf = text.count("\r\n"), text.count("\n")
    end = "\r\n" if crlf > lf - crlf else "\n"  # the dominant line end
    expected = {**before, key: [*(before.get(key) or []), _plain(entry)]}
    added = _item(key, entry, _offset(text) if before.get(key) else 2)
    if key not in before:
        added = f"{key}:\n{added}"
    if text and not text.endswith(("\n", "\r")):
        added = f"\n{added}"
    new = original + added.replace("\n", end).encode("utf-8")
    if _holds(shown, new, expected):
        return new
    new = _rewritten(shown, original, text, key, entry, end)
    if _holds(shown, new, expected):
        return new
    raise fail(shown, _("cannot append the entry without changing the file: add it by hand"))


def _data(shown: str, original: bytes) -> dict[str, Any]:
    from .yamlio import load

    data = load(Path(shown), shown, original).data
    if not isinstance(data, dict):
        raise fail(shown, _("the file must be a mapping with the key 'events'"))
    return data


def _plain(entry: dict[str, Any]) -> dict[str, Any]:
    """entry as the file reads back: dates stay text, in nested mappings too."""
    return {
        k: v.isoformat() if isinstance(v, date) else _plain(v) if isinstance(v, dict) else v
        for k, v in entry.items()
    }


def _offset(text: str) -> int:
    """How far the file indents its list items' dashes: as its last item does."""
    items = re.findall(r"^( *)- ", text, re.MULTILINE)
    return len(items[-1]) if items else 2


def _item(key: str, entry: dict[str, Any], offset: int) -> str:
    """entry as an item of a block list whose dashes are offset columns in."""
    dumped = _dump(_yaml(2, offset + 2, offset), {key: [entry]})
    return dumped.split("\n", 1)[1]


def _holds(shown: str, new: bytes, expected: dict[str, Any]) -> bool:
    from .yamlio import load

    try:
        loaded: object = load(Path(shown), shown, new).data
        return loaded == expected
    except DataError:
        return False


def _rewritten(
    shown: str, original: bytes, text: str, key: str, entry: dict[str, Any], end: str
) -> bytes:
    """The whole file written again with entry appended, if that keeps every other line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    crlf, lf = text.count("\r\n"), text.count("\n")
    if "\r" in text.replace("\r\n", "") or 0 < crlf < lf:
        raise fail(shown, _("cannot append the entry without changing the file's mixed line ends"))
    yaml, data = _load_faithfully(text.replace("\r\n", "\n"), shown)
    entries = data.get(key)
    if entries is None:
        entries = data[key] = CommentedSeq()
    if not entries:
        entries.fa.set_block_style()
    entries.append(CommentedMap(entry))
    bom = BOM if original.startswith(BOM) else b""
    return bom + _dump(yaml, data).replace("\n", end).encode("utf-8")


def replace(path: Path, shown: str, original: bytes | None, new: bytes) -> None:
    """Write new in place of original atomically; refuse when the file is no longer what was
    read, since someone else's edit would be lost."""
    from .files import write_atomically

    def unchanged() -> None:
        current = path.read_bytes() if path.exists() else None
        if current != original:
            raise fail(
                shown,
                _(
                    "the file changed since ecotask read it; nothing was written: "
                    "run the command again"
                ),
            )

    write_atomically(path, shown, new, unchanged)
