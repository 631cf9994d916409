"""Host versions of the bignum intrinsics (%make-bignum, %bignum-*, %mpn-*).

In the host evaluator a bignum is a Python int; a magnitude under
construction (%make-bignum) is a `BignumBuilder`, a list of base-2^30
digits.  The %mpn-* functions read either and write builders, computing
with Python ints: they only have to agree with the kernel's digit loops
(backend/kernel/bignum.py) digit for digit.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from clysm.backend.objects import BIGNUM_DIGIT_BITS as BITS
from clysm.frontend.host_runtime import is_fixnum, type_error
from clysm.lisp.data import NIL, T

MASK = (1 << BITS) - 1


class BignumBuilder:
    """A magnitude being built: digits least significant first, and a sign."""

    def __init__(self, n: int, negative: bool) -> None:
        self.digits = [0] * n
        self.negative = negative


def _fixnum(x: Any) -> int:
    if not is_fixnum(x):
        raise type_error(x, "FIXNUM")
    return x  # type: ignore[no-any-return]


def _bignum(x: Any) -> int:
    if type(x) is not int or is_fixnum(x):
        raise type_error(x, "BIGNUM")
    return x  # type: ignore[no-any-return]


def _digits(x: Any) -> list[int]:
    """The digits of a bignum or builder (a builder's own list)."""
    if type(x) is BignumBuilder:
        return x.digits
    m = abs(_bignum(x))
    return [(m >> (BITS * i)) & MASK for i in range(-(-m.bit_length() // BITS))]


def _builder(x: Any) -> BignumBuilder:
    if type(x) is not BignumBuilder:
        raise type_error(x, "BIGNUM")
    return x


def _value(x: Any, n: Any, offset: int = 0) -> int:
    digits = _digits(x)
    return sum(digits[offset + i] << (BITS * i) for i in range(_fixnum(n)))


def _store(r: Any, offset: int, n: int, value: int) -> None:
    digits = _builder(r).digits
    for i in range(n):
        digits[offset + i] = (value >> (BITS * i)) & MASK


def _negative(x: Any) -> bool:
    if type(x) is BignumBuilder:
        return x.negative
    return _bignum(x) < 0


def _set_digit(b: Any, i: Any, d: Any) -> Any:
    digits = _builder(b).digits
    if not is_fixnum(i) or not 0 <= i < len(digits):
        raise type_error(i, f"(INTEGER 0 ({len(digits)}))")
    digits[i] = _fixnum(d)
    return d


def _finish(b: Any) -> int:
    value = _value(b, len(_builder(b).digits))
    return -value if b.negative else value


def _normalize(b: Any, n: Any, negative: Any) -> int:
    value = _value(b, n)
    return -value if negative is not NIL else value


def _add(r: Any, a: Any, na: Any, b: Any, nb: Any) -> int:
    s = _value(a, na) + _value(b, nb)
    _store(r, 0, na, s)
    return s >> (BITS * na)


def _sub(r: Any, a: Any, na: Any, b: Any, nb: Any) -> int:
    s = _value(a, na) - _value(b, nb)
    _store(r, 0, na, s % (1 << (BITS * na)))
    return 1 if s < 0 else 0


def _mul_1(r: Any, a: Any, n: Any, d: Any) -> int:
    p = _value(a, n) * _fixnum(d)
    _store(r, 0, n, p)
    return p >> (BITS * n)


def _mul(r: Any, a: Any, na: Any, b: Any, nb: Any) -> Any:
    _store(r, 0, na + nb, _value(a, na) * _value(b, nb))
    return NIL


def _divrem_1(q: Any, a: Any, n: Any, d: Any) -> int:
    quotient, remainder = divmod(_value(a, n), _fixnum(d))
    _store(q, 0, n, quotient)
    return remainder


def _cmp(a: Any, na: Any, b: Any, nb: Any) -> int:
    x, y = _value(a, na), _value(b, nb)
    return (x > y) - (x < y)


def _length(a: Any, n: Any) -> int:
    digits = _digits(a)
    n = _fixnum(n)
    while n and digits[n - 1] == 0:
        n -= 1
    return n


def _lshift(r: Any, roff: Any, a: Any, n: Any, count: Any) -> int:
    v = _value(a, n) << _fixnum(count)
    _store(r, roff, n, v)
    return v >> (BITS * n)


def _rshift(r: Any, a: Any, aoff: Any, n: Any, count: Any) -> Any:
    _store(r, 0, n, _value(a, n, _fixnum(aoff)) >> _fixnum(count))
    return NIL


def _divrem(q: Any, r: Any, u: Any, nu: Any, v: Any, nv: Any) -> Any:
    quotient, remainder = divmod(_value(u, nu), _value(v, nv))
    _store(q, 0, nu - nv + 1, quotient)
    _store(r, 0, nv, remainder)
    return NIL


def _gcd(a: Any, na: Any, b: Any, nb: Any) -> BignumBuilder:
    g = math.gcd(_value(a, na), _value(b, nb))
    result = BignumBuilder(-(-g.bit_length() // BITS), False)
    _store(result, 0, len(result.digits), g)
    return result


def _digit(x: Any, i: Any) -> int:
    digits = _digits(x)
    if not is_fixnum(i) or not 0 <= i < len(digits):
        raise type_error(i, f"(INTEGER 0 ({len(digits)}))")
    return digits[i]


BIGNUM_INTRINSICS: dict[str, Callable[..., Any]] = {
    "%make-bignum": lambda n, negative: BignumBuilder(_fixnum(n), negative is not NIL),
    "%bignum-finish": _finish,
    "%bignum-negative-p": lambda x: T if _negative(x) else NIL,
    "%bignum-length": lambda x: len(_digits(x)),
    "%bignum-digit": _digit,
    "%set-bignum-digit": _set_digit,
    "%bignum-normalize": _normalize,
    "%mpn-length": _length,
    "%mpn-add": _add,
    "%mpn-sub": _sub,
    "%mpn-mul-1": _mul_1,
    "%mpn-mul": _mul,
    "%mpn-divrem-1": _divrem_1,
    "%mpn-cmp": _cmp,
    "%mpn-lshift": _lshift,
    "%mpn-rshift": _rshift,
    "%mpn-divrem": _divrem,
    "%mpn-gcd": _gcd,
}
