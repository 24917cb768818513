"""Characters that would fool a reader: invisible ones, and look-alikes of ordinary ones.

Names are compared in NFC, so that the same name typed on two systems matches; what NFC keeps
apart but a reader cannot tell apart (a bidi override, a zero-width space, a compatibility
ideograph) is refused in a name, warned about in free text, and shown by `visible` wherever
it is printed.
"""

from __future__ import annotations

import re
import unicodedata

# Unicode's Cc (C0, DEL, C1) and Cf (bidi controls, zero-width characters, BOM, soft hyphen):
# control or invisible, so never printed as they are.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001-\U000e007f]"
)
# Full-width forms are how Chinese is typeset (（）、，２０１７): not look-alikes here.
_FULL_WIDTH = re.compile("[\u3000\uff01-\uff60\uffe0-\uffe6]")


def code_point(char: str) -> str:
    """U+200B ZERO WIDTH SPACE"""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def hidden(text: str) -> str | None:
    """The first control or invisible character in text, if any (tab and newline count:
    no name or one-line text holds them)."""
    if "\t" in text or "\n" in text:
        return "\t" if "\t" in text else "\n"
    found = _HIDDEN.search(text)
    return found.group() if found else None


def lookalike(text: str) -> str | None:
    """The first compatibility character in text (such as U+F900, a copy of 豈 U+8C48, or
    U+2F00 KANGXI RADICAL ONE, a copy of 一), if any."""
    if unicodedata.is_normalized("NFKC", text):
        return None
    for char in text:
        changed = unicodedata.normalize("NFKC", char) != char
        if changed and ord(char) >= 0x80 and not _FULL_WIDTH.match(char):
            return char
    return None


def name_problem(text: str) -> str | None:
    """Why text cannot be a name (of a unit, a collective, a person, a category or a task)."""
    if char := hidden(text):
        return f"contains {code_point(char)}, which cannot be seen: remove it"
    if char := lookalike(text):
        plain = unicodedata.normalize("NFKC", char)
        codes = " ".join(f"U+{ord(c):04X}" for c in plain)
        return f"contains {code_point(char)}, a look-alike of {plain} ({codes}): write that instead"
    return None


def canonical(name: str) -> str:
    """The form names are compared in."""
    return name if name.isascii() else unicodedata.normalize("NFC", name)


def visible(text: str) -> str:
    """Text safe to print: each control or invisible character shown as <U+XXXX>, newline and
    tab kept."""
    return _HIDDEN.sub(lambda found: f"<U+{ord(found.group()):04X}>", text)
