"""The JSON Schemas that editors use accept the shipped data and reject what validate rejects."""

import jsonschema
import pytest

from ecotask.yamlio import load

from .conftest import DATA, cli


@pytest.mark.parametrize("name", ["tasks", "group"])
def test_the_schema_accepts_the_shipped_file(name):
    schema = cli("schema", name).json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == f"ecotask {name}.yaml"
    data = load(DATA / f"{name}.yaml", f"{name}.yaml").data
    jsonschema.Draft202012Validator(schema).validate(data)


def test_the_schema_rejects_an_unknown_key_and_a_wrong_type():
    validator = jsonschema.Draft202012Validator(cli("schema").json())
    data = load(DATA / "tasks.yaml", "tasks.yaml").data
    data["tasks"][0]["owner"] = "x"
    data["tasks"][1]["id"] = "2"
    messages = sorted(error.message for error in validator.iter_errors(data))
    assert messages == [
        "'2' is not of type 'integer'",
        "Additional properties are not allowed ('owner' was unexpected)",
    ]


def test_progress_schema_knows_the_three_events():
    schema = cli("schema", "progress").json()
    validator = jsonschema.Draft202012Validator(schema)
    good = {"events": [{"event": "done", "milestone": "2.1", "date": "2017-06-28"}]}
    assert list(validator.iter_errors(good)) == []
    bad = {"events": [{"event": "finish", "milestone": "2.1", "date": "2017-06-28"}]}
    assert list(validator.iter_errors(bad)) != []


def test_descriptions_document_the_fields():
    schema = cli("schema").json()
    task = schema["$defs"]["Task"]["properties"]
    assert task["deadline"]["description"] == "The task's deadline (完成时限), e.g. 2017年11月."
    assert "等相关单位" in task["open_ended"]["description"]
