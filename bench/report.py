"""Turn paired samples into the table and the goals' verdicts.

A ratio is the median of per-round ratios: in each round the command and its baseline ran back
to back, so a slow moment of the machine slows both and cancels out of their quotient.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass

from measure import Sample
from suite import FIRST, LATER, MONTH, UNITS, Command, typer_reference

Rounds = list[Sample | None]  # one entry per round; None where the command was not run
MIB = 1024  # ru_maxrss is in KiB


@dataclass(frozen=True)
class Result:
    key: str
    label: str
    wall: float  # median seconds
    rss: int  # largest peak RSS over the runs, KiB
    runs: int
    ratios: dict[str, float | None]  # against "typer", "libyaml", "taskwarrior", "one file"
    to_reference: float | None = None  # against the command's own baseline (Command.reference)


def _paired(mine: Rounds, theirs: Rounds) -> float | None:
    ratios = [a.wall / b.wall for a, b in zip(mine, theirs, strict=True) if a and b]
    return statistics.median(ratios) if ratios else None


def summarize(commands: list[Command], samples: dict[str, Rounds]) -> dict[str, Result]:
    """Per command: the median wall time, the peak RSS and the paired ratios to each baseline."""
    results = {}
    for command in commands:
        mine = samples[command.key]
        taken = [s for s in mine if s]
        refs = {
            "typer": typer_reference(command.key),
            "libyaml": "libyaml",
            "taskwarrior": "taskwarrior",
            "one file": UNITS[1] if command.key == UNITS[0] else "",
        }
        ratios = {
            column: _paired(mine, samples[ref]) if ref in samples and ref != command.key else None
            for column, ref in refs.items()
        }
        results[command.key] = Result(
            key=command.key,
            label=command.label,
            wall=statistics.median(s.wall for s in taken),
            rss=max(s.rss for s in taken),
            runs=len(taken),
            ratios=ratios,
            to_reference=_paired(mine, samples[command.reference])
            if command.reference in samples
            else None,
        )
    return results


def _width(text: str) -> int:
    """Columns on a terminal: a CJK character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _ms(seconds: float) -> str:
    ms = seconds * 1000
    return f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}"


HEADER = ["N", "command", "wall ms", "peak RSS MiB", "×Typer", "×libyaml", "×Taskwarrior", "runs"]


def table(by_size: dict[int, dict[str, Result]]) -> str:
    """One aligned plain-text table: a row per plan size and command."""
    rows = [HEADER]
    for n, results in by_size.items():
        for r in results.values():
            rows.append(
                [
                    f"{n:,}",
                    r.label,
                    _ms(r.wall),
                    f"{r.rss / MIB:.1f}",
                    _ratio(r.ratios["typer"]),
                    _ratio(r.ratios["libyaml"]),
                    _ratio(r.ratios["taskwarrior"]),
                    str(r.runs),
                ]
            )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(HEADER))]
    left = {1}  # the command column; numbers align right

    def line(row: list[str]) -> str:
        cells = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - _width(cell))
            cells.append(cell + pad if i in left else pad + cell)
        return "  ".join(cells).rstrip()

    out = [line(rows[0]), "  ".join("-" * w for w in widths)]
    previous = None
    for row in rows[1:]:
        if previous is not None and row[0] != previous:
            out.append("")
        out.append(line(row))
        previous = row[0]
    return "\n".join(out)


def _verdict(label: str, value: float | None, limit: float, against: str, note: str = "") -> str:
    """One goal's line; against names what limit is a multiple of, or is "MiB" or "MB"."""
    if value is None:
        return f"  n/a   {label}: not measured{note}"
    if against in ("MiB", "MB"):
        ok, goal, got = value <= limit, f"≤ {limit:g} {against}", f"{value:.1f} {against}"
    else:
        ok, goal, got = value <= limit, f"≤ {limit:g}× {against}", f"{value:.2f}×"
    return f"  {'PASS' if ok else 'MISS'}  {label}: {goal}, measured {got}"


EXPORT_SECONDS, EXPORT_RATIO = 6.0, 0.3


def _export_verdict(r: Result) -> str:
    """`export --format xlsx` at 10,000 tasks: within EXPORT_SECONDS, or EXPORT_RATIO× the same
    workbook written by openpyxl in the same rounds."""
    ratio = "—" if r.to_reference is None else f"{r.to_reference:.2f}×"
    ok = r.wall <= EXPORT_SECONDS or (r.to_reference or 99) <= EXPORT_RATIO
    return (
        f"  {'PASS' if ok else 'MISS'}  10,000 tasks, {r.label}: ≤ {EXPORT_SECONDS:g} s or "
        f"≤ {EXPORT_RATIO:g}× openpyxl's, measured {r.wall:.1f} s, {ratio}"
    )


def goals(
    by_size: dict[int, dict[str, Result]],
    growth: dict[str, float] | None,
    taskwarrior_note: str,
    cache_mb: dict[int, float],
) -> list[str]:
    """The issue's goals, each with its measured value and PASS or MISS; growth is each later
    query's time at 50,000 tasks over its time at 10,000, from paired rounds (run.py);
    cache_mb, the size of each plan's cache in MB (10^6 bytes)."""
    out = ["goals"]
    small, mid, large = by_size.get(35), by_size.get(10000), by_size.get(50000)
    if mid is not None and "export-xlsx" in mid:
        out.append(_export_verdict(mid["export-xlsx"]))
    if any(set(FIRST + LATER) - results.keys() for results in by_size.values()):
        out.append("  n/a   the query goals: some commands were left out (--only)")
        return out
    if small is None:
        out.append("  n/a   35 tasks: not among --sizes")
    else:
        for key, limit in (("due-json", 1.3), ("due-table", 1.7), *((k, 3.0) for k in FIRST)):
            r = small[key]
            out.append(_verdict(f"35 tasks, {r.label}", r.ratios["typer"], limit, "bare Typer"))
        r = small[UNITS[0]]
        out.append(_verdict(f"35 tasks, {r.label}", r.ratios["one file"], 1.5, UNITS[1]))
    if mid is None:
        out.append("  n/a   10,000 tasks: not among --sizes")
    else:
        for key in FIRST:
            r = mid[key]
            label = f"10,000 tasks, {r.label}"
            out.append(_verdict(label, r.ratios["libyaml"], 0.7, "libyaml parse"))
        for key in LATER:
            r, label = mid[key], f"10,000 tasks, {mid[key].label}"
            out.append(_verdict(label, r.ratios["libyaml"], 0.05, "libyaml parse"))
            if key == MONTH:
                tw = r.ratios["taskwarrior"]
                out.append(_verdict(label, tw, 0.5, "Taskwarrior", taskwarrior_note))
            out.append(_verdict(f"{label}, peak RSS", r.rss / MIB, 100, "MiB"))
        size = cache_mb.get(10000)
        out.append(_verdict("10,000 tasks, the cache", size, 10, "MB", ", or not filled"))
    if large is None or mid is None or growth is None:
        out.append("  n/a   50,000 tasks: needs 10000 and 50000 among --sizes")
    else:
        for key in ("due-json", "unit-json"):
            label = f"50,000 tasks, {large[key].label}"
            tw = large[key].ratios["taskwarrior"]
            out.append(_verdict(label, tw, 0.5, "Taskwarrior", taskwarrior_note))
            out.append(_verdict(label, growth[key], 4.0, "the 10,000-task time (paired)"))
    return out
