"""Compile the message catalogues (.po, kept in the repository) to the .mo files gettext reads,
for every build: wheel, sdist and the editable install `make` uses. The .mo are build output,
never committed. `python hatch_build.py` compiles them in place (make does, when a .po changes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

LOCALE = Path(__file__).resolve().parent / "src" / "ecotask" / "locale"


def compile_catalogues(locale: Path = LOCALE) -> list[Path]:
    """Each locale/*/LC_MESSAGES/*.po compiled beside itself; the .mo files written."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(locale.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalog)  # fuzzy entries are left out, as msgfmt does
        written.append(mo)
    return written


try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, outside a build
    pass
else:

    class CatalogueHook(BuildHookInterface):  # type: ignore[misc]
        def initialize(self, version: str, build_data: dict[str, Any]) -> None:
            root = Path(self.root)
            for mo in compile_catalogues(root / "src" / "ecotask" / "locale"):
                # .gitignore'd, so hatch would leave them out of the wheel without this
                build_data["artifacts"].append(mo.relative_to(root).as_posix())


if __name__ == "__main__":
    for mo in compile_catalogues():
        print(mo.relative_to(Path.cwd()) if mo.is_relative_to(Path.cwd()) else mo)
