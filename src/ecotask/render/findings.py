"""validate's output: its findings, as text lines, a JSON document or GitHub annotations."""

from __future__ import annotations

from ..errors import Finding
from ..i18n import _
from ..text import visible


def summary(findings: list[Finding], checked: str) -> str:
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    verdict = _("invalid") if errors else _("valid")
    return _("{verdict}: {errors} error(s), {warnings} warning(s) ({checked})").format(
        verdict=verdict, errors=errors, warnings=warnings, checked=checked
    )


def text(findings: list[Finding], checked: str) -> str:
    return visible("".join(f"{f}\n" for f in findings) + summary(findings, checked) + "\n")


def github(findings: list[Finding], checked: str) -> str:
    """GitHub Actions workflow commands: each finding becomes an annotation on its line."""

    def escape(value: str) -> str:
        return visible(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = []
    for f in findings:
        where = f"file={escape(f.file)}"
        if f.line is not None:
            where += f",line={f.line},col={f.col}"
        if f.code is not None:
            where += f",title={escape(f.code)}"
        lines.append(f"::{f.severity} {where}::{escape(f.message)}\n")
    return "".join(lines) + summary(findings, checked) + "\n"


def json_document(findings: list[Finding], checked: str) -> dict[str, object]:
    errors = sum(f.severity == "error" for f in findings)
    return {
        "valid": errors == 0,
        "errors": errors,
        "warnings": len(findings) - errors,
        "checked": checked,
        "findings": [
            {
                "file": f.file,
                "line": f.line,
                "col": f.col,
                "severity": f.severity,
                "code": f.code,
                "message": f.message,
            }
            for f in findings
        ],
    }
