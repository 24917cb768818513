"""Time ecotask on generated plans against bare Typer, a bare libyaml parse and Taskwarrior.

Usage: python bench/run.py [--sizes 35,1000,10000,50000] [--repeat 5] [--keep] [--only KEYS]

Run it with the interpreter of the venv to measure: the ecotask next to it is the one timed.
Every round runs each command and each baseline back to back, so that the ratios compare runs
that shared the machine's state; the table goes to stdout, progress to stderr.
"""

from __future__ import annotations

import argparse
import compileall
import datetime
import hashlib
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import generate
import report
import taskwarrior
from measure import RSS_NOTE, CommandFailed, run
from suite import LATER, Command, Workspace, commands, ecotask_script

HEAVY_SIZE = 10000  # from here on, commands that validate afresh run at most HEAVY_RUNS times
HEAVY_RUNS = 3
SMALL_ROUNDS = 3  # below HEAVY_SIZE, sizes run this many times --repeat rounds: a round takes
# a second or two there, and the ratios of commands that take 100 ms hinge on a few of noise


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def _machine() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if "model name" in line)
    except (OSError, StopIteration):
        pass
    return [
        f"date     {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
        f"machine  {platform.platform()}; {cpu}; {os.cpu_count()} CPUs",
        f"python   {platform.python_version()} ({sys.executable})",
    ]


def _version(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    return done.stdout.strip() or "?"


def _package() -> Path:
    """The folder ecotask is imported from by this interpreter (an editable install's src)."""
    spec = importlib.util.find_spec("ecotask")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"ecotask is not installed for {sys.executable}")
    return Path(spec.submodule_search_locations[0])


def _compile(package: Path) -> None:
    """Write ecotask's bytecode, as installing a wheel does. An editable install has none, and
    with PYTHONDONTWRITEBYTECODE set (as on our CI machines) every run would compile ecotask's
    modules afresh, about 40 ms that no installed copy pays."""
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"could not compile {package}")


