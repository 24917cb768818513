"""The data files as parsed, for the checks: each check reads the plan and these, and its
findings point at positions in them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import NamedTuple

from .errors import Finding
from .plan import Plan
from .reporters import MergedLog
from .yamlio import Document


class Docs(NamedTuple):
    """The parsed files, for the positions that findings point at."""

    tasks: Document
    group: Document
    # the log: one file, or the units' and the office's merged
    progress: Document | MergedLog | None = None


Check = Callable[[Plan, Docs], Iterator[Finding]]
