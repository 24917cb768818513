"""The process's standard streams, for the console script: a closed, full or broken stdout is
one error and an exit code, never a traceback (Ctrl-C is interrupt.py's).

stdout is rebuilt over a writer that turns the OSError of writing fd 1 into OutputError, so
the handler in common.py tells a failure of the output from any other OSError. After the
first failure the writer drops what follows: the flush at exit has nothing left to report.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import sys
from typing import Any

from ..errors import EXIT_DATA, EcotaskError
from ..i18n import _
from .interrupt import EXIT_INTERRUPTED

__all__ = ["EXIT_INTERRUPTED", "OutputError", "exiting", "failed", "flushed", "install"]

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell shows for a writer whose reader stopped


class OutputError(EcotaskError):
    """stdout cannot be written: closed (>&-), full (>/dev/full), or its reader has gone."""

    def __init__(self, exc: OSError) -> None:
        self.broken_pipe = exc.errno == errno.EPIPE
        reason = _("stdout is closed") if exc.errno == errno.EBADF else exc.strerror
        super().__init__(
            _("cannot write the output: {reason}").format(reason=reason or type(exc).__name__)
        )


class _Fd1(io.RawIOBase):
    def __init__(self) -> None:
        super().__init__()
        self._failed = False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return 1

    def isatty(self) -> bool:
        return os.isatty(1)

    def write(self, data: Any) -> int:
        if self._failed:
            return len(data)
        try:
            return os.write(1, data)
        except OSError as exc:
            self._failed = True
            raise OutputError(exc) from None


def install() -> None:
    """Hold closed standard fds, and rebuild stdout over fd 1 as described above."""
    for fd in (0, 1, 2):
        _hold_if_closed(fd)
    if sys.stderr is None:  # print(file=None) would write to stdout instead
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    old = sys.stdout
    sys.stdout = io.TextIOWrapper(
        io.BufferedWriter(_Fd1()),
        encoding=getattr(old, "encoding", None) or "utf-8",
        errors="replace",  # an unencodable character in a table: '?', never a crash
        line_buffering=bool(getattr(old, "line_buffering", False)),
    )


def _hold_if_closed(fd: int) -> None:
    """A closed 0, 1 or 2 is the number the next file opened gets, and what is meant for
    stdout would land in it (a data file, a temporary one): hold it with /dev/null, read-only,
    so that writing there still fails as it should."""
    try:
        os.fstat(fd)
    except OSError:
        held = os.open(os.devnull, os.O_RDONLY)
        if held != fd:
            os.dup2(held, fd)
            os.close(held)


def failed(exc: OutputError | BrokenPipeError) -> int:
    """The exit code of an output failure, after its one line on stderr. A reader that
    stopped (ecotask list | head) is no error to report: the conventional 141, silently."""
    if isinstance(exc, BrokenPipeError) or exc.broken_pipe:
        return EXIT_BROKEN_PIPE
    print(_("ecotask: error: {message}").format(message=exc), file=sys.stderr)
    return EXIT_DATA


def flushed(code: int) -> int:
    """code, unless the output's last bytes cannot be written."""
    try:
        sys.stdout.flush()
    except (OutputError, BrokenPipeError) as exc:
        if isinstance(exc, BrokenPipeError):  # a stdout not rebuilt: drop what it holds
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return failed(exc)
    return code


def exiting() -> None:
    """From here on, Ctrl-C ends the process at once, by the signal (a shell shows 130):
    there is no code left to run that a KeyboardInterrupt could leave with a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
