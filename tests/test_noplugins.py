"""Pydantic's plugin loader is stood in for (noplugins.py): validation works, nothing scans the
installed distributions, and Pydantic still asks the module noplugins stands in for."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pydantic


def test_validation_without_importlib_metadata() -> None:
    code = (
        "import sys, yaml\n"
        "from ecotask import models\n"
        "from ecotask.load import find_data_dir\n"
        "raw = (find_data_dir() / 'group.yaml').read_text(encoding='utf-8')\n"
        "models.GroupFile.model_validate(yaml.safe_load(raw))\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd="/"
    )
    assert done.stdout == "False\n"


def test_pydantic_asks_the_loader_for_get_plugins() -> None:
    """The premise: were Pydantic to load plugins some other way, the stand-in would go unused
    (or, worse, lack what Pydantic imports from it)."""
    plugin = Path(pydantic.__file__).parent / "plugin"
    asking = (plugin / "_schema_validator.py").read_text(encoding="utf-8")
    assert "from ._loader import get_plugins" in asking
    spec = importlib.util.spec_from_file_location("real_loader", plugin / "_loader.py")
    assert spec is not None and spec.loader is not None
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    assert callable(real.get_plugins)
