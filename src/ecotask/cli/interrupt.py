"""Ctrl-C at any moment: a quiet exit 130, never a traceback or a crash.

Python raises KeyboardInterrupt at the next bytecode, wherever that is, and inside an import
that is unsafe: orjson's native module crashes (SIGSEGV) when it lands in its init, and one
that lands in a class being created comes out as a RuntimeError. So Ctrl-C while a module is
being imported ends the process at once with 130 (an import writes nothing; a data file is
replaced atomically, so at most a temporary file is left); anywhere else it is the usual
KeyboardInterrupt, which the command line maps to 130.
"""

import os
import signal
import threading
from types import FrameType

EXIT_INTERRUPTED = 130  # 128 + SIGINT


def _interrupted(signum: int, frame: FrameType | None) -> None:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            os._exit(EXIT_INTERRUPTED)
        frame = frame.f_back
    raise KeyboardInterrupt


def install() -> None:
    if threading.current_thread() is threading.main_thread():  # signal.signal needs it
        signal.signal(signal.SIGINT, _interrupted)
