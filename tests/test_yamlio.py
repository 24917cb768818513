"""The loader refuses, with a located reason, whatever it cannot read safely."""

import pytest

from ecotask.errors import DataError
from ecotask.yamlio import load

from .conftest import DATA


def _load(tmp_path, content: str | bytes):
    path = tmp_path / "f.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return load(path, "f.yaml")


def test_values_keep_their_positions_and_dates_stay_text(tmp_path):
    doc = _load(tmp_path, "a: 1\nb:\n  - x\n  - 2017-03-20\nc: 'no'\nd: no\n")
    assert doc.data == {"a": 1, "b": ["x", "2017-03-20"], "c": "no", "d": "no"}
    assert doc.mark(("b", 1)) == (4, 5)
    assert doc.mark(("c",), key=True) == (5, 1)
    assert doc.mark(("b", 7, "missing")) == (3, 3)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: error: duplicate key 'a' (first at line 1)"),
        ("a: &x [1]\nb: *x\n", "f.yaml:2:4: error: aliases are not allowed (*x)"),
        ("a: !!python/object/apply:os.system ['true']\n", "f.yaml:1:4: error: tags are not"),
        ("a: !foo {b: 1}\n", "f.yaml:1:4: error: tags are not allowed (!foo)"),
        ("[" * 1000 + "]" * 1000, "f.yaml:1:65: error: nested more than 64 levels deep"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: error: a tab character where YAML needs spaces"),
        ("%YAML 1.1\n---\na: no\n", "error: remove the %YAML directive"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: error: more than one YAML document"),
        ("# only a comment\n", "f.yaml: error: the file is empty"),
        ("? [a]\n: 1\n", "f.yaml:1:3: error: keys must be plain text"),
        ("a: [1, 2\nb: 3\n", "f.yaml:2:2: error: while parsing a flow sequence"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "f.yaml:3:1: error: not a text file"),
        ("名称: 区环保局\n".encode("gbk"), "f.yaml:1:1: error: the file is encoded as GBK"),
        (b"a: \xff\xfe\n", "f.yaml:1:4: error: not UTF-8 text"),
    ],
)
def test_refusals_are_located(tmp_path, content, expected):
    with pytest.raises(DataError) as caught:
        _load(tmp_path, content)
    assert expected in str(caught.value)


def test_a_bom_is_accepted(tmp_path):
    assert _load(tmp_path, "\ufeffa: 区环保局\n".encode()).data == {"a": "区环保局"}


def test_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"x\.yaml: error: no such file"):
        load(tmp_path / "x.yaml", "x.yaml")


def _paths(value, loc=()):
    yield loc
    if isinstance(value, dict | list):
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            yield from _paths(item, (*loc, key))


@pytest.mark.parametrize("name", ["tasks.yaml", "group.yaml"])
def test_every_value_of_the_data_files_is_located(name):
    doc = load(DATA / name, name)
    doc.mark(())
    assert set(doc._marks) == set(_paths(doc.data))
    assert set(doc._key_marks) == {loc for loc in doc._marks if loc and isinstance(loc[-1], str)}


def test_positions_follow_flow_style_odd_keys_and_shielded_text(tmp_path):
    doc = _load(
        tmp_path,
        "- {a: [1, {b: 2}], 3: x, true: y}\n- k\u2028ey: v\n  c:\n  - 1\n",
    )
    assert doc.data == [{"a": [1, {"b": 2}], "3": "x", "True": "y"}, {"k\u2028ey": "v", "c": [1]}]
    assert doc.mark((0, "a", 1, "b")) == (1, 15)
    assert doc.mark((0, "3")) == (1, 23)
    assert doc.mark((0, "True"), key=True) == (1, 26)
    assert doc.mark((1, "k\u2028ey")) == (2, 9)
    assert doc.mark((1, "c", 0)) == (4, 5)
