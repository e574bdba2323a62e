"""Turning records into plain JSON-able dicts and back, with strict type checks on the way in.

The store is a JSON file that people may edit by hand or that may be damaged; a record of the wrong shape must be
refused with a message that names the field, not crash a screen three clicks later.
"""

from __future__ import annotations

import dataclasses
import sys
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin

from .clock import iso, parse_iso

T = TypeVar("T")


class RecordError(ValueError):
    """A stored record does not have the shape its dataclass expects."""


def to_dict(obj: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON-ready dict (dates as ISO strings)."""
    if not dataclasses.is_dataclass(obj) or isinstance(obj, type):
        raise TypeError(f"not a dataclass instance: {obj!r}")
    out = _encode(obj)
    assert isinstance(out, dict)
    return out


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    return value


Decoder = Callable[[Any, str], Any]


@cache
def _plan(cls: type) -> tuple[tuple[str, Decoder, bool], ...]:
    """For each field of ``cls``: its name, a decoder built once for its type, and whether it may be absent."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (
            f.name,
            _decoder(hints[f.name]),
            f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    )


def from_dict(cls: type[T], data: Any, where: str = "") -> T:
    """Build ``cls`` from ``data``, checking every field's type; unknown keys are ignored (forward compatible)."""
    where = where or cls.__name__
    if not isinstance(data, dict):
        raise RecordError(f"{where}: expected an object, got {type(data).__name__}")
    kwargs: dict[str, Any] = {}
    for name, decode, optional in _plan(cls):  # type: ignore[arg-type]
        if name in data:
            kwargs[name] = decode(data[name], where + "." + name)
        elif not optional:
            raise RecordError(f"{where}: missing field {name!r}")
    return cls(**kwargs)


def _decoder(tp: Any) -> Decoder:
    origin = get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = get_args(tp)
        nullable = type(None) in args
        options = [_decoder(a) for a in args if a is not type(None)]

        def union(value: Any, where: str) -> Any:
            if value is None and nullable:
                return None
            errors = []
            for option in options:
                try:
                    return option(value, where)
                except RecordError as exc:
                    errors.append(str(exc))
            raise RecordError(errors[0] if len(errors) == 1 else f"{where}: unexpected value {value!r}")

        return union
    if origin is typing.Literal:
        allowed = get_args(tp)

        def literal(value: Any, where: str) -> Any:
            if value not in allowed:
                raise RecordError(f"{where}: {value!r} is not one of {', '.join(repr(a) for a in allowed)}")
            return value

        return literal
    if origin is list:
        (item_tp,) = get_args(tp)
        item = _decoder(item_tp)

        def as_list(value: Any, where: str) -> Any:
            if not isinstance(value, list):
                raise RecordError(f"{where}: expected a list, got {type(value).__name__}")
            return [item(v, f"{where}[{i}]") for i, v in enumerate(value)]

        return as_list
    if origin is dict:
        vt = _decoder(get_args(tp)[1])

        def as_dict(value: Any, where: str) -> Any:
            if not isinstance(value, dict):
                raise RecordError(f"{where}: expected an object, got {type(value).__name__}")
            return {str(k): vt(v, f"{where}.{k}") for k, v in value.items()}

        return as_dict
    if tp is Any:
        return lambda value, where: value
    if dataclasses.is_dataclass(tp):
        return lambda value, where: from_dict(tp, value, where)  # type: ignore[arg-type]
    if tp is datetime:
        return _datetime
    if tp is date:
        return _date
    if tp in (float, int, bool, str):
        return _SCALARS[tp]
    raise TypeError(f"cannot read a value of type {tp!r}")  # pragma: no cover - programming error


def _datetime(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise RecordError(f"{where}: expected a date-time string, got {type(value).__name__}")
    try:
        return parse_iso(value)
    except ValueError:
        raise RecordError(f"{where}: {value!r} is not an ISO date-time") from None


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise RecordError(f"{where}: expected a date string, got {type(value).__name__}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordError(f"{where}: {value!r} is not an ISO date") from None


def _float(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecordError(f"{where}: expected a number, got {type(value).__name__}")
    if value != value or value in (float("inf"), float("-inf")):
        raise RecordError(f"{where}: {value!r} is not a finite number")
    return float(value)


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"{where}: expected an integer, got {type(value).__name__}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise RecordError(f"{where}: expected true/false, got {type(value).__name__}")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise RecordError(f"{where}: expected text, got {type(value).__name__}")
    # Ids and short codes (``TM-1``, ``P-3``, ``open``) repeat in every record: share one copy of each, which
    # keeps ten years of history in memory at a fraction of the size (DESIGN.md: the app <= 100 MiB).
    return sys.intern(value) if len(value) <= 16 else value


_SCALARS: dict[Any, Decoder] = {float: _float, int: _int, bool: _bool, str: _str}
