"""The messages to translate, and `make messages`: extract them and update each .po.

The msgids are the English texts: every `_("...")` in src/ecotask (found by Babel), and every
help text (docstrings, option help, epilogs, Typer's and Click's own) read off the built app,
exactly as Typer holds them. Each .po then gains the new ones, untranslated, and loses those
gone; tests/test_i18n.py fails while any is untranslated or fuzzy.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "ecotask"
CATALOGUES = sorted((PACKAGE / "locale").glob("*/LC_MESSAGES/ecotask.po"))


def _help_texts() -> list[tuple[str, str]]:
    """(text, where) for every help text of the app, every command registered."""
    from typer.main import get_command

    from ecotask.cli import app

    found: list[tuple[str, str]] = []

    def walk(command: Any, path: str) -> None:
        kept = command.__dict__.get("_ecotask_msgids", {})
        for attribute in ("help", "short_help", "epilog"):
            if text := kept.get(attribute, getattr(command, attribute, None)):
                found.append((text, f"{path} --help"))
        for param in command.params:
            if text := param.__dict__.get("_ecotask_msgids", {}).get("help", param.help):
                found.append((text, f"{path} {param.opts[0] if param.opts else param.name}"))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(sub, f"{path} {name}")

    walk(get_command(app), "ecotask")
    return found


def template() -> Catalog:
    """Every message of the source, in English."""
    catalog = Catalog(project="ecotask", fuzzy=False)
    for filename, line, message, _comments, _context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
    ):
        catalog.add(message, locations=[(f"src/ecotask/{filename}", line)])
    for text, where in _help_texts():
        catalog.add(text, locations=[(where, None)])
    return catalog


def update(po: Path, source: Catalog) -> Catalog:
    """po with source's messages: new ones empty (or fuzzy, near an old one), gone ones out."""
    with po.open("rb") as file:
        catalog = read_po(file, locale=po.parent.parent.name)
    created = catalog.creation_date  # not each run's time: the .po changes only with its messages
    catalog.update(source, update_header_comment=False)
    catalog.creation_date = created
    with po.open("wb") as file:
        write_po(
            file, catalog, width=100, ignore_obsolete=True, include_lineno=False, sort_output=False
        )
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]


if __name__ == "__main__":
    source = template()
    for po in CATALOGUES:
        missing = untranslated(update(po, source))
        print(f"{po.relative_to(ROOT)}: {len(source)} messages, {len(missing)} to translate")
        for msgid in missing:
            print(f"  {msgid[:90]!r}")
    sys.exit(0)
