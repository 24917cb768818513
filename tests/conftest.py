"""Shared helpers: run the real CLI in-process on the real data files."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from ecotask.cli import app

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
CASES = Path(__file__).resolve().parent / "cases"


_STAMP = r"^ +recorded: '[^'\n]*'\r?\n"


def unstamped(text: Any) -> Any:
    """A log (str or bytes) without the `recorded:` stamps of its entries, which say when a
    test ran: for tests that compare a log's exact text."""
    if isinstance(text, bytes):
        return re.sub(_STAMP.encode(), b"", text, flags=re.MULTILINE)
    return re.sub(_STAMP, "", text, flags=re.MULTILINE)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: str, env: dict[str, str] | None = None) -> Run:
    """Invoke ecotask in-process, with a fixed width and no colour."""
    environment = {
        "COLUMNS": "120",
        "NO_COLOR": "1",
        "ECOTASK_DATA": str(DATA),
        "ECOTASK_LANG": "en",  # the messages these tests pin; tests/test_i18n.py has Chinese
        **(env or {}),
    }
    result = CliRunner().invoke(app, list(args), env=environment)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of the shipped data folder, free to break."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory):
    """Keep the tests' cache entries out of the user's cache folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    mp.delenv("ECOTASK_NO_CACHE", raising=False)
    mp.setenv("ECOTASK_LANG", "en")  # subprocess tests pin English too, whatever the locale
    yield
    mp.undo()


@pytest.fixture(autouse=True)
def _language_of_the_environment():
    """A command run in Chinese leaves Chinese active: a later test calling the library
    directly reads the environment's language (English) again."""
    yield
    from ecotask import i18n

    i18n.select()


@pytest.fixture(autouse=True, scope="session")
def _shipped_data_untouched():
    """No test may write into the shipped data folder: a write that fails there still leaves
    a lock file, and one that succeeds would change the bundled plan."""
    before = sorted(p.name for p in DATA.iterdir())
    yield
    assert sorted(p.name for p in DATA.iterdir()) == before, "a test wrote into data/"