def _source_digest(package: Path) -> str:
    """ecotask's code: an edit during a run would mix versions and turn warm caches cold."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def prepare(ws: Workspace, n: int, task: str | None) -> str:
    """Generate the plan of n tasks (and Taskwarrior's copy of it); describe it in one line."""
    started = time.perf_counter()
    tasks = generate.write_plan(n, ws.plan(n))
    steps = sum(len(t.steps) for t in tasks)
    size = ws.tasks_yaml(n).stat().st_size
    if task:
        taskwarrior.prepare(tasks, ws.taskwarrior(n), task)
    _progress(f"[{n}] generated {steps} milestones in {time.perf_counter() - started:.1f} s")
    return f"{n:,} tasks, {steps:,} milestones, tasks.yaml {size / 2**20:.2f} MiB"


def check_answers(ws: Workspace, n: int, cmds: list[Command]) -> str | None:
    """ecotask and Taskwarrior must find the same June steps, or the comparison is unfair.

    This run also fills the warm cache, before any round starts: its size is the plan's.
    """
    by_key = {c.key: c for c in cmds}
    out = ws.root / "answer.json"
    run(by_key["due-json"].argv, by_key["due-json"].env, ws.root, output=out)
    ours = json.loads(out.read_text(encoding="utf-8"))["count"]
    if "taskwarrior" not in by_key:
        return None
    tw = by_key["taskwarrior"]
    run(tw.argv, tw.env, ws.root, output=out)
    theirs = len(json.loads(out.read_text(encoding="utf-8")))
    _progress(f"[{n}] June: ecotask {ours} milestones, Taskwarrior {theirs}")
    return (
        None if ours == theirs else f"{n:,}: ecotask finds {ours} June steps, Taskwarrior {theirs}"
    )


def measure_size(
    ws: Workspace, n: int, cmds: list[Command], repeat: int
) -> dict[str, report.Rounds]:
    """Paired rounds: every command once per round, the order rotating from round to round."""
    # One untimed run each warms the disk cache; skipped where a run of a
    # heavy command takes tens of seconds, since it warms nothing the rounds need.
    for command in cmds:
        if not (command.heavy and n >= HEAVY_SIZE):
            run(command.argv, command.env, ws.root)
    samples: dict[str, report.Rounds] = {c.key: [None] * repeat for c in cmds}
    for round_ in range(repeat):
        started = time.perf_counter()
        for i in range(len(cmds)):
            command = cmds[(i + round_) % len(cmds)]
            if command.heavy and n >= HEAVY_SIZE and round_ >= HEAVY_RUNS:
                continue
            if command.cold_cache is not None:
                shutil.rmtree(command.cold_cache, ignore_errors=True)
            samples[command.key][round_] = run(command.argv, command.env, ws.root)
        _progress(f"[{n}] round {round_ + 1}/{repeat}: {time.perf_counter() - started:.1f} s")
    return samples


def measure_growth(
    ws: Workspace, mid: list[Command], large: list[Command], repeat: int
) -> dict[str, float]:
    """How many times its 10,000-task time each later query takes at 50,000 tasks. The two
    sizes are measured minutes apart, and a machine slower during one of them would skew the
    ratio of their medians, so here each query runs at both sizes back to back (the order
    alternating), and the ratio is taken within each round."""
    mid_by_key, large_by_key = {c.key: c for c in mid}, {c.key: c for c in large}
    ratios: dict[str, list[float]] = {key: [] for key in LATER}
    for round_ in range(repeat):
        for key in LATER:
            pair = (mid_by_key[key], large_by_key[key])
            walls: dict[bool, float] = {}
            for command in pair[::-1] if round_ % 2 else pair:
                walls[command is pair[1]] = run(command.argv, command.env, ws.root).wall
            ratios[key].append(walls[True] / walls[False])
    _progress(f"[10000 vs 50000] {repeat} paired rounds")
    return {key: statistics.median(found) for key, found in ratios.items()}


def selected(cmds: list[Command], only: set[str] | None) -> list[Command]:
    """The commands --only names (all without it), with the baselines their ratios need."""
    if only is None:
        return cmds
    unknown = only - {c.key for c in cmds}
    if unknown == only:
        raise SystemExit(f"--only: no such command here: {', '.join(sorted(unknown))}")
    chosen = {c.key for c in cmds if c.key in only}
    needed = {c.reference for c in cmds if c.key in chosen and c.reference}
    return [c for c in cmds if c.key in chosen | needed]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_sizes, default=[35, 1000, 10000, 50000])
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help=f"rounds per size (default 5; {SMALL_ROUNDS}× as many below {HEAVY_SIZE:,} tasks)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the generated plans")
    parser.add_argument(
        "--only",
        type=lambda text: set(text.split(",")),
        help="time only these commands, by key (e.g. export-xlsx), and the baselines they need",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    began = time.perf_counter()
    task = taskwarrior.executable()
    tw_note = "" if task else " (Taskwarrior is not installed: apt-get install taskwarrior)"
    package = _package()
    _compile(package)
    source = _source_digest(package)
    ws = Workspace(Path(tempfile.mkdtemp(prefix="ecotask-bench-")))
    header = [*_machine(), f"ecotask  {_version([str(ecotask_script()), '--version'])} ({package})"]
    header.append(f"task     {_version([task, '--version']) if task else 'not installed'}")
    plans, notes, by_size, cmds_by_size = [], [], {}, {}
    cache_mb: dict[int, float] = {}
    growth = None
    failed = None
    try:
        for n in args.sizes:
            plans.append(f"  {prepare(ws, n, task)}")
            cmds = cmds_by_size[n] = commands(ws, n, task)
            if note := check_answers(ws, n, cmds):
                notes.append(f"warning: the month queries disagree at {note}")
            cache_mb[n] = ws.cache_bytes(n) / 1e6
            plans[-1] += f", cache {cache_mb[n]:.2f} MB"
            rounds = args.repeat * (SMALL_ROUNDS if n < HEAVY_SIZE else 1)
            timed = selected(cmds, args.only)
            by_size[n] = report.summarize(timed, measure_size(ws, n, timed, rounds))
            if _source_digest(package) != source:
                source = _source_digest(package)
                notes.append(f"warning: ecotask's code changed while {n:,} tasks were measured")
                _progress(notes[-1])
        if {10000, 50000} <= cmds_by_size.keys() and args.only is None:
            growth = measure_growth(ws, cmds_by_size[10000], cmds_by_size[50000], args.repeat)
    except CommandFailed as exc:
        failed = f"benchmark stopped: {exc}"
        _progress(failed)
    finally:
        if args.keep:
            _progress(f"plans kept in {ws.root}")
        else:
            shutil.rmtree(ws.root, ignore_errors=True)

    footer = [
        "wall: median over the runs; peak RSS: the largest over them; ratios: median of the",
        f"per-round ratios. The first queries run at most {HEAVY_RUNS} times from",
        f"{HEAVY_SIZE:,} tasks on.{tw_note}",
        *([RSS_NOTE] if RSS_NOTE else []),
        *notes,
    ]
    sections = [
        [*header, "plans", *plans],
        [report.table(by_size)],
        footer,
        report.goals(by_size, growth, tw_note, cache_mb),
        [f"total time {time.perf_counter() - began:.0f} s"],
    ]
    print("\n\n".join("\n".join(lines) for lines in sections))
    if failed:
        print(failed)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
