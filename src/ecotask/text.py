"""Characters that would fool a reader: invisible ones, and look-alikes of ordinary ones.

Names are compared in NFC, so that the same name typed on two systems matches; what NFC keeps
apart but a reader cannot tell apart (a bidi override, a zero-width space, a compatibility
ideograph) is refused in a name, warned about in free text, and shown by `visible` wherever
it is printed.
"""

from __future__ import annotations

import unicodedata

from .i18n import _

# Unicode's Cc (C0, DEL, C1) and Cf (bidi controls, zero-width characters, BOM, soft hyphen):
# control or invisible, so never printed as they are. Spelt out: scanning Unicode for them at
# start-up, or compiling them into a regular expression, would cost every command time.
_RANGES = [
    (0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x600, 0x605), (0x61C, 0x61C),
    (0x6DD, 0x6DD), (0x70F, 0x70F), (0x890, 0x891), (0x8E2, 0x8E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE007F),
]  # fmt: skip
_SHOWN = {c: f"<U+{c:04X}>" for low, high in _RANGES for c in range(low, high + 1)}


# Full-width forms are how Chinese is typeset (（）、，２０１７): not look-alikes here.
def _full_width(char: str) -> bool:
    return char == "\u3000" or "\uff01" <= char <= "\uff60" or "\uffe0" <= char <= "\uffe6"


def code_point(char: str) -> str:
    """U+200B ZERO WIDTH SPACE"""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def hidden(text: str) -> str | None:
    """The first control or invisible character in text, if any (tab and newline count:
    no name or one-line text holds them)."""
    if text.isprintable():  # false for every one of them, and for some spaces
        return None
    return next((c for c in text if ord(c) in _SHOWN or c in "\t\n"), None)


def lookalike(text: str) -> str | None:
    """The first compatibility character in text (such as U+F900, a copy of 豈 U+8C48, or
    U+2F00 KANGXI RADICAL ONE, a copy of 一), if any."""
    if unicodedata.is_normalized("NFKC", text):
        return None
    for char in text:
        changed = unicodedata.normalize("NFKC", char) != char
        if changed and not _full_width(char):
            return char
    return None


def name_problem(text: str) -> str | None:
    """Why text cannot be a name (of a unit, a collective, a person, a category or a task)."""
    if char := hidden(text):
        return _("contains {char}, which cannot be seen: remove it").format(char=code_point(char))
    if char := lookalike(text):
        plain = unicodedata.normalize("NFKC", char)
        codes = " ".join(f"U+{ord(c):04X}" for c in plain)
        return _("contains {char}, a look-alike of {plain} ({codes}): write that instead").format(
            char=code_point(char), plain=plain, codes=codes
        )
    return None


def canonical(name: str) -> str:
    """The form names are compared in."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def visible(text: str) -> str:
    """Text safe to print: each control or invisible character shown as <U+XXXX>, newline and
    tab kept."""
    return text if text.isprintable() else text.translate(_SHOWN)
