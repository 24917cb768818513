"""Renderers: each turns a query's result into text for stdout, or into a file's bytes; none
computes anything."""

import unicodedata


def char_width(char: str) -> int:
    """Columns a character takes in a monospaced font: CJK and full-width ones count two."""
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Columns the text's widest line takes in a monospaced font or a spreadsheet."""
    return max((sum(map(char_width, line)) for line in text.split("\n")), default=0)
