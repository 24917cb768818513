"""Record: typing.NamedTuple's class syntax and behaviour, at a fraction of its cost to define.

A query from the cache defines some 25 of these classes before it answers. As NamedTuples they
cost 17M instructions, 7% of a bare Typer app's whole run, mostly because
collections.namedtuple compiles a constructor for each class. Here one constructor serves
them all. Type checkers are shown typing.NamedTuple itself, and so is Python 3.14 and later:
there a class's annotations are no longer in the namespace its metaclass is given (PEP 649).
"""

import sys
from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

if TYPE_CHECKING or sys.version_info >= (3, 14):
    from typing import NamedTuple as Record
else:
    try:
        from _collections import _tuplegetter  # what collections.namedtuple uses
    except ImportError:  # not CPython
        from operator import itemgetter

        def _tuplegetter(index: int, doc: str) -> property:
            return property(itemgetter(index), doc=doc)

    class _RecordType(type):
        def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]):
            if bases == (tuple,):  # Record itself
                return super().__new__(mcls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", {}))
            defaults = {f: namespace.pop(f) for f in fields if f in namespace}
            namespace.update(
                {f: _tuplegetter(i, f"Field {i}: {f}") for i, f in enumerate(fields)},
                __slots__=(),
                _fields=fields,
                _field_defaults=defaults,
                __match_args__=fields,
            )
            return super().__new__(mcls, name, bases, namespace)

    class Record(tuple, metaclass=_RecordType):
        __slots__ = ()
        _fields: tuple[str, ...]
        _field_defaults: dict[str, Any]

        def __new__(cls, *args: Any, **kwargs: Any) -> "Record":
            fields = cls._fields
            if len(args) == len(fields) and not kwargs:
                return tuple.__new__(cls, args)
            if len(args) > len(fields):
                raise TypeError(f"{cls.__name__} takes {len(fields)} fields, got {len(args)}")
            values = list(args)
            for name in fields[len(args) :]:
                if name in kwargs:
                    values.append(kwargs.pop(name))
                elif name in cls._field_defaults:
                    values.append(cls._field_defaults[name])
                else:
                    raise TypeError(f"{cls.__name__} is missing the field {name!r}")
            if kwargs:
                raise TypeError(f"{cls.__name__} has no field {next(iter(kwargs))!r}")
            return tuple.__new__(cls, values)

        def __repr__(self) -> str:
            pairs = ", ".join(
                f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True)
            )
            return f"{type(self).__name__}({pairs})"

        def __getnewargs__(self) -> tuple[Any, ...]:
            return tuple(self)

        def _asdict(self) -> dict[str, Any]:
            return dict(zip(self._fields, self, strict=True))

        def _replace(self, **changes: Any) -> "Record":
            return type(self)(**{**self._asdict(), **changes})
