"""The letterhead of the office's documents: group.yaml's office fields, options over them."""

import re
from datetime import date

import pytest

from ecotask.cli.common import open_data
from ecotask.errors import UsageError
from ecotask.letterhead import code_problem, letterhead, phone_problem

from .conftest import DATA


def test_defaults_without_office_fields():
    head = letterhead(open_data(DATA), date(2017, 6, 30), 6)
    assert head.issuer == "双台子区生态文明建设工作领导小组办公室"
    assert head.document_number is None  # no code: no number
    assert (head.number, head.signer, head.contact, head.phone) == (6, None, None, None)


def test_options_make_the_document_number():
    head = letterhead(
        open_data(DATA), date(2017, 6, 30), 6, code="双生态办", given_number=9, signer="赵凤春"
    )
    assert head.document_number == "双生态办〔2017〕9号"
    assert head.signer == "赵凤春"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("code", "双生态办〔2017〕", "contains '〔'"),
        ("code", " 双生态办", "must not be empty or start or end with spaces"),
        ("phone", "王明", "is not a telephone number"),
        ("contact", "王\u200b明", "contains U+200B ZERO WIDTH SPACE"),
    ],
)
def test_bad_options_are_refused(field, value, message):
    with pytest.raises(UsageError, match=f"^--{field} .*{re.escape(message)}"):
        letterhead(open_data(DATA), date(2017, 6, 30), 6, **{field: value})


def test_codes_and_phones():
    assert code_problem("双生态办") is None
    assert code_problem("双生态办6号") is not None
    for phone in ("0427-2812345", "(0427) 2812345", "13800000000", "2812345转8001"):
        assert phone_problem(phone) is None, phone
    for phone in ("", "-", "电话", "0427-"):
        assert phone_problem(phone) is not None, phone
