"""The console script, `ecotask` (and `python -m ecotask`): one command, one answer, then the
process exits. The collector is off from the first import: what a command allocates (Typer's
and Rich's objects, a plan, its rows) lives until then, so its passes would find nothing."""

import gc

gc.disable()

try:
    from .cli import main
except KeyboardInterrupt:  # Ctrl-C while the command line loads, before its own guard
    raise SystemExit(130) from None

__all__ = ["main"]
