"""The reader's language: Chinese for a zh* locale, English otherwise, ECOTASK_LANG=zh|en over
both. Messages are written in English in the code, as gettext msgids, and translated through
locale/<language>/LC_MESSAGES/ecotask.mo, compiled from the .po kept beside it at build time.

The catalogue is read on the first translated message, once per language: an English run and
a query that prints no message never read it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from gettext import GNUTranslations

Language = Literal["zh", "en"]
DOMAIN = "ecotask"
LOCALES = Path(__file__).resolve().parent / "locale"
FOLDERS: dict[Language, str] = {"zh": "zh_CN"}  # English is the msgids themselves

# gettext's order: the first of these that is set names the language.
_LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_active: Language | None = None
_catalogues: dict[Language, GNUTranslations | None] = {}


def language() -> Language:
    """The language the environment asks for, read afresh."""
    chosen = os.environ.get("ECOTASK_LANG", "").strip().lower()
    if chosen in ("zh", "en"):
        return chosen  # type: ignore[return-value]
    for variable in _LOCALE_VARIABLES:
        value = os.environ.get(variable, "")
        if value:
            first = value.split(":")[0].strip().lower()
            return "zh" if first.startswith("zh") else "en"
    return "en"


def select() -> Language:
    """Read the language from the environment: once per command, before any message."""
    global _active
    _active = language()
    return _active


def active() -> Language:
    return _active if _active is not None else select()


def _catalogue(lang: Language) -> GNUTranslations | None:
    if lang not in _catalogues:
        from gettext import GNUTranslations

        path = LOCALES / FOLDERS[lang] / "LC_MESSAGES" / f"{DOMAIN}.mo"
        try:
            with path.open("rb") as file:
                _catalogues[lang] = GNUTranslations(file)
        except OSError:  # a tree that was never built: English rather than a crash
            _catalogues[lang] = None
    return _catalogues[lang]


def _(message: str) -> str:
    """message, an English msgid, in the active language."""
    lang = active()
    if lang == "en" or not message:
        return message
    catalogue = _catalogue(lang)
    return message if catalogue is None else catalogue.gettext(message)


def N_(message: str) -> str:
    """Marks a message for extraction where it is kept to be translated later."""
    return message
