"""Tables drawn before: what Rich printed for the same rows on the same console, kept in the
cache, so that asking again prints it without importing Rich.

Importing Rich and drawing a small table cost about 55 ms here, most of a bare Typer app's
whole run. What Rich prints depends only on what it draws, on Rich's and ecotask's code, and on
the console: the environment variables Rich reads, whether stdout is a terminal, the
terminals' sizes and stdout's encoding. A drawing is kept under a hash of all of these, so a
change in any is drawn afresh.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import RenderableType

FOLDER = "drawn"  # in the cache's folder
KEEP = 64  # drawings kept: a few queries in a few terminal widths
BUDGET = 64 * 2**20  # bytes kept in all; a table of 100 rows takes about 60 KB

# What Rich 15 reads from the environment (tests check the installed Rich against it). Not the
# whole environment: variables that change from run to run would make every drawing new.
RICH_ENVIRONMENT = (
    "COLORTERM", "COLUMNS", "DATABRICKS_RUNTIME_VERSION", "FORCE_COLOR", "JUPYTER_COLUMNS",
    "JUPYTER_LINES", "LINES", "NO_COLOR", "TERM", "TTY_COMPATIBLE", "TTY_INTERACTIVE",
    "UNICODE_VERSION",
)  # fmt: skip


def _rich_digest() -> bytes | None:
    from importlib.machinery import PathFinder

    from ..cache import source_digest

    spec = PathFinder.find_spec("rich")
    if spec is None or not spec.origin:
        return None
    return source_digest(os.path.dirname(spec.origin))


def _terminal_size(descriptor: int) -> tuple[int, int] | None:
    try:
        return tuple(os.get_terminal_size(descriptor))  # type: ignore[return-value]
    except (OSError, ValueError):
        return None


def key(drawing: Any) -> str | None:
    """The drawing's key on this console; None where Rich writes through the Windows console
    API rather than as text."""
    import orjson
    import xxhash

    from ..cache import code_digest

    rich = _rich_digest()
    if sys.platform == "win32" or rich is None:
        return None
    try:
        terminal = sys.stdout.isatty()
    except ValueError:  # closed
        return None
    console = [
        [os.environ.get(name) for name in RICH_ENVIRONMENT],
        terminal,
        [_terminal_size(descriptor) for descriptor in (0, 1, 2)],
        getattr(sys.stdout, "encoding", None),
        sys.version,
        drawing,
    ]
    digest = xxhash.xxh3_128(code_digest() + rich)
    digest.update(orjson.dumps(console, default=str))
    return digest.hexdigest()


def _read(name: str) -> str | None:
    """The drawing, or None when absent or damaged."""
    from ..cache import read

    entry = read(name, FOLDER)
    try:
        blob = entry.section("text") if entry is not None else None
    except (OSError, ValueError):
        return None
    return None if blob is None else blob.decode("utf-8", "surrogatepass")


def _store(name: str, text: str) -> None:
    """As cache entries are, with limits of its own."""
    from ..cache import write

    write(name, {"text": text.encode("utf-8", "surrogatepass")}, FOLDER, (KEEP, BUDGET))


def show(drawing: Any, draw: Callable[[], RenderableType], *, keep: bool = True) -> None:
    """Print draw()'s renderable; drawing is everything it is drawn from, as JSON-able data.
    Without keep (the cache is off), it is drawn and not kept."""
    name = key(drawing) if keep else None
    text = _read(name) if name else None
    if text is None:
        from .table import console

        screen = console()
        with screen.capture() as captured:
            screen.print(draw())
        text = captured.get()
        if name:
            _store(name, text)
    sys.stdout.write(text)
