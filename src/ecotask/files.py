"""Files on disk: reading a data file safely (regular files only, within a size limit) and
writing files atomically, one or several together."""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .errors import DataError, Finding
from .i18n import _

MAX_BYTES = 64 * 1024 * 1024


def fail(shown: str, message: str, line: int | None = None, col: int | None = None) -> DataError:
    return DataError([Finding(shown, line, col, "error", message)])


def read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes; refuse what is not a regular file, or is over the size limit."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail(shown, _("is a folder, not a file"))
        if not stat.S_ISREG(info.st_mode):
            raise fail(shown, _("is not a regular file (a pipe or a device?)"))
        if info.st_size > MAX_BYTES:
            size = info.st_size / 2**20
            message = _("file is too large ({size} MiB; the limit is 64 MiB)")
            raise fail(shown, message.format(size=f"{size:.0f}"))
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(shown, _("no such file")) from None
    except OSError as exc:
        message = _("cannot read the file: {reason}").format(reason=exc.strerror or exc)
        raise fail(shown, message) from None


def temporary_pattern(name: str) -> re.Pattern[str]:
    """The names of the temporary files that ecotask writes beside the file called name."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


class Write(NamedTuple):
    """One file of a write: where, as messages show it, what, and whether it may replace a
    file that exists."""

    path: Path
    shown: str
    data: bytes
    overwrite: bool = True


def write_atomically(
    path: Path,
    shown: str,
    data: bytes,
    before_replace: Callable[[], None] | None = None,
    *,
    overwrite: bool = True,
) -> None:
    """Write data to a temporary file beside path, flush it to disk, then rename it over path,
    so that readers see the old file or the new one, never half of one. before_replace may
    raise to abandon the write; without overwrite, a file that appeared meanwhile is kept.
    Nothing is left behind either way."""
    write_all([Write(path, shown, data, overwrite)], before_replace)


def write_all(writes: list[Write], before_replace: Callable[[], None] | None = None) -> None:
    """Write every file or none: each to a temporary file beside it first, then rename them
    one by one; when one fails, those renamed already are put back as they were. A path
    that is a symbolic link is written through: its target is replaced, the link stays. A
    read-only file is refused."""
    staged: list[tuple[Write, Path, str]] = []
    renamed: list[tuple[Path, str | None]] = []  # a target, and the file it replaced, kept aside
    current = writes[0]
    try:
        for current in writes:
            target = Path(os.path.realpath(current.path))
            refuse_read_only(target, current.shown)
            staged.append((current, target, _temporary(target, current.data)))
        if before_replace is not None:
            before_replace()
        for current, target, temporary in staged:
            kept = _set_aside(target) if len(writes) > 1 and target.exists() else None
            try:
                _rename(temporary, target, current.overwrite)
            except BaseException:
                if kept is not None:
                    os.unlink(kept)
                raise
            renamed.append((target, kept))
    except BaseException as exc:
        for target, kept in reversed(renamed):
            with contextlib.suppress(OSError):
                if kept is None:
                    os.unlink(target)  # it did not exist before
                else:
                    os.replace(kept, target)
        for *_written, temporary in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if isinstance(exc, FileExistsError):
            message = _("exists: choose another name, or add --force to replace it")
            raise fail(current.shown, message) from None
        if isinstance(exc, OSError):
            message = _("cannot write the file: {reason}").format(reason=exc.strerror or exc)
            raise fail(current.shown, message) from None
        raise
    for _target, kept in renamed:
        if kept is not None:
            with contextlib.suppress(OSError):
                os.unlink(kept)


def refuse_read_only(target: Path, shown: str) -> None:
    """Refuse a file its mode bits keep us from writing. The rename would replace it anyway
    (that needs only the folder's permission), and as root os.access says yes to anything."""
    try:
        info = target.stat()
    except OSError:
        return
    if not hasattr(os, "geteuid") or os.geteuid() == info.st_uid:  # Windows: the owner's bit
        bit = stat.S_IWUSR
    elif info.st_gid in {os.getegid(), *os.getgroups()}:
        bit = stat.S_IWGRP
    else:
        bit = stat.S_IWOTH
    if not info.st_mode & bit or not os.access(target, os.W_OK):
        mode = stat.S_IMODE(info.st_mode)
        message = _("is read-only (mode {mode}): nothing was written")
        raise fail(shown, message.format(mode=f"{mode:04o}"))


def _temporary(target: Path, data: bytes) -> str:
    import tempfile  # not on the read path: it takes longer to import than a small query

    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            os.chmod(temporary, _mode(target))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return temporary


def _rename(temporary: str, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, target)
    else:
        os.link(temporary, target)  # fails, atomically, if target exists
        os.unlink(temporary)


def _set_aside(target: Path) -> str:
    """A second name for the file about to be replaced, so that it can be put back."""
    import secrets

    aside = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
    os.link(target, aside)
    return aside


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
