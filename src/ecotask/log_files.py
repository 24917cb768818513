"""The progress log's files: which one an entry goes to (the office's progress.yaml, or a
unit's own progress/UNIT.yaml), and appending it there, checked with the whole data first,
under the lock every writer takes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import DataError, EcotaskError, Finding
from .i18n import _
from .load import FILES, PROGRESS_FILE, read_sources, shown_path, validate_sources

# An entry of a progress file as it is written; read back, it becomes a records.Event.
Entry = dict[str, Any]

HEADER = (
    "# Progress of the plan: a log in the order recorded. `ecotask done`, `reopen`, `record`,\n"
    "# `note` and `undo` append to it; entries may be added or annotated by hand, comments kept.\n"
)


@contextmanager
def turn(data_dir: Path) -> Iterator[None]:
    """Hold the log's lock: a command holds it from before it reads the plan to check an
    event until the event is appended, so that no other writer comes between."""
    from .lock import holding

    path = data_dir / PROGRESS_FILE
    with holding([(path, shown_path(path))]):
        yield


def log_of(event: Entry) -> str:
    """The file an entry goes to, relative to the data folder, and its key among the sources:
    a unit's own progress/UNIT.yaml for an entry by the unit, else the office's log."""
    from .reporters import unit_file

    return unit_file(event["by"]) if event.get("by") else PROGRESS_FILE


def unit_header(unit: str) -> str:
    return (
        f"# Progress reported by {unit}: `ecotask done`, `note`, `record` and `undo` with\n"
        f"# --by {unit} append to it. Only {unit}'s own entries belong here.\n"
    )


def _refusal(findings: list[Finding], shown: str, original: bytes | None) -> list[Finding]:
    """The errors that refuse an entry. One in the entry itself names the file but no line:
    the file was not written, so the line is not there to look at."""
    lines = (original or b"").count(b"\n")
    refused = []
    for f in findings:
        if f.severity != "error":
            continue
        if f.file == shown and (f.line is None or f.line > lines):
            f = f._replace(
                line=None, col=None, message=_("not recorded: {problem}").format(problem=f.message)
            )
        refused.append(f)
    return refused


def append(data_dir: Path, event: Entry, *more: Entry) -> str:
    """Append event (and more, in one write) to its log (log_of: progress.yaml or a unit's
    file), creating it on first use; the file is left byte for byte as it was unless the
    whole data, with the events, is valid. Returns the path as messages show it. The caller
    holds turn(data_dir)."""
    from . import roundtrip

    name = log_of(event)
    path = data_dir / name
    shown = shown_path(path)
    sources = read_sources(data_dir)
    _after_the_log(data_dir, sources, [event, *more])
    original = path.read_bytes() if path.exists() else None
    header = HEADER if name == PROGRESS_FILE else unit_header(event["by"])
    new = roundtrip.append(shown, original, "events", event, header)
    for other in more:  # two steps edited: either reanchored alone leaves the other an error
        new = roundtrip.append(shown, new, "events", other, header)
    sources[name if name != PROGRESS_FILE else "progress"] = new
    units = sorted(key for key in sources if key not in FILES)  # in the order a read finds
    sources = {**{key: sources[key] for key in FILES}, **{key: sources[key] for key in units}}
    plan, findings = validate_sources(data_dir, sources, locate=False)[:2]
    if plan is None:
        raise DataError(_refusal(findings, shown, original))
    if name != PROGRESS_FILE:
        try:
            path.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise EcotaskError(
                _("cannot create {path}: {reason}").format(
                    path=shown_path(path.parent), reason=exc.strerror
                )
            ) from None
    roundtrip.replace(path, shown, original, new)
    return shown


def _after_the_log(data_dir: Path, sources: dict[str, Any], entries: list[Entry]) -> None:
    """Stamp the entries after every entry in the logs: the units' files and the office's are
    merged by stamp, so two entries written within one second must not tie."""
    from datetime import datetime, timedelta

    from .yamlio import load

    stamps = []
    for key, raw in sources.items():
        if key in ("tasks", "group") or not isinstance(raw, bytes):
            continue
        try:
            data = load(data_dir / FILES.get(key, key), key, raw).data
            stamps += [datetime.fromisoformat(str(e["recorded"])) for e in data["events"]]
        except (DataError, KeyError, TypeError, ValueError):
            continue  # a log that cannot be read: validate says why
    latest = max(stamps, default=None)
    for entry in entries:
        if latest is None:
            break
        now = datetime.fromisoformat(entry["recorded"])
        if now <= latest:
            latest += timedelta(seconds=1)
            entry["recorded"] = latest.astimezone(now.tzinfo).isoformat(timespec="seconds")
        latest = max(latest, now)
