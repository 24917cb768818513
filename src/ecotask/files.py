"""Reading a data file's bytes safely: only regular files, and not past a size limit."""

from __future__ import annotations

import stat
from pathlib import Path

from .errors import DataError, Finding

MAX_BYTES = 64 * 1024 * 1024


def fail(shown: str, message: str, line: int | None = None, col: int | None = None) -> DataError:
    return DataError([Finding(shown, line, col, "error", message)])


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; refuse what is not a regular file, or is over the size limit."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(shown, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise fail(shown, "is not a regular file (a pipe or a device?)")
        if info.st_size > MAX_BYTES:
            size = info.st_size / 2**20
            raise fail(shown, f"file is too large ({size:.0f} MiB; the limit is 64 MiB)")
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(shown, "no such file") from None
    except OSError as exc:
        raise fail(shown, f"cannot read the file: {exc.strerror or exc}") from None
