"""The monthly report as GitHub-flavoured Markdown: headings and pipe tables."""

from __future__ import annotations

import re

from ..report import Ratio, Report
from ..text import visible
from .report_tables import (
    RATE_NOTE,
    Cell,
    Table,
    cell_text,
    group_heading,
    headline_rows,
    headline_text,
    numbered,
)

# Characters Markdown would read as markup (or HTML) inside a table cell: escaped with "\".
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&#~])")


def text(value: str) -> str:
    """Text safe in a paragraph or a table cell: markup escaped, one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(visible(value).split()))


def _numeric(value: Cell) -> bool:
    return isinstance(value, int | Ratio)


def _table(columns: list[str], rows: list[list[Cell]]) -> list[str]:
    right = [bool(rows) and all(_numeric(row[i]) for row in rows) for i in range(len(columns))]
    lines = [
        "| " + " | ".join(text(c) for c in columns) + " |",
        "| " + " | ".join("---:" if r else "---" for r in right) + " |",
    ]
    lines += ["| " + " | ".join(text(cell_text(v)) for v in row) + " |" for row in rows]
    return lines


def _section(heading: str, table: Table) -> list[str]:
    lines = [f"## {heading}", ""]
    if not table.rows:
        return [*lines, text(table.empty), ""]
    lines += [text(table.summary), ""]
    for index, (label, rows) in enumerate(table.groups, 1):
        if label is not None:
            lines += [f"### {text(group_heading(index, label, rows))}", ""]
        lines += [*_table(table.columns, rows), ""]
    return lines


def render(report: Report) -> str:
    (headline, _), *sections = numbered(report)
    lines = [
        f"# {text(report.heading)}",
        "",
        f"{text(report.issuer)} · 截至 {report.as_of}",
        "",
        f"## {headline}",
        "",
        text(headline_text(report)),
        "",
        *_table(["指标", "数值"], [[label, value] for label, value in headline_rows(report)]),
        "",
        text(RATE_NOTE),
        "",
    ]
    for heading, table in sections:
        assert table is not None
        lines += _section(heading, table)
    return "\n".join(lines).rstrip("\n") + "\n"
