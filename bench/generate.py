"""Write a realistic plan of N tasks, so that ecotask can be timed on districts larger than ours.

Usage: python bench/generate.py N OUT_DIR

Names and step texts are recombined from the shipped plan, units and leaders are drawn from the
shipped registry with the shipped plan's frequencies, and the roster is copied unchanged: the
result reads like a real 任务分解表 and passes `ecotask validate` (with the document's kinds of
warnings). The YAML is written as plain text because dumping 10,000 tasks through ruamel.yaml
would take longer than the measurements it feeds. Same N and seed, same bytes.
"""

from __future__ import annotations

import calendar
import json
import random
import re
import shutil
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "data"
YEAR = 2017
SEED = 2017

# How often each month is a step's month: the shipped plan bunches steps at 3月 and 11月.
MONTH_WEIGHTS = [2, 5, 9, 2, 5, 5, 1, 3, 2, 4, 18, 3]
_DATE_PREFIX = re.compile(
    r"^(?:\d+[.、])?(?:到)?(?:\d{4}年)?\d{1,2}(?:到\d{1,2})?月(?:底)?(?:前)?[，,]?"
)
_NUMBERING = re.compile(r"^\d+[.、]")
_VERB = re.compile(r"^(?:科学|大力|逐步|全面|切实|全力)?..")  # 大力改善, 提高: a name's verb
_OPEN, _CLOSE = "《“（(「", "》”）)」"
_YAML_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"


@dataclass(frozen=True)
class Step:
    """One milestone: the phrase as written (None: at the deadline) and the day it resolves to."""

    due: str | None
    text: str
    day: date


@dataclass(frozen=True)
class Task:
    id: int
    category: str
    name: str
    deadline: str
    lead: list[str]
    responsible: list[str]
    open_ended: bool
    leaders: list[str]
    steps: list[Step]
    comment: str | None = None


@dataclass(frozen=True)
class Sources:
    """What the shipped files offer to recombine: texts, names, the registry and frequencies."""

    categories: list[str]
    category_weights: list[int]
    verbs: list[str]
    objects: list[str]
    clauses: list[str]
    units: list[str]
    unit_weights: list[int]
    aliases: dict[str, list[str]]
    collectives: list[str]
    leaders: list[str]
    leader_weights: list[int]


def _clauses(text: str) -> list[str]:
    """Split a step at ，and ； outside brackets and quotes, dropping its date and numbering."""
    text = _DATE_PREFIX.sub("", _NUMBERING.sub("", text.strip())).rstrip("；;。，, ")
    parts, depth, current = [], 0, []
    for char in text:
        depth += (char in _OPEN) - (char in _CLOSE)
        if char in "，；" and depth <= 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    parts.append("".join(current).strip())
    return [part for part in parts if len(part) >= 4]


def load_sources(data_dir: Path = SHIPPED) -> Sources:
    """Read the shipped plan and registry once; every generated size recombines the same parts."""
    with open(data_dir / "tasks.yaml", encoding="utf-8") as handle:
        tasks_doc = yaml.load(handle, Loader=yaml.CSafeLoader)
    with open(data_dir / "group.yaml", encoding="utf-8") as handle:
        group_doc = yaml.load(handle, Loader=yaml.CSafeLoader)
    shipped = tasks_doc["tasks"]
    categories = tasks_doc["categories"]
    per_category = Counter(task["category"] for task in shipped)
    named = Counter(name for task in shipped for name in task["lead"] + task["responsible"])
    in_charge = Counter(name for task in shipped for name in task["leaders"])
    units = [unit["name"] for unit in group_doc["units"]]
    leaders = [m["name"] for m in group_doc["group"]["members"]]
    leaders += [other["name"] for other in group_doc.get("other_leaders", [])]
    names = [task["name"] for task in shipped]
    return Sources(
        categories=categories,
        category_weights=[per_category[c] or 1 for c in categories],
        verbs=[verb for name in names if (verb := _VERB.match(name)[0])],
        objects=[_VERB.sub("", name) for name in names if len(name) > 4],
        clauses=[c for task in shipped for m in task["milestones"] for c in _clauses(m["text"])],
        units=units,
        unit_weights=[named[unit] + 1 for unit in units],
        aliases={u["name"]: u["aliases"] for u in group_doc["units"] if u.get("aliases")},
        collectives=[c["name"] for c in group_doc.get("collectives", [])],
        leaders=leaders,
        leader_weights=[in_charge[name] * 4 + 1 for name in leaders],
    )


def _month_end(month: int) -> date:
    return date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def _body(rng: random.Random, src: Sources) -> str:
    clauses = rng.sample(src.clauses, rng.choice([1, 1, 1, 2]))
    return "，".join(clauses) + rng.choice(["；", "；", "。", "。", "，", ""])


def _step(rng: random.Random, src: Sources, deadline: date) -> Step:
    """A step in one of the document's forms: 到3月底，… 5月底前… 9月… 6到12月… or undated."""
    kind = rng.choices(["end", "before", "month", "span", "none"], [10, 2, 2, 1, 4])[0]
    body = _body(rng, src)
    if kind == "none":
        return Step(None, body, deadline)
    month = rng.choices(range(1, 13), MONTH_WEIGHTS)[0]
    if kind == "span":
        first = rng.randint(2, 8)
        month = rng.choice([month, 10, 11, 12]) if month > first + 1 else rng.choice([11, 12])
        return Step(f"{first}到{month}月", f"{first}到{month}月{body}", _month_end(month))
    if kind == "end":
        return Step(f"{month}月底", f"到{month}月底，{body}", _month_end(month))
    phrase = f"{month}月底前" if kind == "before" else f"{month}月"
    return Step(phrase, f"{phrase}{body}", _month_end(month))


