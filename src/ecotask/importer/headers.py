"""Recognising a task table's header: which column plays which role, by a table of synonyms.

Each role lists the header texts offices use for it, compared after spaces, line breaks and a
bracketed remark ("任务分解（主要时间节点…）") are removed. To read a new office's table, add
its header text to the role's synonyms (and to the README's list). A text listed under two
roles (责任单位: the lead, or the units that help) goes to the role the table leaves free, the
required one first: with 牵头单位 beside it, 责任单位 is the responsible units; with only
配合单位 or 协办单位 beside it, it is the lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import UsageError
from ..i18n import _


@dataclass(frozen=True)
class Role:
    key: str  # the English name --column takes
    label: str  # the bundled table's column name, as messages name the role
    synonyms: tuple[str, ...]
    prefixes: tuple[str, ...] = ()  # a header that starts so: 任务分解及时间节点


ROLES = (
    Role("id", "序号", ("序号", "编号")),
    Role(
        "category",
        "类别",
        ("类别", "分类", "任务类别", "领域", "类型", "板块", "工作类别", "重点领域"),
    ),
    Role(
        "name",
        "任务名称",
        (
            "任务名称",
            "项目名称",
            "工作任务",
            "重点任务",
            "工作事项",
            "重点工作",
            "工作名称",
            "任务",
            "名称",
        ),
    ),
    Role(
        "breakdown",
        "任务分解",
        (
            "任务分解",
            "主要内容",
            "工作措施",
            "工作任务和内容",
            "具体措施",
            "目标任务",
            "工作内容",
            "主要措施",
            "具体内容",
            "任务内容",
            "具体任务",
            "目标要求",
            "推进措施",
        ),
        ("任务分解",),
    ),
    Role(
        "deadline",
        "完成时限",
        (
            "完成时限",
            "完成时间",
            "时间节点",
            "计划节点",
            "时间安排",
            "完成期限",
            "时限要求",
            "进度安排",
            "时限",
        ),
    ),
    Role(
        "lead",
        "牵头单位",
        (
            "牵头单位",
            "牵头部门",
            "主责单位",
            "主责部门",
            "主办单位",
            "牵头",  # under a merged 责任单位: 牵头 | 配合
            "主办",
            "责任单位",
            "责任部门",
        ),
    ),
    Role(
        "responsible",
        "责任单位",
        (
            "责任单位",
            "责任部门",
            "配合单位",
            "配合部门",
            "协办单位",
            "协办部门",
            "参与单位",
            "参与部门",
            "协助单位",
            "配合",
            "协办",
        ),
    ),
    Role(
        "leaders",
        "分管领导",
        (
            "分管领导",
            "分管区领导",
            "分管县领导",
            "分管市领导",
            "责任领导",
            "牵头领导",
            "联系领导",
            "包保领导",
        ),
    ),
)
BY_KEY = {role.key: role for role in ROLES}
BY_LABEL = {role.label: role for role in ROLES}
REQUIRED = ("lead",)  # and a content column: name or breakdown
CONTENT = ("name", "breakdown")


def normalise(text: str) -> str:
    """A header text as compared: no spaces, no bracketed remark, no trailing colon."""
    compact = re.sub(r"\s+", "", text)
    compact = re.sub(r"[（(【\[].*?(?:[)）】\]]|$)", "", compact)
    return compact.rstrip(":：")


@dataclass
class Header:
    """A table's header: the row after it, each role's columns, and how they were placed."""

    start: int  # the index of the header's first row (-1: a continuation without one)
    end: int  # the index of its last row
    texts: list[str]  # each column's header text (the lower row's, under a merged one)
    columns: dict[str, list[int]]
    unplaced: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)

    def mapping(self) -> str:
        """Which header text went to which role, for a message or the summary."""
        placed = []
        for key, cols in self.columns.items():
            texts = list(dict.fromkeys(self.texts[c].strip() for c in cols))
            placed.append(f"{'/'.join(texts)} → {BY_KEY[key].label} ({key})")
        return "; ".join(placed)


def parse_columns(options: list[str]) -> dict[str, str]:
    """--column ROLE=HEADER options as {normalised header: role key}; ROLE is the English name
    or the bundled column name (lead or 牵头单位)."""
    placed: dict[str, str] = {}
    names = ", ".join(r.key for r in ROLES)
    for option in options:
        role_text, sep, header = option.partition("=")
        role = BY_KEY.get(role_text.strip()) or BY_LABEL.get(role_text.strip())
        if not sep or not header.strip():
            raise UsageError(
                _("--column {option!r}: expected ROLE=HEADER, e.g. lead=主办科室").format(
                    option=option
                )
            )
        if role is None:
            raise UsageError(
                _("--column {option!r}: no role {role!r}: use {names}").format(
                    option=option, role=role_text.strip(), names=names
                )
            )
        placed[normalise(header)] = role.key
    return placed


def _candidates(text: str, placed: dict[str, str]) -> list[str]:
    key = normalise(text)
    if not key:
        return []
    if key in placed:
        return [placed[key]]
    taken = set(placed.values())  # a role placed by hand is no other column's
    return [
        r.key
        for r in ROLES
        if (key in r.synonyms or key.startswith(r.prefixes)) and r.key not in taken
    ]


def _assign(texts: list[str], placed: dict[str, str]) -> Header:
    """Roles for the columns: texts with one role first, then the shared ones."""
    roles: dict[str, str] = {}  # normalised text -> role
    shared: list[tuple[str, list[str]]] = []
    for text in dict.fromkeys(normalise(t) for t in texts if normalise(t)):
        candidates = _candidates(text, placed)
        if len(candidates) == 1:
            roles[text] = candidates[0]
        elif candidates:
            shared.append((text, candidates))
    guesses = []
    for text, candidates in shared:
        free = [c for c in candidates if c not in roles.values()]
        required = [c for c in free if c in REQUIRED]
        role = (required or free or candidates[-1:])[0]
        roles[text] = role
        if role != candidates[-1]:  # not the role it has beside the bundled table's columns
            label = BY_KEY[role].label
            why = _("no other column is {label}").format(label=label)
            for other in candidates[candidates.index(role) + 1 :]:
                if taken := [t for t, r in roles.items() if r == other]:
                    why += _("; {columns} is {label}").format(
                        columns=", ".join(taken), label=BY_KEY[other].label
                    )
            guesses.append(
                _("column {text} read as {label} ({role}): {why}").format(
                    text=text, label=label, role=role, why=why
                )
            )
    columns: dict[str, list[int]] = {}
    unplaced = []
    for i, text in enumerate(texts):
        key = normalise(text)
        if key in roles:
            columns.setdefault(roles[key], []).append(i)
        elif key and text.strip() not in unplaced:
            unplaced.append(text.strip())
    order = [r.key for r in ROLES]
    columns = dict(sorted(columns.items(), key=lambda kv: order.index(kv[0])))
    return Header(-1, -1, list(texts), columns, unplaced, guesses)


def header_like(row: list[str], placed: dict[str, str]) -> bool:
    """Whether a row reads as a header: three roles or more, one of them a content column."""
    roles = {c for text in row for c in _candidates(text, placed)}
    return len(roles) >= 3 and bool(roles & set(CONTENT))


def _second_row(upper: list[str], lower: list[str], placed: dict[str, str]) -> bool:
    """Whether lower is a header's second row: under a merged 责任单位, 牵头部门 | 配合部门."""
    differs = False
    for above, text in zip(upper, lower, strict=False):
        if not text.strip() or text == above:
            continue
        if not _candidates(text, placed):
            return False
        differs = True
    return differs


def find_header(rows: list[list[str]], placed: dict[str, str], depth: int = 10) -> Header | None:
    """The header among a table's first rows, one row or two; a title row above is passed by."""
    for r, row in enumerate(rows[:depth]):
        if not header_like(row, placed):
            continue
        texts, end = list(row), r
        if r + 1 < len(rows) and _second_row(row, rows[r + 1], placed):
            lower = rows[r + 1]
            texts = [
                low if low.strip() and _candidates(low, placed) else up
                for up, low in zip(row, [*lower, *[""] * (len(row) - len(lower))], strict=True)
            ]
            end = r + 1
        header = _assign(texts, placed)
        header.start, header.end = r, end
        return header
    return None
