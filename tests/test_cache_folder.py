"""The cache folder on Linux follows platformdirs' rule without importing it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from platformdirs import user_cache_dir

from ecotask import cache

linux = pytest.mark.skipif(sys.platform != "linux", reason="the XDG rule is Linux's")


@linux
@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        ("/tmp/xdg-cache", "/home/someone"),
        (None, "/home/someone"),
        ("", "/home/someone"),
        ("relative/cache", "/home/someone"),
        ("/tmp/xdg-cache", None),
    ],
)
def test_folder_is_platformdirs(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str | None
) -> None:
    for name, value in (("XDG_CACHE_HOME", xdg), ("HOME", home)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    assert cache.folder() == Path(user_cache_dir("ecotask", appauthor=False))


@linux
def test_folder_from_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/tmp/somewhere")
    assert cache.folder() == Path("/tmp/somewhere/ecotask")
