"""Many hands: the same progress log as 30 units' files of 20 entries each, and as one file,
for `status` to be measured on both (issue 20: the units' files cost at most 1.5× the one)."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

UNITS, ENTRIES = 30, 20
_HEADER = "events:\n"


def _entry(unit: str, ref: str, number: int, stamp: datetime) -> str:
    return (
        f"  - event: note\n    milestone: '{ref}'\n    date: 2017-06-{1 + number % 28:02d}\n"
        f"    by: {unit}\n    note: 第{number + 1}次报送进展\n"
        f"    recorded: '{stamp.isoformat(timespec='seconds')}'\n"
    )


def prepare(plan: Path, root: Path) -> tuple[Path, Path]:
    """Two copies of the plan's folder: one with progress/UNIT.yaml for 30 units taking part
    in its tasks, 20 notes each on their own steps; one with the same entries in progress.yaml."""
    from ecotask.load import open_plan

    units_dir, one_dir = root / "units", root / "one"
    if units_dir.exists() and one_dir.exists():
        return units_dir, one_dir
    found = open_plan(plan, use_cache=False)
    chosen = [
        (unit, [m.ref for i in found.involvements_of(unit) for m in found.milestones_of(i.task)])
        for unit in found.unit_names.values()
    ]
    chosen = [(unit, refs) for unit, refs in dict(chosen).items() if refs][:UNITS]
    start = datetime(2017, 6, 1, 9, tzinfo=timezone(timedelta(hours=8)))
    files: dict[str, list[tuple[datetime, str]]] = {}
    for u, (unit, refs) in enumerate(chosen):
        stamps = [start + timedelta(minutes=k * UNITS + u) for k in range(ENTRIES)]
        files[unit] = [
            (stamp, _entry(unit, refs[k % len(refs)], k, stamp)) for k, stamp in enumerate(stamps)
        ]
    for folder in (units_dir, one_dir):
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("tasks.yaml", "group.yaml"):
            shutil.copyfile(plan / name, folder / name)
    (units_dir / "progress").mkdir(exist_ok=True)
    for unit, entries in files.items():
        text = _HEADER + "".join(entry for _, entry in entries)
        (units_dir / "progress" / f"{unit}.yaml").write_text(text, encoding="utf-8")
    merged = sorted((pair for entries in files.values() for pair in entries), key=lambda p: p[0])
    (one_dir / "progress.yaml").write_text(
        _HEADER + "".join(entry for _, entry in merged), encoding="utf-8"
    )
    return units_dir, one_dir
