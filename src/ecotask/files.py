"""Files on disk: reading a data file safely (regular files only, within a size limit) and
writing one atomically."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
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


def write_atomically(
    path: Path,
    shown: str,
    data: bytes,
    before_replace: Callable[[], None] | None = None,
    *,
    overwrite: bool = True,
    durable: bool = True,
) -> None:
    """Write data to a temporary file beside path, flush it to disk, then rename it over path,
    so that readers see the old file or the new one, never half of one. before_replace may
    raise to abandon the write; without overwrite, a file that appeared meanwhile is kept.
    Nothing is left behind either way. Without durable, the data is not flushed to disk
    first: for a cache, whose files are checked when read, a crash may cost the file, and
    flushing costs time (50 MB: 140 ms against 90 here)."""
    import tempfile  # not on the read path: it takes longer to import than a small query

    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(descriptor, "wb") as handle:
            os.chmod(temporary, _mode(path))
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        if overwrite:
            os.replace(temporary, path)
        else:
            os.link(temporary, path)  # fails, atomically, if path exists
            os.unlink(temporary)
        temporary = None
    except FileExistsError:
        raise fail(shown, "exists: choose another name, or add --force to replace it") from None
    except OSError as exc:
        raise fail(shown, f"cannot write the file: {exc.strerror or exc}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _mode(path: Path) -> int:
    """The permissions the written file keeps: the replaced file's, or those any new file gets
    under the umask. mkstemp's 0600 would make an export, or a shared progress.yaml after
    `done`, unreadable to everyone else."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
