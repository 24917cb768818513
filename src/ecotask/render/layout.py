"""A table laid out for the width it is given: columns of prose fold (by render.fold's rules)
and share what the others leave; the others keep their width, never narrower than their
header. When that does not fit, columns leave the table in a declared order: into a detail
line under each row, or out, with a note naming them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..i18n import _
from . import display_width
from .fold import fold, spans

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, ConsoleOptions
    from rich.text import Text

EDGE = 1  # spaces before the first column
GAP = 2  # spaces between columns
READABLE = 6  # columns a share of a prose column's ratio needs to be worth reading


@dataclass
class Column:
    name: str
    ratio: int | None = None  # folds, taking this share of the width the others leave
    justify: Literal["left", "right"] = "left"


@dataclass
class FitTable:
    columns: list[Column]
    title: str | None = None
    spill: tuple[str, ...] = ()  # the columns that may leave, the first to leave first
    detail: bool = True  # those that leave go to a line under the row (else: out, noted)
    header: bool = True
    edge: int = EDGE
    rows: list[list[Text]] = field(default_factory=list)

    def add_row(self, *cells: Text) -> None:
        from rich.text import Text

        self.rows.append([*cells, *(Text() for _cell in range(len(self.columns) - len(cells)))])

    def _natural(self, at: int) -> int:
        head = display_width(self.columns[at].name) if self.header else 0
        return max([head, *(display_width(row[at].plain) for row in self.rows)])

    def _least(self, at: int) -> int:
        column = self.columns[at]
        head = display_width(column.name) if self.header else 0
        return max(head, READABLE * (column.ratio or 0))

    def widths(self, width: int) -> tuple[list[int], dict[int, int]]:
        """The columns shown, and the width of each."""
        natural = [self._natural(i) for i in range(len(self.columns))]
        shown = list(range(len(self.columns)))
        leaving = [i for name in self.spill for i, c in enumerate(self.columns) if c.name == name]
        while True:
            fitted = self._fit(shown, natural, width)
            if fitted is not None:
                return shown, fitted
            if not leaving:  # wider than the window: still every header whole
                return shown, {
                    i: self._least(i) if self.columns[i].ratio else natural[i] for i in shown
                }
            shown.remove(leaving.pop(0))

    def _fit(self, shown: list[int], natural: list[int], width: int) -> dict[int, int] | None:
        """Widths for the columns shown within width, if the prose gets enough of it."""
        sizes = {i: natural[i] for i in shown if self.columns[i].ratio is None}
        prose = [i for i in shown if self.columns[i].ratio is not None]
        left = width - self.edge - GAP * (len(shown) - 1) - sum(sizes.values())
        while prose:  # share by ratio; a column that needs less gives the rest back
            total = sum(self.columns[i].ratio or 0 for i in prose)
            share = {i: left * (self.columns[i].ratio or 0) // total for i in prose}
            small = [i for i in prose if natural[i] <= share[i]]
            if not small:
                if any(share[i] < self._least(i) for i in prose):
                    return None
                sizes.update(share)
                break
            for i in small:
                sizes[i] = natural[i]
                left -= natural[i]
                prose.remove(i)
        return sizes if left >= 0 else None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = options.max_width
        shown, sizes = self.widths(width)
        if self.title:
            yield from paragraph(self.title).lines(width)
        if self.header:
            yield _line(shown, sizes, self._heads(), self.edge, self.columns)
            ruled = self.edge + sum(sizes.values()) + GAP * (len(shown) - 1)
            yield _plain(" " * self.edge + "─" * (ruled - self.edge))
        hidden = [i for i in range(len(self.columns)) if i not in shown]
        indent = self.edge + (sizes[shown[0]] + GAP if len(shown) > 1 else 0)
        for row in self.rows:
            folded = {i: _fold(row[i], sizes[i]) for i in shown}
            for n in range(max(len(lines) for lines in folded.values())):
                cells = {i: lines[n] if n < len(lines) else None for i, lines in folded.items()}
                yield _line(shown, sizes, cells, self.edge, self.columns)
            notes = [(self.columns[i].name, _flat(row[i].plain)) for i in hidden]
            about = [f"{name}：{value}" for name, value in notes if value]
            if self.detail and about:
                for text in _packed(about, width - indent):
                    yield _plain(" " * indent + text, "dim")
        if hidden and not self.detail:
            names = "、".join(self.columns[i].name for i in hidden)
            note = _("… {names} left out to fit {width} columns: a wider window shows them.")
            note = note.format(names=names, width=width)
            yield from paragraph(note).lines(width)
        if self.header:
            yield _plain("")

    def _heads(self) -> dict[int, Text | None]:
        from rich.text import Text

        return {i: Text(c.name, style="bold") for i, c in enumerate(self.columns)}


def _flat(value: str) -> str:
    """A cell's lines on one line: names joined as the document joins them."""
    return "".join(
        ("" if not n or part.startswith("（") else "、") + part
        for n, part in enumerate(value.split("\n"))
    )


def _packed(items: list[str], width: int) -> list[str]:
    """Items on as few lines as hold them, each whole unless no line can hold it."""
    lines: list[str] = []
    for n, item in enumerate(items):
        item += "；" if n < len(items) - 1 else ""
        if lines and display_width(lines[-1] + item) <= width:
            lines[-1] += item
        else:
            lines += fold(item, width)
    return lines


def _fold(text: Text, width: int) -> list[Text]:
    return [text[a:b] for a, b in spans(text.plain, width)]


def _plain(value: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(value, style=style, no_wrap=True, overflow="ignore")


def _line(
    shown: list[int],
    sizes: dict[int, int],
    cells: dict[int, Text | None],
    edge: int,
    columns: list[Column],
) -> Text:
    """One line of the table: each column's piece padded to its width, no trailing spaces."""
    line = _plain(" " * edge)
    for n, i in enumerate(shown):
        piece = cells.get(i)
        room = sizes[i] - (display_width(piece.plain) if piece is not None else 0)
        right = columns[i].justify == "right"
        line.append(" " * (GAP if n else 0) + (" " * room if right else ""))
        if piece is not None:
            line.append_text(piece)
        if not right:
            line.append(" " * room)
    line.rstrip()
    return line


@dataclass
class Paragraph:
    """Text on its own, folded to the width by render.fold's rules."""

    value: str
    style: str = ""

    def lines(self, width: int) -> list[Text]:
        from rich.text import Text

        return [
            Text(self.value[a:b], style=self.style, no_wrap=True, overflow="ignore")
            for a, b in spans(self.value, width)
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        yield from self.lines(options.max_width)


def paragraph(value: str, style: str = "") -> Paragraph:
    from ..text import visible

    return Paragraph(visible(value), style)
