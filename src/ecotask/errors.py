"""Errors that reach the user, and the exit codes they map to."""

from __future__ import annotations

from typing import Any, Literal, NamedTuple

from .i18n import N_, _

EXIT_DATA = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

Severity = Literal["error", "warning"]


class Finding(NamedTuple):
    """One problem in a data file, located where the file allows."""

    file: str
    line: int | None
    col: int | None
    severity: Severity
    message: str
    code: str | None = None  # which check found it: see docs/codes.md

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}:{self.col}"
        return f"{where}: {_(SEVERITY_WORDS[self.severity])}: {self.message}"


# The word for each severity in a finding's line: 错误/警告 in Chinese (JSON's and GitHub's
# stay English; see README, "Language").
SEVERITY_WORDS: dict[Severity, str] = {"error": N_("error"), "warning": N_("warning")}


def brief(value: Any) -> str:
    """A value as a message quotes it: briefly, so that one finding stays one readable line."""
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    text = repr(value)
    if len(text) <= 60:
        return text
    return _("{start}… ({count} characters)").format(start=text[:50], count=len(str(value)))


class EcotaskError(Exception):
    """A failure the user can act on: printed as one line, never as a traceback."""

    exit_code = EXIT_DATA


class UsageError(EcotaskError):
    """A bad argument or option value."""

    exit_code = EXIT_USAGE


class DataError(EcotaskError):
    """The data cannot be used; carries every error found, not just the first."""

    def __init__(self, findings: list[Finding]) -> None:
        self.findings = findings
        super().__init__("\n".join(str(f) for f in findings))
