"""Resolving what a user types to a unit, collective or leader of the plan."""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from .errors import EcotaskError
from .i18n import N_, _
from .plan import Plan
from .text import canonical


def resolve(text: str, names: Mapping[str, str], what: str) -> str:
    """The canonical name for text: an exact name or alias first, then a unique part of one.

    names maps every accepted spelling to its canonical name. Padding spaces, which the
    source document puts inside two-character names, are ignored.
    """
    wanted = canonical("".join(text.split()))
    if wanted in names:
        return names[wanted]
    matches = list(dict.fromkeys(c for name, c in names.items() if wanted and wanted in name))
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise EcotaskError(
            _("{what} {text!r} matches several: {names}").format(
                what=_(what), text=text, names="、".join(matches)
            )
        )
    near = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.3)
    closest = "、".join(dict.fromkeys(names[n] for n in near))
    hint = _("; the closest are: {names}").format(names=closest) if near else ""
    raise EcotaskError(_("no {what} {text!r}{hint}").format(what=_(what), text=text, hint=hint))


def unit_spellings(plan: Plan) -> dict[str, str]:
    """Every unit name and alias, and every collective's name."""
    return {**plan.unit_names, **{name: name for name in plan.collectives}}


def leader_spellings(plan: Plan) -> dict[str, str]:
    """Everyone on the roster and every leader in charge of a task."""
    people = [*plan.roster, *plan.other_leaders, *plan.leaders]
    return {name: name for name in people}


def resolve_unit(plan: Plan, text: str) -> str:
    return resolve(text, unit_spellings(plan), N_("unit"))


def resolve_leader(plan: Plan, text: str) -> str:
    return resolve(text, leader_spellings(plan), N_("leader"))


def did_you_mean(name: str, choices: list[str]) -> str:
    """A finding's hint at the names closest to one not found, or nothing."""
    near = difflib.get_close_matches(name, choices, n=3, cutoff=0.5)
    return _(" (did you mean {names}?)").format(names=", ".join(near)) if near else ""
