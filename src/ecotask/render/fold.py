"""Folding text to a width in display columns, with the Chinese line-breaking rules (禁则):
no line starts with closing punctuation, none ends with opening punctuation, and a number
keeps its unit and its percent sign. Latin words break at spaces only."""

from __future__ import annotations

from . import char_width

# Never at the start of a line: they close what came before.
CLOSING = frozenset("，。、；：！？）》」』〉】〕〗〙”’…—～·．,.;:!?)]}%％‰℃")
# Never at the end of a line: they open what comes after.
OPENING = frozenset("（《「『〈【〔〖〘“‘([{")
# Measure words and units that follow a number in the document's text: 10吨, 6月底, 90个.
UNITS = frozenset("吨米亩户个家座台辆元万亿千百天年月日时次人处条项所棵株只件倍度")
_SPACE = " "


def _is_word(char: str) -> bool:
    """Latin letters, digits and the punctuation inside them (2017-06-30, PM2.5, 1,000)."""
    return (
        char.isascii() and not char.isspace() and (char not in CLOSING | OPENING or char in ".,:")
    )


def _atoms(text: str) -> list[tuple[int, int]]:
    """The spans that no line break may fall inside, in order; runs of spaces are their own."""
    atoms: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        j = i + 1
        if text[i] == _SPACE:
            while j < len(text) and text[j] == _SPACE:
                j += 1
            atoms.append((i, j))
            i = j
            continue
        if _is_word(text[i]) and text[i] not in CLOSING:
            while j < len(text) and _is_word(text[j]):
                j += 1
            while j > i + 1 and text[j - 1] in CLOSING:  # "word," ends the word: the comma glues
                j -= 1
        last = text[atoms[-1][1] - 1] if atoms else _SPACE
        if last == _SPACE and text[i] in CLOSING and len(atoms) > 1:  # "18% 。": no lone "。"
            atoms[-2:] = [(atoms[-2][0], j)]
        elif last != _SPACE and (
            text[i] in CLOSING or last in OPENING or (last.isdigit() and text[i] in UNITS)
        ):
            atoms[-1] = (atoms[-1][0], j)
        else:
            atoms.append((i, j))
        i = j
    return atoms


def _width(text: str) -> int:
    return sum(map(char_width, text))


def line_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Where each folded line of one line of text starts and ends; the spaces at a break are
    dropped, the text's own indentation kept. What is wider than a line on its own is cut
    by characters."""
    lines: list[tuple[int, int]] = []
    start: int | None = None
    end = used = gap = 0

    def close() -> None:
        assert start is not None
        lines.append((start, start + len(text[start:end].rstrip(_SPACE))))

    for a, b in _atoms(text):
        size = _width(text[a:b])
        if text[a] == _SPACE:
            if start is not None:
                gap += size
            elif not lines:
                start, end, used = a, b, size
            continue
        if start is not None and used + gap + size > width:
            close()
            start = None
        if start is None:
            while size > width:
                cut, taken = a, 0
                while cut < b and taken + char_width(text[cut]) <= width:
                    taken += char_width(text[cut])
                    cut += 1
                while a + 1 < cut < b and text[cut] in CLOSING:  # the rules, where they can
                    cut -= 1
                cut = max(cut, a + 1)
                lines.append((a, cut))
                a, size = cut, _width(text[cut:b])
            start, end, used = a, b, size
        else:
            end, used = b, used + gap + size
        gap = 0
    if start is None:  # an empty line
        return [(0, 0)]
    close()
    return lines


def spans(text: str, width: int) -> list[tuple[int, int]]:
    """line_spans over every line of a text that may hold line breaks, as offsets in it."""
    out: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        out += [(offset + a, offset + b) for a, b in line_spans(line, width)]
        offset += len(line) + 1
    return out


def fold(text: str, width: int) -> list[str]:
    """text as lines of at most width display columns (where the words allow), by the rules
    above; the text's own line breaks are kept."""
    return [text[a:b] for a, b in spans(text, width)]


def breaks(text: str, width: int, fold: bool = True) -> list[int]:
    """rich.text's divide_line by the rules above: where to break one line of text to fit
    width. Rich's own breaks at spaces only, and cuts a run of Chinese wider than its column
    with an ellipsis."""
    return [a for a, _ in line_spans(text, width)[1:]]
