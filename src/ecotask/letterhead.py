"""Who issues the office's documents (通报, 督办通知单) and under which number: the fields of
group.yaml's office section, each of which a command's option overrides, checked the same way
wherever it comes from."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .errors import UsageError, brief
from .i18n import _
from .text import name_problem

if TYPE_CHECKING:
    from .plan import Plan

MAX_NUMBER = 99999  # a serial number (序号) of a year's documents

# A code is the 机关代字 alone: the year's brackets and the serial number are added to it.
_NOT_IN_CODE = re.compile(r"[\s〔〕\[\]()（）［］0-9０-９号]")
# Digits with the separators telephone numbers are written with, and 转 for an extension.
_PHONE = re.compile(r"[0-9+(（]([0-9 ()（）+\-—、,，/；;]|转)*[0-9]")


def code_problem(text: str) -> str | None:
    if found := _NOT_IN_CODE.search(text):
        return _(
            "contains {char!r}: give the code alone (机关代字, e.g. 双生态办); "
            "the year and the number are added to it"
        ).format(char=found.group())
    return None


def phone_problem(text: str) -> str | None:
    if not _PHONE.fullmatch(text):
        return _("is not a telephone number: digits, with spaces, hyphens, brackets or 转")
    return None


def default_issuer(plan: Plan) -> str:
    """The leading group's office when it has one, else the group itself."""
    group = plan.group_file.group
    return f"{group.name}办公室" if group.office else group.name


class Letterhead(NamedTuple):
    issuer: str  # 发文机关: the masthead and the signature
    code: str | None  # 机关代字
    year: int
    number: int  # 序号
    signer: str | None  # 签发人
    contact: str | None  # 联系人
    phone: str | None  # 联系电话
    dated: date  # 成文日期

    @property
    def document_number(self) -> str | None:
        """发文字号, e.g. 双生态办〔2017〕6号; none without a code."""
        return f"{self.code}〔{self.year}〕{self.number}号" if self.code else None


def _option_problem(field: str, value: str) -> str | None:
    if not value or value != value.strip():
        return _("must not be empty or start or end with spaces")
    if problem := name_problem(value):
        return problem
    if field == "code":
        return code_problem(value)
    if field == "phone":
        return phone_problem(value)
    return None


def letterhead(
    plan: Plan,
    dated: date,
    number: int,
    *,
    issuer: str | None = None,
    code: str | None = None,
    signer: str | None = None,
    contact: str | None = None,
    phone: str | None = None,
    given_number: int | None = None,
) -> Letterhead:
    """The letterhead for a document dated `dated`: each field given, else group.yaml's office
    section, else its default (`number` for the serial number)."""
    given = {"issuer": issuer, "code": code, "signer": signer, "contact": contact, "phone": phone}
    for field, value in given.items():
        if value is not None and (problem := _option_problem(field, value)):
            raise UsageError(f"--{field} {brief(value)} {problem}")
    office = plan.group_file.group.office

    def pick(field: str) -> str | None:
        value = given[field]
        return value if value is not None else (getattr(office, field) if office else None)

    serial = given_number or (office.number if office and office.number else number)
    return Letterhead(
        issuer=pick("issuer") or default_issuer(plan),
        code=pick("code"),
        year=dated.year,
        number=serial,
        signer=pick("signer"),
        contact=pick("contact"),
        phone=pick("phone"),
        dated=dated,
    )
