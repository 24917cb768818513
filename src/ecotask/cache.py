"""A cache of validated plans, so that a query after the first skips YAML, Pydantic and checks.

Entries are keyed by a hash of the data files' exact bytes and of ecotask's own code, so an
edited file or a new version of the tool is validated afresh: no answer can be stale. They live
in the user's cache folder, never beside the data, are written atomically, carry a digest of
their content, and are ignored (and rebuilt) when unreadable, corrupt or truncated.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

DISABLE_ENV = "ECOTASK_NO_CACHE"
KEEP = 16  # entries kept: enough for a few data folders edited back and forth


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ecotask"


@cache
def _code_digest() -> bytes:
    """ecotask's own source: a change in how data is read or checked invalidates every entry."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.digest()


def key(*sources: bytes | None) -> str:
    """The entry for these files' bytes; None stands for an absent file, unlike an empty one."""
    digest = hashlib.sha256(_code_digest())
    for raw in sources:
        if raw is None:
            digest.update(b"\xff" * 8)
            continue
        digest.update(len(raw).to_bytes(8, "little"))
        digest.update(raw)
    return digest.hexdigest()


def read(entry: str) -> Any | None:
    """The cached data, or None when there is no usable entry."""
    try:
        blob = (folder() / f"{entry}.json").read_bytes()
        check, _, payload = blob.partition(b"\n")
        if check.decode("ascii") != hashlib.sha256(payload).hexdigest():
            return None
        return json.loads(payload)
    except (OSError, ValueError):
        return None


def write(entry: str, data: Any) -> None:
    """Store data atomically; a cache that cannot be written only costs speed."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    blob = hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    target = folder()
    temporary: str | None = None
    try:
        target.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target, prefix=".tmp-")
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(blob)
        os.replace(temporary, target / f"{entry}.json")
        temporary = None
        _prune(target)
    except OSError:
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _prune(target: Path) -> None:
    entries = sorted(target.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)
