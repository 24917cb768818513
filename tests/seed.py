"""The source text's task table, parsed for the tests that compare the data with it.

tests/fixtures/seed.txt is a text dump of the Word document. A table row starts with a line
"\\t<序号>"; after that, every line that starts with a tab opens the row's next cell, and
untabbed non-blank lines continue the current cell. This does not use the ecotask package.
"""

import re
from pathlib import Path

SEED = (Path(__file__).parent / "fixtures" / "seed.txt").read_text(encoding="utf-8").splitlines()
COLUMNS = ["category", "name", "breakdown", "deadline", "lead", "responsible", "leaders"]


def table() -> dict[int, dict[str, list[str]]]:
    """Each task's cells, by 序号, as lists of the cell's lines."""
    rows: dict[int, list[list[str]]] = {}
    cells = None
    for line in SEED:
        if m := re.fullmatch(r"\t(\d+)", line):
            cells = rows[int(m[1])] = []
        elif cells is None:
            continue
        elif line.startswith("\t"):
            cells.append([line[1:]] if line.strip() else [])
        elif line.strip():
            cells[-1].append(line)
    return {n: dict(zip(COLUMNS, c, strict=True)) for n, c in rows.items()}
