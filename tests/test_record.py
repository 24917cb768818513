"""Record behaves as typing.NamedTuple does, for everything ecotask asks of it."""

from typing import NamedTuple

import pytest

from ecotask.record import Record


class Event(Record):
    """A log line."""

    event: str
    day: int
    note: str | None = None
    value: float | None = None

    @property
    def loud(self) -> str:
        return self.event.upper()


class Twin(NamedTuple):
    event: str
    day: int
    note: str | None = None
    value: float | None = None


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("done", 3), {}),
        (("done", 3, "ok", 1.5), {}),
        (("done",), {"day": 3, "value": 2.0}),
        ((), {"event": "done", "day": 3, "note": "n"}),
    ],
)
def test_built_as_a_named_tuple_is(args, kwargs):
    record, twin = Event(*args, **kwargs), Twin(*args, **kwargs)
    assert tuple(record) == tuple(twin) and record == twin
    assert (record.event, record.day, record.note, record.value) == tuple(twin)
    assert record._asdict() == twin._asdict()
    assert record._replace(day=9) == twin._replace(day=9)
    assert repr(record) == repr(twin).replace("Twin", "Event")


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((), {"event": "done"}), (("done", 3, None, None, 5), {}), (("done", 3), {"colour": 1})],
    ids=["missing", "too-many", "unknown"],
)
def test_wrong_fields_raise_type_error_as_a_named_tuple_does(args, kwargs):
    with pytest.raises(TypeError):
        Twin(*args, **kwargs)
    with pytest.raises(TypeError):
        Event(*args, **kwargs)


def test_fixed_fields_and_class_members():
    record = Event("done", 3)
    assert Event._fields == Twin._fields and Event._field_defaults == Twin._field_defaults
    assert record.loud == "DONE" and Event.__doc__ == "A log line."
    with pytest.raises(AttributeError):
        record.day = 4  # type: ignore[misc]
    assert not hasattr(record, "__dict__")
    match record:
        case Event(event, day):
            assert (event, day) == ("done", 3)
        case _:
            pytest.fail("no positional match")
