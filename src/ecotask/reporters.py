"""A file per reporter: each unit appends to progress/UNIT.yaml, the office to progress.yaml,
and every query reads them as one log. Separate files let many units' branches merge in git
without conflict (merge=union in .gitattributes); the merged log is ordered by `recorded`."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .errors import Finding

if TYPE_CHECKING:
    from .yamlio import Document, Key

FOLDER = "progress"
OFFICE = "progress.yaml"


def unit_file(unit: str) -> str:
    """The file, relative to the data folder, a unit's entries go to."""
    return f"{FOLDER}/{unit}.yaml"


def unit_of(name: str) -> str | None:
    """The unit whose file name is, e.g. progress/统一镇.yaml; None for the office's log."""
    if name.startswith(f"{FOLDER}/") and name.endswith(".yaml"):
        return name[len(FOLDER) + 1 : -len(".yaml")]
    return None


def unit_files(data_dir: Path) -> list[str]:
    """The units' files present, relative to the data folder, in name order."""
    folder = data_dir / FOLDER
    if not folder.is_dir():
        return []
    return sorted(f"{FOLDER}/{p.name}" for p in folder.iterdir() if p.name.endswith(".yaml"))


class Origin(NamedTuple):
    """Where an entry of the merged log lies: its file (by name) and its place there."""

    name: str
    position: int


def merge(
    logs: list[tuple[str, list[dict[str, Any]]]],
) -> tuple[list[dict[str, Any]], list[Origin]]:
    """The entries of every file as one log, by `recorded` stamp, ties in the order of the
    files given; each file keeps its own order, so a file out of order is still warned of.
    An entry without a stamp (written by hand) stands where its file puts it."""

    def keyed(
        number: int, name: str, events: list[dict[str, Any]]
    ) -> Iterator[tuple[tuple[float, int], int, Origin, dict[str, Any]]]:
        floor: tuple[float, int] = (float("-inf"), number)
        for index, event in enumerate(events):
            recorded = event.get("recorded")
            if recorded:
                floor = (datetime.fromisoformat(recorded).timestamp(), number)
            yield floor, index, Origin(name, index), event

    if len(logs) == 1:
        name, events = logs[0]
        return list(events), [Origin(name, i) for i in range(len(events))]
    merged = heapq.merge(*(keyed(n, name, events) for n, (name, events) in enumerate(logs)))
    events, origins = [], []
    for _, _, origin, event in merged:
        events.append(event)
        origins.append(origin)
    return events, origins


class MergedLog:
    """The progress files as the checks see one log: a finding at ("events", i, ...) points
    into the file entry i comes from, at its place there."""

    def __init__(self, folder: str, docs: dict[str, Document], origins: list[Origin]) -> None:
        self.file = folder  # the office's log, whose folder evidence is relative to
        self.docs = docs
        self.origins = origins

    @property
    def locate(self) -> bool:
        return all(doc.locate for doc in self.docs.values())

    @locate.setter
    def locate(self, value: bool) -> None:
        for doc in self.docs.values():
            doc.locate = value

    def origin(self, index: int) -> Origin:
        return self.origins[index]

    def finding(
        self,
        loc: Iterable[Key],
        message: str,
        severity: Any = "error",
        *,
        key: bool = False,
    ) -> Finding:
        path = tuple(loc)
        if len(path) >= 2 and path[0] == "events" and isinstance(path[1], int):
            name, index = self.origins[path[1]]
            path = ("events", index, *path[2:])
        else:
            name = OFFICE if OFFICE in self.docs else next(iter(self.docs))
        return self.docs[name].finding(path, message, severity, key=key)
