"""Writing the imported plan as YAML text in data/tasks.yaml's layout and style."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from .. import cells
from ..i18n import _
from .grids import PLACEHOLDER


@dataclass
class BuiltTask:
    data: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    target_comment: str = ""
    step_notes: dict[int, str] = field(default_factory=dict)  # a milestone's index -> comment


_MASS_ORGS = ("妇联", "工会", "科协", "残联", "团委", "侨联", "文联")


def unit_kind(name: str) -> str:
    """A unit's kind from its name: a 区's, a 县's and a 市's alike (县环保局, 市住建局)."""
    if "街道" in name or name.endswith("社区"):
        return "street"
    if name.endswith(("镇", "乡")):
        return "town"
    if name.endswith(_MASS_ORGS) or re.fullmatch(r"团[区县市]委", name):
        return "mass_org"
    if name.endswith("政府"):
        return "government"
    if name.endswith("局"):
        return "bureau"
    if name.endswith("办"):
        return "office"
    if name.endswith("部") or re.fullmatch(r"[区县市]?(?:委|纪委)", name):
        return "party"
    if name.endswith("委") and not name.endswith("管委"):
        return "bureau"  # 县发改委, 市卫健委: departments of the government
    return "agency"


# -- writing YAML ------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NOT_PLAIN_START = set("-?:,[]{}#&*!|>'\"%@`")
_NOT_STRING = re.compile(
    r"[-+]?(?:\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)"
    r"|~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|no|on|off|y|n|Yes|No|On|Off"
)


def scalar(value: Any, flow: bool = False) -> str:
    """A value as one YAML scalar: plain where that reads back as the same text, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if _ISO_DATE.fullmatch(text):
        return text  # read as text, as data/tasks.yaml writes `issued`
    plain = (
        text
        and text == text.strip()
        and text[0] not in _NOT_PLAIN_START
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and not _NOT_STRING.fullmatch(text)
        and all(ch.isprintable() for ch in text)
        and not (flow and any(ch in ",[]{}" for ch in text))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(scalar(i, flow=True) for i in items) + "]"


def _line(indent: str, key: str, value: str, comment: str | None = None) -> str:
    line = f"{indent}{key}: {value}"
    return f"{line}  # {' '.join(comment.splitlines())}" if comment else line


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _value_text(target: dict[str, Any]) -> str:
    """The value as the step writes it (0.70, not 0.7)."""
    numbers: list[str] = re.findall(r"\d+(?:\.\d+)?", target["text"])
    for number in numbers:
        if float(number) == target["value"]:
            return number
    return scalar(target["value"])


def render_tasks(
    source: str,
    plan: dict[str, Any],
    plan_comments: dict[str, str],
    categories: list[str],
    tasks: list[BuiltTask],
) -> str:
    out = [
        f"# {_one_line(plan['title'])}: imported by `ecotask import` from {_one_line(source)}.",
        "# A milestone without `due` is due at its task's deadline (完成时限).",
        "plan:",
    ]
    for key in ("title", "year", "issuer", "issued"):
        out.append(_line("  ", key, scalar(plan[key]), plan_comments.get(key)))
    out.append("categories:")
    out.extend(f"  - {scalar(c)}" for c in categories)
    out.append("tasks:")
    for task in tasks:
        d, notes = task.data, task.comments
        out.append(f"  - id: {d['id']}")
        for key in ("category", "name", "deadline"):
            out.append(_line("    ", key, scalar(d[key]), notes.get(key)))
        for key in ("lead", "responsible"):
            out.append(_line("    ", key, _flow(d[key]), notes.get(key)))
        out.append(_line("    ", "open_ended", scalar(d["open_ended"])))
        out.append(_line("    ", "leaders", _flow(d["leaders"]), notes.get("leaders")))
        out.append("    milestones:")
        for i, m in enumerate(d["milestones"]):
            note = task.step_notes.get(i)
            if "due" in m:
                out.append(f"      - due: {scalar(m['due'])}")
                out.append(_line("        ", "text", scalar(m["text"]), note))
            else:
                out.append(_line("      - ", "text", scalar(m["text"]), note))
        if d.get("targets"):
            out.append(f"    targets:  # {task.target_comment}")
            for t in d["targets"]:
                out.append(f"      - indicator: {scalar(t['indicator'])}")
                out.append(f"        op: {json.dumps(t['op'])}")
                out.append(f"        value: {_value_text(t)}")
                out.append(f"        unit: {scalar(t['unit'])}")
                out.append(f"        text: {scalar(t['text'])}")
    return "\n".join(out) + "\n"


def _collectives(
    names: list[str], units: list[str], warnings: list[str]
) -> list[tuple[str, list[str], bool]]:
    """Each collective the table names (各街道、镇, 各乡镇): (name, members, placeholder);
    its members are the units of its kinds the table names, else a placeholder to fill in."""
    out: list[tuple[str, list[str], bool]] = []
    for name in names:
        kinds = cells.collective_kinds(name)
        members = [u for kind in kinds for u in units if unit_kind(u) == kind]
        if members:
            out.append((name, members, False))
            warnings.append(
                _(
                    "group.yaml: {name} stands for units the table does not list: its members "
                    "are the ones the table names ({members}): complete them"
                ).format(name=name, members="、".join(members))
            )
        else:
            out.append((name, [PLACEHOLDER], True))
            warnings.append(
                _(
                    "group.yaml: {name} names no unit of its kind the table lists: its members "
                    "are {placeholder}, to fill in"
                ).format(name=name, placeholder=PLACEHOLDER)
            )
    return out


def render_group(source: str, tasks: list[BuiltTask], warnings: list[str]) -> str:
    """A group.yaml that declares every unit and leader the table names; the roster, which a
    table does not hold, is a placeholder to replace."""
    names = [n for t in tasks for n in (*t.data["lead"], *t.data["responsible"])]
    names = list(dict.fromkeys(names))
    shaped = [n for n in names if cells.collective_kinds(n)]
    units = [n for n in names if n not in shaped]
    for name in (u for u in units if u.startswith("各")):
        warnings.append(
            _(
                "group.yaml: {name} names no kind of unit (各街镇, 各乡镇): declared as a unit"
            ).format(name=name)
        )
    collectives = _collectives(shaped, units, warnings)
    leaders = list(dict.fromkeys(n for t in tasks for n in t.data["leaders"] if n != PLACEHOLDER))
    warnings.append(
        _(
            "group.yaml: a table holds no roster: group.members is a placeholder "
            "({placeholder}) to replace with the leading group's members"
        ).format(placeholder=PLACEHOLDER)
    )
    out = [
        f"# The leading group and the registry of names: a skeleton written by `ecotask import` "
        f"from {_one_line(source)}.",
        "# The table holds no roster: replace the placeholder member with the group's members,",
        "# move the leaders on it out of other_leaders, and check each unit's kind.",
        "group:",
        _line("  ", "name", scalar(f"领导小组（{PLACEHOLDER}）")),
        "  members:",
        _line("    - ", "name", PLACEHOLDER, "placeholder: the table holds no roster"),
        "      role: 组长",
        f"      position: {PLACEHOLDER}",
        f"      unit: {PLACEHOLDER}",
        "units:",
    ]
    for unit in units:
        out.append(f"  - name: {scalar(unit)}")
        out.append(f"    kind: {unit_kind(unit)}")
    out.append(_line("  - ", "name", PLACEHOLDER, "the placeholder member's unit"))
    out.append("    kind: agency")
    if collectives:
        out.append("collectives:")
        for name, members, placeholder in collectives:
            note = "its members to fill in" if placeholder else "only the members the table names"
            out.append(_line("  - ", "name", scalar(name), note))
            out.append(f"    members: {_flow(members)}")
    if leaders:
        out.append("other_leaders:  # 分管领导 in the table: a table holds no roster")
        out.extend(f"  - name: {scalar(n)}" for n in leaders)
    else:
        out.append("other_leaders: []  # the table names no 分管领导")
    return "\n".join(out) + "\n"
