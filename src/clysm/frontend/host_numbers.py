"""Host arithmetic for the kernel: CL's rational/float contagion over the
host number types (int, Fraction, SingleFloat, float as double-float)."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

from clysm.frontend.host_runtime import LispError, type_error
from clysm.lisp.data import SingleFloat, make_ratio

# Ranks in contagion order: integer < ratio < single-float < double-float.
_INTEGER, _RATIO, _SINGLE, _DOUBLE = range(4)


def _unwrap(x: Any) -> tuple[Any, int]:
    t = type(x)
    if t is int:
        return x, _INTEGER
    if t is Fraction:
        return x, _RATIO
    if t is SingleFloat:
        return x.value, _SINGLE
    if t is float:
        return x, _DOUBLE
    raise type_error(x, "NUMBER")


def _wrap(value: Any, rank: int) -> Any:
    if rank == _DOUBLE:
        return float(value)
    if rank == _SINGLE:
        return SingleFloat(float(value))
    if isinstance(value, Fraction):
        return make_ratio(value.numerator, value.denominator)
    return value


def _binary(op: Any, a: Any, b: Any) -> Any:
    x, ra = _unwrap(a)
    y, rb = _unwrap(b)
    rank = max(ra, rb)
    if rank >= _SINGLE:
        x, y = float(x), float(y)
    return _wrap(op(x, y), rank)


def _ints(a: Any, b: Any) -> bool:
    return type(a) is int and type(b) is int


def add(*args: Any) -> Any:
    if len(args) == 2 and _ints(*args):  # the common case, kept fast
        return args[0] + args[1]
    result: Any = 0
    for a in args:
        result = _binary(lambda x, y: x + y, result, a)
    return result


def multiply(*args: Any) -> Any:
    result: Any = 1
    for a in args:
        result = _binary(lambda x, y: x * y, result, a)
    return result


def subtract(first: Any, *rest: Any) -> Any:
    if len(rest) == 1 and _ints(first, rest[0]):
        return first - rest[0]
    if not rest:  # negation (keeps the sign of zero: (- 0.0) is -0.0)
        x, rank = _unwrap(first)
        return _wrap(-x, rank)
    for a in rest:
        first = _binary(lambda x, y: x - y, first, a)
    return first


def _divide2(x: Any, y: Any) -> Any:
    if y == 0:
        raise LispError("arithmetic error DIVISION-BY-ZERO signalled", "DIVISION-BY-ZERO")
    if isinstance(x, float) or isinstance(y, float):
        return x / y
    return Fraction(x) / Fraction(y)


def divide(first: Any, *rest: Any) -> Any:
    if not rest:
        return _binary(_divide2, 1, first)
    for a in rest:
        first = _binary(_divide2, first, a)
    return first


def _compare(test: Any, args: tuple[Any, ...]) -> bool:
    if len(args) == 2 and _ints(*args):
        return bool(test(*args))
    values = [_unwrap(a)[0] for a in args]  # Python compares int/Fraction/float exactly
    return all(test(values[i], values[i + 1]) for i in range(len(values) - 1))


def num_eq(*args: Any) -> bool:
    return _compare(lambda x, y: x == y, args)


def num_lt(*args: Any) -> bool:
    return _compare(lambda x, y: x < y, args)


def num_gt(*args: Any) -> bool:
    return _compare(lambda x, y: x > y, args)


def num_le(*args: Any) -> bool:
    return _compare(lambda x, y: x <= y, args)


def num_ge(*args: Any) -> bool:
    return _compare(lambda x, y: x >= y, args)


def floor2(number: Any, divisor: Any = 1) -> tuple[Any, Any]:
    """FLOOR: an integer quotient and the remainder in the contagion type."""
    x, rx = _unwrap(number)
    y, ry = _unwrap(divisor)
    if y == 0:
        raise LispError("arithmetic error DIVISION-BY-ZERO signalled", "DIVISION-BY-ZERO")
    rank = max(rx, ry)
    if rank >= _SINGLE:
        q = math.floor(float(x) / float(y))
        return q, _wrap(float(x) - q * float(y), rank)
    q = math.floor(Fraction(x) / Fraction(y))
    return q, _wrap(Fraction(x) - q * Fraction(y), rank)


def is_integer(x: Any) -> bool:
    return type(x) is int


def is_number(x: Any) -> bool:
    return type(x) in (int, Fraction, float, SingleFloat)


def eql_numbers(a: Any, b: Any) -> bool:
    """EQL on two numbers: same type and same value (0.0 and -0.0 differ)."""
    if type(a) is not type(b):
        return False
    x, _ = _unwrap(a)
    y, _ = _unwrap(b)
    if isinstance(x, float):
        return x == y and math.copysign(1.0, x) == math.copysign(1.0, y)
    return bool(x == y)