def _units(rng: random.Random, src: Sources, k: int, exclude: set[str]) -> list[str]:
    """k distinct units by the shipped frequencies, none of them in exclude."""
    chosen: list[str] = []
    while len(chosen) < k:
        unit = rng.choices(src.units, src.unit_weights)[0]
        if unit not in exclude and unit not in chosen:
            chosen.append(unit)
    return chosen


def _alias(rng: random.Random, src: Sources, unit: str) -> str:
    """Now and then the other name the document uses for a unit (区文化广电体育局 for 区文体局)."""
    return rng.choice(src.aliases[unit]) if unit in src.aliases and rng.random() < 0.2 else unit


def _task(rng: random.Random, src: Sources, number: int, category: str) -> Task:
    name = rng.choice(src.verbs) + rng.choice(src.objects)
    deadline_month = 10 if rng.random() < 0.1 else 11
    deadline = _month_end(deadline_month)
    lead = _units(rng, src, rng.choice([1, 1, 1, 1, 2]), set())
    responsible = [_alias(rng, src, u) for u in _units(rng, src, rng.randint(0, 6), set(lead))]
    if src.collectives and rng.random() < 0.6:
        responsible.append(rng.choice(src.collectives))
    sharing = rng.choice([1] * 9 + [2])  # now and then two leaders share a task
    leaders = list(dict.fromkeys(rng.choices(src.leaders, src.leader_weights, k=sharing)))
    steps = sorted(
        (_step(rng, src, deadline) for _ in range(rng.randint(2, 5))),
        key=lambda s: (s.due is not None, s.day),
    )
    if rng.random() < 0.25:  # a numbered cell: 1.到2月底完成… 2.到11月底…
        steps = [Step(s.due, f"{i}.{s.text}", s.day) for i, s in enumerate(steps, 1)]
    comment = None
    if rng.random() < 0.1 and len(name) > 6:
        cut = rng.randint(3, len(name) - 3)
        comment = f'the dump pads it: "{name[:cut]}   {name[cut:]}"'
    return Task(
        id=number,
        category=category,
        name=name,
        deadline=f"{YEAR}年{deadline_month}月",
        lead=lead,
        responsible=responsible,
        open_ended=bool(responsible) and rng.random() < 0.75,
        leaders=leaders,
        steps=steps,
        comment=comment,
    )


def make_tasks(n: int, seed: int = SEED, src: Sources | None = None) -> list[Task]:
    """N tasks under the six categories, in the shipped plan's proportions and order."""
    src = src or load_sources()
    rng = random.Random(f"{seed}:{n}")
    total = sum(src.category_weights)
    bounds, running = [], 0
    for weight in src.category_weights:
        running += weight
        bounds.append(running * n / total)
    tasks, category = [], 0
    for number in range(1, n + 1):
        while number > bounds[category] and category < len(bounds) - 1:
            category += 1
        tasks.append(_task(rng, src, number, src.categories[category]))
    return tasks


def _scalar(text: str) -> str:
    """The text plain when YAML reads it back unchanged, else as a JSON (= YAML) string."""
    unsafe = (
        not text
        or text[0] in _YAML_INDICATORS
        or text != text.strip()
        or ": " in text
        or " #" in text
        or text.endswith(":")
    )
    return json.dumps(text, ensure_ascii=False) if unsafe else text


def _flow(names: list[str]) -> str:
    return "[" + ", ".join(names) + "]"


def render(tasks: list[Task], categories: list[str]) -> str:
    """tasks.yaml in the layout of data/tasks.yaml."""
    lines = [
        f"# {YEAR}年生态建设专项行动工作任务分解表: a generated plan of {len(tasks)} tasks for"
        " benchmarks (bench/generate.py).",
        "# A milestone without `due` is due at its task's deadline (完成时限).",
        "plan:",
        f"  title: {YEAR}年生态建设专项行动工作任务分解表",
        f"  year: {YEAR}",
        "  issuer: 盘锦市双台子区人民政府办公室",
        f"  issued: {YEAR}-03-20",
        "categories:",
        *(f"  - {c}" for c in categories),
        "tasks:",
    ]
    for t in tasks:
        comment = f"  # {t.comment}" if t.comment else ""
        lines += [
            f"  - id: {t.id}",
            f"    category: {t.category}",
            f"    name: {_scalar(t.name)}{comment}",
            f"    deadline: {t.deadline}",
            f"    lead: {_flow(t.lead)}",
            f"    responsible: {_flow(t.responsible)}",
            f"    open_ended: {'true' if t.open_ended else 'false'}",
            f"    leaders: {_flow(t.leaders)}",
            "    milestones:",
        ]
        for step in t.steps:
            if step.due is None:
                lines.append(f"      - text: {_scalar(step.text)}")
            else:
                lines += [f"      - due: {step.due}", f"        text: {_scalar(step.text)}"]
    return "\n".join(lines) + "\n"


def write_plan(n: int, out_dir: Path, seed: int = SEED) -> list[Task]:
    """Write OUT_DIR/tasks.yaml and a copy of the shipped group.yaml; return the tasks."""
    src = load_sources()
    tasks = make_tasks(n, seed, src)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "tasks.yaml").write_text(render(tasks, src.categories), encoding="utf-8")
    shutil.copyfile(SHIPPED / "group.yaml", out_dir / "group.yaml")
    return tasks


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit() or int(argv[0]) < 1:
        print("usage: python bench/generate.py N OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(argv[1])
    tasks = write_plan(int(argv[0]), out_dir)
    size = (out_dir / "tasks.yaml").stat().st_size
    steps = sum(len(t.steps) for t in tasks)
    print(f"{out_dir / 'tasks.yaml'}: {len(tasks)} tasks, {steps} milestones, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
