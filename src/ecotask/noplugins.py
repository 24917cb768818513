"""Pydantic without plugins: ecotask's models are its own, and no plugin is meant to watch them.

Before it builds its first validator, Pydantic asks `pydantic.plugin._loader` for plugins, and
that module imports importlib.metadata to scan every installed distribution's entry points:
more than a tenth of a first query's work after an edit, which only a plugin would need.
PYDANTIC_DISABLE_PLUGINS skips the scan but not the import, so the module is stood in for,
before Pydantic loads it, by one that finds no plugins. tests/test_noplugins.py checks that
Pydantic still asks that module for `get_plugins`, so that an upgrade changing this is noticed.
"""

from __future__ import annotations

import sys
import types

LOADER = "pydantic.plugin._loader"


def get_plugins() -> tuple[()]:
    return ()


if LOADER not in sys.modules:  # once Pydantic has loaded its own, it keeps it
    _loader = types.ModuleType(LOADER, __doc__)
    _loader.get_plugins = get_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = _loader
