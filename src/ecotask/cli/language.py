"""Typer's and Click's own words in the reader's language, in one place: the help panels'
titles and marks, the usage line, and Click's error messages.

Typer vendors Click without gettext: its error messages are f-strings, so they are matched
here by their English shape and said again through the catalogue. Help texts (docstrings,
option help, epilogs) are the catalogue's msgids too, translated when help is printed: the
app is built once per process, tests run it in several languages.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..i18n import N_, _, select


def install() -> None:
    """Read the language, and give typer.core our gettext: before every command."""
    from typer import core

    select()
    core._ = _  # type: ignore[attr-defined]  # "No such command", "Missing command", ...


def _panels() -> None:
    """Typer's fixed strings of its Rich help, set when help is printed: rich_utils is slow
    to import, and a query that prints no help never does."""
    from typer import rich_utils

    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.ENVVAR_STRING = _("[env var: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.DEPRECATED_STRING = _("(deprecated) ")
    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.ABORTED_TEXT = _("Aborted.")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")


# typer.core's own gettext calls, translated once core._ is ours.
N_("No such command {name!r}.")
N_("Missing command.")
N_("Aborted!")
N_("(dynamic)")
N_("default: {default}")
N_("env var: {var}")
N_("required")


def usage_prefix() -> str:
    return _("Usage: ")


_MSGIDS = "_ecotask_msgids"


def _translate(thing: Any, *attributes: str) -> None:
    """Set each attribute to the translation of its English text, kept aside the first time."""
    kept = thing.__dict__.setdefault(_MSGIDS, {a: getattr(thing, a, None) for a in attributes})
    for attribute, msgid in kept.items():
        if msgid:
            setattr(thing, attribute, _(msgid))


# Click makes the --help option only when help is asked for: not among the params read.
N_("Show this message and exit.")


def translate_help(command: Any, ctx: Any) -> None:
    """A command's help, epilog and options' help, and its subcommands' summaries, in the
    active language, just before Typer prints them."""
    _panels()
    _translate(command, "help", "short_help", "epilog")
    for param in [*command.params, command.get_help_option(ctx)]:
        if param is not None:
            _translate(param, "help")
    for sub in getattr(command, "commands", {}).values():
        _translate(sub, "help", "short_help")


# Click's messages, word for word as it writes them: each is a msgid, and matches the message
# it stands for with its {fields} as wildcards.
_CLICK = (
    N_("No such option: {option} (Possible options: {options})"),
    N_("No such option: {option}"),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter {name}."),
    N_("Option {option} requires an argument."),
    N_("Option {option} does not take a value."),
    N_("Got unexpected extra argument ({args})"),
    N_("Got unexpected extra arguments ({args})"),
    N_("Invalid value for {name}: {reason}"),
    N_("Invalid value: {reason}"),
)
# What Click's types say of a value they refuse: the reason in "Invalid value for ...".
_REASONS = (
    N_("{value} is not a valid int range."),
    N_("{value} is not a valid integer."),
    N_("{value} is not a valid float range."),
    N_("{value} is not a valid float."),
    N_("{value} is not in the range {range}."),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid boolean. Recognized values: {states}"),
)


@cache
def _pattern(msgid: str) -> re.Pattern[str]:
    """The messages msgid stands for: its text, each {field} any text."""
    parts = re.split(r"\{(\w+)\}", msgid)
    return re.compile(
        "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts)) + "$"
    )


def _said_again(message: str, msgids: tuple[str, ...]) -> str | None:
    for msgid in msgids:
        if found := _pattern(msgid).match(message):
            fields = found.groupdict()
            if "reason" in fields:  # a Click type's own words, or ours (already translated)
                fields["reason"] = _said_again(fields["reason"], _REASONS) or fields["reason"]
            return _(msgid).format(**fields)
    return None


def click_message(message: str) -> str:
    """A message of Click's in the active language (a message it does not know, as it is)."""
    return _said_again(message, _CLICK) or message
