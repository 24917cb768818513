"""Renderers: each turns a query's result into text for stdout, or into a file's bytes; none
computes anything."""


def display_width(text: str) -> int:
    """Columns the text's widest line takes in a monospaced font or a spreadsheet: CJK and
    full-width characters count two."""
    import unicodedata

    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )
