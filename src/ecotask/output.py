"""Writing a command's output: to stdout, or atomically to a file that is never overwritten
unless asked to."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .errors import EcotaskError, UsageError
from .files import write_atomically
from .i18n import _


def emit(content: str | bytes, path: Path | None, *, force: bool = False, what: str = "") -> None:
    """Write content to path (atomically: a temporary file beside it, then a rename), or to
    stdout when path is None. Binary content needs a path; an existing file needs force."""
    if path is None:
        if isinstance(content, bytes):
            raise UsageError(
                _("{format} is binary: write it to a file with -o FILE").format(
                    format=what or _("this format")
                )
            )
        to_stdout([content.encode("utf-8")])  # a file's bytes, whatever the terminal's encoding
        return
    if path.is_dir():
        raise EcotaskError(_("{path} is a folder: give a file name").format(path=path))
    if path.exists() and not force:
        raise EcotaskError(
            _("{path} exists: choose another name, or add --force to replace it").format(path=path)
        )
    data = content.encode("utf-8") if isinstance(content, str) else content
    write_atomically(path, str(path), data, overwrite=force)
    print(_("wrote {path}").format(path=path), file=sys.stderr)


def to_stdout(pieces: Iterable[bytes]) -> None:
    """Encoded output, straight to stdout's bytes, after the text written before it."""
    sys.stdout.flush()
    sys.stdout.buffer.writelines(pieces)
