"""placeholder"""

from .app import app  # noqa: F401 - commands register on it
