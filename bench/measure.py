"""Run one command as a child process and take its wall time and peak memory.

The peak RSS comes from GNU time (`/usr/bin/time -f %M`) rather than from os.wait4 on our own
child: Linux carries a process's high-water mark across fork and exec, so a child of this
Python process would report at least this process's own peak (tens of MiB once it has
generated a large plan) instead of its own. GNU time is small, so the floor it leaves is about
1 MiB. Without it, wait4's number is used and flagged. Wall time runs from just before the
spawn to the moment the child is reaped; output goes to /dev/null so that no terminal's speed
enters the numbers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

GNU_TIME = Path("/usr/bin/time")
USE_GNU_TIME = sys.platform.startswith("linux") and GNU_TIME.exists()
RSS_NOTE = (
    ""
    if USE_GNU_TIME
    else "GNU time is missing (apt-get install time): each peak RSS is at least the "
    "benchmark's own."
)


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    rss: int  # peak resident set size, KiB


class CommandFailed(RuntimeError):
    """A measured command exited non-zero: its numbers would describe an error path."""


def _describe(argv: list[str], status: int, stderr: bytes) -> str:
    tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
    return f"{' '.join(argv)} exited {status}:\n  " + "\n  ".join(tail)


def run(argv: list[str], env: dict[str, str], cwd: Path, *, output: Path | None = None) -> Sample:
    """Run argv once and measure it; output keeps stdout in that file when given."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "rss"
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", str(report), *argv] if USE_GNU_TIME else argv
        with open(Path(scratch) / "stderr", "w+b") as stderr:
            with open(output or os.devnull, "wb") as stdout:
                started = time.perf_counter()
                child = subprocess.Popen(wrapped, env=env, cwd=cwd, stdout=stdout, stderr=stderr)
                _, status, usage = os.wait4(child.pid, 0)
                wall = time.perf_counter() - started
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: tell Popen
            if child.returncode != 0:
                stderr.seek(0)
                raise CommandFailed(_describe(argv, child.returncode, stderr.read()))
        if USE_GNU_TIME:
            rss = int(report.read_text(encoding="ascii").split()[-1])
        else:  # Linux reports KiB, macOS bytes
            rss = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss
    return Sample(wall, rss)
