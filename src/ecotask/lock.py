"""Writers take turns: a command that writes a data file holds that file's lock from before it
reads the file until after it has replaced it, so that of several writers at once each one
waits for the one before and all are recorded.

The lock is `.NAME.lock` beside the file (beside a link's target, so that every way to the
file shares one lock). It is an operating-system lock on an open file: it ends with the
process holding it, so a lock file left behind by a killed command never blocks anyone.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from .errors import UsageError
from .files import fail, temporary_pattern
from .i18n import _

TIMEOUT_ENV = "ECOTASK_LOCK_TIMEOUT"
TIMEOUT = 60.0  # seconds: a queue of writers on a busy machine, not a stuck one


def lock_path(path: Path) -> Path:
    """Where the lock of the data file at path lives."""
    target = Path(os.path.realpath(path))
    return target.parent / f".{target.name}.lock"


def timeout() -> float:
    """How long to wait for another writer: $ECOTASK_LOCK_TIMEOUT seconds, else TIMEOUT."""
    text = os.environ.get(TIMEOUT_ENV, "").strip()
    if not text:
        return TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise UsageError(
            _("${variable} must be a number of seconds from 0 to 3600: {value!r}").format(
                variable=TIMEOUT_ENV, value=text
            )
        )
    return seconds


@contextlib.contextmanager
def holding(paths: list[tuple[Path, str]]) -> Iterator[None]:
    """Hold the locks of the files (each a path and its name as messages show it), waiting
    for them up to timeout(); then sweep away the temporary files a killed write left, since
    no one else can be writing them now."""
    from filelock import FileLock, Timeout  # the write path only

    wait = timeout()
    with contextlib.ExitStack() as held:
        for path, shown in sorted(paths, key=lambda p: str(lock_path(p[0]))):  # no deadlock
            lock = lock_path(path)
            try:
                held.enter_context(FileLock(lock, timeout=wait))
            except Timeout:
                raise fail(
                    shown,
                    _(
                        "another ecotask command has held {lock} for {wait} s; nothing "
                        "was written: run the command again (or wait longer: ${variable})"
                    ).format(lock=lock.name, wait=f"{wait:g}", variable=TIMEOUT_ENV),
                ) from None
            except OSError as exc:
                message = _("cannot lock the file: {reason}").format(reason=exc.strerror or exc)
                raise fail(shown, message) from None
            _sweep(Path(os.path.realpath(path)))
        yield


def _sweep(target: Path) -> None:
    """Remove the temporary files of target that ecotask wrote and a killed write left."""
    pattern = temporary_pattern(target.name)
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
