"""Pydantic's validation errors as located findings, worded for people who edit YAML."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Finding, brief
from .i18n import N_, _
from .yamlio import Document

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "string_type": N_("text"),
    "int_type": N_("a whole number"),
    "bool_type": N_("true or false"),
    "list_type": N_("a list"),
    "model_type": N_("a mapping of keys"),
    "dict_type": N_("a mapping of keys"),
}


# A number's bounds (Field ge/le/gt/lt), by Pydantic's error type: the bound's key in the
# error's context, and the message.
_BOUNDS = {
    "greater_than_equal": ("ge", N_("must be {bound} or more, not {given}")),
    "less_than_equal": ("le", N_("must be {bound} or less, not {given}")),
    "greater_than": ("gt", N_("must be more than {bound}, not {given}")),
    "less_than": ("lt", N_("must be less than {bound}, not {given}")),
}


def schema_findings(doc: Document, model: type[M]) -> tuple[M | None, list[Finding]]:
    """Validate a document against its schema; every violation becomes one finding."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        keys = _keys(model)
        return None, [_finding(doc, error, keys) for error in exc.errors(include_url=False)]


def _keys(model: type[BaseModel]) -> list[str]:
    """Every key the file's schema knows, at any depth: the vocabulary for did-you-mean."""
    schema = model.model_json_schema()
    found = {
        name
        for part in [schema, *schema.get("$defs", {}).values()]
        for name in part.get("properties", {})
    }
    return sorted(found)


def _in_data(data: Any, loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """loc without the tags Pydantic inserts for a union's branches (events[0].done.date):
    only the keys and indexes that exist in the file."""
    path: list[Any] = []
    for i, part in enumerate(loc):
        if isinstance(data, dict) and part == data.get("event") and i < len(loc) - 1:
            continue  # an entry's branch, tagged by its event, which may also be a key (note)
        in_map = isinstance(data, dict) and part in data
        in_list = isinstance(data, list) and isinstance(part, int) and part < len(data)
        if in_map or in_list:
            data = data[part]
        elif i < len(loc) - 1:
            continue  # a branch tag
        path.append(part)
    return tuple(path)


def _finding(doc: Document, error: Any, keys: list[str]) -> Finding:
    loc = _in_data(doc.data, tuple(error["loc"]))
    kind, given = error["type"], error.get("input")
    at_key = kind in ("extra_forbidden", "missing")
    if kind == "extra_forbidden":
        near = difflib.get_close_matches(str(loc[-1]), keys, n=1, cutoff=0.7)
        message = _("unknown key {key!r}").format(key=loc[-1])
        if near:
            message += _(" (did you mean {names}?)").format(names=repr(near[0]))
        loc_shown = loc[:-1]
    elif kind == "missing":
        message = _("missing key {key!r}").format(key=loc[-1])
        loc_shown = loc[:-1]
    else:
        message = _describe(kind, given, error["msg"], error.get("ctx") or {})
        loc_shown = loc
    where = _path(loc_shown)
    return doc.finding(loc, f"{where}: {message}" if where else message, key=at_key)


def _describe(kind: str, given: Any, msg: str, context: dict[str, Any]) -> str:
    if kind in _TYPE_NAMES:
        hint = _(" (quote it if it is meant as text)") if kind == "string_type" else ""
        return _("expected {kind}, got {given}{hint}").format(
            kind=_(_TYPE_NAMES[kind]), given=brief(given), hint=hint
        )
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    if kind == "too_short":
        return _("must not be empty")
    if kind in _BOUNDS and _BOUNDS[kind][0] in context:
        key, message = _BOUNDS[kind]
        return _(message).format(bound=context[key], given=brief(given))
    if kind == "literal_error" and "expected" in context:
        return _("input should be {expected}").format(expected=context["expected"])
    if kind == "union_tag_invalid" and {"tag", "discriminator", "expected_tags"} <= set(context):
        return _(
            "input tag '{tag}' found using {discriminator} does not match any of the expected "
            "tags: {expected_tags}"
        ).format(**context)
    return msg[:1].lower() + msg[1:]  # Pydantic's own words, in English


def _path(loc: tuple[Any, ...]) -> str:
    """tasks[3].milestones[0].due"""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
