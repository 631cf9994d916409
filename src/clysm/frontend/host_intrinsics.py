"""Python versions of the intrinsics (intrinsics.py), for the host evaluator.

The back end may assume argument types; here a wrong type is reported as a
Lisp type error instead, since macro expanders are where bugs show up first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from clysm.frontend.host_runtime import is_fixnum, lisp_eq, type_error
from clysm.frontend.intrinsics import INTRINSICS
from clysm.lisp.data import NIL, Char, Cons, LispString, Symbol, T


def _bool(x: bool) -> Symbol:
    return T if x else NIL


def _cons(x: Any) -> Cons:
    if type(x) is not Cons:
        raise type_error(x, "CONS")
    return x


def _fixnum(x: Any) -> int:
    if not is_fixnum(x):
        raise type_error(x, "FIXNUM")
    return x  # type: ignore[no-any-return]


def _rplaca(c: Any, v: Any) -> Cons:
    _cons(c).car = v
    return c  # type: ignore[no-any-return]


def _rplacd(c: Any, v: Any) -> Cons:
    _cons(c).cdr = v
    return c  # type: ignore[no-any-return]


def _code_char(code: Any) -> Char:
    if not is_fixnum(code) or not 0 <= code <= 0x10FFFF:
        raise type_error(code, "(INTEGER 0 1114111)")
    return Char.of(code)


def _char_code(c: Any) -> int:
    if type(c) is not Char:
        raise type_error(c, "CHARACTER")
    return c.code  # type: ignore[no-any-return]


def _symbol_name(s: Any) -> LispString:
    if not isinstance(s, Symbol):
        raise type_error(s, "SYMBOL")
    return LispString(s.name)


HOST_INTRINSICS: dict[str, Callable[..., Any]] = {
    "%cons": Cons,
    "%car": lambda x: _cons(x).car,
    "%cdr": lambda x: _cons(x).cdr,
    "%rplaca": _rplaca,
    "%rplacd": _rplacd,
    "%eq": lambda a, b: _bool(lisp_eq(a, b)),
    "%consp": lambda x: _bool(type(x) is Cons),
    "%symbolp": lambda x: _bool(isinstance(x, Symbol)),
    "%fixnump": lambda x: _bool(is_fixnum(x)),
    "%characterp": lambda x: _bool(type(x) is Char),
    "%stringp": lambda x: _bool(type(x) is LispString),
    "%functionp": lambda x: _bool(callable(x)),
    "%fx+": lambda a, b: _fixnum(a) + _fixnum(b),
    "%fx-": lambda a, b: _fixnum(a) - _fixnum(b),
    "%fx*": lambda a, b: _fixnum(a) * _fixnum(b),
    "%fx<": lambda a, b: _bool(_fixnum(a) < _fixnum(b)),
    "%fx<=": lambda a, b: _bool(_fixnum(a) <= _fixnum(b)),
    "%fx>": lambda a, b: _bool(_fixnum(a) > _fixnum(b)),
    "%fx>=": lambda a, b: _bool(_fixnum(a) >= _fixnum(b)),
    "%fx=": lambda a, b: _bool(_fixnum(a) == _fixnum(b)),
    "%char-code": _char_code,
    "%code-char": _code_char,
    "%symbol-name": _symbol_name,
}

assert set(HOST_INTRINSICS) == set(INTRINSICS), "every intrinsic needs a host version"
